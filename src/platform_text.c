/* platform_text: SDL_ttf faces opened from their files as text needs them, lines shaped piece by
 * piece with HarfBuzz, and a bounded texture cache. */
#include "platform_text.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

static void close_fonts(struct ptext *t)
{
    for (int i = 0; i < t->nopen; i++)
        TTF_CloseFont(t->open[i].font);
    t->nopen = 0;
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
    t->open[t->nopen++] = (struct ptext_font){ face, px, f, t->frame };
    return f;
}

void ptext_frame_done(struct ptext *t)
{
    for (int i = 0; i < t->nopen; i++) {
        const struct fonts_face *ff = fonts_face(&t->fonts, t->open[i].face);
        if (t->frame - t->open[i].used < PTEXT_IDLE_FRAMES || !ff || ff->file_size <= PTEXT_LARGE_FACE)
            continue;
        TTF_CloseFont(t->open[i].font);
        t->open[i--] = t->open[--t->nopen];
    }
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

static int measure_width(void *ctx, int px, int flags, const char *s, int len)
{
    struct ptext *t = ctx;
    uint64_t h;
    struct ptext_width *memo;
    int w = 0;

    if (len <= 0)
        return 0;
    len = line_len(s, len);
    h = text_hash(s, len, ((uint64_t)(unsigned)px << 40) ^ ((uint64_t)(unsigned)flags << 32));
    memo = &t->widths[h % PTEXT_WIDTHS];
    if (memo->hash == h && memo->len == len && memo->px == px && memo->flags == flags && memo->w > 0)
        return memo->w;
    itemise(t, flags, s, len);
    for (int i = 0; i < t->line.n; i++) {
        TTF_Font *f = piece_font(t, &t->line.piece[i], px);
        int pw = 0, ph = 0;
        if (f && TTF_SizeUTF8(f, piece_text(t, i, s), &pw, &ph) == 0)
            w += pw;
        wipe_piece(t, i);
    }
    *memo = (struct ptext_width){ h, len, px, flags, w };
    return w;
}

static int measure_line_height(void *ctx, int px, int flags)
{
    TTF_Font *f = font_at(ctx, (flags & TEXT_BOLD) != 0, px);

    return f ? TTF_FontLineSkip(f) : px;
}

SDL_Surface *ptext_render(struct ptext *t, int px, int flags, unsigned colour, const char *s, int len, int *dy)
{
    SDL_Color ink = { (Uint8)(colour >> 24), (Uint8)(colour >> 16), (Uint8)(colour >> 8), (Uint8)colour };
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
        out = f ? TTF_RenderUTF8_Blended(f, piece_text(t, 0, s), ink) : NULL;
        wipe_piece(t, 0);
        *dy = f ? TTF_FontAscent(primary) - TTF_FontAscent(f) : 0;
        return out;
    }
    /* Several pieces: sized first, then each rendered and copied in beside the last on a shared
     * baseline. They do not overlap (each is as wide as its ink and advances), so a plain copy of
     * their pixels keeps their edges' alpha exact. */
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
    out = SDL_CreateRGBSurfaceWithFormat(0, w, ascent + descent, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!out)
        return NULL;
    for (int i = 0; i < t->line.n; i++) {
        TTF_Font *f = piece_font(t, &t->line.piece[i], px);
        SDL_Surface *part = f ? TTF_RenderUTF8_Blended(f, piece_text(t, i, s), ink) : NULL;
        wipe_piece(t, i);
        if (!part)
            continue;
        SDL_Rect at = { x, ascent - TTF_FontAscent(f), part->w, part->h };
        SDL_SetSurfaceBlendMode(part, SDL_BLENDMODE_NONE);
        SDL_BlitSurface(part, NULL, out, &at);
        x += part->w;
        SDL_FreeSurface(part);
    }
    primary = font_at(t, (flags & TEXT_BOLD) != 0, px);     /* the pieces may have reopened it */
    *dy = primary ? TTF_FontAscent(primary) - ascent : 0;
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
    TTF_Font *f;

    memset(t, 0, sizeof *t);
    if (TTF_Init() != 0) {
        snprintf(err, errlen, "cannot start SDL_ttf: %s", TTF_GetError());
        return -1;
    }
    if (fonts_open(&t->fonts, err, errlen) != 0) {
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

void ptext_forget(struct ptext *t)
{
    for (int i = 0; i < PTEXT_SLOTS; i++)
        if (t->slots[i].tex)
            SDL_DestroyTexture(t->slots[i].tex);
    memset(t->slots, 0, sizeof t->slots);
    t->nslots = 0;
    t->bytes = 0;
    memset(t->widths, 0, sizeof t->widths);
}

static void drop(struct ptext *t, struct ptext_slot *s)
{
    SDL_DestroyTexture(s->tex);
    t->bytes -= (size_t)s->w * (size_t)s->h * 4;
    t->nslots--;
    memset(s, 0, sizeof *s);
}

/* Drops the least recently drawn textures until need more bytes fit the budget. */
static void make_room(struct ptext *t, size_t need)
{
    while (t->nslots > 0 && t->bytes + need > PTEXT_BUDGET) {
        struct ptext_slot *oldest = NULL;
        for (int i = 0; i < PTEXT_SLOTS; i++)
            if (t->slots[i].tex && (!oldest || t->slots[i].used < oldest->used))
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
static struct ptext_slot *find_slot(struct ptext *t, uint64_t h, int px, int flags, unsigned colour, int len,
                                    int *hit)
{
    unsigned i = (unsigned)(h % PTEXT_SLOTS);
    struct ptext_slot *oldest = NULL;

    /* Linear probing over a short window keeps look-ups cheap and eviction local. */
    for (int probe = 0; probe < 16; probe++) {
        struct ptext_slot *s = &t->slots[(i + (unsigned)probe) % PTEXT_SLOTS];
        if (s->tex && s->hash == h && s->px == px && s->flags == flags && s->colour == colour && s->len == len) {
            *hit = 1;
            return s;
        }
    }
    for (int probe = 0; probe < 16; probe++) {
        struct ptext_slot *s = &t->slots[(i + (unsigned)probe) % PTEXT_SLOTS];
        if (!s->tex) {
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

SDL_Texture *ptext_texture(struct ptext *t, SDL_Renderer *r, int px, int flags, unsigned colour,
                           const char *s, int len, int *w, int *h, int *dy)
{
    uint64_t hash = text_hash(s, len, 0);
    int hit, up;
    struct ptext_slot *slot = find_slot(t, hash, px, flags, colour, len, &hit);
    SDL_Surface *surf;

    if (hit) {
        t->reused++;
        goto done;
    }
    surf = ptext_render(t, px, flags, colour, s, len, &up);
    if (!surf)
        return NULL;
    make_room(t, (size_t)surf->w * (size_t)surf->h * 4);
    slot->tex = SDL_CreateTextureFromSurface(r, surf);
    slot->w = surf->w;
    slot->h = surf->h;
    SDL_FreeSurface(surf);
    if (!slot->tex)
        return NULL;
    SDL_SetTextureBlendMode(slot->tex, SDL_BLENDMODE_BLEND);
    slot->hash = hash;
    slot->px = px;
    slot->flags = flags;
    slot->colour = colour;
    slot->len = len;
    slot->dy = up;
    t->bytes += (size_t)slot->w * (size_t)slot->h * 4;
    t->nslots++;
    t->made++;
done:
    slot->used = ++t->tick;
    *w = slot->w;
    *h = slot->h;
    *dy = slot->dy;
    return slot->tex;
}
