/* platform_shot: PNG screenshots, and their comparison with a reference read through SDL2_image.
 * A shot is for a person and a test to look at, not to archive, and every golden, README
 * screenshot and visual test pays for it: the pixels go unfiltered through libdeflate's fastest
 * level, whose zlib stream this file wraps in the three chunks a PNG needs (IHDR, IDAT, IEND; see
 * the PNG specification, section 5). A 1280x800 shot takes a few milliseconds rather than 55,
 * and is smaller than libpng's at zlib level 6. Goldens are compared by pixels, never by bytes. */
#include "platform_shot.h"

#include "platform_imglib.h"

#include <errno.h>
#include <libdeflate.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Writes one chunk: length, type, data, and the CRC-32 of type and data. Returns 0 or -1. */
static int chunk(FILE *f, const char type[4], const uint8_t *data, size_t len)
{
    uint8_t head[8], tail[4];
    uint32_t crc;

    put32(head, (uint32_t)len);
    memcpy(head + 4, type, 4);
    crc = libdeflate_crc32(0, head + 4, 4);
    if (len > 0)    /* libdeflate_crc32(crc, NULL, 0) starts again at 0 */
        crc = libdeflate_crc32(crc, data, len);
    put32(tail, crc);
    return fwrite(head, 1, 8, f) == 8 && (len == 0 || fwrite(data, 1, len, f) == len) &&
           fwrite(tail, 1, 4, f) == 4 ? 0 : -1;
}

/* The rows of s as a PNG's image data before compression: each row a filter byte (0, none)
 * then R, G, B for each pixel. */
static void raw_rows(const SDL_Surface *s, uint8_t *raw)
{
    for (int y = 0; y < s->h; y++) {
        const uint32_t *px = (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch);
        uint8_t *out = raw + (size_t)y * (1 + 3 * (size_t)s->w);
        int x = 0;

        *out++ = 0;
        /* Four pixels at a time: XRGB words into RGB bytes, three big-endian-ordered words out. */
        for (; x + 4 <= s->w; x += 4, out += 12) {
            uint32_t a = px[x], b = px[x + 1], c = px[x + 2], d = px[x + 3];
            uint8_t t[12] = {
                (uint8_t)(a >> 16), (uint8_t)(a >> 8), (uint8_t)a, (uint8_t)(b >> 16), (uint8_t)(b >> 8), (uint8_t)b,
                (uint8_t)(c >> 16), (uint8_t)(c >> 8), (uint8_t)c, (uint8_t)(d >> 16), (uint8_t)(d >> 8), (uint8_t)d,
            };
            memcpy(out, t, sizeof t);
        }
        for (; x < s->w; x++, out += 3) {
            uint32_t v = px[x];
            out[0] = (uint8_t)(v >> 16);
            out[1] = (uint8_t)(v >> 8);
            out[2] = (uint8_t)v;
        }
    }
}

/* Makes *buf at least len bytes long. Returns 0 or -1. */
static int room(unsigned char **buf, size_t *cap, size_t len)
{
    unsigned char *b;

    if (*cap >= len)
        return 0;
    b = malloc(len);
    if (!b)
        return -1;
    if (*buf)
        sodium_memzero(*buf, *cap);
    free(*buf);
    *buf = b;
    *cap = len;
    return 0;
}

int pshot_save_png(struct pshot *ps, SDL_Surface *s, const char *path, char *err, size_t errlen)
{
    static const uint8_t signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    uint8_t ihdr[13];
    size_t rawlen, bound, packedlen = 0;
    FILE *f = NULL;
    int rc = -1;

    if (!s || s->format->BytesPerPixel != 4 || SDL_MUSTLOCK(s)) {
        snprintf(err, errlen, "cannot write '%s': no 32-bit screen to read", path);
        return -1;
    }
    rawlen = (1 + 3 * (size_t)s->w) * (size_t)s->h;
    if (!ps->z)
        ps->z = libdeflate_alloc_compressor(1);
    bound = ps->z ? libdeflate_zlib_compress_bound(ps->z, rawlen) : 0;
    if (!ps->z || room(&ps->raw, &ps->rawcap, rawlen) != 0 || room(&ps->packed, &ps->packedcap, bound) != 0) {
        snprintf(err, errlen, "cannot write '%s': out of memory", path);
        return -1;
    }
    raw_rows(s, ps->raw);
    packedlen = libdeflate_zlib_compress(ps->z, ps->raw, rawlen, ps->packed, bound);
    put32(ihdr, (uint32_t)s->w);
    put32(ihdr + 4, (uint32_t)s->h);
    memcpy(ihdr + 8, "\x08\x02\x00\x00\x00", 5);  /* 8 bits, RGB, deflate, no filter choice, not interlaced */
    /* A new file, not the old one truncated: ext4 writes out a file truncated and written again as
     * it is closed (auto_da_alloc), so a replay writing a shot again would wait for the disk. */
    if (remove(path) != 0 && errno != ENOENT) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    if (packedlen == 0 || fwrite(signature, 1, 8, f) != 8 || chunk(f, "IHDR", ihdr, sizeof ihdr) != 0 ||
        chunk(f, "IDAT", ps->packed, packedlen) != 0 || chunk(f, "IEND", NULL, 0) != 0 || fflush(f) != 0)
        snprintf(err, errlen, "cannot write '%s': %s", path, packedlen ? strerror(errno) : "compression failed");
    else
        rc = 0;
    if (fclose(f) != 0 && rc == 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        rc = -1;
    }
    if (rc != 0)
        remove(path);
    return rc;
}

void pshot_free(struct pshot *ps)
{
    if (ps->raw)
        sodium_memzero(ps->raw, ps->rawcap);    /* a screen's pixels: they may show what a client typed */
    free(ps->raw);
    free(ps->packed);
    libdeflate_free_compressor(ps->z);
    memset(ps, 0, sizeof *ps);
}


double pshot_compare_png(SDL_Surface *s, const char *path, char *err, size_t errlen)
{
    SDL_Surface *file = NULL, *ref = NULL, *now = NULL;
    double share = -1;
    long differ = 0;

    if (!s) {
        snprintf(err, errlen, "no screen to compare with '%s'", path);
        return -1;
    }
    file = pimglib_load(path);
    if (!file) {
        snprintf(err, errlen, "cannot read '%s': %s", path, SDL_GetError());
        goto out;
    }
    ref = SDL_ConvertSurfaceFormat(file, SDL_PIXELFORMAT_ARGB8888, 0);
    now = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    if (!ref || !now || ref->w != now->w || ref->h != now->h) {
        snprintf(err, errlen, "'%s' is %dx%d, the screen %dx%d", path, file->w, file->h, s->w, s->h);
        goto out;
    }
    for (int y = 0; y < now->h; y++) {
        const Uint8 *a = (const Uint8 *)now->pixels + y * now->pitch;
        const Uint8 *b = (const Uint8 *)ref->pixels + y * ref->pitch;
        for (int x = 0; x < now->w * 4; x += 4)
            for (int ch = 0; ch < 3; ch++)
                if (abs(a[x + ch] - b[x + ch]) > 48) {
                    differ++;
                    break;
                }
    }
    share = (double)differ / ((double)now->w * now->h);
out:
    SDL_FreeSurface(now);
    SDL_FreeSurface(file);
    SDL_FreeSurface(ref);
    return share;
}
