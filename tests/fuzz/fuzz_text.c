/* fuzz_text: line breaking and bidi order on any bytes. The first two bytes pick the width and
 * the flags; the rest is the text, wrapped with a measurer that makes each byte 7 px wide and each
 * line's code points into bidi runs. Properties checked:
 * - lines follow one another in order inside the text, and together they leave out only spaces
 *   and line ends;
 * - a line is no wider than the width unless a word had to be cut, and then it holds one cluster
 *   at least; a line never ends before a combining mark;
 * - the paragraph's direction comes back resolved (TEXT_RTL or TEXT_LTR, never both);
 * - each line's bidi runs cover its bytes exactly once, and their levels are odd exactly where
 *   they read right to left, with the paragraph's level at least where it starts. */
#include <stdint.h>
#include <string.h>

#include "bidi.h"
#include "fuzz.h"
#include "text.h"
#include "utf8.h"

static int width(void *ctx, int px, int flags, const char *s, int len)
{
    (void)ctx; (void)px; (void)flags; (void)s;
    return 7 * len;
}

static int line_height(void *ctx, int px, int flags)
{
    (void)ctx; (void)flags;
    return px + 4;
}

static const struct text_measurer m = { NULL, width, line_height };

/* Whether bytes [from, to) of s are only what a line leaves out at its end: spaces and line
 * ends, NEL, LS and PS included. */
static int only_line_ends(const char *s, int from, int to)
{
    const unsigned char *u = (const unsigned char *)s;

    for (int k = from; k < to; ) {
        if (u[k] == ' ' || u[k] == '\n' || u[k] == '\r' || u[k] == '\v' || u[k] == '\f')
            k++;
        else if (k + 1 < to && u[k] == 0xC2 && u[k + 1] == 0x85)
            k += 2;
        else if (k + 2 < to && u[k] == 0xE2 && u[k + 1] == 0x80 && (u[k + 2] == 0xA8 || u[k + 2] == 0xA9))
            k += 3;
        else
            return 0;
    }
    return 1;
}

static void check_runs(const char *s, int len, enum bidi_dir dir)
{
    static struct bidi_scratch sc;
    static struct bidi_line bl;
    static unsigned char seen[TEXT_MAX_BYTES];

    bidi_line(s, len, dir, &sc, &bl);
    FUZZ_CHECK(bl.n >= (len > 0));
    FUZZ_CHECK(dir == BIDI_AUTO || bl.rtl == (dir == BIDI_RTL));
    memset(seen, 0, (size_t)len);
    for (int i = 0; i < bl.n; i++) {
        const struct bidi_run *r = &bl.run[i];
        FUZZ_CHECK(r->start >= 0 && r->len > 0 && r->start + r->len <= len);
        FUZZ_CHECK(r->level >= 0 && r->level < 126);
        for (int k = r->start; k < r->start + r->len; k++) {
            FUZZ_CHECK(!seen[k]);
            seen[k] = 1;
        }
    }
    for (int k = 0; k < len; k++)
        FUZZ_CHECK(seen[k]);
    bidi_wipe(&sc, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct text_lines l;
    const char *s = (const char *)data + 2;
    int len, maxw, flags, covered = 0;

    if (size < 2 || size - 2 >= TEXT_MAX_BYTES)
        return 0;
    len = (int)size - 2;
    maxw = 1 + data[0] * 4;
    flags = data[1] & (TEXT_BOLD | TEXT_RTL | TEXT_LTR);
    text_wrap(NULL, &m, 20, flags, s, len, maxw, &l);
    FUZZ_CHECK(((l.flags & TEXT_RTL) != 0) != ((l.flags & TEXT_LTR) != 0));
    FUZZ_CHECK(l.rtl == ((l.flags & TEXT_RTL) != 0));
    FUZZ_CHECK(!(flags & TEXT_RTL) || l.rtl);
    FUZZ_CHECK(l.n <= TEXT_MAX_LINES);
    for (int i = 0; i < l.n; i++) {
        int end = l.start[i] + l.len[i];
        uint32_t next;
        FUZZ_CHECK(l.start[i] >= covered && end <= len);
        FUZZ_CHECK(only_line_ends(s, covered, l.start[i]));
        FUZZ_CHECK(l.width[i] == 7 * l.len[i]);
        FUZZ_CHECK(l.width[i] <= maxw || l.cut);
        FUZZ_CHECK(i == 0 || l.start[i] > l.start[i - 1]);
        if (end < len && utf8_decode(s + end, (size_t)(len - end), &next) > 0 && l.len[i] > 0)
            FUZZ_CHECK(!utf8_is_mark(next));
        check_runs(s + l.start[i], l.len[i], l.rtl ? BIDI_RTL : BIDI_LTR);
        covered = end;
    }
    if (!l.truncated)
        FUZZ_CHECK(only_line_ends(s, covered, len));
    return 0;
}
