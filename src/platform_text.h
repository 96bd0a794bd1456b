/* platform_text: fonts, shaping and the cache of rasterised text, for the SDL platform layer only.
 * A line is itemised (shape.h) into pieces that SDL_ttf shapes with HarfBuzz in their own face,
 * script and direction and lays side by side; static text is rasterised once, as 8-bit coverage
 * (its ink, in no colour), and reused in any colour. */
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
#define PTEXT_WIDTH_WAYS 4           /* places a width may take: fewer collisions than one */
#define PTEXT_BUDGET     (3u << 19)  /* 1.5 MiB of coded coverage kept; the least recently drawn go first */
#define PTEXT_LINE_MAX   4096        /* bytes of one line measured or drawn; the rest is left out */
#define PTEXT_IDLE_FRAMES 4         /* a large face unused for as many frames is closed (2.6 MiB) */
#define PTEXT_LARGE_FACE (4LL << 20) /* a bigger font file (Noto Sans CJK: 19 MiB) is opened once and
                                        resized, not once per size: each opening costs 2.6 MiB */

/* A measurement remembered: the text is known by its hash only. */
struct ptext_width { uint64_t hash; int len, px, flags, w; unsigned kept; unsigned long used; };

/* An opened face at one size (a large face's one instance: at the size last asked for). */
struct ptext_font {
    int face, px; TTF_Font *font;
    unsigned long used;     /* the frame it last served */
    unsigned kept;          /* the keeping (ptext_keep_begin) it last served in */
};

/* A line's ink: how much of each pixel its glyphs cover (0 .. 255), in the smallest box that holds
 * every covered pixel, run-length coded row by row: most of a line's pixels are either not covered
 * or wholly covered (at 1920x1080, 69% and 18%), so it takes a third of a byte a pixel, and drawing
 * it skips or stores whole runs. Each run is a code byte: */
#define PTEXT_RUN_CLEAR     0x00    /* 00nnnnnn: n + 1 pixels no glyph covers */
#define PTEXT_RUN_FULL      0x40    /* 01nnnnnn: n + 1 pixels wholly covered */
#define PTEXT_RUN_SOME      0x80    /* 1nnnnnnn: n + 1 pixels partly covered, their n + 1 coverages follow */
#define PTEXT_RUN_SAME_MAX  64
#define PTEXT_RUN_SOME_MAX  128
struct ptext_ink {
    uint32_t *rows;         /* h + 1 offsets into runs: row y's runs end where row y + 1's begin (an
                             * uncovered end is left out); NULL when the line has no ink (spaces) */
    uint8_t *runs;          /* in the same allocation as rows */
    size_t bytes;           /* of that allocation */
    int x, y, w, h;         /* the box, from the line's left and top (y includes the face's dy) */
};

struct ptext_slot {
    uint64_t hash;
    int px, flags, len;
    int made;               /* 1 once ink is filled in (it may be empty) */
    struct ptext_ink ink;
    unsigned long used;     /* when last drawn, for eviction */
    unsigned kept;          /* the keeping (ptext_keep_begin) that last asked for it */
};

struct ptext {
    struct fonts fonts;                 /* the faces, found through fontconfig */
    struct ptext_font open[PTEXT_MAX_FONTS];
    int nopen;
    int shaping;                        /* SDL_ttf was built with HarfBuzz (Debian's is) */
    struct ptext_slot slots[PTEXT_SLOTS];
    int nslots;
    struct ptext_width widths[PTEXT_WIDTHS];    /* in sets of PTEXT_WIDTH_WAYS by hash */
    unsigned long width_tick;           /* when a width was last asked for */
    size_t bytes;                       /* coverage bytes held by the slots */
    unsigned long tick, made, reused;
    unsigned keeping;                   /* while a keeping runs, its number (never 0); else 0 */
    unsigned keepings;                  /* how many have begun */
    unsigned long frame;                /* frames shown (ptext_frame_done) */
    struct text_measurer measurer;
    /* Scratch for one line at a time; what it held of the text is zeroed after each use. */
    struct bidi_scratch bidi;
    struct shape_line line;
    char piece[PTEXT_LINE_MAX];         /* one piece, NUL-terminated for SDL_ttf */
};

/* Finds the fonts (fontconfig) and opens the primary one. Returns 0, or -1 with err. */
int ptext_open(struct ptext *t, char *err, size_t errlen);
/* The same with the fonts loading (fonts_load_begin(); taken, whatever comes of it; NULL: found now). */
int ptext_open_loaded(struct ptext *t, struct fonts_loading *loading, char *err, size_t errlen);
void ptext_close(struct ptext *t);

/* The ink of s at px, drawn with flags (text.h: TEXT_BOLD, TEXT_RTL, TEXT_LTR), rasterised on first
 * use and cached; NULL if it cannot be made. Faces with taller ascenders share the primary face's
 * baseline through ink->y. The ink stays owned by the cache, valid until the next call of this
 * function, ptext_forget() or ptext_close(). */
const struct ptext_ink *ptext_ink(struct ptext *t, int px, int flags, const char *s, int len);
/* After each frame shown: closes a large face (PTEXT_LARGE_FACE) that served no text in the last
 * PTEXT_IDLE_FRAMES frames, such as Noto Sans CJK once the language picker's "中文" is measured
 * and drawn on an English screen; it opens again when text needs it. */
void ptext_frame_done(struct ptext *t);
/* Closes every face opened (each opens again when text needs it); returns how many were open. */
int ptext_close_fonts(struct ptext *t);
/* Frees every cached ink and forgets every measurement (a client's text must go). */
void ptext_forget(struct ptext *t);
/* As ptext_forget(), but what is drawn or measured between the two calls is kept (and made if it
 * is missing): text shown after a client's details are gone, which the next client will see too;
 * and so is text drawn or measured with TEXT_PUBLIC (the content's and the wording's words, in any
 * language), while it fits PTEXT_BUDGET. Everything else, a client's own text, is wiped. */
void ptext_keep_begin(struct ptext *t);     /* also closes every large face (ptext_frame_done) */
void ptext_keep_end(struct ptext *t);

/* The pixels of s in colour (0xRRGGBBAA: the colour, the coverage times its alpha), the line's
 * whole box as SDL_ttf renders it, in a new ARGB surface the caller frees; *dy is where its top
 * is drawn from the top of the line. NULL if it cannot be made (or s is empty). */
SDL_Surface *ptext_render(struct ptext *t, int px, int flags, unsigned colour, const char *s, int len, int *dy);

/* For tests: what the cache holds of s at px with flags: PTEXT_HOLDS_INK and PTEXT_HOLDS_WIDTH bits. */
#define PTEXT_HOLDS_INK   1
#define PTEXT_HOLDS_WIDTH 2
int ptext_holds(struct ptext *t, int px, int flags, const char *s, int len);

/* How many characters of s the faces chosen to draw them have no glyph for (each would show
 * the missing-glyph box). For tests: 0 is what every name the form accepts must give. */
int ptext_missing(struct ptext *t, int flags, const char *s, int len);

#endif
