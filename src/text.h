/* text: measuring and line-breaking UTF-8 text for layout, in any script and either direction,
 * with a cache of wrapped paragraphs. Glyph metrics come from the platform through struct
 * text_measurer, so layout never touches SDL.
 *
 * Lines break where UAX #14 allows (libunibreak; Thai by its dictionary, libthai): at spaces,
 * after hyphens, between Chinese or Japanese characters, never inside a word otherwise. They break
 * in logical order; the platform orders each line for display by UAX #9 (bidi.h), so a measured
 * width is the width drawn when the line is drawn with the same flags (text_lines.flags). */
#ifndef TEXT_H
#define TEXT_H

#include <stdint.h>

#define TEXT_MAX_LINES   48
#define TEXT_MAX_BYTES   8192   /* of one paragraph; the rest is left out and the paragraph truncated */
#define TEXT_CACHE_SLOTS 512

/* Style flags: what the measurer's and a draw command's "bold" carries. 0 and 1 mean what they
 * always did (regular or bold, direction from the text). */
enum text_flag {
    TEXT_BOLD = 1,
    TEXT_RTL  = 2,          /* the paragraph runs right to left (an RTL language's screens) */
    TEXT_LTR  = 4,          /* the paragraph runs left to right whatever its first letter */
    TEXT_PUBLIC = 8,        /* words every client may see (the content's, the wording's), never what a
                             * client typed or was given: caches may keep them across visits */
    /* neither: the paragraph takes the direction of its first strong character (UAX #9 P2, P3),
     * left to right when it has none */
};

struct text_measurer {
    void *ctx;
    /* Width in pixels of len bytes of s at font size px, as drawn with flags (TEXT_BOLD,
     * TEXT_RTL, TEXT_LTR; once called bold, and 0/1 still mean regular/bold). */
    int (*width)(void *ctx, int px, int flags, const char *s, int len);
    /* Distance between baselines at font size px. */
    int (*line_height)(void *ctx, int px, int flags);
};

/* A paragraph broken into lines that fit a width. Offsets index the caller's string; each line is
 * in logical order (what the platform draws from). */
struct text_lines {
    int n;
    int start[TEXT_MAX_LINES];
    int len[TEXT_MAX_LINES];
    int width[TEXT_MAX_LINES];
    int w, h;               /* the widest line; n * line height */
    int line_h;
    int truncated;          /* more lines than TEXT_MAX_LINES: the last line should end in "..." */
    int cut;                /* a word wider than maxw was cut between characters */
    int rtl;                /* the paragraph runs right to left (given, or from its first strong character) */
    int flags;              /* draw and measure every line with these: the caller's flags with the
                               direction resolved (TEXT_RTL or TEXT_LTR), so that no line of an
                               Arabic paragraph that starts with a Latin word turns left to right */
};

struct text_cache_slot {
    uint64_t hash;
    int len, px, flags, maxw;
    struct text_lines lines;
};

/* Wrapped paragraphs, direct-mapped by a hash of (text, size, flags, width). Owned by the app. */
struct text_cache {
    struct text_cache_slot slots[TEXT_CACHE_SLOTS];
    unsigned long hits, misses;
};

/* Where a line sits in its box. START and END follow the paragraph's direction: START is the left
 * edge of a left-to-right paragraph and the right edge of a right-to-left one. */
enum text_align { TEXT_ALIGN_START, TEXT_ALIGN_END, TEXT_ALIGN_LEFT, TEXT_ALIGN_CENTRE, TEXT_ALIGN_RIGHT };

/* Breaks s (len bytes; '\n' forces a break) into lines no wider than maxw, where UAX #14 allows a
 * break, and between characters (never before a combining mark) where a word is wider than maxw.
 * flags as for the measurer. cache may be NULL. */
void text_wrap(struct text_cache *cache, const struct text_measurer *m, int px, int flags,
               const char *s, int len, int maxw, struct text_lines *out);

/* The x of line i of l in a box from x to x + w, aligned as asked. */
int text_line_x(const struct text_lines *l, int i, int x, int w, enum text_align align);

/* TEXT_RTL or TEXT_LTR: the direction of the first strong character of the len bytes at s, or
 * fallback (either, or 0) when there is none. */
int text_direction(const char *s, int len, int fallback);

/* Forgets every cached paragraph, zeroing the slots (they may describe what a client typed). */
void text_cache_clear(struct text_cache *cache);
/* Forgets, zeroing them, the paragraphs not wrapped with TEXT_PUBLIC: at a visit's end. */
void text_cache_forget_private(struct text_cache *cache);

/* FNV-1a over len bytes of s, mixed with seed. */
uint64_t text_hash(const char *s, int len, uint64_t seed);

#endif
