/* platform_imglib: SDL2_image, opened when a picture is first decoded or a golden first read, for
 * the platform layer only. The kiosk does not link it: the image libraries it pulls in (libtiff,
 * libwebp, libjpeg, and libstdc++ through libLerc) cost about 1.6 MiB of resident memory at start,
 * and the kiosk's own process never decodes a picture (kiosk-picture does). A process that links
 * it (kioskctl, kiosk-picture, the tests) gets the same library. */
#ifndef PLATFORM_IMGLIB_H
#define PLATFORM_IMGLIB_H

#include <SDL.h>

/* As IMG_Load() and IMG_LoadTyped_RW(); NULL with SDL_GetError() set, also when SDL2_image cannot
 * be opened (IMG_LoadTyped_RW then frees src when freesrc is set, as it would). */
SDL_Surface *pimglib_load(const char *path);
SDL_Surface *pimglib_load_typed_rw(SDL_RWops *src, int freesrc, const char *type);

#endif
