/* The text engine on the real fonts: faces found lazily through fontconfig, bidi order (UAX #9),
 * HarfBuzz shaping through SDL_ttf (Arabic joins, Indic clusters), measuring that agrees with
 * drawing, one CJK instance for every size, and nothing of the text left behind in scratch. */
#include <SDL.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "platform_text.h"

static struct ptext t;

static int width(int px, int flags, const char *s)
{
    return t.measurer.width(t.measurer.ctx, px, flags, s, (int)strlen(s));
}

/* The text of piece i of the last shaped line of s. */
static int piece_is(const struct shape_line *l, int i, const char *s, const char *want)
{
    return i < l->n && l->piece[i].len == (int)strlen(want) && memcmp(s + l->piece[i].start, want, strlen(want)) == 0;
}

/* Whether the n bytes at buf hold needle anywhere. */
static int holds(const char *buf, size_t n, const char *needle)
{
    size_t k = strlen(needle);

    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(buf + i, needle, k) == 0)
            return 1;
    return 0;
}

static const char *family_of(int face)
{
    return fonts_face(&t.fonts, face)->family;
}

TEST(faces_are_found_when_text_first_needs_them)
{
    static struct ptext fresh;
    char err[256];
    int before;

    if (ptext_open(&fresh, err, sizeof err) != 0)
        FAIL_AT("%s", err);
    ASSERT_INT_EQ(2, fresh.fonts.nfaces);          /* Noto Sans regular and bold, nothing else */
    ASSERT_INT_EQ(1, fresh.nopen);
    ASSERT_STR_EQ("Noto Sans", fresh.fonts.faces[0].family);
    before = fresh.fonts.nfaces;
    fresh.measurer.width(&fresh, 26, 0, "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7", 10);   /* Arabic */
    ASSERT(fresh.fonts.nfaces > before);
    ASSERT_STR_EQ("Noto Sans Arabic", fresh.fonts.faces[fresh.fonts.nfaces - 1].family);
    ptext_close(&fresh);
}

TEST(each_script_has_its_family)
{
    static const struct { const char *text, *family; } want[] = {
        { "\xd8\xa8", "Noto Sans Arabic" },
        { "\xd7\x90", "Noto Sans Hebrew" },
        { "\xe0\xa4\x95", "Noto Sans Devanagari" },
        { "\xe0\xa6\x95", "Noto Sans Bengali" },
        { "\xe0\xb8\x81", "Noto Sans Thai" },
        { "\xe4\xb8\xad", "Noto Sans CJK SC" },
        { "\xe3\x81\x82\xe5\xb1\xb1", "Noto Sans CJK JP" },   /* kana beside Han: Japanese shapes */
        { "\xed\x95\x9c", "Noto Sans CJK KR" },
        { "\xd0\x96", "Noto Sans" },
    };

    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        shape_line(&t.fonts, &t.bidi, want[i].text, (int)strlen(want[i].text), BIDI_AUTO, 0, &t.line);
        ASSERT(t.line.n >= 1);
        if (strcmp(want[i].family, family_of(t.line.piece[t.line.n - 1].face)) != 0)
            FAIL_AT("'%s' is drawn with %s, not %s", want[i].text, family_of(t.line.piece[0].face), want[i].family);
    }
    /* The CJK faces are one collection, each at its own index. */
    shape_line(&t.fonts, &t.bidi, "\xe4\xb8\xad", 3, BIDI_AUTO, 0, &t.line);
    ASSERT(strstr(fonts_face(&t.fonts, t.line.piece[0].face)->path, ".ttc") != NULL);
    ASSERT(fonts_face(&t.fonts, t.line.piece[0].face)->index > 0);
}

