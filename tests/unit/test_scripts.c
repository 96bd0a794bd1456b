/* Names in every script the name field accepts (src/form.c): the field takes them, validation
 * passes them, and they are drawn with their real letters: no character the field accepts lacks
 * a glyph in the face chosen for it, and two names in one script never come out as the same
 * pixels. Names of only invisible fillers or only vowel marks, and letters piled with accents,
 * are refused. Writes the sample names to $KIOSK_OUT/shots/names.png for a person to look at. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "harness.h"
#include "platform_text.h"

static struct ptext t;

/* Two made-up names in each script the field accepts. */
static const struct script_names {
    const char *script;
    const char *name[2];
} samples[] = {
    { "Latin",      { "Zo\xc3\xab \xc3\x85" "berg-N\xc3\xba\xc3\xb1" "ez", "\xc5\x81ucja W\xc3\xb3jcik" } },
    { "Vietnamese", { "Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b H\xe1\xbb\x93ng", "Tr\xe1\xba\xa7n V\xc4\x83n \xc4\x90\xe1\xbb\xa9" "c" } },
    { "Greek",      { "\xce\x95\xce\xbb\xce\xad\xce\xbd\xce\xb7 \xce\xa0\xce\xb1\xcf\x80\xce\xb1\xce\xb4\xce\xbf\xcf\x80\xce\xbf\xcf\x8d\xce\xbb\xce\xbf\xcf\x85",
                      "\xce\x93\xce\xb9\xcf\x8e\xcf\x81\xce\xb3\xce\xbf\xcf\x82 \xce\x9d\xce\xb9\xce\xba\xce\xbf\xce\xbb\xce\xac\xce\xbf\xcf\x85" } },
    { "Cyrillic",   { "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0 \xd0\x9f\xd0\xb5\xd1\x82\xd1\x80\xd0\xbe\xd0\xb2\xd0\xb0",
                      "\xd0\x94\xd0\xbc\xd0\xb8\xd1\x82\xd1\x80\xd0\xb8\xd0\xb9 \xd0\xa1\xd0\xbe\xd0\xba\xd0\xbe\xd0\xbb\xd0\xbe\xd0\xb2" } },
    { "Armenian",   { "\xd4\xb1\xd5\xb6\xd5\xab \xd5\x8d\xd5\xa1\xd6\x80\xd5\xa3\xd5\xbd\xd5\xb5\xd5\xa1\xd5\xb6",
                      "\xd4\xb1\xd6\x80\xd5\xa1\xd5\xb4 \xd5\x8a\xd5\xa5\xd5\xbf\xd6\x80\xd5\xb8\xd5\xbd\xd5\xb5\xd5\xa1\xd5\xb6" } },
    { "Hebrew",     { "\xd7\xa0\xd7\x95\xd7\xa2\xd7\x94 \xd7\x9b\xd7\x94\xd7\x9f", "\xd7\x93\xd6\xb8\xd6\xbc\xd7\x95\xd6\xb4\xd7\x93 \xd7\x9c\xd7\x95\xd6\xb4\xd7\x99" } },
    { "Arabic",     { "\xd9\x81\xd8\xa7\xd8\xb7\xd9\x85\xd8\xa9 \xd8\xa7\xd9\x84\xd8\xb2\xd9\x87\xd8\xb1\xd8\xa7\xd8\xa1",
                      "\xd8\xa3\xd8\xad\xd9\x92\xd9\x85\xd9\x8e\xd8\xaf \xd8\xa7\xd9\x84\xd8\xae\xd8\xb7\xd9\x8a\xd8\xa8" } },
    { "Urdu",       { "\xd8\xb9\xd8\xa7\xd8\xa6\xd8\xb4\xdb\x81 \xd8\xae\xd8\xa7\xd9\x86", "\xd9\xbe\xd8\xb1\xdb\x8c\xd8\xa7 \xda\x86\xd9\x88\xd8\xaf\xda\xbe\xd8\xb1\xdb\x8c" } },
    { "Devanagari", { "\xe0\xa4\xaa\xe0\xa5\x8d\xe0\xa4\xb0\xe0\xa4\xbf\xe0\xa4\xaf\xe0\xa4\xbe \xe0\xa4\xb6\xe0\xa4\xb0\xe0\xa5\x8d\xe0\xa4\xae\xe0\xa4\xbe",
                      "\xe0\xa4\x85\xe0\xa4\xb0\xe0\xa5\x8d\xe0\xa4\x9c\xe0\xa5\x81\xe0\xa4\xa8 \xe0\xa4\x95\xe0\xa5\x8d\xe0\xa4\xb7\xe0\xa4\xa4\xe0\xa5\x8d\xe0\xa4\xb0\xe0\xa4\xbf\xe0\xa4\xaf" } },
    { "Bengali",    { "\xe0\xa6\x85\xe0\xa6\xa8\xe0\xa6\xbf\xe0\xa6\xa4\xe0\xa6\xbe \xe0\xa6\xa6\xe0\xa6\xbe\xe0\xa6\xb8",
                      "\xe0\xa6\xb0\xe0\xa6\xbe\xe0\xa6\xb9\xe0\xa7\x81\xe0\xa6\xb2 \xe0\xa6\xb8\xe0\xa7\x87\xe0\xa6\xa8" } },
    { "Gurmukhi",   { "\xe0\xa8\xb9\xe0\xa8\xb0\xe0\xa8\xaa\xe0\xa9\x8d\xe0\xa8\xb0\xe0\xa9\x80\xe0\xa8\xa4 \xe0\xa8\x95\xe0\xa9\x8c\xe0\xa8\xb0",
                      "\xe0\xa8\x97\xe0\xa9\x81\xe0\xa8\xb0\xe0\xa8\xa6\xe0\xa9\x80\xe0\xa8\xaa \xe0\xa8\xb8\xe0\xa8\xbf\xe0\xa9\xb0\xe0\xa8\x98" } },
    { "Gujarati",   { "\xe0\xaa\xa8\xe0\xab\x87\xe0\xaa\xb9\xe0\xaa\xbe \xe0\xaa\xaa\xe0\xaa\x9f\xe0\xab\x87\xe0\xaa\xb2",
                      "\xe0\xaa\x95\xe0\xaa\xbf\xe0\xaa\xb0\xe0\xaa\xa3 \xe0\xaa\xb6\xe0\xaa\xbe\xe0\xaa\xb9" } },
    { "Oriya",      { "\xe0\xac\xb8\xe0\xad\x81\xe0\xac\xa8\xe0\xac\xbf\xe0\xac\xa4\xe0\xac\xbe \xe0\xac\xae\xe0\xac\xbf\xe0\xac\xb6\xe0\xad\x8d\xe0\xac\xb0",
                      "\xe0\xac\xaa\xe0\xad\x8d\xe0\xac\xb0\xe0\xac\x95\xe0\xac\xbe\xe0\xac\xb6 \xe0\xac\xb8\xe0\xac\xbe\xe0\xac\xb9\xe0\xad\x81" } },
    { "Tamil",      { "\xe0\xae\x95\xe0\xae\xb5\xe0\xae\xbf\xe0\xae\xa4\xe0\xae\xbe \xe0\xae\xb0\xe0\xae\xbe\xe0\xae\x9c\xe0\xae\xa9\xe0\xaf\x8d",
                      "\xe0\xae\xae\xe0\xaf\x81\xe0\xae\xb0\xe0\xaf\x81\xe0\xae\x95\xe0\xae\xa9\xe0\xaf\x8d \xe0\xae\x9a\xe0\xaf\x86\xe0\xae\xb2\xe0\xaf\x8d\xe0\xae\xb5\xe0\xae\xae\xe0\xaf\x8d" } },
    { "Telugu",     { "\xe0\xb0\xb2\xe0\xb0\x95\xe0\xb1\x8d\xe0\xb0\xb7\xe0\xb1\x8d\xe0\xb0\xae\xe0\xb0\xbf \xe0\xb0\xb0\xe0\xb1\x86\xe0\xb0\xa1\xe0\xb1\x8d\xe0\xb0\xa1\xe0\xb0\xbf",
                      "\xe0\xb0\xb6\xe0\xb1\x8d\xe0\xb0\xb0\xe0\xb1\x80\xe0\xb0\xa8\xe0\xb0\xbf\xe0\xb0\xb5\xe0\xb0\xbe\xe0\xb0\xb8\xe0\xb1\x8d \xe0\xb0\xb0\xe0\xb0\xbe\xe0\xb0\xb5\xe0\xb1\x81" } },
    { "Kannada",    { "\xe0\xb2\x85\xe0\xb2\xa8\xe0\xb2\xbf\xe0\xb2\xb2\xe0\xb3\x8d \xe0\xb2\x95\xe0\xb3\x81\xe0\xb2\xae\xe0\xb2\xbe\xe0\xb2\xb0\xe0\xb3\x8d",
                      "\xe0\xb2\xb6\xe0\xb3\x8d\xe0\xb2\xb0\xe0\xb3\x81\xe0\xb2\xa4\xe0\xb2\xbf \xe0\xb2\xb9\xe0\xb3\x86\xe0\xb2\x97\xe0\xb3\x8d\xe0\xb2\xa1\xe0\xb3\x86" } },
    { "Malayalam",  { "\xe0\xb4\x85\xe0\xb4\xa8\xe0\xb5\x81 \xe0\xb4\xa4\xe0\xb5\x8b\xe0\xb4\xae\xe0\xb4\xb8\xe0\xb5\x8d",
                      "\xe0\xb4\xb6\xe0\xb5\x8d\xe0\xb4\xb0\xe0\xb5\x80\xe0\xb4\x9c\xe0\xb4\xbf\xe0\xb4\xa4\xe0\xb5\x8d\xe0\xb4\xa4\xe0\xb5\x8d \xe0\xb4\xa8\xe0\xb4\xbe\xe0\xb4\xaf\xe0\xb5\xbc" } },
    { "Sinhala",    { "\xe0\xb6\xb1\xe0\xb7\x92\xe0\xb6\xb8\xe0\xb6\xbd\xe0\xb7\x8a \xe0\xb6\xb4\xe0\xb7\x99\xe0\xb6\xbb\xe0\xb7\x9a\xe0\xb6\xbb\xe0\xb7\x8f",
                      "\xe0\xb6\x9a\xe0\xb7\x94\xe0\xb6\xb8\xe0\xb7\x8f\xe0\xb6\xbb\xe0\xb7\x92 \xe0\xb7\x83\xe0\xb7\x92\xe0\xb6\xbd\xe0\xb7\x8a\xe0\xb7\x80\xe0\xb7\x8f" } },
    { "Thai",       { "\xe0\xb8\xaa\xe0\xb8\xa1\xe0\xb8\x8a\xe0\xb8\xb2\xe0\xb8\xa2 \xe0\xb9\x83\xe0\xb8\x88\xe0\xb8\x94\xe0\xb8\xb5",
                      "\xe0\xb8\xa1\xe0\xb8\xb2\xe0\xb8\xa5\xe0\xb8\xb5 \xe0\xb8\xa8\xe0\xb8\xa3\xe0\xb8\xb5\xe0\xb8\xaa\xe0\xb8\xb8\xe0\xb8\x82" } },
    { "Georgian",   { "\xe1\x83\x9c\xe1\x83\x98\xe1\x83\x9c\xe1\x83\x9d \xe1\x83\x91\xe1\x83\x94\xe1\x83\xa0\xe1\x83\x98\xe1\x83\xab\xe1\x83\x94",
                      "\xe1\x83\x92\xe1\x83\x98\xe1\x83\x9d\xe1\x83\xa0\xe1\x83\x92\xe1\x83\x98 \xe1\x83\x99\xe1\x83\x90\xe1\x83\x9e\xe1\x83\x90\xe1\x83\x9c\xe1\x83\x90\xe1\x83\xab\xe1\x83\x94" } },
    { "Hangul",     { "\xea\xb9\x80\xeb\xaf\xbc\xec\xa7\x80", "\xeb\xb0\x95\xec\x84\x9c\xec\xa4\x80" } },
    /* The same two family names in conjoining jamo, as some keyboards send them. */
    { "Hangul jamo", { "\xe1\x84\x80\xe1\x85\xb5\xe1\x86\xb7", "\xe1\x84\x87\xe1\x85\xa1\xe1\x86\xa8" } },
    { "Kana",       { "\xe3\x81\x95\xe3\x81\x8f\xe3\x82\x89 \xe3\x81\x9f\xe3\x81\xaa\xe3\x81\x8b",
                      "\xe3\x83\xa4\xe3\x83\x9e\xe3\x83\x80\xe3\x83\xbb\xe3\x83\x8f\xe3\x83\x8a\xe3\x82\xb3" } },
    { "Chinese",    { "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e", "\xe6\x9d\x8e\xe9\x9d\x99\xe6\x80\xa1" } },
    { "Japanese",   { "\xe5\xb1\xb1\xe7\x94\xb0\xe3\x81\xaf\xe3\x81\xaa\xe3\x81\x93", "\xe4\xbd\x90\xe8\x97\xa4\xe5\x81\xa5" } },
};

