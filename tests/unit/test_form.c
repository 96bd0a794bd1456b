/* Tests of the request form: accepted characters, limits, backspace, validation and wipe.
 * Every name, number and address here is made up. */
#include "harness.h"
#include "form.h"
#include "utf8.h"

/* Empties f, then inserts text into field. */
static enum form_insert_result fresh_insert(struct form *f, enum form_field field, const char *text,
                                            uint32_t *refused)
{
    form_wipe(f);
    return form_insert(f, field, text, refused);
}

/* Whether every byte of the n at p is zero. */
static int all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

/* Text made of count copies of unit. */
static const char *repeat(char *buf, size_t len, const char *unit, int count)
{
    buf[0] = '\0';
    for (int i = 0; i < count; i++)
        strncat(buf, unit, len - strlen(buf) - 1);
    return buf;
}

/* A form that passes validation. */
static void fill_good(struct form *f)
{
    form_wipe(f);
    form_insert(f, FORM_FIELD_NAME, "Testy McTestface", NULL);
    form_insert(f, FORM_FIELD_PHONE, "07700 900118", NULL);
    form_insert(f, FORM_FIELD_EMAIL, "testy@example.com", NULL);
    f->contact_time = FORM_CONTACT_MORNING;
    f->consent_contact = true;
}

TEST(names_with_accents_apostrophes_and_scripts_are_kept_verbatim)
{
    static const char *names[] = {
        "José", "O'Brien", "O\u2019Brien", "Zoë", "Ñ", "Nguyễn Văn An", "Åsa-Marie",
        "Jean-Luc St. Pierre", "Dvořáková", "Łukasz Wąsik", "Strauß", "Þórunn Ævarsdóttir",
        "Σοφία", "Юлия Иванова", "Հայկ", "דוד", "محمد", "李小龍", "さくら", "김민준",
        "Kealoha Kaʻahumanu", "Jose\u0301 with a combining accent", "d'Artagnan",
    };
    struct form f;

    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (fresh_insert(&f, FORM_FIELD_NAME, names[i], NULL) != FORM_INSERT_OK)
            FAIL_AT("name %zu (%s) not accepted", i, names[i]);
        ASSERT_STR_EQ(names[i], form_text(&f, FORM_FIELD_NAME));
    }
}

TEST(characters_outside_names_are_refused_and_named)
{
    static const struct { const char *text; uint32_t refused; } cases[] = {
        { "R2D2", '2' },
        { "Ann \U0001F600", 0x1F600 },              /* emoji */
        { "Ann\t", '\t' }, { "Ann\nBob", '\n' }, { "Ann\r", '\r' }, { "A\x7F", 0x7F },
        { "A\xC2\x85", 0x85 },                      /* C1 next line */
        { "Ann\u2028", 0x2028 }, { "Ann\u2029", 0x2029 },
        { "\u200EAnn", 0x200E }, { "\u200FAnn", 0x200F },   /* left-to-right and right-to-left marks */
        { "Ann\u202Enosrep", 0x202E },              /* right-to-left override */
        { "Ann\u2066x\u2069", 0x2066 },             /* isolates */
        { "Ann\u061C", 0x061C },                    /* Arabic letter mark */
        { "An\u200Bn", 0x200B }, { "\uFEFFAnn", 0xFEFF },   /* zero width space, BOM */
        { "Ann\u00A0Bee", 0xA0 },                   /* no-break space */
        { "=HYPERLINK(\"http://example.com\")", '=' },
        { "Ann'); DROP TABLE requests;--", ')' },
        { "Ann \"The Test\"", '"' }, { "Ann\\Bee", '\\' }, { "Bee, Ann", ',' },
        { "Ann \u00D7 Bee", 0xD7 },                 /* multiplication sign inside Latin-1 */
        { "Ann@", '@' }, { "Ann_", '_' },
    };
    struct form f;

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        uint32_t refused = 0;

        if (fresh_insert(&f, FORM_FIELD_NAME, cases[i].text, &refused) != FORM_INSERT_REFUSED)
            FAIL_AT("case %zu was not refused", i);
        if (refused != cases[i].refused)
            FAIL_AT("case %zu: refused U+%04X, expected U+%04X", i, (unsigned)refused,
                    (unsigned)cases[i].refused);
        ASSERT_STR_EQ("", form_text(&f, FORM_FIELD_NAME));
    }
}

