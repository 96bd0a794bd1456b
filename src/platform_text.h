/* platform_text: fonts and the cache of rendered text textures, for the SDL platform layer only.
 * Static text is rasterised once and reused; the cache is bounded and can be dropped on demand. */
#ifndef PLATFORM_TEXT_H
#define PLATFORM_TEXT_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

#define PTEXT_MAX_FONTS 48
#define PTEXT_SLOTS     1024
#define PTEXT_BUDGET    (5u << 19)  /* 2.5 MiB of text pixels kept; the least recently drawn go first */

struct ptext_font { int px, bold; TTF_Font *font; };

struct ptext_slot {
    uint64_t hash;
    int px, bold, len;
    unsigned colour;        /* 0xRRGGBBAA: text is rasterised in its colour, which blits fastest */
    SDL_Texture *tex;
    int w, h;
    unsigned long used;     /* when last drawn, for eviction */
};

struct ptext {
    char face[2][1024];     /* the font files: regular, bold */
    struct ptext_font fonts[PTEXT_MAX_FONTS];
    int nfonts;
    struct ptext_slot slots[PTEXT_SLOTS];
    int nslots;
    size_t bytes;           /* pixels held by the cached textures */
    unsigned long tick, made, reused;
    struct text_measurer measurer;
};

/* Loads the two font files from assets_dir/fonts. Returns 0, or -1 with err. */
int ptext_open(struct ptext *t, const char *assets_dir, char *err, size_t errlen);
void ptext_close(struct ptext *t);

/* The texture of s at px in colour (0xRRGGBBAA), made on first use and cached; NULL if it cannot
 * be made. The texture stays owned by the cache until ptext_forget() or ptext_close(). */
SDL_Texture *ptext_texture(struct ptext *t, SDL_Renderer *r, int px, int bold, unsigned colour,
                           const char *s, int len, int *w, int *h);
/* Destroys every cached texture (the renderer changed, or a client's text must go). */
void ptext_forget(struct ptext *t);

#endif