/* A form with only the name filled in: the name field's error (MSG_NONE when it passes). */
static enum wording_id name_error(const char *name, enum form_insert_result *inserted)
{
    static struct form f;
    static struct form_errors e;

    form_wipe(&f);
    *inserted = form_insert(&f, FORM_FIELD_NAME, name, NULL);
    form_validate(&f, &e);
    return e.message[FORM_FIELD_NAME];
}

/* Whether a and b differ in size or in any pixel. */
static int differ(SDL_Surface *a, SDL_Surface *b)
{
    if (a->w != b->w || a->h != b->h)
        return 1;
    for (int y = 0; y < a->h; y++)
        if (memcmp((Uint8 *)a->pixels + y * a->pitch, (Uint8 *)b->pixels + y * b->pitch, (size_t)a->w * 4) != 0)
            return 1;
    return 0;
}

TEST(every_sample_name_is_accepted_and_valid)
{
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
        for (int k = 0; k < 2; k++) {
            enum form_insert_result r;
            enum wording_id e = name_error(samples[i].name[k], &r);
            if (r != FORM_INSERT_OK || e != MSG_NONE)
                FAIL_AT("%s name %d: insert %d, message %d", samples[i].script, k, r, (int)e);
        }
}

TEST(every_sample_name_has_its_glyphs_and_its_own_pixels)
{
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
        for (int flags = 0; flags < 2; flags++) {
            SDL_Surface *s[2];
            int dy;
            for (int k = 0; k < 2; k++) {
                const char *n = samples[i].name[k];
                int missing = ptext_missing(&t, flags, n, (int)strlen(n));
                if (missing)
                    FAIL_AT("%s name %d: %d characters without a glyph", samples[i].script, k, missing);
                s[k] = ptext_render(&t, 28, flags, 0x000000FF, n, (int)strlen(n), &dy);
                ASSERT(s[k] != NULL);
            }
            if (!differ(s[0], s[1]))
                FAIL_AT("%s: two names drew the same pixels", samples[i].script);
            SDL_FreeSurface(s[0]);
            SDL_FreeSurface(s[1]);
        }
}

