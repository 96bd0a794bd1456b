/* Tests of the on-screen keyboard: layouts well formed, key behaviour, and the typing planner. */
#include "harness.h"
#include "keyboard.h"

#include <ctype.h>

#define MAX_STEPS 256

/* The index of the typing key of layout kind whose output is s, or -1. */
static int find_output(enum keyboard_kind kind, const char *s)
{
    const struct keyboard_layout *l = keyboard_layout(kind);

    for (int i = 0; i < l->nkeys; i++)
        if (l->keys[i].action == KEYBOARD_TYPE && strcmp(l->keys[i].output, s) == 0)
            return i;
    return -1;
}

/* How many keys of layout kind do action. */
static int count_action(enum keyboard_kind kind, enum keyboard_action action)
{
    const struct keyboard_layout *l = keyboard_layout(kind);
    int n = 0;

    for (int i = 0; i < l->nkeys; i++)
        n += l->keys[i].action == action;
    return n;
}

/* Presses the n planned steps from start, checking each is on the layout then showing, and
 * writes what they type to typed. Returns 0, or -1 when a step is on the wrong layout. */
static int run_plan(enum keyboard_kind start, const struct keyboard_step *steps, int n,
                    char *typed, size_t len)
{
    struct keyboard kb = { KEYBOARD_LETTERS, NULL };

    keyboard_show(&kb, start);
    typed[0] = '\0';
    for (int i = 0; i < n; i++) {
        struct keyboard_event ev;

        if (steps[i].kind != kb.kind)
            return -1;
        ev = keyboard_press(&kb, steps[i].key);
        if (ev.action == KEYBOARD_TYPE)
            strncat(typed, ev.text, len - strlen(typed) - 1);
    }
    return 0;
}

/* Plans text from start, then checks that pressing the plan types exactly text. Returns the
 * number of presses, or -1 (with a message on stderr) when the plan fails or types otherwise. */
static int plan_types(enum keyboard_kind start, const char *text)
{
    struct keyboard_step steps[MAX_STEPS];
    char err[128], typed[512];
    int n = keyboard_plan(start, text, steps, MAX_STEPS, err, sizeof err);

    if (n < 0) {
        fprintf(stderr, "  plan of \"%s\": %s\n", text, err);
        return -1;
    }
    if (run_plan(start, steps, n, typed, sizeof typed) != 0 || strcmp(typed, text) != 0) {
        fprintf(stderr, "  plan of \"%s\" typed \"%s\"\n", text, typed);
        return -1;
    }
    return n;
}

TEST(every_layout_is_well_formed)
{
    for (enum keyboard_kind kind = 0; kind < KEYBOARD_KIND_COUNT; kind++) {
        const struct keyboard_layout *l = keyboard_layout(kind);
        int key = 0;

        if (l->kind != kind || !l->name || !*l->name)
            FAIL_AT("layout %d: wrong kind or no name", kind);
        if (l->nrows < 1 || l->nrows > KEYBOARD_MAX_ROWS || l->units < 1)
            FAIL_AT("%s: %d rows of %d units", l->name, l->nrows, l->units);
        for (int r = 0; r < l->nrows; r++) {
            int width = 0;

            for (int i = 0; i < l->row_keys[r] && key < l->nkeys; i++, key++) {
                if (l->keys[key].width < 1)
                    FAIL_AT("%s: key %d has width %d", l->name, key, l->keys[key].width);
                width += l->keys[key].width;
            }
            if (width != l->units)
                FAIL_AT("%s: row %d is %d units wide, not %d", l->name, r, width, l->units);
        }
        if (key != l->nkeys)
            FAIL_AT("%s: rows hold %d keys of %d", l->name, key, l->nkeys);
        if (l->shifted != (l->after_type != kind))
            FAIL_AT("%s: shifted and after_type disagree", l->name);
    }
}

static struct wording english;     /* content/wording.txt */

