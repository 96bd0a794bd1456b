/* picture_scale: area averaging. Each output pixel is the mean of the source area it covers,
 * partly covered source pixels counted by the share covered; colours are averaged as light
 * (linear, not sRGB-encoded) and weighted by their alpha, so that edges neither darken nor fringe. */
#include "picture_scale.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static float srgb_to_linear(double c)
{
    return (float)(c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4));
}

static double linear_to_srgb(double l)
{
    return l <= 0.0031308 ? l * 12.92 : 1.055 * pow(l, 1 / 2.4) - 0.055;
}

void picture_scaled_size(int sw, int sh, int bw, int bh, int *dw, int *dh)
{
    if (sw <= 0 || sh <= 0 || bw <= 0 || bh <= 0) {
        *dw = *dh = 1;
        return;
    }
    if ((long long)bw * sh <= (long long)bh * sw) {
        *dw = bw;
        *dh = (int)((long long)bw * sh / sw);
    } else {
        *dh = bh;
        *dw = (int)((long long)bh * sw / sh);
    }
    if (*dw < 1)
        *dw = 1;
    if (*dh < 1)
        *dh = 1;
}

void picture_scaler_free(struct picture_scaler *s)
{
    free(s->x0);
    free(s->x1);
    free(s->w0);
    free(s->w1);
    free(s->lin);
    free(s->row);
    free(s->acc);
    memset(s, 0, sizeof *s);
}

int picture_scaler_init(struct picture_scaler *s, int sw, int sh, int dw, int dh, uint32_t *out, int pitch)
{
    memset(s, 0, sizeof *s);
    if (sw <= 0 || sh <= 0 || dw <= 0 || dh <= 0 || pitch < dw)
        return -1;
    s->sw = sw;
    s->sh = sh;
    s->dw = dw;
    s->dh = dh;
    s->fx = (double)sw / dw;
    s->fy = (double)sh / dh;
    s->out = out;
    s->pitch = pitch;
    s->opaque = 1;
    s->x0 = malloc(sizeof *s->x0 * (size_t)dw);
    s->x1 = malloc(sizeof *s->x1 * (size_t)dw);
    s->w0 = malloc(sizeof *s->w0 * (size_t)dw);
    s->w1 = malloc(sizeof *s->w1 * (size_t)dw);
    s->lin = malloc(sizeof *s->lin * 4 * (size_t)sw);
    s->row = malloc(sizeof *s->row * 4 * (size_t)dw);
    s->acc = calloc(4 * (size_t)dw, sizeof *s->acc);
    if (!s->x0 || !s->x1 || !s->w0 || !s->w1 || !s->lin || !s->row || !s->acc) {
        picture_scaler_free(s);
        return -1;
    }
    for (int i = 0; i < 256; i++)
        s->to_linear[i] = srgb_to_linear(i / 255.0);
    for (int i = 0; i < 4096; i++) {
        long v = lround(linear_to_srgb(i / 4095.0) * 255.0);
        s->to_srgb[i] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
    for (int x = 0; x < dw; x++) {
        /* Output column x covers source columns [a, b). */
        double a = (double)x * sw / dw, b = (double)(x + 1) * sw / dw;
        int x0 = (int)floor(a), x1 = (int)ceil(b) - 1;
        if (x1 >= sw)
            x1 = sw - 1;
        if (x1 < x0)
            x1 = x0;
        s->x0[x] = x0;
        s->x1[x] = x1;
        if (x1 == x0) {
            s->w0[x] = (float)(b - a);
            s->w1[x] = 0;
        } else {
            s->w0[x] = (float)(x0 + 1 - a);
            s->w1[x] = (float)(b - x1);
        }
    }
    return 0;
}

/* Writes output row s->dy from the accumulator and empties it. */
static void emit(struct picture_scaler *s)
{
    uint32_t *o = s->out + (size_t)s->dy * (size_t)s->pitch;
    float area = (float)(s->fx * s->fy);

    for (int x = 0; x < s->dw; x++) {
        float *p = s->acc + 4 * x;
        float a = p[3] / area;
        uint32_t px = 0;

        if (a > 1.0f / 512) {
            unsigned A = (unsigned)lroundf((a > 1 ? 1 : a) * 255.0f), c[3];
            for (int k = 0; k < 3; k++) {
                float l = p[k] / p[3];
                int i = (int)(l * 4095.0f + 0.5f);
                c[k] = s->to_srgb[i < 0 ? 0 : i > 4095 ? 4095 : i];
            }
            px = (uint32_t)A << 24 | (uint32_t)c[0] << 16 | (uint32_t)c[1] << 8 | c[2];
        }
        o[x] = px;
        p[0] = p[1] = p[2] = p[3] = 0;
    }
    s->dy++;
}

void picture_scaler_row(struct picture_scaler *s, const uint32_t *src)
{
    float *lin = s->lin;
    double top = s->sy, bottom = s->sy + 1.0;

    if (s->sy >= s->sh)
        return;
    for (int x = 0; x < s->sw; x++) {
        uint32_t px = src[x];
        unsigned A = px >> 24;
        float a = A / 255.0f;
        if (A != 255)
            s->opaque = 0;
        lin[4 * x + 0] = s->to_linear[(px >> 16) & 0xFF] * a;
        lin[4 * x + 1] = s->to_linear[(px >> 8) & 0xFF] * a;
        lin[4 * x + 2] = s->to_linear[px & 0xFF] * a;
        lin[4 * x + 3] = a;
    }
    for (int x = 0; x < s->dw; x++) {
        const float *p0 = lin + 4 * s->x0[x], *p1 = lin + 4 * s->x1[x];
        float *r = s->row + 4 * x, w0 = s->w0[x], w1 = s->w1[x];
        for (int k = 0; k < 4; k++)
            r[k] = p0[k] * w0 + (s->x1[x] > s->x0[x] ? p1[k] * w1 : 0);
        for (const float *p = p0 + 4; p < p1; p += 4)
            for (int k = 0; k < 4; k++)
                r[k] += p[k];
    }
    while (s->dy < s->dh) {
        /* Output row dy covers source rows [y0, y1). */
        double y0 = (double)s->dy * s->sh / s->dh, y1 = (double)(s->dy + 1) * s->sh / s->dh;
        double lo = y0 > top ? y0 : top, hi = y1 < bottom ? y1 : bottom;
        if (hi > lo) {
            float w = (float)(hi - lo);
            for (int i = 0; i < 4 * s->dw; i++)
                s->acc[i] += s->row[i] * w;
        }
        if (y1 > bottom + 1e-9)
            break;
        emit(s);
    }
    s->sy++;
}

int picture_scale(const uint32_t *src, int sw, int sh, int spitch, uint32_t *dst, int dw, int dh, int dpitch)
{
    struct picture_scaler s;

    if (picture_scaler_init(&s, sw, sh, dw, dh, dst, dpitch) != 0)
        return -1;
    for (int y = 0; y < sh; y++)
        picture_scaler_row(&s, src + (size_t)y * (size_t)spitch);
    picture_scaler_free(&s);
    return 0;
}