/* UTF-8 of cp into buf (5 bytes). */
static void encode(uint32_t cp, char *buf)
{
    if (cp < 0x80) {
        buf[0] = (char)cp;
        buf[1] = 0;
    } else if (cp < 0x800) {
        buf[0] = (char)(0xC0 | cp >> 6);
        buf[1] = (char)(0x80 | (cp & 0x3F));
        buf[2] = 0;
    } else if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | cp >> 12);
        buf[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        buf[3] = 0;
    } else {
        buf[0] = (char)(0xF0 | cp >> 18);
        buf[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        buf[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        buf[3] = (char)(0x80 | (cp & 0x3F));
        buf[4] = 0;
    }
}

TEST(no_character_the_name_field_accepts_lacks_a_glyph)
{
    static struct form f;
    long accepted = 0;
    int failures = 0;

    for (uint32_t cp = 0x20; cp <= 0x10FFFF; cp++) {
        char buf[5];
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        encode(cp, buf);
        form_wipe(&f);
        if (form_insert(&f, FORM_FIELD_NAME, buf, NULL) != FORM_INSERT_OK)
            continue;
        accepted++;
        for (int bold = 0; bold < 2; bold++)
            if (ptext_missing(&t, bold, buf, (int)strlen(buf)) != 0 && failures++ < 10)
                fprintf(stderr, "  U+%04X (%s) has no glyph in the face chosen for it\n", (unsigned)cp,
                        bold ? "bold" : "regular");
    }
    ASSERT(accepted > 40000);       /* the CJK ideographs and Hangul syllables alone */
    ASSERT_INT_EQ(0, failures);
}

TEST(names_without_a_visible_letter_are_refused)
{
    static const char *const empty[] = {
        "\xe1\x85\x9f\xe1\x85\xa0\xe1\x85\x9f\xe1\x85\xa0",     /* Hangul fillers only */
        "\xd9\x8e\xd9\x8f\xd9\x90\xd9\x91\xd9\x92",             /* Arabic vowel marks only */
        "\xd6\xb8\xd6\xb4",                                     /* Hebrew points only */
        " - ' ",
    };

    for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
        enum form_insert_result r;
        ASSERT_INT_EQ(MSG_ERROR_NAME, name_error(empty[i], &r));
        ASSERT_INT_EQ(FORM_INSERT_OK, r);       /* typed, then refused when checked, with a message */
    }
}

