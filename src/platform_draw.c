/* platform_draw: a frame's rectangles and text on the platform's canvas, redrawn only where the
 * frame changed. Fills are plain stores into the canvas, each pixel of a bordered control filled
 * once; rounded corners blend a cached quarter-disc coverage mask, and text its line's cached ink
 * (platform_text.c), in the command's colour. Each command draws inside its box (see mark_of), so a command that did not
 * change cannot have touched pixels outside the boxes of those that did. */
#include "platform_draw.h"

#include "platform_image.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- pixels */

/* v / 255, rounded, for v in 0 .. 255 * 255. */
static inline uint32_t div255(uint32_t v)
{
    v += 128;
    return (v + (v >> 8)) >> 8;
}

/* The canvas pixel of an opaque 0xRRGGBBAA colour (the canvas is XRGB or ARGB: alpha set). */
static inline uint32_t pixel_of(unsigned colour)
{
    return 0xFF000000u | (colour >> 8);
}

/* dst seen through colour rgb (canvas layout) covering a of 255: each channel
 * div255(rgb * a + dst * (255 - a)), red and blue side by side in one multiply, as green. */
static inline uint32_t blend(uint32_t dst, uint32_t rgb, uint32_t a)
{
    uint32_t na = 255 - a;
    uint32_t rb = (rgb & 0xFF00FFu) * a + (dst & 0xFF00FFu) * na + 0x800080u;
    uint32_t g = ((rgb >> 8) & 0xFFu) * a + ((dst >> 8) & 0xFFu) * na + 0x80u;

    rb = ((rb + ((rb >> 8) & 0xFF00FFu)) >> 8) & 0xFF00FFu;
    g = ((g + (g >> 8)) >> 8) & 0xFFu;
    return 0xFF000000u | rb | g << 8;
}