TEST(an_arabic_name_beside_a_latin_email_reads_in_order)
{
    const char *s = "\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf \xd8\xa7\xd9\x84\xd8\xae\xd8\xb7\xd9\x8a\xd8\xa8 ahmad@example.com";
    const char *latin_first = "Email ahmad@example.com \xd8\xa3\xd8\xad\xd9\x85\xd8\xaf.";

    shape_line(&t.fonts, &t.bidi, s, (int)strlen(s), BIDI_AUTO, 0, &t.line);
    ASSERT(t.line.rtl);
    /* Right to left: the name on the right, in one right-to-left piece; the email on the left,
     * left to right and whole. */
    ASSERT(piece_is(&t.line, 0, s, "ahmad@example.com"));
    ASSERT(!t.line.piece[0].rtl);
    ASSERT(t.line.piece[t.line.n - 1].rtl);
    ASSERT_INT_EQ(0, t.line.piece[t.line.n - 1].start);
    /* In a left-to-right line the Arabic word sits where it was written, drawn right to left,
     * and the full stop after it stays at the end. */
    shape_line(&t.fonts, &t.bidi, latin_first, (int)strlen(latin_first), BIDI_AUTO, 0, &t.line);
    ASSERT(!t.line.rtl);
    ASSERT(piece_is(&t.line, 0, latin_first, "Email ahmad@example.com "));
    ASSERT(piece_is(&t.line, 1, latin_first, "\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf"));
    ASSERT(t.line.piece[1].rtl);
    ASSERT(piece_is(&t.line, 2, latin_first, "."));
}

TEST(digits_inside_arabic_read_left_to_right_in_place)
{
    /* "I am 45 years old" and the same with Arabic-Indic digits. */
    const char *s = "\xd8\xb9\xd9\x85\xd8\xb1\xd9\x8a 45 \xd8\xb3\xd9\x86\xd8\xa9";
    const char *indic = "\xd8\xb9\xd9\x85\xd8\xb1\xd9\x8a \xd9\xa4\xd9\xa5 \xd8\xb3\xd9\x86\xd8\xa9";

    shape_line(&t.fonts, &t.bidi, s, (int)strlen(s), BIDI_AUTO, 0, &t.line);
    ASSERT_INT_EQ(3, t.line.n);
    ASSERT(piece_is(&t.line, 0, s, " \xd8\xb3\xd9\x86\xd8\xa9"));   /* " years", leftmost */
    ASSERT(piece_is(&t.line, 1, s, "45"));
    ASSERT(!t.line.piece[1].rtl);
    ASSERT(piece_is(&t.line, 2, s, "\xd8\xb9\xd9\x85\xd8\xb1\xd9\x8a "));    /* "I am ", rightmost */
    shape_line(&t.fonts, &t.bidi, indic, (int)strlen(indic), BIDI_AUTO, 0, &t.line);
    ASSERT(piece_is(&t.line, 1, indic, "\xd9\xa4\xd9\xa5"));
    ASSERT(!t.line.piece[1].rtl);
    ASSERT_STR_EQ("Noto Sans Arabic", family_of(t.line.piece[1].face));
}

TEST(forced_right_to_left_puts_neutrals_at_the_left)
{
    const char *s = "Hello!";

    shape_line(&t.fonts, &t.bidi, s, 6, BIDI_RTL, 0, &t.line);
    ASSERT(t.line.rtl);
    ASSERT(piece_is(&t.line, 0, s, "!"));
    ASSERT(piece_is(&t.line, 1, s, "Hello"));
}

TEST(arabic_letters_join)
{
    /* Three behs joined are narrower than three standing alone; lam and alef make one ligature. */
    int one = width(40, 0, "\xd8\xa8"), three = width(40, 0, "\xd8\xa8\xd8\xa8\xd8\xa8");
    int lam_alef = width(40, 0, "\xd9\x84\xd8\xa7");
    int lam = width(40, 0, "\xd9\x84"), alef = width(40, 0, "\xd8\xa7");

    ASSERT(one > 0);
    ASSERT(three < 3 * one - 10);
    ASSERT(lam_alef < lam + alef);
    ASSERT(t.shaping);
}

