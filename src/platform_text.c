/* platform_text: SDL_ttf faces opened from their files as text needs them, lines shaped piece by
 * piece with HarfBuzz, and a bounded cache of each line's ink (8-bit coverage, cropped to what
 * its glyphs cover), which platform_draw.c blends onto the canvas in the text's colour. */
#include "platform_text.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static void close_fonts(struct ptext *t)
{
    for (int i = 0; i < t->nopen; i++)
        TTF_CloseFont(t->open[i].font);
    t->nopen = 0;
}

int ptext_close_fonts(struct ptext *t)
{
    int n = t->nopen;

    close_fonts(t);
    return n;
}

/* Face number face at px: opened before, or now. A large face has one instance for every size. */
static TTF_Font *font_at(struct ptext *t, int face, int px)
{
    const struct fonts_face *ff = fonts_face(&t->fonts, face);
    int shared;
    TTF_Font *f;

    if (!ff || ff->missing)
        return NULL;
    shared = ff->file_size > PTEXT_LARGE_FACE;
    for (int i = 0; i < t->nopen; i++) {
        struct ptext_font *o = &t->open[i];
        if (o->face != face || (!shared && o->px != px))
            continue;
        if (o->px != px) {
            if (TTF_SetFontSize(o->font, px) != 0)
                return NULL;
            o->px = px;
        }
        o->used = t->frame;
        o->kept = t->keeping;
        return o->font;
    }
    if (t->nopen == PTEXT_MAX_FONTS)
        close_fonts(t);     /* sizes change only with the screen or the text size: start again */
    /* FreeType reads the file as it needs it: no copy of the whole font stays in memory. */
    f = TTF_OpenFontIndex(ff->path, px, ff->index);
    if (!f)
        return NULL;
    TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
    if (ff->fake_bold)
        TTF_SetFontStyle(f, TTF_STYLE_BOLD);
    t->open[t->nopen++] = (struct ptext_font){ face, px, f, t->frame, t->keeping };
    return f;
}

/* Closes open face i; the last takes its place. */
static void close_open(struct ptext *t, int i)
{
    TTF_CloseFont(t->open[i].font);
    t->open[i] = t->open[--t->nopen];
}

/* Closes each large face (PTEXT_LARGE_FACE) that served no text in the last idle frames. */
static void close_large(struct ptext *t, unsigned long idle)
{
    for (int i = 0; i < t->nopen; i++) {
        const struct fonts_face *ff = fonts_face(&t->fonts, t->open[i].face);
        if (t->frame - t->open[i].used < idle || !ff || ff->file_size <= PTEXT_LARGE_FACE)
            continue;
        close_open(t, i--);
    }
}

void ptext_frame_done(struct ptext *t)
{
    close_large(t, PTEXT_IDLE_FRAMES);
    t->frame++;
}

/* The piece's face at px, told the piece's script and direction; the primary face when that
 * face's file cannot be opened (removed since fontconfig listed it), so the text still shows. */
