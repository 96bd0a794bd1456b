/* platform_shot: screenshots of the screen's pixels, written as PNG (libdeflate's fastest level)
 * or compared with a reference PNG pixel by pixel, for the SDL platform layer only. */
#ifndef PLATFORM_SHOT_H
#define PLATFORM_SHOT_H

#include <SDL.h>
#include <stddef.h>

/* What one shot needs and the next uses again: the compressor and the buffers for the image data
 * before and after compression (6 MiB at 1280x800, whose pages a fresh allocation would fault in
 * again for each shot). Zero-initialised; released by pshot_free(). */
struct pshot {
    struct libdeflate_compressor *z;
    unsigned char *raw, *packed;
    size_t rawcap, packedcap;
};

/* Writes the pixels of s (32-bit XRGB or ARGB) to a PNG file at path, as 8-bit RGB, as a new file
 * (one there before is replaced). Returns 0 or -1 with err. */
int pshot_save_png(struct pshot *ps, SDL_Surface *s, const char *path, char *err, size_t errlen);
/* Releases what ps holds, the last image's pixels wiped. */
void pshot_free(struct pshot *ps);
/* The share of pixels (0..1) of s that differ from the PNG at path by more than 48 in any
 * channel, or -1 with err when the file cannot be read or the sizes differ. */
double pshot_compare_png(SDL_Surface *s, const char *path, char *err, size_t errlen);

#endif
