/* platform_draw: a frame's rectangles and text on an SDL renderer. Each pixel of a bordered
 * control is filled once; corners are quarters of antialiased discs copied unscaled. */
#include "platform_draw.h"

#include <string.h>

/* A white disc of radius rad with antialiased edges, sampled 4 x 4 per pixel. */
static SDL_Texture *make_disc(SDL_Renderer *r, int rad)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 2 * rad, 2 * rad, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Texture *t = NULL;

    if (!s)
        return NULL;
    for (int y = 0; y < 2 * rad; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < 2 * rad; x++) {
            int inside = 0;
            for (int sy = 0; sy < 4; sy++)
                for (int sx = 0; sx < 4; sx++) {
                    float dx = x + (sx + 0.5f) / 4 - rad, dy = y + (sy + 0.5f) / 4 - rad;
                    inside += dx * dx + dy * dy <= (float)rad * rad;
                }
            row[x] = ((Uint32)(inside * 255 / 16) << 24) | 0xFFFFFF;
        }
    }
    t = SDL_CreateTextureFromSurface(r, s);
    SDL_FreeSurface(s);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    return t;
}

void pdraw_forget(struct pdraw *d)
{
    for (int i = 0; i < d->ndiscs; i++)
        SDL_DestroyTexture(d->discs[i].tex);
    d->ndiscs = 0;
}

/* The disc for corners of radius rad, made on first use (copying it unscaled is the fast path). */
static SDL_Texture *disc(struct pdraw *d, int rad)
{
    SDL_Texture *t;

    for (int i = 0; i < d->ndiscs; i++)
        if (d->discs[i].radius == rad)
            return d->discs[i].tex;
    if (d->ndiscs == PDRAW_DISCS)
        pdraw_forget(d);
    t = make_disc(d->renderer, rad);
    if (t) {
        d->discs[d->ndiscs].radius = rad;
        d->discs[d->ndiscs++].tex = t;
    }
    return t;
}

static void set_colour(SDL_Renderer *r, SDL_Texture *t, unsigned c)
{
    Uint8 R = (Uint8)(c >> 24), G = (Uint8)(c >> 16), B = (Uint8)(c >> 8), A = (Uint8)c;

    if (t) {
        SDL_SetTextureColorMod(t, R, G, B);
        SDL_SetTextureAlphaMod(t, A);
    } else {
        SDL_SetRenderDrawBlendMode(r, A == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(r, R, G, B, A);
    }
}

/* rad clamped so that two corners fit each side of b. */
static int fit_radius(SDL_Rect b, int rad)
{
    if (rad > b.w / 2)
        rad = b.w / 2;
    if (rad > b.h / 2)
        rad = b.h / 2;
    return rad > 0 ? rad : 0;
}

/* The four corner quarters of a disc of radius rad at the corners of b. */
static void corners(struct pdraw *d, SDL_Rect b, int rad, unsigned colour)
{
    SDL_Texture *t = rad > 0 ? disc(d, rad) : NULL;

    if (!t)
        return;
    set_colour(d->renderer, t, colour);
    const SDL_Rect src[4] = { { 0, 0, rad, rad }, { rad, 0, rad, rad }, { 0, rad, rad, rad }, { rad, rad, rad, rad } };
    const SDL_Rect dst[4] = { { b.x, b.y, rad, rad }, { b.x + b.w - rad, b.y, rad, rad },
                              { b.x, b.y + b.h - rad, rad, rad }, { b.x + b.w - rad, b.y + b.h - rad, rad, rad } };
    for (int i = 0; i < 4; i++)
        SDL_RenderCopy(d->renderer, t, &src[i], &dst[i]);
}

/* The inside of a rounded rectangle between its corners: a column down the middle and two beside. */
static void body(struct pdraw *d, SDL_Rect b, int rad, unsigned colour)
{
    SDL_Rect parts[3] = { { b.x + rad, b.y, b.w - 2 * rad, b.h }, { b.x, b.y + rad, rad, b.h - 2 * rad },
                          { b.x + b.w - rad, b.y + rad, rad, b.h - 2 * rad } };

    set_colour(d->renderer, NULL, colour);
    SDL_RenderFillRects(d->renderer, parts, rad > 0 ? 3 : 1);
}

static void fill_rounded(struct pdraw *d, SDL_Rect b, int radius, unsigned colour)
{
    int rad;

    if (b.w <= 0 || b.h <= 0)
        return;
    rad = fit_radius(b, radius);
    body(d, b, rad, colour);
    corners(d, b, rad, colour);
}

/* A rounded rectangle with a border bw wide. Each pixel is filled once: the border as four strips
 * and two discs at each corner, not a border-coloured rectangle under a smaller filled one. */
static void bordered_rounded(struct pdraw *d, SDL_Rect b, int radius, int bw, unsigned fill, unsigned border)
{
    SDL_Rect in = { b.x + bw, b.y + bw, b.w - 2 * bw, b.h - 2 * bw };
    int rad = fit_radius(b, radius);

    if (in.w <= 0 || in.h <= 0 || rad <= bw) {
        fill_rounded(d, b, rad, border);
        fill_rounded(d, in, rad - bw, fill);
        return;
    }
    SDL_Rect strips[4] = { { b.x + rad, b.y, b.w - 2 * rad, bw }, { b.x + rad, b.y + b.h - bw, b.w - 2 * rad, bw },
                           { b.x, b.y + rad, bw, b.h - 2 * rad }, { b.x + b.w - bw, b.y + rad, bw, b.h - 2 * rad } };
    set_colour(d->renderer, NULL, border);
    SDL_RenderFillRects(d->renderer, strips, 4);
    corners(d, b, rad, border);
    body(d, in, rad - bw, fill);
    corners(d, in, rad - bw, fill);
}

static void draw_cmd(struct pdraw *d, const struct draw_cmd *c)
{
    SDL_Rect b = { c->r.x, c->r.y, c->r.w, c->r.h };

    if (c->kind == DRAW_RECT) {
        if (c->border_px > 0)
            bordered_rounded(d, b, c->radius, c->border_px, c->colour, c->border_colour);
        else
            fill_rounded(d, b, c->radius, c->colour);
        return;
    }
    int w, h;
    SDL_Texture *t = ptext_texture(d->text, d->renderer, c->font_px, c->bold, c->colour, c->text, c->len, &w, &h);
    if (!t)
        return;
    SDL_Rect dst = { c->r.x, c->r.y, w, h };
    SDL_RenderCopy(d->renderer, t, NULL, &dst);
}

void pdraw_frame(struct pdraw *d, const struct frame *f)
{
    SDL_Renderer *r = d->renderer;
    struct rect clip = { 0, 0, 0, 0 };

    SDL_RenderSetClipRect(r, NULL);
    set_colour(r, NULL, f->background | 0xFF);
    SDL_RenderClear(r);
    for (int i = 0; i < f->ncmds; i++) {
        const struct draw_cmd *c = &f->cmds[i];
        if (memcmp(&c->clip, &clip, sizeof clip) != 0) {
            SDL_Rect sc = { c->clip.x, c->clip.y, c->clip.w, c->clip.h };
            SDL_RenderSetClipRect(r, c->clip.w ? &sc : NULL);
            clip = c->clip;
        }
        draw_cmd(d, c);
    }
    SDL_RenderSetClipRect(r, NULL);
}