TEST(indic_clusters_form)
{
    /* Devanagari ka + virama + ssa is one conjunct, narrower than the three drawn apart (a lone
     * virama even gets a dotted circle to sit on). */
    int kssa = width(40, 0, "\xe0\xa4\x95\xe0\xa5\x8d\xe0\xa4\xb7");
    int apart = width(40, 0, "\xe0\xa4\x95") + width(40, 0, "\xe0\xa5\x8d") + width(40, 0, "\xe0\xa4\xb7");
    /* Tamil and Bengali too: a vowel sign around or before its consonant adds no width of its own. */
    int ko = width(40, 0, "\xe0\xae\x95\xe0\xaf\x8a");
    int ka_o = width(40, 0, "\xe0\xae\x95") + width(40, 0, "\xe0\xaf\x8a");

    ASSERT(kssa > 0);
    ASSERT(kssa < apart);
    ASSERT(ko < ka_o);
}

TEST(measuring_agrees_with_drawing)
{
    static const char *const lines[] = {
        "Calf slimming with botulinum toxin",
        "\xd8\xaa\xd9\x86\xd8\xad\xd9\x8a\xd9\x81 \xd8\xa7\xd9\x84\xd8\xb3\xd8\xa7\xd9\x82 (3-4) \xd8\xb4\xd9\x87\xd8\xb1",
        "\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf ahmad@example.com",
        "\xe8\x82\x89\xe6\xaf\x92\xe6\x9d\x86\xe8\x8f\x8c\xe7\xb4\xa0\xef\xbc\x8c\xe7\x98\xa6\xe5\xb0\x8f\xe8\x85\xbf",
        "\xe0\xb8\xaa\xe0\xb8\xa7\xe0\xb8\xb1\xe0\xb8\xaa\xe0\xb8\x94\xe0\xb8\xb5 Thai",
        "\xe0\xa4\xaa\xe0\xa5\x8d\xe0\xa4\xb0\xe0\xa4\xbf\xe0\xa4\xaf\xe0\xa4\xbe \xe0\xa4\xb6\xe0\xa4\xb0\xe0\xa5\x8d\xe0\xa4\xae\xe0\xa4\xbe",
        "\xd7\xa0\xd7\x95\xd7\xa2\xd7\x94 \xd7\x9b\xd7\x94\xd7\x9f, 12 Main St",
    };

    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        for (int flags = 0; flags < 4; flags++) {
            int dy, w = width(26, flags, lines[i]);
            SDL_Surface *s = ptext_render(&t, 26, flags, 0x000000FF, lines[i], (int)strlen(lines[i]), &dy);
            ASSERT(s != NULL);
            if (s->w != w)
                FAIL_AT("'%s' (flags %d) measures %d px and draws %d", lines[i], flags, w, s->w);
            /* Every face sits on the primary face's baseline: Latin where it always was, the
             * others shifted by the difference of their ascents, never by a whole line. */
            if (i == 0)
                ASSERT_INT_EQ(0, dy);
            ASSERT(dy > -t.measurer.line_height(&t, 26, flags) / 2 && dy < t.measurer.line_height(&t, 26, flags) / 2);
            SDL_FreeSurface(s);
        }
}

TEST(one_cjk_instance_serves_every_size)
{
    const char *s = "\xe8\x82\x89\xe6\xaf\x92\xe6\x9d\x86\xe8\x8f\x8c";
    int sizes[] = { 20, 26, 34, 44, 26 }, last = 0, cjk = -1, instances = 0;

    for (int i = 0; i < 5; i++) {
        int w = width(sizes[i], 0, s);
        ASSERT(w > 0);
        if (i > 0 && sizes[i] > sizes[i - 1])
            ASSERT(w > last);
        last = w;
    }
    memset(t.widths, 0, sizeof t.widths);      /* measured again, not remembered */
    ASSERT_INT_EQ(width(26, 0, s), last);
    shape_line(&t.fonts, &t.bidi, s, (int)strlen(s), BIDI_AUTO, 0, &t.line);
    cjk = t.line.piece[0].face;
    ASSERT(fonts_face(&t.fonts, cjk)->file_size > PTEXT_LARGE_FACE);
    for (int i = 0; i < t.nopen; i++)
        instances += t.open[i].face == cjk;
    ASSERT_INT_EQ(1, instances);
}