TEST(every_key_is_well_formed)
{
    for (enum keyboard_kind kind = 0; kind < KEYBOARD_KIND_COUNT; kind++) {
        const struct keyboard_layout *l = keyboard_layout(kind);

        for (int i = 0; i < l->nkeys; i++) {
            const struct keyboard_key *k = &l->keys[i];
            const char *label = keyboard_key_label(k, &english);
            int switches = k->action == KEYBOARD_SHIFT || k->action == KEYBOARD_SWITCH;

            if ((k->label != NULL) == (k->word != MSG_NONE))
                FAIL_AT("%s: key %d: a key has a label or a word from the wording, not both", l->name, i);
            if (k->action == KEYBOARD_GAP && k->word != MSG_NONE)
                FAIL_AT("%s: key %d: a gap has no word", l->name, i);
            if (!label || (k->action == KEYBOARD_GAP) != (*label == '\0'))
                FAIL_AT("%s: key %d: only a gap has an empty label", l->name, i);
            if ((k->action == KEYBOARD_TYPE) != (k->output != NULL) || (k->output && !*k->output))
                FAIL_AT("%s: key %s: only a typing key has an output", l->name, label);
            if (switches && (k->target == kind || k->target >= KEYBOARD_KIND_COUNT))
                FAIL_AT("%s: key %s switches nowhere", l->name, label);
            if (k->action == KEYBOARD_SHIFT && l->shifted && k->target != l->after_type)
                FAIL_AT("%s: Shift does not return to the lower-case page", l->name);
            /* Unique in English, and by name when the wording lacks the words. */
            for (int j = 0; j < i; j++) {
                if (*label && strcmp(label, keyboard_key_label(&l->keys[j], &english)) == 0)
                    FAIL_AT("%s: two keys labelled %s", l->name, label);
                if (*label && strcmp(keyboard_key_label(k, NULL), keyboard_key_label(&l->keys[j], NULL)) == 0)
                    FAIL_AT("%s: two keys named %s", l->name, keyboard_key_label(k, NULL));
            }
        }
    }
}

TEST(every_layout_has_the_field_controls_once)
{
    static const enum keyboard_action controls[] = {
        KEYBOARD_BACKSPACE, KEYBOARD_CLEAR, KEYBOARD_NEXT, KEYBOARD_DONE,
    };

    for (enum keyboard_kind kind = 0; kind < KEYBOARD_KIND_COUNT; kind++)
        for (size_t i = 0; i < sizeof controls / sizeof *controls; i++)
            if (count_action(kind, controls[i]) != 1)
                FAIL_AT("%s: control %zu appears %d times", keyboard_layout(kind)->name, i,
                        count_action(kind, controls[i]));
}

TEST(letter_pages_have_every_letter_and_shift)
{
    char s[2] = "";

    for (char c = 'a'; c <= 'z'; c++) {
        s[0] = c;
        if (find_output(KEYBOARD_LETTERS, s) < 0)
            FAIL_AT("no key types %s on the letters page", s);
        s[0] = (char)toupper((unsigned char)c);
        if (find_output(KEYBOARD_LETTERS_SHIFT, s) < 0)
            FAIL_AT("no key types %s on the shifted letters page", s);
    }
    ASSERT(find_output(KEYBOARD_LETTERS, "'") >= 0);
    ASSERT(find_output(KEYBOARD_LETTERS, "-") >= 0);
    ASSERT(find_output(KEYBOARD_LETTERS, ".") >= 0);
    ASSERT(find_output(KEYBOARD_LETTERS, " ") >= 0);
    ASSERT_INT_EQ(1, count_action(KEYBOARD_LETTERS, KEYBOARD_SHIFT));
    ASSERT_INT_EQ(1, count_action(KEYBOARD_ACCENTS, KEYBOARD_SHIFT));
    ASSERT_INT_EQ(1, count_action(KEYBOARD_MORE, KEYBOARD_SHIFT));
}