TEST(a_refused_insert_leaves_the_field_as_it_was)
{
    struct form f;

    fresh_insert(&f, FORM_FIELD_NAME, "Ann", NULL);
    ASSERT_INT_EQ(FORM_INSERT_REFUSED, form_insert(&f, FORM_FIELD_NAME, "e2e", NULL));
    ASSERT_STR_EQ("Ann", form_text(&f, FORM_FIELD_NAME));
    ASSERT_INT_EQ(FORM_INSERT_BAD_UTF8, form_insert(&f, FORM_FIELD_NAME, "e\xFF", NULL));
    ASSERT_STR_EQ("Ann", form_text(&f, FORM_FIELD_NAME));
}

TEST(invalid_utf8_is_refused_in_every_field)
{
    static const char *bad[] = {
        "\xC0\xAF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF",     /* overlong / */
        "\xED\xA0\x80", "\xED\xBF\xBF",                     /* surrogates */
        "Jos\xC3", "\xE2\x82", "\xF0\x9F\x98",              /* truncated */
        "\xFF", "\xFE", "\x80", "a\xF5\x80\x80\x80",
    };
    static const enum form_field fields[] = { FORM_FIELD_NAME, FORM_FIELD_PHONE, FORM_FIELD_EMAIL };
    struct form f;

    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        for (size_t j = 0; j < sizeof bad / sizeof *bad; j++) {
            if (fresh_insert(&f, fields[i], bad[j], NULL) != FORM_INSERT_BAD_UTF8)
                FAIL_AT("field %zu: bad text %zu not refused as bad UTF-8", i, j);
            ASSERT_STR_EQ("", form_text(&f, fields[i]));
        }
    }
}

TEST(name_limit_is_counted_in_code_points)
{
    char buf[1024];
    struct form f;

    /* 80 two-byte letters fit exactly; one more letter does not. */
    ASSERT_INT_EQ(FORM_INSERT_OK, fresh_insert(&f, FORM_FIELD_NAME, repeat(buf, sizeof buf, "é", 80), NULL));
    ASSERT_INT_EQ(160, strlen(form_text(&f, FORM_FIELD_NAME)));
    ASSERT_INT_EQ(FORM_INSERT_TOO_LONG, form_insert(&f, FORM_FIELD_NAME, "a", NULL));
    ASSERT_INT_EQ(80, utf8_count(form_text(&f, FORM_FIELD_NAME), strlen(form_text(&f, FORM_FIELD_NAME))));

    /* Three-byte letters: 79, then two more of which one fits. */
    ASSERT_INT_EQ(FORM_INSERT_OK, fresh_insert(&f, FORM_FIELD_NAME, repeat(buf, sizeof buf, "ễ", 79), NULL));
    ASSERT_INT_EQ(FORM_INSERT_TOO_LONG, form_insert(&f, FORM_FIELD_NAME, "ễễ", NULL));
    ASSERT_INT_EQ(240, strlen(form_text(&f, FORM_FIELD_NAME)));
    ASSERT(utf8_valid(form_text(&f, FORM_FIELD_NAME), 240));

    /* 81 at once: the first 80 go in. */
    ASSERT_INT_EQ(FORM_INSERT_TOO_LONG, fresh_insert(&f, FORM_FIELD_NAME, repeat(buf, sizeof buf, "Ä", 81), NULL));
    ASSERT_STR_EQ(repeat(buf, sizeof buf, "Ä", 80), form_text(&f, FORM_FIELD_NAME));
}

TEST(ten_thousand_characters_are_cut_at_the_limit)
{
    static char text[10001];
    struct form f;

    memset(text, 'a', sizeof text - 1);
    ASSERT_INT_EQ(FORM_INSERT_TOO_LONG, fresh_insert(&f, FORM_FIELD_NAME, text, NULL));
    ASSERT_INT_EQ(FORM_NAME_MAX, strlen(form_text(&f, FORM_FIELD_NAME)));
    ASSERT_INT_EQ(FORM_INSERT_TOO_LONG, fresh_insert(&f, FORM_FIELD_EMAIL, text, NULL));
    ASSERT_INT_EQ(FORM_EMAIL_MAX, strlen(form_text(&f, FORM_FIELD_EMAIL)));
}

