/* platform_shot: PNG screenshots through SDL2_image, and their comparison with a reference. */
#include "platform_shot.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

/* The pixels on screen now, in a new surface the caller frees. */
static SDL_Surface *read_back(SDL_Renderer *r, int w, int h, char *err, size_t errlen)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);

    if (!s || SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0) {
        snprintf(err, errlen, "cannot read the screen: %s", SDL_GetError());
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}

int pshot_save_png(SDL_Renderer *r, int w, int h, const char *path, char *err, size_t errlen)
{
    SDL_Surface *s = read_back(r, w, h, err, errlen);
    int rc = -1;

    if (!s)
        return -1;
    if (IMG_SavePNG(s, path) != 0)
        snprintf(err, errlen, "cannot write '%s': %s", path, IMG_GetError());
    else
        rc = 0;
    SDL_FreeSurface(s);
    return rc;
}

double pshot_compare_png(SDL_Renderer *r, int w, int h, const char *path, char *err, size_t errlen)
{
    SDL_Surface *now = read_back(r, w, h, err, errlen), *file = NULL, *ref = NULL;
    double share = -1;
    long differ = 0;

    if (!now)
        return -1;
    file = IMG_Load(path);
    if (!file) {
        snprintf(err, errlen, "cannot read '%s': %s", path, IMG_GetError());
        goto out;
    }
    ref = SDL_ConvertSurfaceFormat(file, SDL_PIXELFORMAT_ARGB8888, 0);
    if (!ref || ref->w != now->w || ref->h != now->h) {
        snprintf(err, errlen, "'%s' is %dx%d, the screen %dx%d", path, file->w, file->h, now->w, now->h);
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