static inline uint32_t *row_at(SDL_Surface *s, int y)
{
    return (uint32_t *)((uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch);
}

static struct rect intersect(struct rect a, struct rect b)
{
    struct rect r = rect_intersect(a, b);

    if (r.w <= 0 || r.h <= 0)
        r.w = r.h = 0;
    return r;
}

/* Fills r (within clip) with colour (0xRRGGBBAA): plain stores when opaque, else blended. */
static void fill(SDL_Surface *s, struct rect r, unsigned colour, struct rect clip)
{
    uint32_t a = colour & 0xFF, px = pixel_of(colour);

    r = intersect(r, clip);
    if (r.w == 0 || a == 0)
        return;
    if (a == 255) {
        /* one row of stores, then copies of it: libc's memcpy moves the most bytes a cycle */
        uint32_t *first = row_at(s, r.y) + r.x;
        for (int x = 0; x < r.w; x++)
            first[x] = px;
        for (int y = r.y + 1; y < r.y + r.h; y++)
            memcpy(row_at(s, y) + r.x, first, (size_t)r.w * 4);
        return;
    }
    for (int y = r.y; y < r.y + r.h; y++) {
        uint32_t *p = row_at(s, y) + r.x;
        for (int x = 0; x < r.w; x++)
            p[x] = blend(p[x], px, a);
    }
}

/* ---------------------------------------------------------------- corners */

/* The coverage (0..255) of each pixel of a disc's top-left quarter, radius rad, sampled 4 x 4 per
 * pixel, rad * rad bytes, then for each row where its partly covered pixels begin and where its
 * wholly covered ones do (a row goes from uncovered to covered: the disc is convex), two bytes
 * each; the caller frees it. The disc is symmetric, so the other quarters mirror it. */
static uint8_t *make_cover(int rad)
{
    uint8_t *c = malloc((size_t)rad * (size_t)rad + (size_t)rad * 4);

    if (!c)
        return NULL;
    for (int y = 0; y < rad; y++)
        for (int x = 0; x < rad; x++) {
            int inside = 0;
            for (int sy = 0; sy < 4; sy++)
                for (int sx = 0; sx < 4; sx++) {
                    float dx = x + (sx + 0.5f) / 4 - rad, dy = y + (sy + 0.5f) / 4 - rad;
                    inside += dx * dx + dy * dy <= (float)rad * rad;
                }
            c[y * rad + x] = (uint8_t)(inside * 255 / 16);
        }
    for (int y = 0; y < rad; y++) {
        uint16_t span[2] = { 0, 0 };
        while (span[0] < rad && c[y * rad + span[0]] == 0)
            span[0]++;
        span[1] = span[0];
        while (span[1] < rad && c[y * rad + span[1]] != 255)
            span[1]++;
        memcpy(c + (size_t)rad * (size_t)rad + (size_t)y * 4, span, sizeof span);
    }
    return c;
}

void pdraw_forget(struct pdraw *d)
{
    for (int i = 0; i < d->ndiscs; i++)
        free(d->discs[i].cover);
    d->ndiscs = 0;
}

/* The coverage mask for corners of radius rad, made on first use; NULL when out of memory. */
static const uint8_t *cover(struct pdraw *d, int rad)
{
    uint8_t *c;

    for (int i = 0; i < d->ndiscs; i++)
        if (d->discs[i].radius == rad)
            return d->discs[i].cover;
    if (d->ndiscs == PDRAW_DISCS)
        pdraw_forget(d);
    c = make_cover(rad);
    if (c) {
        d->discs[d->ndiscs].radius = rad;
        d->discs[d->ndiscs++].cover = c;
    }
    return c;
}

/* One corner of radius rad whose square has its top-left at x, y; flip_x / flip_y mirror the
 * top-left quarter into the other three. */
static void corner(struct pdraw *d, const uint8_t *cov, int rad, int x0, int y0, int flip_x, int flip_y,
                   unsigned colour, struct rect clip)
{
    struct rect r = intersect((struct rect){ x0, y0, rad, rad }, clip);
    uint32_t a = colour & 0xFF, px = pixel_of(colour);

    for (int y = r.y; y < r.y + r.h; y++) {
        int cy = flip_y ? rad - 1 - (y - y0) : y - y0;
        const uint8_t *crow = cov + cy * rad;
        uint16_t span[2];
        uint32_t *p = row_at(d->canvas, y);
        int some0, some1, full0, full1;     /* on the canvas: [some0, some1) partly covered, [full0, full1) wholly */

        memcpy(span, cov + (size_t)rad * (size_t)rad + (size_t)cy * 4, sizeof span);
        if (flip_x) {
            full0 = x0, full1 = x0 + rad - span[1];
            some0 = full1, some1 = x0 + rad - span[0];
        } else {
            some0 = x0 + span[0], some1 = x0 + span[1];
            full0 = some1, full1 = x0 + rad;
        }
        some0 = some0 < r.x ? r.x : some0;
        some1 = some1 > r.x + r.w ? r.x + r.w : some1;
        full0 = full0 < r.x ? r.x : full0;
        full1 = full1 > r.x + r.w ? r.x + r.w : full1;
        for (int x = some0; x < some1; x++) {
            uint32_t c = crow[flip_x ? rad - 1 - (x - x0) : x - x0];
            c = a == 255 ? c : div255(c * a);
            p[x] = c == 255 ? px : blend(p[x], px, c);
        }
        if (a == 255)
            for (int x = full0; x < full1; x++)
                p[x] = px;
        else
            for (int x = full0; x < full1; x++)
                p[x] = blend(p[x], px, a);
    }
}

/* The four corner quarters of a disc of radius rad at the corners of b. */
static void corners(struct pdraw *d, struct rect b, int rad, unsigned colour, struct rect clip)
{
    const uint8_t *cov = rad > 0 ? cover(d, rad) : NULL;

    if (!cov)
        return;
    corner(d, cov, rad, b.x, b.y, 0, 0, colour, clip);
    corner(d, cov, rad, b.x + b.w - rad, b.y, 1, 0, colour, clip);
    corner(d, cov, rad, b.x, b.y + b.h - rad, 0, 1, colour, clip);
    corner(d, cov, rad, b.x + b.w - rad, b.y + b.h - rad, 1, 1, colour, clip);
}

/* ---------------------------------------------------------------- text */

/* A line's ink (platform_text.h: run-length coded coverage) with its box's top-left at x0, y0, in
 * colour (0xRRGGBBAA), within clip: uncovered runs skipped, covered runs stored (or blended at the
 * colour's alpha), partly covered pixels blended by their coverage. */
static void draw_ink(SDL_Surface *s, const struct ptext_ink *ink, int x0, int y0, unsigned colour, struct rect clip)
{
    struct rect r = intersect((struct rect){ x0, y0, ink->w, ink->h }, clip);
    uint32_t a = colour & 0xFF, px = pixel_of(colour);
    int from = r.x - x0, to = from + r.w;      /* the columns drawn, in the box */

    if (r.w == 0 || a == 0)
        return;
    for (int y = r.y; y < r.y + r.h; y++) {
        const uint8_t *p = ink->runs + ink->rows[y - y0], *end = ink->runs + ink->rows[y - y0 + 1];
        uint32_t *row = row_at(s, y) + x0;
        for (int x = 0, n; p < end && x < to; x += n) {
            unsigned code = *p++;
            int lo, hi;
            n = code & PTEXT_RUN_SOME ? (int)(code & 0x7F) + 1 : (int)(code & 0x3F) + 1;
            lo = x < from ? from : x;
            hi = x + n > to ? to : x + n;
            if ((code & PTEXT_RUN_SOME) && a == 255) {
                /* (opaque ink, nearly all text: the loops without the colour's alpha in them) */
                const uint8_t *cov = p - x;
                for (int i = lo; i < hi; i++)
                    if (cov[i] == 255)
                        row[i] = px;
                    else if (cov[i] != 0)
                        row[i] = blend(row[i], px, cov[i]);
                p += n;
            } else if (code & PTEXT_RUN_SOME) {
                for (int i = lo; i < hi; i++) {
                    uint32_t v = p[i - x];
                    if (v != 0)
                        row[i] = blend(row[i], px, div255(v * a));
                }
                p += n;
            } else if ((code & PTEXT_RUN_FULL) && a == 255) {
                for (int i = lo; i < hi; i++)
                    row[i] = px;
            } else if (code & PTEXT_RUN_FULL) {
                for (int i = lo; i < hi; i++)
                    row[i] = blend(row[i], px, a);
            }
        }
    }
}

/* ---------------------------------------------------------------- rectangles */

/* rad clamped so that two corners fit each side of b. */
static int fit_radius(struct rect b, int rad)
{
    if (rad > b.w / 2)
        rad = b.w / 2;
    if (rad > b.h / 2)
        rad = b.h / 2;
    return rad > 0 ? rad : 0;
}

/* The inside of a rounded rectangle between its corners: a column down the middle and two beside. */
static void body(struct pdraw *d, struct rect b, int rad, unsigned colour, struct rect clip)
{
    fill(d->canvas, (struct rect){ b.x + rad, b.y, b.w - 2 * rad, b.h }, colour, clip);
    if (rad > 0) {
        fill(d->canvas, (struct rect){ b.x, b.y + rad, rad, b.h - 2 * rad }, colour, clip);
        fill(d->canvas, (struct rect){ b.x + b.w - rad, b.y + rad, rad, b.h - 2 * rad }, colour, clip);
    }
}

static void fill_rounded(struct pdraw *d, struct rect b, int radius, unsigned colour, struct rect clip)
{
    int rad;

    if (b.w <= 0 || b.h <= 0)
        return;
    rad = fit_radius(b, radius);
    body(d, b, rad, colour, clip);
    corners(d, b, rad, colour, clip);
}

/* A rounded rectangle with a border bw wide. Each pixel is filled once: the border as four strips
 * and two discs at each corner, not a border-coloured rectangle under a smaller filled one. */
static void bordered_rounded(struct pdraw *d, struct rect b, int radius, int bw, unsigned inside, unsigned border,
                             struct rect clip)
{
    struct rect in = { b.x + bw, b.y + bw, b.w - 2 * bw, b.h - 2 * bw };
    int rad = fit_radius(b, radius);

    if (in.w <= 0 || in.h <= 0 || rad <= bw) {
        fill_rounded(d, b, rad, border, clip);
        fill_rounded(d, in, rad - bw, inside, clip);
        return;
    }
    fill(d->canvas, (struct rect){ b.x + rad, b.y, b.w - 2 * rad, bw }, border, clip);
    fill(d->canvas, (struct rect){ b.x + rad, b.y + b.h - bw, b.w - 2 * rad, bw }, border, clip);
    fill(d->canvas, (struct rect){ b.x, b.y + rad, bw, b.h - 2 * rad }, border, clip);
    fill(d->canvas, (struct rect){ b.x + b.w - bw, b.y + rad, bw, b.h - 2 * rad }, border, clip);
    corners(d, b, rad, border, clip);
    body(d, in, rad - bw, inside, clip);
    corners(d, in, rad - bw, inside, clip);
}

/* ---------------------------------------------------------------- commands and damage */

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;

    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001B3ull;
    return h;
}

