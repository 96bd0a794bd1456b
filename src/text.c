/* text: greedy word wrap over a platform-supplied measurer, with a direct-mapped cache. */
#include "text.h"

#include <string.h>

uint64_t text_hash(const char *s, int len, uint64_t seed)
{
    uint64_t h = 1469598103934665603ULL ^ seed;

    for (int i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void text_cache_clear(struct text_cache *cache)
{
    memset(cache, 0, sizeof *cache);
}

/* Byte length of the UTF-8 sequence starting at s (1 for a stray byte). */
static int utf8_step(const char *s, int left)
{
    unsigned char c = (unsigned char)s[0];
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;

    if (n > left)
        n = left;
    for (int i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

/* The longest prefix of s[0..len) that fits maxw, cut between characters; at least one character. */
static int fit_chars(const struct text_measurer *m, int px, int bold, const char *s, int len, int maxw)
{
    int end = utf8_step(s, len);

    while (end < len) {
        int next = end + utf8_step(s + end, len - end);
        if (m->width(m->ctx, px, bold, s, next) > maxw)
            break;
        end = next;
    }
    return end;
}

static void push_line(struct text_lines *out, const struct text_measurer *m, int px, int bold,
                      const char *s, int start, int end)
{
    while (end > start && s[end - 1] == ' ')
        end--;
    if (out->n == TEXT_MAX_LINES) {
        out->truncated = 1;
        return;
    }
    out->start[out->n] = start;
    out->len[out->n] = end - start;
    out->width[out->n] = m->width(m->ctx, px, bold, s + start, end - start);
    if (out->width[out->n] > out->w)
        out->w = out->width[out->n];
    out->n++;
}

static void wrap(const struct text_measurer *m, int px, int bold, const char *s, int len, int maxw,
                 struct text_lines *out)
{
    int line = 0;

    memset(out, 0, sizeof *out);
    out->line_h = m->line_height(m->ctx, px, bold);
    while (line < len && !out->truncated) {
        int end = line, fit = -1;

        /* Extend word by word while the line still fits. */
        while (end < len && s[end] != '\n') {
            int word_end = end;
            while (word_end < len && s[word_end] == ' ')
                word_end++;
            while (word_end < len && s[word_end] != ' ' && s[word_end] != '\n')
                word_end++;
            if (m->width(m->ctx, px, bold, s + line, word_end - line) > maxw)
                break;
            fit = end = word_end;
        }
        if (fit < 0 && end < len && s[end] != '\n') {
            /* A single word wider than the line: cut it between characters. */
            end = line + fit_chars(m, px, bold, s + line, len - line, maxw);
            out->cut = 1;
        }
        push_line(out, m, px, bold, s, line, end);
        while (end < len && s[end] == ' ')
            end++;
        if (end < len && s[end] == '\n')
            end++;
        line = end;
    }
    if (line < len)
        out->truncated = 1;
    out->h = out->n * out->line_h;
}

void text_wrap(struct text_cache *cache, const struct text_measurer *m, int px, int bold,
               const char *s, int len, int maxw, struct text_lines *out)
{
    struct text_cache_slot *slot;
    uint64_t h;

    if (!cache) {
        wrap(m, px, bold, s, len, maxw, out);
        return;
    }
    h = text_hash(s, len, ((uint64_t)px << 40) ^ ((uint64_t)bold << 32) ^ (uint64_t)maxw);
    slot = &cache->slots[h % TEXT_CACHE_SLOTS];
    if (slot->hash == h && slot->len == len && slot->px == px && slot->bold == bold && slot->maxw == maxw) {
        cache->hits++;
        *out = slot->lines;
        return;
    }
    cache->misses++;
    wrap(m, px, bold, s, len, maxw, out);
    slot->hash = h;
    slot->len = len;
    slot->px = px;
    slot->bold = bold;
    slot->maxw = maxw;
    slot->lines = *out;
}