static int open_instances(int face)
{
    int n = 0;

    for (int i = 0; i < t.nopen; i++)
        n += t.open[i].face == face;
    return n;
}

/* The CJK face the English language picker's "中文" opened is closed a few frames after its last
 * use, and opens again, measuring the same, when Chinese text comes back; the primary stays. */
TEST(an_idle_large_face_is_closed_and_opens_again)
{
    const char *s = "\xe4\xb8\xad\xe6\x96\x87";      /* 中文 */
    int w = width(30, TEXT_BOLD, s), cjk;

    shape_line(&t.fonts, &t.bidi, s, (int)strlen(s), BIDI_AUTO, 1, &t.line);
    cjk = t.line.piece[0].face;
    ASSERT_INT_EQ(1, open_instances(cjk));
    ptext_frame_done(&t);                           /* the frame that drew it */
    for (int i = 0; i < PTEXT_IDLE_FRAMES - 1; i++)
        ptext_frame_done(&t);
    ASSERT_INT_EQ(1, open_instances(cjk));          /* still wanted, maybe */
    ptext_frame_done(&t);
    ASSERT_INT_EQ(0, open_instances(cjk));
    ASSERT(open_instances(0) >= 1);                 /* Noto Sans is small: it stays, at every size */
    memset(t.widths, 0, sizeof t.widths);
    ASSERT_INT_EQ(w, width(30, TEXT_BOLD, s));
    ASSERT_INT_EQ(1, open_instances(cjk));
}

TEST(a_character_no_font_has_is_counted_missing)
{
    ASSERT_INT_EQ(0, ptext_missing(&t, 0, "Zo\xc3\xab", 4));
    ASSERT_INT_EQ(1, ptext_missing(&t, 0, "a\xee\x80\x80z", 5));      /* U+E000, private use */
    ASSERT_INT_EQ(1, ptext_missing(&t, 0, "\xcd\xb8", 2));             /* U+0378, unassigned */
}

TEST(nothing_of_the_text_stays_in_scratch)
{
    const char *name = "Canary Person \xd8\xa3\xd8\xad\xd9\x85\xd8\xaf";
    int dy;
    SDL_Surface *s;

    width(26, 0, name);
    s = ptext_render(&t, 26, 0, 0x000000FF, name, (int)strlen(name), &dy);
    SDL_FreeSurface(s);
    ASSERT(!holds(t.piece, sizeof t.piece, "Canary"));
    ASSERT(!holds(t.piece, sizeof t.piece, "\xd8\xa3\xd8\xad"));
    for (int i = 0; i < 32; i++)
        ASSERT_INT_EQ(0, t.bidi.cp[i]);
}

int main(int argc, char **argv)
{
    char err[256];

    BEGIN(argc, argv);
    if (ptext_open(&t, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    RUN(faces_are_found_when_text_first_needs_them);
    RUN(each_script_has_its_family);
    RUN(an_arabic_name_beside_a_latin_email_reads_in_order);
    RUN(digits_inside_arabic_read_left_to_right_in_place);
    RUN(forced_right_to_left_puts_neutrals_at_the_left);
    RUN(arabic_letters_join);
    RUN(indic_clusters_form);
    RUN(measuring_agrees_with_drawing);
    RUN(one_cjk_instance_serves_every_size);
    RUN(an_idle_large_face_is_closed_and_opens_again);
    RUN(a_character_no_font_has_is_counted_missing);
    RUN(nothing_of_the_text_stays_in_scratch);
    ptext_close(&t);
    END();
}
