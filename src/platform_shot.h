/* platform_shot: screenshots of what an SDL renderer shows, written as PNG or compared with a
 * reference PNG pixel by pixel, for the SDL platform layer only. */
#ifndef PLATFORM_SHOT_H
#define PLATFORM_SHOT_H

#include <SDL.h>
#include <stddef.h>

/* Writes the w x h pixels r shows to a PNG file at path. Returns 0 or -1 with err. */
int pshot_save_png(SDL_Renderer *r, int w, int h, const char *path, char *err, size_t errlen);
/* The share of pixels (0..1) of what r shows that differ from the PNG at path by more than 48 in
 * any channel, or -1 with err when the file cannot be read or the sizes differ. */
double pshot_compare_png(SDL_Renderer *r, int w, int h, const char *path, char *err, size_t errlen);

#endif