TEST(shifted_pages_mirror_their_lower_case_pages)
{
    static const enum keyboard_kind pairs[][2] = {
        { KEYBOARD_LETTERS, KEYBOARD_LETTERS_SHIFT },
        { KEYBOARD_ACCENTS, KEYBOARD_ACCENTS_SHIFT },
        { KEYBOARD_MORE, KEYBOARD_MORE_SHIFT },
    };

    for (size_t p = 0; p < sizeof pairs / sizeof *pairs; p++) {
        const struct keyboard_layout *lo = keyboard_layout(pairs[p][0]);
        const struct keyboard_layout *up = keyboard_layout(pairs[p][1]);

        ASSERT(!lo->shifted && up->shifted);
        ASSERT_INT_EQ(lo->nkeys, up->nkeys);
        ASSERT_INT_EQ(lo->nrows, up->nrows);
        for (int i = 0; i < lo->nkeys; i++) {
            const struct keyboard_key *a = &lo->keys[i], *b = &up->keys[i];
            int letter = a->output && strlen(a->output) > 1 ? 1      /* an accented letter */
                       : a->output && isalpha((unsigned char)a->output[0]);

            if (a->action != b->action || a->width != b->width)
                FAIL_AT("%s/%s: key %d differs in kind or width", lo->name, up->name, i);
            if (letter && strcmp(a->output, b->output) == 0)
                FAIL_AT("%s: %s has no capital", up->name, a->output);
            if (!letter && a->output && strcmp(a->output, b->output) != 0)
                FAIL_AT("%s: %s is not %s", up->name, b->output, a->output);
        }
    }
}

TEST(accent_pages_type_the_letters_names_need)
{
    static const char *needed[] = {
        "é", "è", "ê", "ë", "à", "â", "ä", "á", "ñ", "ü", "ö", "ô", "ó", "í", "ç", "å", "ø", "ã",
        "É", "È", "Ñ", "Ü", "Ö", "Å", "Ç", "Ø",
        "ł", "ś", "ż", "č", "š", "ř", "ß", "æ", "Ł", "Š", "Ž", "Æ",
    };

    for (size_t i = 0; i < sizeof needed / sizeof *needed; i++)
        if (plan_types(KEYBOARD_LETTERS, needed[i]) < 0)
            FAIL_AT("%s cannot be typed from the letters page", needed[i]);
}

TEST(phone_pad_has_digits_plus_and_space)
{
    char s[2] = "";

    for (char c = '0'; c <= '9'; c++) {
        s[0] = c;
        if (find_output(KEYBOARD_PHONE, s) < 0)
            FAIL_AT("no key types %s on the phone pad", s);
    }
    ASSERT(find_output(KEYBOARD_PHONE, "+") >= 0);
    ASSERT(find_output(KEYBOARD_PHONE, " ") >= 0);
    ASSERT_INT_EQ(0, count_action(KEYBOARD_PHONE, KEYBOARD_SWITCH));
}

TEST(email_layout_has_address_characters)
{
    static const char *needed[] = { "@", ".", "-", "_", ".com" };
    char s[2] = "";

    for (char c = 'a'; c <= 'z'; c++) {
        s[0] = c;
        ASSERT(find_output(KEYBOARD_EMAIL, s) >= 0);
    }
    for (char c = '0'; c <= '9'; c++) {
        s[0] = c;
        ASSERT(find_output(KEYBOARD_EMAIL, s) >= 0);
    }
    for (size_t i = 0; i < sizeof needed / sizeof *needed; i++)
        if (find_output(KEYBOARD_EMAIL, needed[i]) < 0)
            FAIL_AT("no key types %s on the email layout", needed[i]);
}

TEST(every_key_types_what_its_field_accepts)
{
    for (enum keyboard_kind kind = 0; kind < KEYBOARD_KIND_COUNT; kind++) {
        const struct keyboard_layout *l = keyboard_layout(kind);
        enum form_field field = l->field;
        struct form f;

        for (int i = 0; i < l->nkeys; i++) {
            if (l->keys[i].action != KEYBOARD_TYPE)
                continue;
            form_wipe(&f);
            if (form_insert(&f, field, l->keys[i].output, NULL) != FORM_INSERT_OK)
                FAIL_AT("%s: the field refuses what key %s types", l->name,
                        keyboard_key_label(&l->keys[i], &english));
        }
    }
}

TEST(fields_choose_their_layout)
{
    ASSERT_INT_EQ(KEYBOARD_LETTERS, keyboard_for_field(FORM_FIELD_NAME));
    ASSERT_INT_EQ(KEYBOARD_PHONE, keyboard_for_field(FORM_FIELD_PHONE));
    ASSERT_INT_EQ(KEYBOARD_EMAIL, keyboard_for_field(FORM_FIELD_EMAIL));
}

