/* Tests for language.c, the translations that ship (content/languages) and the keyboards of each
 * language (issue 13). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "keyboard.h"
#include "language.h"

static const char *const shipped[] = { "pl", "ar", "zh-Hans" };

TEST(directions_follow_the_language_or_its_script)
{
    ASSERT_INT_EQ(1, language_rtl("ar"));
    ASSERT_INT_EQ(1, language_rtl("he"));
    ASSERT_INT_EQ(1, language_rtl("ur"));
    ASSERT_INT_EQ(1, language_rtl("fa-IR"));
    ASSERT_INT_EQ(1, language_rtl("pa-Arab"));
    ASSERT_INT_EQ(0, language_rtl("en"));
    ASSERT_INT_EQ(0, language_rtl("pl"));
    ASSERT_INT_EQ(0, language_rtl("zh-Hans"));
    ASSERT_INT_EQ(0, language_rtl("pa"));
    ASSERT_INT_EQ(0, language_rtl("ku-Latn"));
    ASSERT_INT_EQ(0, language_rtl("arn"));      /* Mapudungun: "ar" is only its beginning */
}

TEST(every_shipped_translation_is_complete)
{
    static struct content def, t;
    char err[1024];

    ASSERT_INT_EQ(0, content_load("content", &def, err, sizeof err));
    ASSERT_STR_EQ("en", def.language);
    for (size_t i = 0; i < sizeof shipped / sizeof *shipped; i++) {
        if (content_load_translation("content", shipped[i], &def, &t, err, sizeof err) != 0) {
            content_free(&def);
            FAIL_AT("%s: %s", shipped[i], err);
        }
        ASSERT_STR_EQ(shipped[i], t.language);
        ASSERT_INT_EQ(def.ntreatments, t.ntreatments);
        content_free(&t);
    }
    content_free(&def);
}

/* The numbers written in s (runs of ASCII digits), appended to out as "n," each. */
static void numbers_of(const char *s, char *out, size_t len)
{
    while (s && *s) {
        if (isdigit((unsigned char)*s)) {
            size_t n = strspn(s, "0123456789"), used = strlen(out);
            snprintf(out + used, len - used, "%.*s,", (int)n, s);
            s += n;
        } else {
            s++;
        }
    }
}

static void section_numbers(const struct content_section *s, char *out, size_t len)
{
    out[0] = '\0';
    numbers_of(s->title, out, len);
    for (int b = 0; b < s->nblocks; b++) {
        numbers_of(s->blocks[b].title, out, len);
        numbers_of(s->blocks[b].text, out, len);
    }
}

/* Facts and figures are the English ones: each section, block by block, and each screening
 * question gives the same numbers in the same order ("every 3-4 months", "under 18"). Words may
 * move around a number, so only a block's own numbers are compared, in the order written. */
TEST(translations_keep_every_figure)
{
    static struct content def, t;
    static char want[8192], got[8192];
    char err[1024];

    ASSERT_INT_EQ(0, content_load("content", &def, err, sizeof err));
    for (size_t i = 0; i < sizeof shipped / sizeof *shipped; i++) {
        ASSERT_INT_EQ(0, content_load_translation("content", shipped[i], &def, &t, err, sizeof err));
        for (int k = 0; k < def.ntreatments; k++) {
            const struct content_treatment *d = &def.treatments[k], *x = &t.treatments[k];

            for (int s = 0; s < d->nsections; s++) {
                section_numbers(&d->sections[s], want, sizeof want);
                section_numbers(&x->sections[s], got, sizeof got);
                if (strcmp(want, got) != 0) {
                    fprintf(stderr, "  %s: section %d '%s': numbers %s, English %s\n", shipped[i], s + 1,
                            x->sections[s].title, got, want);
                    harness_current_failed = 1;
                }
            }
            for (int q = 0; q < d->nquestions; q++) {
                want[0] = got[0] = '\0';
                numbers_of(d->questions[q].text, want, sizeof want);
                numbers_of(x->questions[q].text, got, sizeof got);
                if (strcmp(want, got) != 0) {
                    fprintf(stderr, "  %s: question %d: numbers %s, English %s\n", shipped[i], q + 1, got, want);
                    harness_current_failed = 1;
                }
                ASSERT_INT_EQ(d->questions[q].yes_outcome, x->questions[q].yes_outcome);
            }
        }
        section_numbers(&def.clinic.doctor, want, sizeof want);
        section_numbers(&t.clinic.doctor, got, sizeof got);
        ASSERT_STR_EQ(want, got);
        content_free(&t);
    }
    content_free(&def);
}