TEST(phone_field_accepts_digits_plus_and_space_up_to_its_limit)
{
    uint32_t refused = 0;
    struct form f;

    ASSERT_INT_EQ(FORM_INSERT_OK, fresh_insert(&f, FORM_FIELD_PHONE, "+44 7700 900118", NULL));
    ASSERT_INT_EQ(FORM_INSERT_REFUSED, fresh_insert(&f, FORM_FIELD_PHONE, "+44 77OO", &refused));
    ASSERT_INT_EQ('O', refused);
    ASSERT_INT_EQ(FORM_INSERT_REFUSED, fresh_insert(&f, FORM_FIELD_PHONE, "07700-900118", &refused));
    ASSERT_INT_EQ('-', refused);
    ASSERT_INT_EQ(FORM_INSERT_REFUSED, fresh_insert(&f, FORM_FIELD_PHONE, "(020)", &refused));
    ASSERT_INT_EQ('(', refused);
    ASSERT_INT_EQ(FORM_INSERT_REFUSED, fresh_insert(&f, FORM_FIELD_PHONE, "\xD9\xA1", &refused));
    ASSERT_INT_EQ(0x661, refused);      /* an Arabic-Indic digit is not 0-9 */

    ASSERT_INT_EQ(FORM_INSERT_OK, fresh_insert(&f, FORM_FIELD_PHONE, "+44 7700 900118 1234", NULL));
    ASSERT_INT_EQ(FORM_PHONE_MAX, strlen(form_text(&f, FORM_FIELD_PHONE)));
    ASSERT_INT_EQ(FORM_INSERT_TOO_LONG, form_insert(&f, FORM_FIELD_PHONE, "5", NULL));
    ASSERT_STR_EQ("+44 7700 900118 1234", form_text(&f, FORM_FIELD_PHONE));
}

TEST(email_field_accepts_address_characters_up_to_its_limit)
{
    char buf[256];
    uint32_t refused = 0;
    struct form f;

    ASSERT_INT_EQ(FORM_INSERT_OK, fresh_insert(&f, FORM_FIELD_EMAIL, "First.O'Test+tag_1@Example-Mail.co.uk", NULL));
    ASSERT_INT_EQ(FORM_INSERT_REFUSED, fresh_insert(&f, FORM_FIELD_EMAIL, "a b@example.com", &refused));
    ASSERT_INT_EQ(' ', refused);
    ASSERT_INT_EQ(FORM_INSERT_REFUSED, fresh_insert(&f, FORM_FIELD_EMAIL, "josé@example.com", &refused));
    ASSERT_INT_EQ(0xE9, refused);
    ASSERT_INT_EQ(FORM_INSERT_REFUSED, fresh_insert(&f, FORM_FIELD_EMAIL, "a,b@example.com", &refused));
    ASSERT_INT_EQ(',', refused);
    ASSERT_INT_EQ(FORM_INSERT_REFUSED, fresh_insert(&f, FORM_FIELD_EMAIL, "\"a\"@example.com", &refused));
    ASSERT_INT_EQ('"', refused);

    ASSERT_INT_EQ(FORM_INSERT_OK, fresh_insert(&f, FORM_FIELD_EMAIL, repeat(buf, sizeof buf, "x", 100), NULL));
    ASSERT_INT_EQ(FORM_INSERT_TOO_LONG, form_insert(&f, FORM_FIELD_EMAIL, "x", NULL));
    ASSERT_INT_EQ(100, strlen(form_text(&f, FORM_FIELD_EMAIL)));
}

static struct wording english;     /* content/wording.txt */

/* Message id in English, with the limits the form screen gives it (max: the field's length). */
static const char *words(enum wording_id id, long long max)
{
    static char buf[4][256];        /* a few at a time: one assertion may hold two */
    static int n;
    char (*out)[256] = &buf[n++ % 4];

    if (id == MSG_NONE)
        return NULL;
    return WORDING_FORMAT(&english, id, *out, WORDING_NUMBER("max", max),
                          WORDING_NUMBER("min-digits", FORM_PHONE_DIGITS_MIN),
                          WORDING_NUMBER("max-digits", FORM_PHONE_DIGITS_MAX));
}