TEST(shift_lasts_for_one_letter)
{
    struct keyboard kb = { KEYBOARD_LETTERS, NULL };
    struct keyboard_event ev;
    int shift;

    keyboard_show(&kb, KEYBOARD_LETTERS);
    for (shift = 0; keyboard_layout(kb.kind)->keys[shift].action != KEYBOARD_SHIFT; shift++)
        ;
    ev = keyboard_press(&kb, shift);
    ASSERT_INT_EQ(KEYBOARD_SHIFT, ev.action);
    ASSERT(ev.text == NULL);
    ASSERT_INT_EQ(KEYBOARD_LETTERS_SHIFT, kb.kind);
    ev = keyboard_press(&kb, find_output(KEYBOARD_LETTERS_SHIFT, "J"));
    ASSERT_INT_EQ(KEYBOARD_TYPE, ev.action);
    ASSERT_STR_EQ("J", ev.text);
    ASSERT_INT_EQ(KEYBOARD_LETTERS, kb.kind);
    ev = keyboard_press(&kb, find_output(KEYBOARD_LETTERS, "o"));
    ASSERT_STR_EQ("o", ev.text);
    ASSERT_INT_EQ(KEYBOARD_LETTERS, kb.kind);

    keyboard_press(&kb, shift);                     /* shift twice: back to lower case */
    keyboard_press(&kb, shift);
    ASSERT_INT_EQ(KEYBOARD_LETTERS, kb.kind);
}

TEST(pages_stay_until_switched)
{
    struct keyboard kb = { KEYBOARD_LETTERS, NULL };
    struct keyboard_event ev;
    const struct keyboard_layout *l;
    int to_accents = -1;

    keyboard_show(&kb, KEYBOARD_LETTERS);
    l = keyboard_layout(KEYBOARD_LETTERS);
    for (int i = 0; i < l->nkeys; i++)
        if (l->keys[i].action == KEYBOARD_SWITCH && l->keys[i].target == KEYBOARD_ACCENTS)
            to_accents = i;
    ASSERT(to_accents >= 0);
    ev = keyboard_press(&kb, to_accents);
    ASSERT_INT_EQ(KEYBOARD_SWITCH, ev.action);
    ASSERT_INT_EQ(KEYBOARD_ACCENTS, kb.kind);
    ev = keyboard_press(&kb, find_output(KEYBOARD_ACCENTS, "é"));
    ASSERT_STR_EQ("é", ev.text);
    ASSERT_INT_EQ(KEYBOARD_ACCENTS, kb.kind);
}

TEST(controls_are_reported_and_change_no_page)
{
    static const enum keyboard_action controls[] = {
        KEYBOARD_BACKSPACE, KEYBOARD_CLEAR, KEYBOARD_NEXT, KEYBOARD_DONE, KEYBOARD_GAP,
    };
    const struct keyboard_layout *l = keyboard_layout(KEYBOARD_LETTERS_SHIFT);

    for (size_t c = 0; c < sizeof controls / sizeof *controls; c++) {
        for (int i = 0; i < l->nkeys; i++) {
            struct keyboard kb = { KEYBOARD_LETTERS_SHIFT, NULL };
            struct keyboard_event ev;

            if (l->keys[i].action != controls[c])
                continue;
            ev = keyboard_press(&kb, i);
            ASSERT_INT_EQ(controls[c], ev.action);
            ASSERT(ev.text == NULL);
            ASSERT_INT_EQ(KEYBOARD_LETTERS_SHIFT, kb.kind);     /* shift still pending */
        }
    }
}

TEST(plans_a_name_with_an_accent_and_an_apostrophe)
{
    /* Shift J, o s, àé é, space, abc Shift O, ', Shift B, r i e n */
    ASSERT_INT_EQ(17, plan_types(KEYBOARD_LETTERS, "José O'Brien"));
    /* àé Shift Å, abc s, a, -, Shift M, a r i e */
    ASSERT_INT_EQ(13, plan_types(KEYBOARD_LETTERS, "Åsa-Marie"));
    ASSERT(plan_types(KEYBOARD_LETTERS, "Zoë Łukasz-Dvořák Ñ. Strauß") > 0);
}

TEST(plans_a_phone_number_on_the_pad)
{
    ASSERT_INT_EQ(12, plan_types(KEYBOARD_PHONE, "07700 900118"));
    ASSERT_INT_EQ(15, plan_types(KEYBOARD_PHONE, "+44 7700 900118"));
}

