/* platform_imglib: SDL2_image through dlopen (see platform_imglib.h). */
#include "platform_imglib.h"

#include <SDL_image.h>
#include <dlfcn.h>

#define IMGLIB_SONAME "libSDL2_image-2.0.so.0"

static struct {
    int tried;
    __typeof__(&IMG_Load) load;
    __typeof__(&IMG_LoadTyped_RW) load_typed_rw;
} lib;

/* Opens the library once; 0, or -1 with SDL's error set. */
static int opened(void)
{
    if (!lib.tried) {
        void *h = dlopen(IMGLIB_SONAME, RTLD_NOW | RTLD_LOCAL);
        lib.tried = 1;
        if (h) {
            *(void **)&lib.load = dlsym(h, "IMG_Load");
            *(void **)&lib.load_typed_rw = dlsym(h, "IMG_LoadTyped_RW");
        }
        if (!lib.load || !lib.load_typed_rw) {
            lib.load = NULL;
            lib.load_typed_rw = NULL;
        }
    }
    if (!lib.load) {
        const char *why = dlerror();
        SDL_SetError("cannot open %s: %s", IMGLIB_SONAME, why ? why : "it lacks IMG_Load");
        return -1;
    }
    return 0;
}

SDL_Surface *pimglib_load(const char *path)
{
    return opened() == 0 ? lib.load(path) : NULL;
}

SDL_Surface *pimglib_load_typed_rw(SDL_RWops *src, int freesrc, const char *type)
{
    if (opened() == 0)
        return lib.load_typed_rw(src, freesrc, type);
    if (freesrc)
        SDL_RWclose(src);
    return NULL;
}