/* Where c may draw, and a hash of all that decides how. A text's texture may reach past the line
 * it was measured for (overhanging glyphs, a taller fallback face): its box has room around the
 * line, and it is clipped to the box when drawn. */
static struct pdraw_mark mark_of(const struct draw_cmd *c, struct rect screen)
{
    struct pdraw_mark m;
    struct rect box = c->r;
    int fields[] = { (int)c->kind, c->r.x, c->r.y, c->r.w, c->r.h, c->clip.x, c->clip.y, c->clip.w, c->clip.h,
                     (int)c->colour, (int)c->border_colour, c->border_px, c->radius, c->font_px, c->bold, c->len };

    if (c->kind == DRAW_TEXT) {
        int pad = c->font_px / 2 + 2, vpad = c->font_px + 2;   /* a fallback face's dy, its tall marks */
        box = (struct rect){ box.x - pad, box.y - vpad, box.w + 2 * pad, box.h + 2 * vpad };
    }
    box = intersect(box, screen);
    if (c->clip.w)
        box = intersect(box, c->clip);
    m.box = box;
    m.hash = fnv(0xCBF29CE484222325ull, fields, sizeof fields);
    if ((c->kind == DRAW_TEXT || c->kind == DRAW_PICTURE) && c->text)
        m.hash = fnv(m.hash, c->text, (size_t)c->len);     /* a picture's: its file */
    return m;
}