TEST(insert_messages_are_plain_words)
{
    ASSERT(form_insert_message(FORM_FIELD_NAME, FORM_INSERT_OK) == MSG_NONE);
    ASSERT_STR_EQ("That character can't be used in a name",
                  words(form_insert_message(FORM_FIELD_NAME, FORM_INSERT_REFUSED), FORM_NAME_MAX));
    ASSERT_STR_EQ("A name can be up to 80 characters long",
                  words(form_insert_message(FORM_FIELD_NAME, FORM_INSERT_TOO_LONG), FORM_NAME_MAX));
    ASSERT_STR_EQ("A phone number can only have digits, + and spaces",
                  words(form_insert_message(FORM_FIELD_PHONE, FORM_INSERT_REFUSED), FORM_PHONE_MAX));
    ASSERT_STR_EQ("A phone number can be up to 20 characters long",
                  words(form_insert_message(FORM_FIELD_PHONE, FORM_INSERT_TOO_LONG), FORM_PHONE_MAX));
    ASSERT_STR_EQ("That character can't be used in an email address",
                  words(form_insert_message(FORM_FIELD_EMAIL, FORM_INSERT_REFUSED), FORM_EMAIL_MAX));
    ASSERT_STR_EQ("An email address can be up to 100 characters long",
                  words(form_insert_message(FORM_FIELD_EMAIL, FORM_INSERT_TOO_LONG), FORM_EMAIL_MAX));
    ASSERT_STR_EQ("That text could not be read",
                  words(form_insert_message(FORM_FIELD_EMAIL, FORM_INSERT_BAD_UTF8), FORM_EMAIL_MAX));
}

TEST(backspace_removes_one_whole_code_point_and_zeroes_it)
{
    struct form f;

    fresh_insert(&f, FORM_FIELD_NAME, "Nguyễn Zoë", NULL);
    form_backspace(&f, FORM_FIELD_NAME);
    ASSERT_STR_EQ("Nguyễn Zo", form_text(&f, FORM_FIELD_NAME));
    ASSERT(all_zero(f.name + strlen(f.name), sizeof f.name - strlen(f.name)));
    for (int i = 0; i < 4; i++)
        form_backspace(&f, FORM_FIELD_NAME);
    ASSERT_STR_EQ("Nguyễ", form_text(&f, FORM_FIELD_NAME));
    form_backspace(&f, FORM_FIELD_NAME);
    ASSERT_STR_EQ("Nguy", form_text(&f, FORM_FIELD_NAME));
    ASSERT(all_zero(f.name + 4, sizeof f.name - 4));

    fresh_insert(&f, FORM_FIELD_NAME, "Jose\u0301", NULL);
    form_backspace(&f, FORM_FIELD_NAME);
    ASSERT_STR_EQ("Jose", form_text(&f, FORM_FIELD_NAME));

    fresh_insert(&f, FORM_FIELD_PHONE, "1", NULL);
    form_backspace(&f, FORM_FIELD_PHONE);
    form_backspace(&f, FORM_FIELD_PHONE);
    ASSERT_STR_EQ("", form_text(&f, FORM_FIELD_PHONE));
}

TEST(clear_field_zeroes_only_that_field)
{
    struct form f;

    fill_good(&f);
    form_backspace(&f, FORM_FIELD_NAME);        /* leaves nothing behind the end either */
    form_clear_field(&f, FORM_FIELD_NAME);
    ASSERT(all_zero(f.name, sizeof f.name));
    ASSERT_STR_EQ("07700 900118", form_text(&f, FORM_FIELD_PHONE));
    ASSERT_STR_EQ("testy@example.com", form_text(&f, FORM_FIELD_EMAIL));
}

TEST(good_phone_numbers)
{
    static const char *good[] = {
        "07700 900118", "+44 7700 900118", "+447700900118", "07700900118", "020 7946 0018",
        "+1 212 555 0100", "+353 1 234 5678", "1234567", "+1234567", "123456789012345",
        "+123456789012345", " 07700 900118 ", "0 7 7 0 0 9 0 0", "+ 44 7700 900118",
    };

    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!form_phone_valid(good[i]))
            FAIL_AT("\"%s\" judged not a phone number", good[i]);
}

TEST(bad_phone_numbers)
{
    static const char *bad[] = {
        "", " ", "+", "+ ", "12345", "123456", "+123456", "1234567890123456",
        "+44 7700 900118 9999", "+44 77OO 900118", "++44 7700 900118", "44+7700900118",
        "07700 900118+", "07700-900118", "(020) 7946 0018", "07700 900118 ext 2", "+-7700900118",
    };

    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (form_phone_valid(bad[i]))
            FAIL_AT("\"%s\" judged a phone number", bad[i]);
}