TEST(a_letter_carries_at_most_four_marks)
{
    char name[FORM_NAME_MAX * 4];
    enum form_insert_result r;
    size_t n = 0;

    memcpy(name, "Zalgo", 5);
    n = 5;
    for (int i = 0; i < FORM_NAME_MARKS_MAX; i++) {
        memcpy(name + n, "\xcc\x81", 2);
        n += 2;
    }
    name[n] = '\0';
    ASSERT_INT_EQ(MSG_NONE, name_error(name, &r));
    memcpy(name + n, "\xcc\x81", 3);         /* a fifth accent, and the end of the string */
    ASSERT_INT_EQ(MSG_NOTE_NAME_REFUSED, name_error(name, &r));
    /* 79 accents on one letter, as the issue found. */
    n = 1;
    for (int i = 0; i < 79; i++) {
        memcpy(name + n, "\xcc\x80", 2);
        n += 2;
    }
    name[n] = '\0';
    ASSERT_INT_EQ(MSG_NOTE_NAME_REFUSED, name_error(name, &r));
}

TEST(digits_symbols_and_unassigned_code_points_are_refused)
{
    static const char *const refused[] = {
        "\xd9\xa3",         /* Arabic-Indic digit three */
        "\xe0\xa5\xa7",     /* Devanagari digit one */
        "\xcd\xb8",         /* U+0378, unassigned */
        "\xe9\xbf\xb0",     /* U+9FF0: newer than the CJK font */
        "\xdb\x9e",         /* U+06DE, an Arabic ornament */
    };
    static struct form f;

    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        form_wipe(&f);
        ASSERT_INT_EQ(FORM_INSERT_REFUSED, form_insert(&f, FORM_FIELD_NAME, refused[i], NULL));
    }
    /* The punctuation of Hebrew and Japanese names stays. */
    form_wipe(&f);
    ASSERT_INT_EQ(FORM_INSERT_OK, form_insert(&f, FORM_FIELD_NAME, "\xd7\x92\xd7\xb3\xd7\x95\xd7\xa8\xd7\x92\xd7\xb3", NULL));
    ASSERT_INT_EQ(FORM_INSERT_OK, form_insert(&f, FORM_FIELD_NAME, "\xe3\x83\xbb", NULL));
}