TEST(plans_an_email_with_the_dot_com_key)
{
    struct keyboard_step steps[MAX_STEPS];
    char err[128];
    int n = keyboard_plan(KEYBOARD_EMAIL, "a.b@example.com", steps, MAX_STEPS, err, sizeof err);

    ASSERT_INT_EQ(12, n);                           /* a . b @ e x a m p l e .com */
    ASSERT_INT_EQ(find_output(KEYBOARD_EMAIL, ".com"), steps[n - 1].key);
    ASSERT_INT_EQ(12, plan_types(KEYBOARD_EMAIL, "a.b@example.com"));
    ASSERT_INT_EQ(17, plan_types(KEYBOARD_EMAIL, "a_b-9@example.org"));
}

TEST(email_keyboard_types_every_character_an_address_may_hold)
{
    char s[2] = "", err[128];
    struct keyboard_step steps[MAX_STEPS];
    struct form f;
    int accepted = 0;

    /* Plus addressing, on the main layout: no page to switch to. */
    ASSERT_INT_EQ(26, plan_types(KEYBOARD_EMAIL, "j.mueller+kiosk@example.de"));
    ASSERT(find_output(KEYBOARD_EMAIL, "+") >= 0);
    ASSERT(plan_types(KEYBOARD_EMAIL, "o'neill!#$%&*/=?^`{|}~@example.ie") > 0);
    /* Every printable ASCII character the email field takes has a key (lower case letters: an
     * address reads the same in either case, and the layout keeps its keys few). */
    for (int c = 0x21; c < 0x7F; c++) {
        s[0] = (char)c;
        form_wipe(&f);
        if (form_insert(&f, FORM_FIELD_EMAIL, s, NULL) != FORM_INSERT_OK || (c >= 'A' && c <= 'Z'))
            continue;
        accepted++;
        if (keyboard_plan(KEYBOARD_EMAIL, s, steps, MAX_STEPS, err, sizeof err) < 0)
            FAIL_AT("the email field takes '%c' but no key types it: %s", c, err);
    }
    ASSERT_INT_EQ(26 + 10 + 21, accepted);      /* a-z, 0-9, . @ and the 19 other signs */
}

TEST(letter_pages_type_the_latin_alphabets_of_european_names)
{
    /* The letters of the national alphabets written in Latin script across Europe, and names in them. */
    static const char *const alphabets[] = {
        "àâæçéèêëîïôœùûüÿ",         /* French */       "äöüß",             /* German */
        "áéíñóúü",                  /* Spanish */      "áâãàçéêíóôõú",     /* Portuguese */
        "àèéìòù",                   /* Italian */      "åæøäöðþý",         /* Nordic */
        "ąćęłńóśźż",                /* Polish */       "áčďéěíňóřšťúůýž",  /* Czech */
        "áäčďéíĺľňóôŕšťúýž",        /* Slovak */       "áéíóöőúüű",        /* Hungarian */
        "čćđšž",                    /* Croatian, Slovene, Bosnian */ "ăâîșț", /* Romanian */
        "çğıöşüİ",                  /* Turkish */      "āčēģīķļņšūž",      /* Latvian */
        "ąčęėįšųūž",                /* Lithuanian */   "äõöüšž",           /* Estonian */
        "ċġħż",                     /* Maltese */      "âêîôûŵŷ",          /* Welsh */
        "çë",                       /* Albanian */     "āēīōū",            /* Māori */
    };
    static const char *const names[] = {
        "Ioana Ștefănescu", "Ēriks Ozoliņš", "Şükrü Yıldız", "Dafydd ap Gwŷn", "Kaʻiulani Kawānanakoa",
        "Łukasz Żółć", "Ľubomír Ďurčo", "Ġorġ Borġ", "Jūratė Kęstutienė", "Siobhán Ó Dálaigh",
        "Þórdís Guðmundsdóttir", "Đorđe Petrović", "O’Neill", "İlkay Ağaoğlu",
    };
    char upper[64];

    for (size_t i = 0; i < sizeof alphabets / sizeof *alphabets; i++)
        if (plan_types(KEYBOARD_LETTERS, alphabets[i]) < 0)
            FAIL_AT("the letters of \"%s\" cannot all be typed", alphabets[i]);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (plan_types(KEYBOARD_LETTERS, names[i]) < 0)
            FAIL_AT("\"%s\" cannot be typed", names[i]);
    /* and in capitals where a name begins with one */
    snprintf(upper, sizeof upper, "%s", "ĂȘȚĀĒĢĪĶĻŅŪĖĮŲĊĠĦĐĽĹŔŴŶ");
    ASSERT(plan_types(KEYBOARD_LETTERS, upper) > 0);
}

