/* text: line breaking by UAX #14 (libunibreak, libthai for Thai) over a platform-supplied
 * measurer, paragraph direction by UAX #9 (bidi.c), and a direct-mapped cache of wrapped paragraphs. */
#include "text.h"

#include <hb.h>
#include <linebreak.h>
#include <sodium.h>
#include <string.h>
#include <thai/thwbrk.h>
#include <wchar.h>

#include "bidi.h"
#include "utf8.h"

#define CANDIDATES 1024     /* break opportunities looked at for one line */
#define THAI_RUN   256      /* Thai characters handed to the dictionary at a time */

/* One paragraph being wrapped. */
struct wrap {
    const struct text_measurer *m;
    int px, flags, maxw;
    const char *s;
    int len;
    char brk[TEXT_MAX_BYTES];   /* libunibreak's verdict after each byte */
    double bytes_per_px;        /* from the last measurement: where to look first for the next break */
};

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
    sodium_memzero(cache, sizeof *cache);
}

void text_cache_forget_private(struct text_cache *cache)
{
    for (int i = 0; i < TEXT_CACHE_SLOTS; i++)
        if (!(cache->slots[i].flags & TEXT_PUBLIC))
            sodium_memzero(&cache->slots[i], sizeof cache->slots[i]);
}

int text_direction(const char *s, int len, int fallback)
{
    enum bidi_dir d = bidi_first_strong(s, len);

    return d == BIDI_RTL ? TEXT_RTL : d == BIDI_LTR ? TEXT_LTR : fallback;
}

int text_line_x(const struct text_lines *l, int i, int x, int w, enum text_align align)
{
    int lw = i >= 0 && i < l->n ? l->width[i] : 0;

    if (align == TEXT_ALIGN_START)
        align = l->rtl ? TEXT_ALIGN_RIGHT : TEXT_ALIGN_LEFT;
    else if (align == TEXT_ALIGN_END)
        align = l->rtl ? TEXT_ALIGN_LEFT : TEXT_ALIGN_RIGHT;
    switch (align) {
    case TEXT_ALIGN_CENTRE:
        return x + (w - lw) / 2;
    case TEXT_ALIGN_RIGHT:
        return x + w - lw;
    default:
        return x;
    }
}

/* Adds the break opportunities inside Thai words, which need a dictionary (libthai): UAX #14
 * leaves Thai (class SA) to the implementation and libunibreak does not break it at all. */
static void thai_breaks(const char *s, int len, char *brk)
{
    wchar_t run[THAI_RUN + 1];
    int end_byte[THAI_RUN], pos[THAI_RUN];

    for (int i = 0; i < len; ) {
        int n = 0;
        uint32_t cp;
        size_t step;

        while (i < len && n < THAI_RUN && (step = utf8_decode(s + i, (size_t)(len - i), &cp)) > 0 &&
               cp >= 0x0E01 && cp <= 0x0E5B) {
            run[n] = (wchar_t)cp;
            i += (int)step;
            end_byte[n++] = i - 1;
        }
        if (n > 1) {
            int found;
            run[n] = 0;
            found = th_brk_wc_find_breaks(NULL, run, pos, THAI_RUN);
            for (int k = 0; k < found; k++)
                if (pos[k] > 0 && pos[k] < n && brk[end_byte[pos[k] - 1]] == LINEBREAK_NOBREAK)
                    brk[end_byte[pos[k] - 1]] = LINEBREAK_ALLOWBREAK;
            sodium_memzero(run, sizeof run);
        }
        if (n == 0)
            i++;
    }
}

/* No line starts with a combining mark, whatever its line-break class (Thai vowel marks are SA,
 * which libunibreak takes for letters): a mark drawn on nothing is not text. */
static void keep_marks_on_their_letters(struct wrap *w)
{
    hb_unicode_funcs_t *u = hb_unicode_funcs_get_default();

    for (int i = 0; i < w->len; ) {
        uint32_t cp;
        size_t step = utf8_decode(w->s + i, (size_t)(w->len - i), &cp);

        if (step == 0) {
            i++;
            continue;
        }
        if (i > 0 && w->brk[i - 1] == LINEBREAK_ALLOWBREAK) {
            switch (hb_unicode_general_category(u, cp)) {
            case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
            case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
            case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
                w->brk[i - 1] = LINEBREAK_NOBREAK;
                break;
            default:
                break;
            }
        }
        i += (int)step;
    }
}

