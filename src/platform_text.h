/* platform_text: fonts, shaping and the cache of rendered text textures, for the SDL platform layer only.
 * A line is itemised (shape.h) into pieces that SDL_ttf shapes with HarfBuzz in their own face,
 * script and direction and lays side by side; static text is rasterised once and reused. */
#ifndef PLATFORM_TEXT_H
#define PLATFORM_TEXT_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stddef.h>
#include <stdint.h>

#include "bidi.h"
#include "fonts.h"
#include "shape.h"
#include "text.h"

#define PTEXT_MAX_FONTS  48
#define PTEXT_SLOTS      1024
#define PTEXT_WIDTHS     2048        /* measured widths remembered (shaping Arabic or Chinese costs
                                        about 2 us a character, and layout asks again every frame) */
#define PTEXT_BUDGET     (5u << 19)  /* 2.5 MiB of text pixels kept; the least recently drawn go first */
#define PTEXT_LINE_MAX   4096        /* bytes of one line measured or drawn; the rest is left out */
#define PTEXT_IDLE_FRAMES 4         /* a large face unused for as many frames is closed (2.6 MiB) */
#define PTEXT_LARGE_FACE (4LL << 20) /* a bigger font file (Noto Sans CJK: 19 MiB) is opened once and
                                        resized, not once per size: each opening costs 2.6 MiB */

/* A measurement remembered: the text is known by its hash only. */
struct ptext_width { uint64_t hash; int len, px, flags, w; };

/* An opened face at one size (a large face's one instance: at the size last asked for). */
struct ptext_font { int face, px; TTF_Font *font; unsigned long used; /* the frame it last served */ };

struct ptext_slot {
    uint64_t hash;
    int px, flags, len;
    unsigned colour;        /* 0xRRGGBBAA: text is rasterised in its colour, which blits fastest */
    SDL_Texture *tex;
    int w, h;
    int dy;                 /* where the texture's top is drawn, from the top of the line */
    unsigned long used;     /* when last drawn, for eviction */
};

struct ptext {
    struct fonts fonts;                 /* the faces, found through fontconfig */
    struct ptext_font open[PTEXT_MAX_FONTS];
    int nopen;
    int shaping;                        /* SDL_ttf was built with HarfBuzz (Debian's is) */
    struct ptext_slot slots[PTEXT_SLOTS];
    int nslots;
    struct ptext_width widths[PTEXT_WIDTHS];    /* direct-mapped by hash */
    size_t bytes;                       /* pixels held by the cached textures */
    unsigned long tick, made, reused;
    unsigned long frame;                /* frames shown (ptext_frame_done) */
    struct text_measurer measurer;
    /* Scratch for one line at a time; what it held of the text is zeroed after each use. */
    struct bidi_scratch bidi;
    struct shape_line line;
    char piece[PTEXT_LINE_MAX];         /* one piece, NUL-terminated for SDL_ttf */
};

/* Finds the fonts (fontconfig) and opens the primary one. Returns 0, or -1 with err. */
int ptext_open(struct ptext *t, char *err, size_t errlen);
void ptext_close(struct ptext *t);

/* The texture of s at px in colour (0xRRGGBBAA), drawn with flags (text.h: TEXT_BOLD, TEXT_RTL,
 * TEXT_LTR), made on first use and cached; NULL if it cannot be made. Draw it at the line's top
 * plus *dy: faces with taller ascenders share the primary face's baseline that way. The texture
 * stays owned by the cache until ptext_forget() or ptext_close(). */
SDL_Texture *ptext_texture(struct ptext *t, SDL_Renderer *r, int px, int flags, unsigned colour,
                           const char *s, int len, int *w, int *h, int *dy);
/* After each frame shown: closes a large face (PTEXT_LARGE_FACE) that served no text in the last
 * PTEXT_IDLE_FRAMES frames, such as Noto Sans CJK once the language picker's "中文" is measured
 * and drawn on an English screen; it opens again when text needs it. */
void ptext_frame_done(struct ptext *t);
/* Destroys every cached texture and forgets every measurement (the renderer changed, or a
 * client's text must go). */
void ptext_forget(struct ptext *t);

/* The pixels of s as ptext_texture() would show them, in a new surface the caller frees, with
 * *dy as there; NULL if it cannot be made (or s is empty). */
SDL_Surface *ptext_render(struct ptext *t, int px, int flags, unsigned colour, const char *s, int len, int *dy);

/* How many characters of s the faces chosen to draw them have no glyph for (each would show
 * the missing-glyph box). For tests: 0 is what every name the form accepts must give. */
int ptext_missing(struct ptext *t, int flags, const char *s, int len);

#endif