static TTF_Font *piece_font(struct ptext *t, const struct shape_piece *pc, int px)
{
    TTF_Font *f = font_at(t, pc->face, px);

    if (!f && pc->face > 1)
        f = font_at(t, fonts_face(&t->fonts, pc->face)->bold, px);

    if (f && t->shaping) {
        TTF_SetFontScriptName(f, pc->script_name);
        TTF_SetFontDirection(f, pc->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    }
    return f;
}

/* Printable ASCII only: one left-to-right piece in the primary face, with no need to itemise. */
static int plain(const char *s, int len)
{
    for (int i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E)
            return 0;
    return 1;
}

/* t->line: the pieces of s drawn with flags, leftmost first. */
static void itemise(struct ptext *t, int flags, const char *s, int len)
{
    int bold = (flags & TEXT_BOLD) != 0;

    if (!(flags & TEXT_RTL) && plain(s, len)) {
        struct shape_piece *p = &t->line.piece[0];
        memset(&t->line, 0, offsetof(struct shape_line, piece));
        t->line.n = 1;
        *p = (struct shape_piece){ 0, len, bold, 0, "Latn", 0 };
        return;
    }
    shape_line(&t->fonts, &t->bidi, s, len, flags & TEXT_RTL ? BIDI_RTL : flags & TEXT_LTR ? BIDI_LTR : BIDI_AUTO,
               bold, &t->line);
}

/* Copies piece i of s into t->piece, NUL-terminated; the caller zeroes it with wipe_piece(). */
static const char *piece_text(struct ptext *t, int i, const char *s)
{
    const struct shape_piece *p = &t->line.piece[i];

    memcpy(t->piece, s + p->start, (size_t)p->len);
    t->piece[p->len] = '\0';
    return t->piece;
}

static void wipe_piece(struct ptext *t, int i)
{
    sodium_memzero(t->piece, (size_t)t->line.piece[i].len + 1);
}

/* len, cut to what one line may hold without splitting a character. */
static int line_len(const char *s, int len)
{
    return len < PTEXT_LINE_MAX ? len : (int)utf8_cut(s, (size_t)len, PTEXT_LINE_MAX - 1);
}

/* Every bit of v mixed into every other (murmur3's finaliser). */
static uint64_t mix64(uint64_t v)
{
    v ^= v >> 33;
    v *= 0xFF51AFD7ED558CCDULL;
    v ^= v >> 33;
    v *= 0xC4CEB9FE1A85EC53ULL;
    return v ^ v >> 33;
}

/* The set of widths for hash h. text_hash() puts px and flags into its high half, which its
 * multiplications never carry down: the set is chosen from all of h, or every size and style of a
 * text would share one set (4 places) and push each other out. */
static struct ptext_width *width_set(struct ptext *t, uint64_t h)
{
    return &t->widths[mix64(h) % (PTEXT_WIDTHS / PTEXT_WIDTH_WAYS) * PTEXT_WIDTH_WAYS];
}

static int measure_width(void *ctx, int px, int flags, const char *s, int len)
{
    struct ptext *t = ctx;
    uint64_t h;
    struct ptext_width *set, *memo;
    int w = 0;

    if (len <= 0)
        return 0;
    len = line_len(s, len);
    h = text_hash(s, len, ((uint64_t)(unsigned)px << 40) ^ ((uint64_t)(unsigned)flags << 32));
    /* PTEXT_WIDTH_WAYS places for each hash; a miss takes the one least recently asked for. */
    set = width_set(t, h);
    memo = set;
    for (int i = 0; i < PTEXT_WIDTH_WAYS; i++) {
        struct ptext_width *m = &set[i];
        if (m->hash == h && m->len == len && m->px == px && m->flags == flags && m->w > 0) {
            m->kept = t->keeping ? t->keeping : m->kept;
            m->used = ++t->width_tick;
            return m->w;
        }
        if (m->used < memo->used)
            memo = m;
    }
    itemise(t, flags, s, len);
    for (int i = 0; i < t->line.n; i++) {
        TTF_Font *f = piece_font(t, &t->line.piece[i], px);
        int pw = 0, ph = 0;
        if (f && TTF_SizeUTF8(f, piece_text(t, i, s), &pw, &ph) == 0)
            w += pw;
        wipe_piece(t, i);
    }
    *memo = (struct ptext_width){ h, len, px, flags, w, t->keeping, ++t->width_tick };
    return w;
}

static int measure_line_height(void *ctx, int px, int flags)
{
    TTF_Font *f = font_at(ctx, (flags & TEXT_BOLD) != 0, px);

    return f ? TTF_FontLineSkip(f) : px;
}

/* The coverage of s, the line's whole box as SDL_ttf renders it: an 8-bit surface whose pixels are
 * 0 .. 255 (SDL_ttf's "shaded" rendering, whose values are exactly the alpha of its "blended"
 * one), which the caller frees; *dy as ptext_render's. NULL if it cannot be made. */
static SDL_Surface *render_cover(struct ptext *t, int px, int flags, const char *s, int len, int *dy)
{
    static const SDL_Color ink = { 255, 255, 255, 255 }, none = { 0, 0, 0, 0 };
    TTF_Font *primary = font_at(t, (flags & TEXT_BOLD) != 0, px);
    SDL_Surface *out = NULL;
    int w = 0, ascent = 0, descent = 0, x = 0;

    *dy = 0;
    if (!primary || len <= 0)
        return NULL;
    len = line_len(s, len);
    itemise(t, flags, s, len);
    if (t->line.n == 1) {
        TTF_Font *f = piece_font(t, &t->line.piece[0], px);
        out = f ? TTF_RenderUTF8_Shaded(f, piece_text(t, 0, s), ink, none) : NULL;
        wipe_piece(t, 0);
        *dy = f ? TTF_FontAscent(primary) - TTF_FontAscent(f) : 0;
        return out;
    }
    /* Several pieces: sized first, then each rendered and copied in beside the last on a shared
     * baseline. They do not overlap (each is as wide as its ink and advances), so a plain copy of
     * their coverage keeps their edges exact. */
    for (int i = 0; i < t->line.n; i++) {
        TTF_Font *f = piece_font(t, &t->line.piece[i], px);
        int pw = 0, ph = 0;
        if (f && TTF_SizeUTF8(f, piece_text(t, i, s), &pw, &ph) == 0) {
            w += pw;
            if (TTF_FontAscent(f) > ascent)
                ascent = TTF_FontAscent(f);
            if (ph - TTF_FontAscent(f) > descent)
                descent = ph - TTF_FontAscent(f);
        }
        wipe_piece(t, i);
    }
    if (w <= 0 || ascent + descent <= 0)
        return NULL;
    out = SDL_CreateRGBSurfaceWithFormat(0, w, ascent + descent, 8, SDL_PIXELFORMAT_INDEX8);
    if (!out)
        return NULL;
    memset(out->pixels, 0, (size_t)out->pitch * (size_t)out->h);
    for (int i = 0; i < t->line.n; i++) {
        TTF_Font *f = piece_font(t, &t->line.piece[i], px);
        SDL_Surface *part = f ? TTF_RenderUTF8_Shaded(f, piece_text(t, i, s), ink, none) : NULL;
        int top = f ? ascent - TTF_FontAscent(f) : 0;
        wipe_piece(t, i);
        if (!part)
            continue;
        for (int y = 0; y < part->h; y++) {
            int cw = part->w < out->w - x ? part->w : out->w - x;
            if (top + y < 0 || top + y >= out->h || cw <= 0)
                continue;
            memcpy((uint8_t *)out->pixels + (size_t)(top + y) * (size_t)out->pitch + x,
                   (const uint8_t *)part->pixels + (size_t)y * (size_t)part->pitch, (size_t)cw);
        }
        x += part->w;
        sodium_memzero(part->pixels, (size_t)part->pitch * (size_t)part->h);     /* it may be what a client typed */
        SDL_FreeSurface(part);
    }
    primary = font_at(t, (flags & TEXT_BOLD) != 0, px);     /* the pieces may have reopened it */
    *dy = primary ? TTF_FontAscent(primary) - ascent : 0;
    return out;
}

/* v / 255, rounded, for v in 0 .. 255 * 255. */
static uint32_t div255(uint32_t v)
{
    v += 128;
    return (v + (v >> 8)) >> 8;
}

SDL_Surface *ptext_render(struct ptext *t, int px, int flags, unsigned colour, const char *s, int len, int *dy)
{
    SDL_Surface *cov = render_cover(t, px, flags, s, len, dy), *out;
    uint32_t rgb = colour >> 8, a = colour & 0xFF;

    if (!cov)
        return NULL;
    out = SDL_CreateRGBSurfaceWithFormat(0, cov->w, cov->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (out)
        for (int y = 0; y < cov->h; y++) {
            const uint8_t *c = (const uint8_t *)cov->pixels + (size_t)y * (size_t)cov->pitch;
            uint32_t *p = (uint32_t *)((uint8_t *)out->pixels + (size_t)y * (size_t)out->pitch);
            for (int x = 0; x < cov->w; x++)
                p[x] = div255(c[x] * a) << 24 | rgb;
        }
    SDL_FreeSurface(cov);
    return out;
}

int ptext_missing(struct ptext *t, int flags, const char *s, int len)
{
    int missing = 0;

    len = line_len(s, len);
    itemise(t, flags, s, len);
    for (int i = 0; i < t->line.n; i++) {
        const struct shape_piece *p = &t->line.piece[i];
        TTF_Font *f = font_at(t, p->face, 20);
        for (int k = p->start; k < p->start + p->len; ) {
            uint32_t cp;
            size_t step = utf8_decode(s + k, (size_t)(p->start + p->len - k), &cp);
            if (step == 0) {
                missing++;
                k++;
                continue;
            }
            if (!f || !TTF_GlyphIsProvided32(f, cp))
                missing++;
            k += (int)step;
        }
    }
    return missing;
}

int ptext_open(struct ptext *t, char *err, size_t errlen)
{
    return ptext_open_loaded(t, NULL, err, errlen);
}

int ptext_open_loaded(struct ptext *t, struct fonts_loading *loading, char *err, size_t errlen)
{
    TTF_Font *f;

    memset(t, 0, sizeof *t);
    if (TTF_Init() != 0) {
        snprintf(err, errlen, "cannot start SDL_ttf: %s", TTF_GetError());
        fonts_load_cancel(loading);
        return -1;
    }
    if (fonts_open_loaded(&t->fonts, loading, err, errlen) != 0) {
        TTF_Quit();
        return -1;
    }
    if (t->fonts.warning[0])
        fprintf(stderr, "kiosk: %s\n", t->fonts.warning);
    t->measurer = (struct text_measurer){ t, measure_width, measure_line_height };
    f = font_at(t, 0, 20);
    if (!f) {
        snprintf(err, errlen, "cannot read the font '%s': %s", t->fonts.faces[0].path, TTF_GetError());
        ptext_close(t);
        return -1;
    }
    /* SDL_ttf answers -1 here when it was built without HarfBuzz: then text is drawn unshaped. */
    t->shaping = TTF_SetFontScriptName(f, "Latn") == 0;
    if (!t->shaping)
        fprintf(stderr, "kiosk: SDL_ttf was built without HarfBuzz: Arabic and Indic text will not join\n");
    return 0;
}

/* The pixels of what a client typed are theirs too: wiped, then freed. */
static void drop_ink(struct ptext_ink *ink)
{
    if (ink->rows)
        sodium_memzero(ink->rows, ink->bytes);
    free(ink->rows);
}

void ptext_forget(struct ptext *t)
{
    for (int i = 0; i < PTEXT_SLOTS; i++)
        drop_ink(&t->slots[i].ink);
    memset(t->slots, 0, sizeof t->slots);
    t->nslots = 0;
    t->bytes = 0;
    memset(t->widths, 0, sizeof t->widths);
}

static void drop(struct ptext *t, struct ptext_slot *s);

void ptext_keep_begin(struct ptext *t)
{
    /* The screen just shown may have needed Noto Sans CJK for the picker's "中文" alone, whose ink
     * is kept: it is closed before the kept screens' text is made, so that the face's 2.6 MiB and
     * that text are not held at once. It opens again if that text needs it. */
    close_large(t, 0);
    if (++t->keepings == 0)
        t->keepings = 1;
    t->keeping = t->keepings;
}

void ptext_keep_end(struct ptext *t)
{
    for (int i = 0; i < PTEXT_SLOTS; i++)
        if (t->slots[i].made && t->slots[i].kept != t->keeping && !(t->slots[i].flags & TEXT_PUBLIC))
            drop(t, &t->slots[i]);
    for (int i = 0; i < PTEXT_WIDTHS; i++)
        if (t->widths[i].kept != t->keeping && !(t->widths[i].flags & TEXT_PUBLIC))
            sodium_memzero(&t->widths[i], sizeof t->widths[i]);
    /* A face of another script than the primary family's (faces 0 and 1) that the kept screens'
     * text did not need, such as Noto Sans Arabic once the picker's "العربية" is kept, or the last
     * client's language: closed (about 1 MiB each), to open again when a text needs it. */
    for (int i = 0; i < t->nopen; i++) {
        if (t->open[i].face < 2 || t->open[i].kept == t->keeping)
            continue;
        close_open(t, i--);
    }
    t->keeping = 0;
}

static void drop(struct ptext *t, struct ptext_slot *s)
{
    t->bytes -= s->ink.bytes;
    drop_ink(&s->ink);
    t->nslots--;
    memset(s, 0, sizeof *s);
}

/* Drops the least recently drawn inks until need more bytes fit the budget. */
static void make_room(struct ptext *t, size_t need)
{
    while (t->nslots > 0 && t->bytes + need > PTEXT_BUDGET) {
        struct ptext_slot *oldest = NULL;
        for (int i = 0; i < PTEXT_SLOTS; i++)
            if (t->slots[i].made && (!oldest || t->slots[i].used < oldest->used))
                oldest = &t->slots[i];
        drop(t, oldest);
    }
}

void ptext_close(struct ptext *t)
{
    ptext_forget(t);
    close_fonts(t);
    fonts_close(&t->fonts);
    if (TTF_WasInit())
        TTF_Quit();
    t->measurer = (struct text_measurer){ 0 };
}

/* The slot for this text: its own if cached, else a free one or the least recently used. */
static struct ptext_slot *find_slot(struct ptext *t, uint64_t h, int px, int flags, int len, int *hit)
{
    unsigned i = (unsigned)(h % PTEXT_SLOTS);
    struct ptext_slot *oldest = NULL;

    /* Linear probing over a short window keeps look-ups cheap and eviction local. */
    for (int probe = 0; probe < 16; probe++) {
        struct ptext_slot *s = &t->slots[(i + (unsigned)probe) % PTEXT_SLOTS];
        if (s->made && s->hash == h && s->px == px && s->flags == flags && s->len == len) {
            *hit = 1;
            return s;
        }
    }
    for (int probe = 0; probe < 16; probe++) {
        struct ptext_slot *s = &t->slots[(i + (unsigned)probe) % PTEXT_SLOTS];
        if (!s->made) {
            *hit = 0;
            return s;
        }
        if (!oldest || s->used < oldest->used)
            oldest = s;
    }
    *hit = 0;
    drop(t, oldest);
    return oldest;
}

static uint64_t word_at(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, sizeof v);
    return v;
}

/* Whether 4 pixels alike, uncovered or wholly covered, start at p (left of them in the row). */
static int run_starts(const uint8_t *p, int left)
{
    return left >= 4 && (p[0] == 0 || p[0] == 255) && p[1] == p[0] && p[2] == p[0] && p[3] == p[0];
}

/* Codes row r, w pixels, as runs (PTEXT_RUN_*) into out, which has room for w + w / 128 + 1
 * bytes: a partly covered run goes on over fewer than 4 pixels alike, so every other run is at
 * least 4 pixels long but at the row's start or after a partly covered run of the longest.
 * The row's uncovered end is left out. Returns the bytes written. */
static size_t code_row(const uint8_t *r, int w, uint8_t *out)
{
    size_t o = 0;
    int end = w;

    while (end >= 8 && word_at(r + end - 8) == 0)
        end -= 8;
    while (end > 0 && r[end - 1] == 0)
        end--;
    for (int x = 0, n; x < end; x += n) {
        uint8_t v = r[x];
        n = 1;
        if (v == 0 || v == 255) {
            int most = end - x < PTEXT_RUN_SAME_MAX ? end - x : PTEXT_RUN_SAME_MAX;
            uint64_t same = v ? ~(uint64_t)0 : 0;
            while (n + 8 <= most && word_at(r + x + n) == same)
                n += 8;
            while (n < most && r[x + n] == v)
                n++;
            out[o++] = (uint8_t)((v ? PTEXT_RUN_FULL : PTEXT_RUN_CLEAR) | (n - 1));
        } else {
            int most = end - x < PTEXT_RUN_SOME_MAX ? end - x : PTEXT_RUN_SOME_MAX;
            while (n < most && !run_starts(r + x + n, end - x - n))
                n++;
            out[o++] = (uint8_t)(PTEXT_RUN_SOME | (n - 1));
            memcpy(out + o, r + x, (size_t)n);
            o += (size_t)n;
        }
    }
    return o;
}

/* The first and last covered columns of row r, w pixels; first is w when none is. */
static void row_ink(const uint8_t *r, int w, int *first, int *last)
{
    int a = 0, b = w;

    while (a + 8 <= w && word_at(r + a) == 0)
        a += 8;
    while (a < w && r[a] == 0)
        a++;
    *first = a;
    if (a == w)
        return;
    while (b - 8 > a && word_at(r + b - 8) == 0)
        b -= 8;
    while (r[b - 1] == 0)
        b--;
    *last = b - 1;
}

/* ink: the covered part of surface cov (drawn at dy), run-length coded in a new buffer; no buffer
 * when nothing is covered. Returns 0, or -1 when out of memory. */
static int crop(const SDL_Surface *cov, int dy, struct ptext_ink *ink)
{
    int x0 = cov->w, x1 = -1, y0 = cov->h, y1 = -1;
    size_t runs = 0, head, room;
    uint32_t *coded;

    memset(ink, 0, sizeof *ink);
    for (int y = 0; y < cov->h; y++) {
        int first, last;
        row_ink((const uint8_t *)cov->pixels + (size_t)y * (size_t)cov->pitch, cov->w, &first, &last);
        if (first == cov->w)
            continue;
        y0 = y < y0 ? y : y0;
        y1 = y;
        x0 = first < x0 ? first : x0;
        x1 = last > x1 ? last : x1;
    }
    if (y1 < 0)
        return 0;
    ink->w = x1 - x0 + 1;
    ink->h = y1 - y0 + 1;
    /* Coded at most as long as room, then copied into a buffer of its size (realloc could leave
     * a copy behind unwiped). */
    head = ((size_t)ink->h + 1) * sizeof *ink->rows;
    room = head + (size_t)ink->h * ((size_t)ink->w + (size_t)ink->w / PTEXT_RUN_SOME_MAX + 1);
    coded = malloc(room);
    if (!coded) {
        memset(ink, 0, sizeof *ink);
        return -1;
    }
    for (int y = 0; y < ink->h; y++) {
        coded[y] = (uint32_t)runs;
        runs += code_row((const uint8_t *)cov->pixels + (size_t)(y0 + y) * (size_t)cov->pitch + x0, ink->w,
                         (uint8_t *)coded + head + runs);
    }
    coded[ink->h] = (uint32_t)runs;
    ink->bytes = head + runs;
    ink->rows = malloc(ink->bytes);
    if (ink->rows)
        memcpy(ink->rows, coded, ink->bytes);
    sodium_memzero(coded, ink->bytes);
    free(coded);
    if (!ink->rows) {
        memset(ink, 0, sizeof *ink);
        return -1;
    }
    ink->runs = (uint8_t *)ink->rows + head;
    ink->x = x0;
    ink->y = dy + y0;
    return 0;
}

const struct ptext_ink *ptext_ink(struct ptext *t, int px, int flags, const char *s, int len)
{
    uint64_t hash = text_hash(s, len, 0);
    int hit, dy, failed;
    struct ptext_slot *slot = find_slot(t, hash, px, flags, len, &hit);
    struct ptext_ink ink;
    SDL_Surface *cov;

    if (hit) {
        t->reused++;
        slot->used = ++t->tick;
        slot->kept = t->keeping ? t->keeping : slot->kept;
        return &slot->ink;
    }
    cov = render_cover(t, px, flags, s, len, &dy);
    if (!cov)
        return NULL;
    failed = crop(cov, dy, &ink);
    SDL_FreeSurface(cov);
    if (failed)
        return NULL;
    make_room(t, ink.bytes);
    *slot = (struct ptext_slot){ hash, px, flags, len, 1, ink, ++t->tick, t->keeping };
    t->bytes += ink.bytes;
    t->nslots++;
    t->made++;
    return &slot->ink;
}

int ptext_holds(struct ptext *t, int px, int flags, const char *s, int len)
{
    uint64_t h = text_hash(s, len, 0);
    const struct ptext_width *set;
    int holds = 0;

    for (int probe = 0; probe < 16; probe++) {
        const struct ptext_slot *k = &t->slots[(h % PTEXT_SLOTS + (unsigned)probe) % PTEXT_SLOTS];
        if (k->made && k->hash == h && k->px == px && k->flags == flags && k->len == len)
            holds |= PTEXT_HOLDS_INK;
    }
    len = line_len(s, len);
    h = text_hash(s, len, ((uint64_t)(unsigned)px << 40) ^ ((uint64_t)(unsigned)flags << 32));
    set = width_set(t, h);
    for (int i = 0; i < PTEXT_WIDTH_WAYS; i++)
        if (set[i].hash == h && set[i].len == len && set[i].px == px && set[i].flags == flags && set[i].w > 0)
            holds |= PTEXT_HOLDS_WIDTH;
    return holds;
}