TEST(good_email_addresses)
{
    static const char *good[] = {
        "name@example.com", "a.b@example.com", "x@y.io", "first.last+tag@sub.example.co.uk",
        "o'test@example.ie", "TEST@EXAMPLE.COM", "a_b-c@my-domain.org", "1234@123.example.com",
        "!#$%&'*+/=?^_`{|}~-@example.com",
        "a234567890123456789012345678901234567890123456789012345678901234@example.com",
        "name@a23456789012345678901234567890123456789012345678901234567890123.com",
    };

    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!form_email_valid(good[i]))
            FAIL_AT("\"%s\" judged not an email address", good[i]);
}

TEST(bad_email_addresses)
{
    static const char *bad[] = {
        "", "name", "name@", "@example.com", "@", "name@example", "name@example.c",
        "name@@example.com", "a@b@example.com", "na me@example.com", "name@exa mple.com",
        ".name@example.com", "name.@example.com", "na..me@example.com", "name@.example.com",
        "name@example.com.", "name@example..com", "name@-example.com", "name@example-.com",
        "name@example.c0m", "name@example.123", "name@exa_mple.com", "josé@example.com",
        "name@exämple.com", "a,b@example.com", "\"a\"@example.com", "name@example.com ",
        "name@.com", "name@com.", ".@example.com",
        "a2345678901234567890123456789012345678901234567890123456789012345@example.com",
        "name@a234567890123456789012345678901234567890123456789012345678901234.com",
    };

    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (form_email_valid(bad[i]))
            FAIL_AT("\"%s\" judged an email address", bad[i]);
}

TEST(an_empty_form_gets_a_message_next_to_each_field_at_fault)
{
    struct form_errors e;
    struct form f;

    form_wipe(&f);
    ASSERT_INT_EQ(4, form_validate(&f, &e));
    ASSERT_STR_EQ("Please enter your name", words(e.message[FORM_FIELD_NAME], 0));
    ASSERT_STR_EQ("Please give a phone number or an email address", words(e.message[FORM_FIELD_PHONE], 0));
    ASSERT(e.message[FORM_FIELD_EMAIL] == MSG_NONE);
    ASSERT_STR_EQ("Please choose a time", words(e.message[FORM_FIELD_CONTACT_TIME], 0));
    ASSERT_STR_EQ("Please tick this box so we may contact you", words(e.message[FORM_FIELD_CONSENT_CONTACT], 0));
}

TEST(a_good_form_has_no_errors)
{
    struct form_errors e;
    struct form f;

    fill_good(&f);
    ASSERT_INT_EQ(0, form_validate(&f, &e));
    for (int i = 0; i < FORM_FIELD_COUNT; i++)
        ASSERT(e.message[i] == MSG_NONE);

    form_clear_field(&f, FORM_FIELD_EMAIL);     /* a phone alone is enough */
    ASSERT_INT_EQ(0, form_validate(&f, &e));
    fill_good(&f);
    form_clear_field(&f, FORM_FIELD_PHONE);     /* and so is an email alone */
    ASSERT_INT_EQ(0, form_validate(&f, &e));
}

TEST(each_fault_is_reported_against_its_field)
{
    struct form_errors e;
    struct form f;

    fill_good(&f);
    form_clear_field(&f, FORM_FIELD_NAME);
    form_insert(&f, FORM_FIELD_NAME, " '-. ", NULL);
    ASSERT_INT_EQ(1, form_validate(&f, &e));
    ASSERT_STR_EQ("Please enter your name", words(e.message[FORM_FIELD_NAME], 0));

    fill_good(&f);
    form_insert(&f, FORM_FIELD_PHONE, "00000", NULL);    /* 16 digits */
    ASSERT_INT_EQ(1, form_validate(&f, &e));
    ASSERT_STR_EQ("A phone number has 7 to 15 digits, like 07700 900118", words(e.message[FORM_FIELD_PHONE], 0));

    fill_good(&f);
    form_backspace(&f, FORM_FIELD_EMAIL);
    form_backspace(&f, FORM_FIELD_EMAIL);
    ASSERT_INT_EQ(1, form_validate(&f, &e));         /* testy@example.c */
    ASSERT_STR_EQ("This email address looks incomplete, like name@example.com", words(e.message[FORM_FIELD_EMAIL], 0));

    form_clear_field(&f, FORM_FIELD_PHONE);          /* a bad email does not count as one */
    ASSERT_INT_EQ(1, form_validate(&f, &e));
    ASSERT(e.message[FORM_FIELD_PHONE] == MSG_NONE);
    ASSERT(e.message[FORM_FIELD_EMAIL] != MSG_NONE);

    fill_good(&f);
    f.contact_time = FORM_CONTACT_UNSET;
    f.consent_contact = false;
    f.consent_share_answers = false;                 /* optional */
    ASSERT_INT_EQ(2, form_validate(&f, &e));
    ASSERT(e.message[FORM_FIELD_CONTACT_TIME] != MSG_NONE);
    ASSERT(e.message[FORM_FIELD_CONSENT_CONTACT] != MSG_NONE);
    ASSERT_STR_EQ("Testy McTestface", form_text(&f, FORM_FIELD_NAME));  /* kept as typed */
}

