/* platform_draw: turns a frame's draw commands into pixels on an SDL renderer, for the SDL platform
 * layer only: filled and bordered rounded rectangles (corners from cached antialiased discs), text. */
#ifndef PLATFORM_DRAW_H
#define PLATFORM_DRAW_H

#include <SDL.h>

#include "frame.h"
#include "platform_text.h"

#define PDRAW_DISCS 24  /* antialiased discs kept, one per corner radius in use */

struct pdraw {
    SDL_Renderer *renderer;     /* not owned: the platform's */
    struct ptext *text;         /* not owned: the platform's text cache */
    struct { int radius; SDL_Texture *tex; } discs[PDRAW_DISCS];  /* white discs for rounded corners, drawn unscaled */
    int ndiscs;
};

/* Clears the renderer's current target to f's background and draws every command of f. */
void pdraw_frame(struct pdraw *d, const struct frame *f);
/* Destroys the cached discs (the renderer changed or is about to go). */
void pdraw_forget(struct pdraw *d);

#endif