/* Every sample name in one image, for a person to look at. */
static void write_sheet(void)
{
    const char *out = getenv("KIOSK_OUT");
    char path[512];
    SDL_Surface *sheet = SDL_CreateRGBSurfaceWithFormat(0, 900, 28 + 44 * (int)(sizeof samples / sizeof samples[0]),
                                                        32, SDL_PIXELFORMAT_ARGB8888);
    int y = 14;

    if (!sheet)
        return;
    SDL_FillRect(sheet, NULL, 0xFFFFFFFF);
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++, y += 44) {
        int x = 16, dy;
        const char *row[3] = { samples[i].script, samples[i].name[0], samples[i].name[1] };
        for (int k = 0; k < 3; k++) {
            SDL_Surface *s = ptext_render(&t, 28, k == 0, 0x000000FF, row[k], (int)strlen(row[k]), &dy);
            if (!s)
                continue;
            SDL_Rect at = { x, y + dy, s->w, s->h };
            SDL_BlitSurface(s, NULL, sheet, &at);
            x = k == 0 ? 230 : x + s->w + 40;
            SDL_FreeSurface(s);
        }
    }
    snprintf(path, sizeof path, "%s/shots/names.png", out ? out : "tests/out");
    IMG_SavePNG(sheet, path);
    SDL_FreeSurface(sheet);
}

int main(int argc, char **argv)
{
    char err[256];

    BEGIN(argc, argv);
    if (ptext_open(&t, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    RUN(every_sample_name_is_accepted_and_valid);
    RUN(every_sample_name_has_its_glyphs_and_its_own_pixels);
    RUN(no_character_the_name_field_accepts_lacks_a_glyph);
    RUN(names_without_a_visible_letter_are_refused);
    RUN(a_letter_carries_at_most_four_marks);
    RUN(digits_symbols_and_unassigned_code_points_are_refused);
    write_sheet();
    ptext_close(&t);
    END();
}