TEST(wipe_zeroes_every_byte)
{
    struct form f;
    char buf[512];

    memset(&f, 0xA5, sizeof f);
    form_wipe(&f);
    ASSERT(all_zero(&f, sizeof f));

    form_insert(&f, FORM_FIELD_NAME, repeat(buf, sizeof buf, "ễ", 80), NULL);
    form_insert(&f, FORM_FIELD_PHONE, "+44 7700 900118 1234", NULL);
    form_insert(&f, FORM_FIELD_EMAIL, repeat(buf, sizeof buf, "z", 100), NULL);
    ASSERT_INT_EQ(0, form_set_treatment(&f, "calf-slimming"));
    f.contact_time = FORM_CONTACT_ANY;
    f.consent_contact = f.consent_share_answers = true;
    form_wipe(&f);
    ASSERT(all_zero(&f, sizeof f));
    ASSERT_STR_EQ("", form_text(&f, FORM_FIELD_NAME));
    ASSERT_INT_EQ(FORM_CONTACT_UNSET, f.contact_time);
}

TEST(treatment_id_is_copied_within_its_limit)
{
    char buf[128];
    struct form f;

    form_wipe(&f);
    ASSERT_INT_EQ(0, form_set_treatment(&f, "calf-slimming"));
    ASSERT_STR_EQ("calf-slimming", f.treatment_id);
    ASSERT_INT_EQ(0, form_set_treatment(&f, "x"));
    ASSERT_STR_EQ("x", f.treatment_id);
    ASSERT(all_zero(f.treatment_id + 1, sizeof f.treatment_id - 1));
    ASSERT_INT_EQ(0, form_set_treatment(&f, repeat(buf, sizeof buf, "t", FORM_TREATMENT_MAX)));
    ASSERT_INT_EQ(-1, form_set_treatment(&f, repeat(buf, sizeof buf, "u", FORM_TREATMENT_MAX + 1)));
    ASSERT_STR_EQ(repeat(buf, sizeof buf, "t", FORM_TREATMENT_MAX), f.treatment_id);
}

TEST(contact_times_have_stored_names)
{
    ASSERT_STR_EQ("", form_contact_time_name(FORM_CONTACT_UNSET));
    ASSERT_STR_EQ("morning", form_contact_time_name(FORM_CONTACT_MORNING));
    ASSERT_STR_EQ("afternoon", form_contact_time_name(FORM_CONTACT_AFTERNOON));
    ASSERT_STR_EQ("evening", form_contact_time_name(FORM_CONTACT_EVENING));
    ASSERT_STR_EQ("any", form_contact_time_name(FORM_CONTACT_ANY));
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    if (wording_load(&english, "content/wording.txt", "en", stderr, NULL, 0) != 0)
        return 1;
    RUN(names_with_accents_apostrophes_and_scripts_are_kept_verbatim);
    RUN(characters_outside_names_are_refused_and_named);
    RUN(a_refused_insert_leaves_the_field_as_it_was);
    RUN(invalid_utf8_is_refused_in_every_field);
    RUN(name_limit_is_counted_in_code_points);
    RUN(ten_thousand_characters_are_cut_at_the_limit);
    RUN(phone_field_accepts_digits_plus_and_space_up_to_its_limit);
    RUN(email_field_accepts_address_characters_up_to_its_limit);
    RUN(insert_messages_are_plain_words);
    RUN(backspace_removes_one_whole_code_point_and_zeroes_it);
    RUN(clear_field_zeroes_only_that_field);
    RUN(good_phone_numbers);
    RUN(bad_phone_numbers);
    RUN(good_email_addresses);
    RUN(bad_email_addresses);
    RUN(an_empty_form_gets_a_message_next_to_each_field_at_fault);
    RUN(a_good_form_has_no_errors);
    RUN(each_fault_is_reported_against_its_field);
    RUN(wipe_zeroes_every_byte);
    RUN(treatment_id_is_copied_within_its_limit);
    RUN(contact_times_have_stored_names);
    END();
}
