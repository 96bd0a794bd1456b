/* platform_text: SDL_ttf fonts opened per size from the font files, and a bounded texture cache. */
#include "platform_text.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MEASURE_MAX 4096

static TTF_Font *font_at(struct ptext *t, int px, int bold)
{
    TTF_Font *f;

    for (int i = 0; i < t->nfonts; i++)
        if (t->fonts[i].px == px && t->fonts[i].bold == bold)
            return t->fonts[i].font;
    if (t->nfonts == PTEXT_MAX_FONTS) {
        /* Sizes change only with the screen or the text size: start again. */
        for (int i = 0; i < t->nfonts; i++)
            TTF_CloseFont(t->fonts[i].font);
        t->nfonts = 0;
    }
    /* FreeType reads the file as it needs it: no copy of the whole font stays in memory. */
    f = TTF_OpenFont(t->face[bold], px);
    if (!f)
        return NULL;
    TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
    t->fonts[t->nfonts++] = (struct ptext_font){ px, bold, f };
    return f;
}

static int measure_width(void *ctx, int px, int bold, const char *s, int len)
{
    struct ptext *t = ctx;
    TTF_Font *f = font_at(t, px, bold);
    char buf[MEASURE_MAX];
    int w = 0, h = 0;

    if (!f || len <= 0)
        return 0;
    if (len >= MEASURE_MAX)
        len = MEASURE_MAX - 1;
    memcpy(buf, s, (size_t)len);
    buf[len] = '\0';
    if (TTF_SizeUTF8(f, buf, &w, &h) != 0)
        return 0;
    return w;
}

static int measure_line_height(void *ctx, int px, int bold)
{
    TTF_Font *f = font_at(ctx, px, bold);

    return f ? TTF_FontLineSkip(f) : px;
}

int ptext_open(struct ptext *t, const char *assets_dir, char *err, size_t errlen)
{
    static const char *names[2] = { "NotoSans-Regular.ttf", "NotoSans-Bold.ttf" };

    memset(t, 0, sizeof *t);
    if (TTF_Init() != 0) {
        snprintf(err, errlen, "cannot start SDL_ttf: %s", TTF_GetError());
        return -1;
    }
    for (int i = 0; i < 2; i++) {
        snprintf(t->face[i], sizeof t->face[i], "%s/fonts/%s", assets_dir, names[i]);
        if (access(t->face[i], R_OK) != 0) {
            snprintf(err, errlen, "cannot open '%s': %s", t->face[i], strerror(errno));
            goto fail;
        }
    }
    t->measurer = (struct text_measurer){ t, measure_width, measure_line_height };
    if (!font_at(t, 20, 0)) {
        snprintf(err, errlen, "cannot read the fonts in '%s/fonts': %s", assets_dir, TTF_GetError());
        goto fail;
    }
    return 0;
fail:
    ptext_close(t);
    return -1;
}

void ptext_forget(struct ptext *t)
{
    for (int i = 0; i < PTEXT_SLOTS; i++)
        if (t->slots[i].tex)
            SDL_DestroyTexture(t->slots[i].tex);
    memset(t->slots, 0, sizeof t->slots);
    t->nslots = 0;
    t->bytes = 0;
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
    for (int i = 0; i < t->nfonts; i++)
        TTF_CloseFont(t->fonts[i].font);
    t->nfonts = 0;
    if (TTF_WasInit())
        TTF_Quit();
}

/* The slot for this text: its own if cached, else a free one or the least recently used. */
static struct ptext_slot *find_slot(struct ptext *t, uint64_t h, int px, int bold, unsigned colour, int len,
                                    int *hit)
{
    unsigned i = (unsigned)(h % PTEXT_SLOTS);
    struct ptext_slot *oldest = NULL;

    /* Linear probing over a short window keeps look-ups cheap and eviction local. */
    for (int probe = 0; probe < 16; probe++) {
        struct ptext_slot *s = &t->slots[(i + (unsigned)probe) % PTEXT_SLOTS];
        if (s->tex && s->hash == h && s->px == px && s->bold == bold && s->colour == colour && s->len == len) {
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

SDL_Texture *ptext_texture(struct ptext *t, SDL_Renderer *r, int px, int bold, unsigned colour,
                           const char *s, int len, int *w, int *h)
{
    SDL_Color ink = { (Uint8)(colour >> 24), (Uint8)(colour >> 16), (Uint8)(colour >> 8), (Uint8)colour };
    uint64_t hash = text_hash(s, len, 0);
    int hit;
    struct ptext_slot *slot = find_slot(t, hash, px, bold, colour, len, &hit);
    TTF_Font *f;
    SDL_Surface *surf;
    char buf[MEASURE_MAX];

    if (hit) {
        t->reused++;
        goto done;
    }
    f = font_at(t, px, bold);
    if (!f || len <= 0)
        return NULL;
    if (len >= MEASURE_MAX)
        len = MEASURE_MAX - 1;
    memcpy(buf, s, (size_t)len);
    buf[len] = '\0';
    surf = TTF_RenderUTF8_Blended(f, buf, ink);
    SDL_memset(buf, 0, (size_t)len);
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
    slot->bold = bold;
    slot->colour = colour;
    slot->len = len;
    t->bytes += (size_t)slot->w * (size_t)slot->h * 4;
    t->nslots++;
    t->made++;
done:
    slot->used = ++t->tick;
    *w = slot->w;
    *h = slot->h;
    return slot->tex;
}
