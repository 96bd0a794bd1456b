/* text: measuring and word-wrapping UTF-8 text for layout, with a cache of wrapped paragraphs.
 * Glyph metrics come from the platform through struct text_measurer, so layout never touches SDL. */
#ifndef TEXT_H
#define TEXT_H

#include <stdint.h>

#define TEXT_MAX_LINES   48
#define TEXT_CACHE_SLOTS 512

struct text_measurer {
    void *ctx;
    /* Width in pixels of len bytes of s at font size px. */
    int (*width)(void *ctx, int px, int bold, const char *s, int len);
    /* Distance between baselines at font size px. */
    int (*line_height)(void *ctx, int px, int bold);
};

/* A paragraph broken into lines that fit a width. Offsets index the caller's string. */
struct text_lines {
    int n;
    int start[TEXT_MAX_LINES];
    int len[TEXT_MAX_LINES];
    int width[TEXT_MAX_LINES];
    int w, h;               /* the widest line; n * line height */
    int line_h;
    int truncated;          /* more lines than TEXT_MAX_LINES: the last line should end in "..." */
    int cut;                /* a word wider than maxw was cut between characters */
};

struct text_cache_slot {
    uint64_t hash;
    int len, px, bold, maxw;
    struct text_lines lines;
};

/* Wrapped paragraphs, direct-mapped by a hash of (text, size, width). Owned by the app. */
struct text_cache {
    struct text_cache_slot slots[TEXT_CACHE_SLOTS];
    unsigned long hits, misses;
};

/* Breaks s (len bytes; '\n' forces a break) into lines no wider than maxw, at spaces where it
 * can and between characters where a word is wider than maxw. cache may be NULL. */
void text_wrap(struct text_cache *cache, const struct text_measurer *m, int px, int bold,
               const char *s, int len, int maxw, struct text_lines *out);

/* Forgets every cached paragraph, zeroing the slots (they may describe what a client typed). */
void text_cache_clear(struct text_cache *cache);

/* FNV-1a over len bytes of s, mixed with seed. */
uint64_t text_hash(const char *s, int len, uint64_t seed);

#endif