static long area(struct rect r)
{
    return (long)r.w * r.h;
}

static struct rect unite(struct rect a, struct rect b)
{
    int x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
    int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w, y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;

    return (struct rect){ x0, y0, x1 - x0, y1 - y0 };
}

/* Adds r to the damage list of *n rectangles: first joined with each one it overlaps or whose
 * union with it is hardly larger than both, then kept apart; when the list is full, joined with
 * the one it grows least. Rectangles may still overlap: that part is only drawn twice. */
static void add_damage(struct rect *dmg, int *n, struct rect r)
{
    int best = 0;
    long best_growth = -1;

    if (r.w <= 0 || r.h <= 0)
        return;
    for (int i = 0; i < *n;) {
        long growth = area(unite(dmg[i], r)) - area(dmg[i]) - area(r);
        if (rect_overlaps(dmg[i], r) || growth <= (area(dmg[i]) + area(r)) / 4) {
            r = unite(dmg[i], r);
            dmg[i] = dmg[--*n];
            i = 0;
            continue;
        }
        i++;
    }
    if (*n < PDRAW_DAMAGE) {
        dmg[(*n)++] = r;
        return;
    }
    for (int i = 0; i < *n; i++) {
        long growth = area(unite(dmg[i], r)) - area(dmg[i]);
        if (best_growth < 0 || growth < best_growth) {
            best = i;
            best_growth = growth;
        }
    }
    dmg[best] = unite(dmg[best], r);
}

/* Draws command c, limited to region (and to its box when it is text). */
static void draw_cmd(struct pdraw *d, const struct draw_cmd *c, struct rect box, struct rect region)
{
    struct rect clip = intersect(c->clip.w ? c->clip : region, region);

    if (clip.w == 0)
        return;
    if (c->kind == DRAW_PICTURE) {
        SDL_Rect sc = { clip.x, clip.y, clip.w, clip.h };
        SDL_RenderSetClipRect(d->renderer, &sc);
        if (!pimage_draw(d->images, d->renderer, c)) {
            SDL_RenderFlush(d->renderer);
            fill_rounded(d, c->r, c->radius, c->colour, clip);      /* until its copy is made */
        }
        return;
    }
    if (c->kind == DRAW_RECT) {
        if (c->border_px > 0)
            bordered_rounded(d, c->r, c->radius, c->border_px, c->colour, c->border_colour, clip);
        else
            fill_rounded(d, c->r, c->radius, c->colour, clip);
        return;
    }
    const struct ptext_ink *ink = ptext_ink(d->text, c->font_px, c->bold, c->text, c->len);
    if (ink && ink->rows)
        draw_ink(d->canvas, ink, c->r.x + ink->x, c->r.y + ink->y, c->colour, intersect(clip, box));
}

