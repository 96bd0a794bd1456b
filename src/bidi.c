/* bidi: UAX #9 levels by GNU FriBidi for one line, and its level runs in display order (rule L2). */
#include "bidi.h"

#include <assert.h>
#include <fribidi.h>
#include <sodium.h>
#include <string.h>

#include "utf8.h"

_Static_assert(sizeof(FriBidiChar) == sizeof(uint32_t), "FriBidiChar is 32 bits");
_Static_assert(sizeof(FriBidiCharType) == sizeof(uint32_t), "FriBidiCharType is 32 bits");
_Static_assert(sizeof(FriBidiBracketType) == sizeof(uint32_t), "FriBidiBracketType is 32 bits");
_Static_assert(sizeof(FriBidiLevel) == sizeof(signed char), "FriBidiLevel is a signed char");

int bidi_decode(const char *s, int len, struct bidi_scratch *sc)
{
    int n = 0, i = 0;

    while (i < len && n < BIDI_MAX_CHARS) {
        uint32_t cp;
        size_t step = utf8_decode(s + i, (size_t)(len - i), &cp);

        if (step == 0) {
            cp = 0xFFFD;
            step = 1;
        }
        sc->cp[n] = cp;
        sc->byte[n++] = i;
        i += (int)step;
    }
    sc->byte[n] = i;
    return n;
}

enum bidi_dir bidi_first_strong(const char *s, int len)
{
    for (int i = 0; i < len; ) {
        uint32_t cp;
        size_t step = utf8_decode(s + i, (size_t)(len - i), &cp);
        FriBidiCharType t;

        if (step == 0) {
            i++;
            continue;
        }
        i += (int)step;
        t = fribidi_get_bidi_type(cp);
        if (FRIBIDI_IS_LETTER(t))
            return FRIBIDI_IS_RTL(t) ? BIDI_RTL : BIDI_LTR;
    }
    return BIDI_AUTO;
}

void bidi_wipe(struct bidi_scratch *sc, int n)
{
    if (n <= 0)
        return;
    if (n > BIDI_MAX_CHARS)
        n = BIDI_MAX_CHARS;
    sodium_memzero(sc->cp, (size_t)n * sizeof sc->cp[0]);
    sodium_memzero(sc->byte, (size_t)(n + 1) * sizeof sc->byte[0]);
    sodium_memzero(sc->type, (size_t)n * sizeof sc->type[0]);
    sodium_memzero(sc->bracket, (size_t)n * sizeof sc->bracket[0]);
    sodium_memzero(sc->level, (size_t)n * sizeof sc->level[0]);
}

/* Appends the run of code points [first, first + count) at level. */
static void add_run(struct bidi_line *out, const struct bidi_scratch *sc, int first, int count, int level)
{
    struct bidi_run *r = &out->run[out->n++];

    r->first = first;
    r->count = count;
    r->start = sc->byte[first];
    r->len = sc->byte[first + count] - r->start;
    r->level = level;
}

/* Rule L2: from the highest level down to the lowest odd one, reverses every sequence of runs
 * at that level or higher. */
static void reorder_runs(struct bidi_line *out)
{
    int high = 0, low_odd = 127;

    for (int i = 0; i < out->n; i++) {
        if (out->run[i].level > high)
            high = out->run[i].level;
        if ((out->run[i].level & 1) && out->run[i].level < low_odd)
            low_odd = out->run[i].level;
    }
    for (int level = high; level >= low_odd && level > 0; level--) {
        for (int i = 0; i < out->n; ) {
            int j = i;
            if (out->run[i].level < level) {
                i++;
                continue;
            }
            while (j < out->n && out->run[j].level >= level)
                j++;
            for (int a = i, b = j - 1; a < b; a++, b--) {
                struct bidi_run t = out->run[a];
                out->run[a] = out->run[b];
                out->run[b] = t;
            }
            i = j;
        }
    }
}

void bidi_line(const char *s, int len, enum bidi_dir dir, struct bidi_scratch *sc, struct bidi_line *out)
{
    FriBidiParType base = dir == BIDI_RTL ? FRIBIDI_PAR_RTL : dir == BIDI_LTR ? FRIBIDI_PAR_LTR : FRIBIDI_PAR_ON;
    int n = bidi_decode(s, len, sc), ok;

    memset(out, 0, sizeof *out);
    if (n == 0) {
        out->rtl = dir == BIDI_RTL;
        return;
    }
    fribidi_get_bidi_types(sc->cp, n, sc->type);
    fribidi_get_bracket_types(sc->cp, n, sc->type, sc->bracket);
    ok = fribidi_get_par_embedding_levels_ex(sc->type, sc->bracket, n, &base, sc->level) != 0;
    /* Rule L1: white space at the end of the line goes back to the paragraph's level. */
    if (ok)
        ok = fribidi_reorder_line(0, sc->type, n, 0, base, sc->level, NULL, NULL) != 0;
    out->rtl = FRIBIDI_IS_RTL(base) != 0;
    if (!ok) {
        /* Out of memory in FriBidi: show the line in logical order rather than not at all. */
        add_run(out, sc, 0, n, out->rtl);
        if (sc->byte[n] < len)
            out->run[0].len = len - out->run[0].start;
        return;
    }
    for (int i = 0; i < n; ) {
        int j = i + 1;
        while (j < n && sc->level[j] == sc->level[i])
            j++;
        if (out->n == BIDI_MAX_RUNS - 1)
            j = n;
        add_run(out, sc, i, j - i, sc->level[i]);
        i = j;
    }
    /* Bytes past BIDI_MAX_CHARS code points ride along with the last run in logical order. */
    if (sc->byte[n] < len) {
        struct bidi_run *last = &out->run[out->n - 1];
        last->len = len - last->start;
    }
    reorder_runs(out);
}