TEST(every_complete_language_is_offered_default_first)
{
    static struct content def;
    static struct languages L;
    char err[1024];

    ASSERT_INT_EQ(0, content_load("content", &def, err, sizeof err));
    languages_open(&L, "content", &def, "", NULL);
    ASSERT_INT_EQ(4, L.n);
    ASSERT_STR_EQ("en", L.list[0].code);
    ASSERT_STR_EQ("English", L.list[0].name);
    /* then by code */
    ASSERT_STR_EQ("ar", L.list[1].code);
    ASSERT_STR_EQ("العربية", L.list[1].name);
    ASSERT_INT_EQ(1, L.list[1].rtl);
    ASSERT_STR_EQ("pl", L.list[2].code);
    ASSERT_STR_EQ("Polski", L.list[2].name);
    ASSERT_STR_EQ("zh-Hans", L.list[3].code);
    ASSERT_STR_EQ("中文", L.list[3].name);
    ASSERT_INT_EQ(0, L.def_index);
    ASSERT(languages_content(&L) == &def);

    /* Picking one loads its files, once: picked again, it is the same content. */
    ASSERT_INT_EQ(0, languages_pick(&L, 3, err, sizeof err));
    ASSERT_STR_EQ("zh-Hans", languages_current(&L)->code);
    ASSERT_STR_EQ("zh-Hans", languages_content(&L)->language);
    ASSERT_STR_EQ("瘦小腿", languages_content(&L)->treatments[0].name);
    {
        const struct content *zh = languages_content(&L);
        ASSERT_INT_EQ(0, languages_pick(&L, L.def_index, err, sizeof err));
        ASSERT(languages_content(&L) == &def);
        ASSERT_INT_EQ(0, languages_pick(&L, 3, err, sizeof err));
        ASSERT(languages_content(&L) == zh);
    }
    ASSERT(L.loaded[L.def_index] == NULL);
    languages_close(&L);
    content_free(&def);
}

TEST(the_config_chooses_and_orders_the_languages)
{
    static struct content def;
    static struct languages L;
    char err[1024], logged[2048] = "";
    FILE *log = fmemopen(logged, sizeof logged, "w");

    ASSERT(log);
    ASSERT_INT_EQ(0, content_load("content", &def, err, sizeof err));
    languages_open(&L, "content", &def, "zh-Hans en ro pl", log);
    fclose(log);
    ASSERT_INT_EQ(3, L.n);
    ASSERT_STR_EQ("zh-Hans", L.list[0].code);
    ASSERT_STR_EQ("en", L.list[1].code);
    ASSERT_STR_EQ("pl", L.list[2].code);
    ASSERT_INT_EQ(1, L.def_index);
    ASSERT_INT_EQ(1, L.current);
    ASSERT_CONTAINS(logged, "kiosk: language 'ro' is not offered: there is no folder 'content/languages/ro'");
    languages_close(&L);

    /* The default is offered, first, even when the list leaves it out. */
    languages_open(&L, "content", &def, "ar", NULL);
    ASSERT_INT_EQ(2, L.n);
    ASSERT_STR_EQ("en", L.list[0].code);
    ASSERT_STR_EQ("ar", L.list[1].code);
    ASSERT_INT_EQ(0, L.def_index);
    languages_close(&L);
    content_free(&def);
}

static int presses(const char *language, enum form_field field, const char *text)
{
    const struct keyboard_set *set = keyboard_set_for(language);
    struct keyboard_step steps[256];
    char err[256];

    return keyboard_plan_in(set, keyboard_start(set, field), text, steps, 256, err, sizeof err);
}

/* Polish letters are on the Polish page itself; Arabic names are typed on the Arabic page, and a
 * Latin letter is one key away from it; Chinese names are typed in pinyin on the Latin letters. */
TEST(each_language_types_its_names)
{
    ASSERT_INT_EQ(4, presses("pl", FORM_FIELD_NAME, "żółć"));
    ASSERT_INT_EQ(5, presses("pl", FORM_FIELD_NAME, "Łódź"));      /* shift, then four letters */
    ASSERT(presses("en", FORM_FIELD_NAME, "żółć") > 4);             /* on the accent pages */
    ASSERT_INT_EQ(9, presses("ar", FORM_FIELD_NAME, "ليلى حداد"));
    ASSERT_INT_EQ(2, presses("ar", FORM_FIELD_NAME, "a"));           /* abc, a */
    ASSERT_INT_EQ(2, presses("ar", FORM_FIELD_NAME, "پ"));           /* the second Arabic page */
    ASSERT_INT_EQ(13, presses("zh-Hans", FORM_FIELD_NAME, "wang xiaoming"));
    /* phone and email stay the same in every language */
    ASSERT_INT_EQ(presses("en", FORM_FIELD_PHONE, "07700 900118"), presses("ar", FORM_FIELD_PHONE, "07700 900118"));
    ASSERT_INT_EQ(presses("en", FORM_FIELD_EMAIL, "a@b.org"), presses("ar", FORM_FIELD_EMAIL, "a@b.org"));
    ASSERT_INT_EQ(KEYBOARD_ARABIC, keyboard_start(keyboard_set_for("ar"), FORM_FIELD_NAME));
    ASSERT_INT_EQ(KEYBOARD_PHONE, keyboard_start(keyboard_set_for("ar"), FORM_FIELD_PHONE));
    ASSERT_INT_EQ(1, keyboard_layout_in(keyboard_set_for("ar"), KEYBOARD_ARABIC)->rtl);
    ASSERT_INT_EQ(0, keyboard_layout_in(keyboard_set_for("ar"), KEYBOARD_PHONE)->rtl);
    ASSERT_INT_EQ(0, keyboard_layout_in(keyboard_set_for("ar"), KEYBOARD_LETTERS)->rtl);
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    RUN(directions_follow_the_language_or_its_script);
    RUN(every_shipped_translation_is_complete);
    RUN(translations_keep_every_figure);
    RUN(every_complete_language_is_offered_default_first);
    RUN(the_config_chooses_and_orders_the_languages);
    RUN(each_language_types_its_names);
    END();
}