/* The frame's background in region, but for whole rows of it that an opaque square rectangle of
 * the frame (a bar's panel) covers from side to side: every pixel there is painted over by it,
 * whatever comes before it, so filling them first would be wasted. */
static void background(struct pdraw *d, const struct frame *f, struct rect region)
{
    static uint8_t covered[PDRAW_MAX_SIDE];     /* drawing runs on one thread */
    int any = 0;

    if (region.h > PDRAW_MAX_SIDE) {
        fill(d->canvas, region, f->background | 0xFF, region);
        return;
    }
    memset(covered, 0, (size_t)region.h);
    for (int i = 0; i < f->ncmds; i++) {
        const struct draw_cmd *c = &f->cmds[i];
        struct rect r = c->r;
        if (c->kind != DRAW_RECT || (c->colour & 0xFF) != 0xFF || c->border_px > 0 || fit_radius(r, c->radius) > 0)
            continue;
        if (c->clip.w)
            r = intersect(r, c->clip);
        r = intersect(r, region);
        if (r.x != region.x || r.w != region.w)
            continue;
        memset(covered + (r.y - region.y), 1, (size_t)r.h);
        any = 1;
    }
    if (!any) {
        fill(d->canvas, region, f->background | 0xFF, region);
        return;
    }
    for (int y = 0; y < region.h;) {
        int n = 0;
        while (y + n < region.h && !covered[y + n])
            n++;
        if (n > 0)
            fill(d->canvas, (struct rect){ region.x, region.y + y, region.w, n }, f->background | 0xFF, region);
        y += n;
        while (y < region.h && covered[y])
            y++;
    }
}

/* Draws region of f afresh: its background, then every command that reaches into it. */
static void draw_region(struct pdraw *d, const struct frame *f, const struct pdraw_mark *marks, struct rect region)
{
    background(d, f, region);
    for (int i = 0; i < f->ncmds; i++) {
        if (!rect_overlaps(marks[i].box, region))
            continue;
        SDL_RenderFlush(d->renderer);       /* what the renderer queued before is on the canvas first */
        draw_cmd(d, &f->cmds[i], marks[i].box, region);
    }
    SDL_RenderFlush(d->renderer);
}

int pdraw_frame(struct pdraw *d, const struct frame *f, struct rect *damage)
{
    static struct pdraw_mark next[FRAME_MAX_CMDS];  /* drawing runs on one thread */
    struct rect screen = { 0, 0, f->w, f->h };
    int n = 0, old = d->nmarks;
    long total = 0;

    for (int i = 0; i < f->ncmds; i++)
        next[i] = mark_of(&f->cmds[i], screen);
    if (!d->valid || d->w != f->w || d->h != f->h || d->background != f->background) {
        damage[n++] = screen;
    } else {
        int most = old > f->ncmds ? old : f->ncmds;
        /* Painter's order: where command i is the same in both frames, pixels outside the
         * boxes of the commands that differ are the same. */
        for (int i = 0; i < most; i++) {
            if (i < old && i < f->ncmds && next[i].hash == d->marks[i].hash &&
                memcmp(&next[i].box, &d->marks[i].box, sizeof next[i].box) == 0)
                continue;
            if (i < old)
                add_damage(damage, &n, d->marks[i].box);
            if (i < f->ncmds)
                add_damage(damage, &n, next[i].box);
        }
        for (int i = 0; i < n; i++)
            total += area(damage[i]);
        if (total * 2 > area(screen)) {
            n = 1;
            damage[0] = screen;
        }
    }
    SDL_RenderFlush(d->renderer);
    for (int i = 0; i < n; i++)
        draw_region(d, f, next, damage[i]);
    SDL_RenderSetClipRect(d->renderer, NULL);
    memcpy(d->marks, next, (size_t)f->ncmds * sizeof next[0]);
    d->nmarks = f->ncmds;
    d->w = f->w;
    d->h = f->h;
    d->background = f->background;
    d->valid = 1;
    return n;
}

void pdraw_invalidate(struct pdraw *d)
{
    d->valid = 0;
}