static void find_breaks(struct wrap *w)
{
    static int ready;       /* libunibreak's look-up tables, built once for the process */
    utf32_t cp[TEXT_MAX_BYTES];
    char brk[TEXT_MAX_BYTES];
    int n = 0;

    if (!ready) {
        init_linebreak();
        ready = 1;
    }
    /* libunibreak is given code points, not the bytes: its own UTF-8 reader asserts on bytes
     * that are not UTF-8. A stray byte counts as U+FFFD. */
    for (int i = 0; i < w->len; n++) {
        size_t step = utf8_decode(w->s + i, (size_t)(w->len - i), &cp[n]);
        if (step == 0) {
            cp[n] = 0xFFFD;
            step = 1;
        }
        if (cp[n] == 0xFFFF)
            cp[n] = 0xFFFD;     /* U+FFFF is libunibreak's end-of-text mark (EOS): it asserts on one */
        i += (int)step;
    }
    set_linebreaks_utf32(cp, (size_t)n, NULL, brk);
    for (int i = 0, k = 0; i < w->len; k++) {
        uint32_t c;
        size_t step = utf8_decode(w->s + i, (size_t)(w->len - i), &c);
        if (step == 0)
            step = 1;
        memset(w->brk + i, LINEBREAK_INSIDEACHAR, step - 1);
        w->brk[i + (int)step - 1] = brk[k];
        i += (int)step;
    }
    sodium_memzero(cp, (size_t)n * sizeof cp[0]);
    thai_breaks(w->s, w->len, w->brk);
    keep_marks_on_their_letters(w);
}

/* end, less the spaces and line ends (LF, CR, VT, FF, NEL, LS, PS) that a line does not show. */
static int trim(const struct wrap *w, int start, int end)
{
    for (;;) {
        const unsigned char *e = (const unsigned char *)w->s + end;
        if (end > start && strchr(" \n\r\v\f", e[-1]) && e[-1] != '\0')
            end--;
        else if (end - start >= 2 && e[-2] == 0xC2 && e[-1] == 0x85)      /* NEL */
            end -= 2;
        else if (end - start >= 3 && e[-3] == 0xE2 && e[-2] == 0x80 && (e[-1] == 0xA8 || e[-1] == 0xA9))
            end -= 3;                                                       /* LS, PS */
        else
            return end;
    }
}

static int measure(struct wrap *w, int start, int end)
{
    int px = w->m->width(w->m->ctx, w->px, w->flags, w->s + start, end - start);

    if (px > 0 && end > start)
        w->bytes_per_px = (double)(end - start) / px;
    return px;
}

/* Whether a line may be cut between characters at byte p (a word wider than the line): at the
 * start of a character that is not a combining mark, nor next to a zero width joiner. */
static int cluster_boundary(const struct wrap *w, int p)
{
    hb_unicode_funcs_t *u = hb_unicode_funcs_get_default();
    uint32_t next, prev;
    size_t k;

    if (p <= 0 || p >= w->len)
        return 1;
    if (utf8_decode(w->s + p, (size_t)(w->len - p), &next) == 0)
        return ((unsigned char)w->s[p] & 0xC0) != 0x80;
    k = utf8_last_len(w->s, (size_t)p);
    if (utf8_decode(w->s + p - k, k, &prev) != k)
        prev = 0;
    switch (hb_unicode_general_category(u, next)) {
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
        return 0;
    default:
        return next != 0x200D && prev != 0x200D && !(prev == '\r' && next == '\n');
    }
}

/* The longest run of whole characters from start, ending before limit, that fits the width: at
 * least one cluster. Sets *px to its width. */
static int cut_word(struct wrap *w, int start, int limit, int *px)
{
    int bounds[CANDIDATES], n = 0, lo = 0, hi;

    for (int p = start + 1; p <= limit && n < CANDIDATES; p++)
        if (p == limit || cluster_boundary(w, p))
            bounds[n++] = p;
    if (n == 0) {
        *px = measure(w, start, limit);
        return limit;
    }
    /* bounds[0] is taken even when it does not fit; look for the last one that does. */
    hi = n;
    *px = -1;
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2, got = measure(w, start, bounds[mid]);
        if (got <= w->maxw) {
            lo = mid;
            *px = got;
        } else {
            hi = mid;
        }
    }
    if (*px < 0)
        *px = measure(w, start, bounds[lo]);
    return bounds[lo];
}

/* Among the break opportunities cand[0..n), none of which is known to fit, the last one whose
 * line [start, cand[k]) fits: its index, or -1. Looks first where the last measurement's density
 * says the line ends, then gallops and bisects. Sets *px to the chosen line's width. */
