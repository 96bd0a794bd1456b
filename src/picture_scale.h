/* picture_scale: downscaling by area averaging (a box filter over each output pixel's footprint),
 * in linear light with premultiplied alpha, fed one source row at a time so that memory stays a
 * few rows however large the source. Pixels are 0xAARRGGBB words (SDL's ARGB8888). */
#ifndef PICTURE_SCALE_H
#define PICTURE_SCALE_H

#include <stdint.h>

struct picture_scaler {
    int sw, sh, dw, dh;
    double fx, fy;          /* source pixels per output pixel, across and down */
    int *x0, *x1;           /* per output column: its first and last source column */
    float *w0, *w1;         /* their coverage (the columns between are covered whole) */
    float *lin;             /* the source row being fed, premultiplied linear: sw x 4 */
    float *row;             /* that row resampled across: dw x 4 */
    float *acc;             /* the output row being gathered: dw x 4 (premultiplied linear RGB, alpha) */
    int sy;                 /* source rows fed so far */
    int dy;                 /* output rows written so far */
    uint32_t *out;          /* dw x dh, rows pitch words apart; owned by the caller */
    int pitch;
    int opaque;             /* every source pixel fed had alpha 255 */
    float to_linear[256];   /* sRGB byte -> linear light */
    unsigned char to_srgb[4096];    /* linear light in 4096 steps -> sRGB byte */
};

/* Sets s up to scale sw x sh to dw x dh into out (pitch in pixels). Returns 0, or -1 when
 * memory runs out or a size is not positive. Release with picture_scaler_free(). */
int picture_scaler_init(struct picture_scaler *s, int sw, int sh, int dw, int dh, uint32_t *out, int pitch);

/* Feeds the next source row (sw pixels). After the sh-th row every output row is written. */
void picture_scaler_row(struct picture_scaler *s, const uint32_t *row);

void picture_scaler_free(struct picture_scaler *s);

/* Scales a whole image in one call (src pitch and dst pitch in pixels). Returns 0 or -1. */
int picture_scale(const uint32_t *src, int sw, int sh, int spitch, uint32_t *dst, int dw, int dh, int dpitch);

/* The output size for a source of sw x sh shown in a box of bw x bh with its aspect kept. */
void picture_scaled_size(int sw, int sh, int bw, int bh, int *dw, int *dh);

#endif
