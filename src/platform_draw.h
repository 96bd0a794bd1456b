/* platform_draw: turns a frame's draw commands into pixels on a canvas the platform owns, for the
 * SDL platform layer only. Rectangles, rounded corners and text (platform_text's cached coverage,
 * blended in the text's colour) are drawn by this file's own loops. Only what
 * changed since the frame before is drawn again (damage), and reported, so that only that is shown. */
#ifndef PLATFORM_DRAW_H
#define PLATFORM_DRAW_H

#include <SDL.h>
#include <stdint.h>

#include "frame.h"
#include "platform_text.h"

#define PDRAW_DISCS   24    /* corner masks kept, one per corner radius in use */
#define PDRAW_DAMAGE  16    /* rectangles of damage at most; more are joined into one */
#define PDRAW_MAX_SIDE 8192 /* the tallest canvas whose background is filled row by row (taller: whole) */

/* What a draw command looked like, to tell whether the next frame's differs. No text is kept,
 * only a hash of it: the text may be what a client typed. */
struct pdraw_mark {
    struct rect box;        /* the pixels it may touch: its rectangle within its clip */
    uint64_t hash;          /* of every field that decides its pixels */
};

struct pimage;

struct pdraw {
    SDL_Surface *canvas;        /* not owned: 32-bit XRGB or ARGB pixels the frame is drawn on */
    struct pimage *images;      /* not owned: the content's pictures (platform_image.c); may be NULL */
    SDL_Renderer *renderer;     /* not owned: SDL's software renderer on canvas, for pictures (what it
                                 * queued is flushed before this file draws) */
    struct ptext *text;         /* not owned: the platform's text cache */
    struct { int radius; uint8_t *cover; } discs[PDRAW_DISCS];  /* quarter-disc coverage, radius^2 bytes */
    int ndiscs;
    /* The frame on the canvas now. valid is 0 until one is drawn, or after pdraw_invalidate(). */
    struct pdraw_mark marks[FRAME_MAX_CMDS];
    int nmarks;
    unsigned background;
    int w, h, valid;
};

/* Draws f on d->canvas (of f's size), only where it differs from the frame drawn before, and
 * fills damage[] with the rectangles that changed (at most PDRAW_DAMAGE). Returns how many. */
int pdraw_frame(struct pdraw *d, const struct frame *f, struct rect *damage);
/* The next frame is drawn whole (the canvas or the renderer changed, or the screen was exposed). */
void pdraw_invalidate(struct pdraw *d);
/* Frees the corner masks. */
void pdraw_forget(struct pdraw *d);

#endif