static int last_fitting(struct wrap *w, int start, const int *cand, int n, int *px)
{
    int lo = -1, hi = n, guess = 0, step = 1;

    if (w->bytes_per_px > 0) {
        double reach = start + w->maxw * w->bytes_per_px;
        while (guess + 1 < n && cand[guess + 1] <= reach)
            guess++;
    }
    for (;;) {
        int p = guess, got = measure(w, start, trim(w, start, cand[p]));
        if (got <= w->maxw) {
            lo = p;
            *px = got;
            guess = p + step;
            if (guess >= hi)
                break;
        } else {
            hi = p;
            guess = p - step;
            if (guess <= lo)
                break;
        }
        step *= 2;
    }
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2, got = measure(w, start, trim(w, start, cand[mid]));
        if (got <= w->maxw) {
            lo = mid;
            *px = got;
        } else {
            hi = mid;
        }
    }
    return lo;
}

static void push_line(struct text_lines *out, int start, int end, int px)
{
    if (out->n == TEXT_MAX_LINES) {
        out->truncated = 1;
        return;
    }
    out->start[out->n] = start;
    out->len[out->n] = end - start;
    out->width[out->n] = px;
    if (px > out->w)
        out->w = px;
    out->n++;
}

static void wrap(struct wrap *w, struct text_lines *out)
{
    int line = 0, cand[CANDIDATES];

    find_breaks(w);
    while (line < w->len && !out->truncated) {
        int mand = line, n = 0, end, px = 0, k, next, measured;

        while (mand < w->len && w->brk[mand] != LINEBREAK_MUSTBREAK)
            mand++;
        mand = mand < w->len ? mand + 1 : w->len;
        end = trim(w, line, mand);
        /* The rest of the paragraph is measured whole only when it may fit: measuring it for
         * every line would cost the square of its length. Otherwise it is the last candidate. */
        measured = w->bytes_per_px == 0 || mand - line <= 1.25 * w->maxw * w->bytes_per_px + 8;
        if (measured) {
            px = measure(w, line, end);
            if (px <= w->maxw) {
                push_line(out, line, end, px);
                line = mand;
                continue;
            }
        }
        for (int p = line; p < mand - 1 && n < CANDIDATES; p++)
            if (w->brk[p] == LINEBREAK_ALLOWBREAK)
                cand[n++] = p + 1;
        if (!measured && n < CANDIDATES)
            cand[n++] = mand;
        k = n > 0 ? last_fitting(w, line, cand, n, &px) : -1;
        if (k >= 0) {
            push_line(out, line, trim(w, line, cand[k]), px);
            next = cand[k];
        } else {
            /* A word wider than the line: cut it between characters. */
            next = cut_word(w, line, n > 0 ? trim(w, line, cand[0]) : end, &px);
            push_line(out, line, next, px);
            out->cut = 1;
        }
        line = next > line ? next : line + 1;     /* never: every line takes at least one character */
    }
    if (line < w->len)
        out->truncated = 1;
}

void text_wrap(struct text_cache *cache, const struct text_measurer *m, int px, int flags,
               const char *s, int len, int maxw, struct text_lines *out)
{
    struct text_cache_slot *slot = NULL;
    struct wrap w;
    int rtl;
    uint64_t h = 0;

    if (!(flags & (TEXT_RTL | TEXT_LTR)))
        flags |= text_direction(s, len, TEXT_LTR);
    rtl = (flags & TEXT_RTL) != 0;
    if (rtl)
        flags &= ~TEXT_LTR;
    if (cache) {
        h = text_hash(s, len, ((uint64_t)px << 40) ^ ((uint64_t)flags << 32) ^ (uint64_t)(unsigned)maxw);
        slot = &cache->slots[h % TEXT_CACHE_SLOTS];
        if (slot->hash == h && slot->len == len && slot->px == px && slot->flags == flags && slot->maxw == maxw) {
            cache->hits++;
            *out = slot->lines;
            return;
        }
        cache->misses++;
    }
    memset(out, 0, sizeof *out);
    out->line_h = m->line_height(m->ctx, px, flags);
    out->rtl = rtl;
    out->flags = flags;
    w.m = m;
    w.px = px;
    w.flags = flags;
    w.maxw = maxw;
    w.s = s;
    w.len = len < TEXT_MAX_BYTES ? len : (int)utf8_cut(s, (size_t)len, TEXT_MAX_BYTES);
    w.bytes_per_px = 0;
    wrap(&w, out);
    if (w.len < len)
        out->truncated = 1;
    out->h = out->n * out->line_h;
    if (slot) {
        slot->hash = h;
        slot->len = len;
        slot->px = px;
        slot->flags = flags;
        slot->maxw = maxw;
        slot->lines = *out;
    }
}