TEST(refuses_what_no_key_types_and_names_it)
{
    struct keyboard_step steps[MAX_STEPS];
    char err[128];

    ASSERT_INT_EQ(-1, keyboard_plan(KEYBOARD_LETTERS, "Иван", steps, MAX_STEPS, err, sizeof err));
    ASSERT_STR_EQ("no key of the letters keyboard types 'И' (U+0418)", err);
    ASSERT_INT_EQ(-1, keyboard_plan(KEYBOARD_LETTERS, "Ann 2", steps, MAX_STEPS, err, sizeof err));
    ASSERT_CONTAINS(err, "'2' (U+0032)");
    ASSERT_INT_EQ(-1, keyboard_plan(KEYBOARD_EMAIL, "Ann@example.com", steps, MAX_STEPS, err, sizeof err));
    ASSERT_STR_EQ("no key of the email keyboard types 'A' (U+0041)", err);
    ASSERT_INT_EQ(-1, keyboard_plan(KEYBOARD_PHONE, "0770O", steps, MAX_STEPS, err, sizeof err));
    ASSERT_CONTAINS(err, "'O' (U+004F)");
    ASSERT_INT_EQ(-1, keyboard_plan(KEYBOARD_LETTERS, "a\tb", steps, MAX_STEPS, err, sizeof err));
    ASSERT_STR_EQ("no key of the letters keyboard types U+0009", err);
    ASSERT_INT_EQ(-1, keyboard_plan(KEYBOARD_LETTERS, "ab\xFF", steps, MAX_STEPS, err, sizeof err));
    ASSERT_STR_EQ("text is not valid UTF-8", err);
    ASSERT_INT_EQ(-1, keyboard_plan(KEYBOARD_LETTERS, "😀", steps, MAX_STEPS, err, sizeof err));
    ASSERT_CONTAINS(err, "(U+1F600)");
}

TEST(refuses_a_plan_longer_than_its_room)
{
    struct keyboard_step steps[4];
    char err[128];

    ASSERT_INT_EQ(4, keyboard_plan(KEYBOARD_LETTERS, "abcd", steps, 4, err, sizeof err));
    ASSERT_INT_EQ(-1, keyboard_plan(KEYBOARD_LETTERS, "abcde", steps, 4, err, sizeof err));
    ASSERT_STR_EQ("typing the text takes more than 4 key presses", err);
    ASSERT_INT_EQ(-1, keyboard_plan(KEYBOARD_LETTERS, "abcÉ", steps, 4, err, sizeof err));
    ASSERT_INT_EQ(0, keyboard_plan(KEYBOARD_LETTERS, "", steps, 4, err, sizeof err));
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    if (wording_load(&english, "content/wording.txt", "en", stderr, NULL, 0) != 0)
        return 1;
    RUN(every_layout_is_well_formed);
    RUN(every_key_is_well_formed);
    RUN(every_layout_has_the_field_controls_once);
    RUN(letter_pages_have_every_letter_and_shift);
    RUN(shifted_pages_mirror_their_lower_case_pages);
    RUN(accent_pages_type_the_letters_names_need);
    RUN(phone_pad_has_digits_plus_and_space);
    RUN(email_layout_has_address_characters);
    RUN(every_key_types_what_its_field_accepts);
    RUN(fields_choose_their_layout);
    RUN(shift_lasts_for_one_letter);
    RUN(pages_stay_until_switched);
    RUN(controls_are_reported_and_change_no_page);
    RUN(plans_a_name_with_an_accent_and_an_apostrophe);
    RUN(plans_a_phone_number_on_the_pad);
    RUN(plans_an_email_with_the_dot_com_key);
    RUN(email_keyboard_types_every_character_an_address_may_hold);
    RUN(letter_pages_type_the_latin_alphabets_of_european_names);
    RUN(refuses_what_no_key_types_and_names_it);
    RUN(refuses_a_plan_longer_than_its_room);
    END();
}
