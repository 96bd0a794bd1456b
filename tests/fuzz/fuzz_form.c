/* fuzz_form: the request form's fields under any sequence of inserts, backspaces and clears, and
 * the phone and email validators on any text. Properties checked after every step:
 * - an insert either goes in whole, goes in as a prefix of whole code points up to the field's
 *   maximum, or changes nothing (refused, or not UTF-8), as its result says;
 * - a field always holds well-formed UTF-8 that the field accepts, within its maximum, and every
 *   byte after its end is zero (nothing typed and removed lingers);
 * - a backspace removes exactly the last code point;
 * - no name ever holds a control, format or bidirectional character;
 * - what the validators accept has the shape they promise, and form_validate() counts its messages;
 * - utf8_cut() (which messages use to quote text) never splits a character. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "form.h"
#include "fuzz.h"
#include "utf8.h"

#define TEXT_MAX 128

static size_t field_size(enum form_field field)
{
    static const size_t sizes[] = { sizeof ((struct form *)0)->name, sizeof ((struct form *)0)->phone,
                                    sizeof ((struct form *)0)->email };
    return sizes[field];
}

static size_t field_max(enum form_field field)
{
    static const size_t max[] = { FORM_NAME_MAX, FORM_PHONE_MAX, FORM_EMAIL_MAX };
    return max[field];
}

static bool hidden_or_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

/* The field's text is well-formed, accepted and within limits, and its buffer's tail is zero. */
static void check_field(const struct form *f, enum form_field field)
{
    const char *text = form_text(f, field);
    size_t size = field_size(field), n = strnlen(text, size);
    struct form again;
    uint32_t cp;

    FUZZ_CHECK(n < size);
    for (size_t i = n; i < size; i++)
        FUZZ_CHECK(text[i] == '\0');
    FUZZ_CHECK(utf8_valid(text, n));
    FUZZ_CHECK(utf8_count(text, n) <= field_max(field));
    for (size_t i = 0, len; i < n; i += len) {
        len = utf8_decode(text + i, n - i, &cp);
        FUZZ_CHECK(len > 0);
        FUZZ_CHECK(field != FORM_FIELD_NAME || !hidden_or_control(cp));
        FUZZ_CHECK(field == FORM_FIELD_NAME || (cp > 0x20 && cp < 0x7F) || (field == FORM_FIELD_PHONE && cp == ' '));
    }
    /* What a field holds, typed again into an empty field, goes in whole. */
    form_wipe(&again);
    FUZZ_CHECK(form_insert(&again, field, text, NULL) == FORM_INSERT_OK);
    FUZZ_CHECK(strcmp(form_text(&again, field), text) == 0);
}

static void check_insert(struct form *f, enum form_field field, const char *text)
{
    char before[FORM_NAME_MAX * 4 + 1];
    const char *now;
    size_t had, len = strlen(text);
    uint32_t refused = 0xFFFFFFFF;
    enum form_insert_result r;

    snprintf(before, sizeof before, "%s", form_text(f, field));
    had = strlen(before);
    r = form_insert(f, field, text, &refused);
    now = form_text(f, field);
    FUZZ_CHECK((r == FORM_INSERT_OK) == (form_insert_message(field, r) == MSG_NONE));
    FUZZ_CHECK((r == FORM_INSERT_BAD_UTF8) == !utf8_valid(text, len));
    switch (r) {
    case FORM_INSERT_OK:
        FUZZ_CHECK(strncmp(now, before, had) == 0 && strcmp(now + had, text) == 0);
        break;
    case FORM_INSERT_TOO_LONG:
        FUZZ_CHECK(strncmp(now, before, had) == 0 && strncmp(now + had, text, strlen(now + had)) == 0);
        FUZZ_CHECK(strlen(now + had) < len);
        FUZZ_CHECK(utf8_count(now, strlen(now)) == field_max(field));
        break;
    case FORM_INSERT_REFUSED:
        FUZZ_CHECK(refused != 0xFFFFFFFF);
        /* fall through */
    case FORM_INSERT_BAD_UTF8:
        FUZZ_CHECK(strcmp(now, before) == 0);
        break;
    }
}

static void check_backspace(struct form *f, enum form_field field)
{
    char before[FORM_NAME_MAX * 4 + 1];
    size_t had, now;

    snprintf(before, sizeof before, "%s", form_text(f, field));
    had = strlen(before);
    form_backspace(f, field);
    now = strlen(form_text(f, field));
    FUZZ_CHECK(had == 0 ? now == 0 : now < had && had - now == utf8_last_len(before, had));
    FUZZ_CHECK(strncmp(form_text(f, field), before, now) == 0);
}

/* A phone number the validator accepts: spaces, an optional +, then 7 to 15 digits and spaces. */
static void check_phone(const char *s)
{
    int digits = 0;
    const char *p = s;

    if (!form_phone_valid(s))
        return;
    while (*p == ' ')
        p++;
    if (*p == '+')
        p++;
    for (; *p; p++) {
        FUZZ_CHECK((*p >= '0' && *p <= '9') || *p == ' ');
        digits += *p >= '0' && *p <= '9';
    }
    FUZZ_CHECK(digits >= FORM_PHONE_DIGITS_MIN && digits <= FORM_PHONE_DIGITS_MAX);
}

/* An address the validator accepts: one @, ASCII without spaces, a dotted domain ending in letters. */
static void check_email(const char *s)
{
    const char *at = strchr(s, '@'), *dot;

    if (!form_email_valid(s))
        return;
    FUZZ_CHECK(at && at > s && !strchr(at + 1, '@'));
    for (const char *p = s; *p; p++)
        FUZZ_CHECK((unsigned char)*p > 0x20 && (unsigned char)*p < 0x7F);
    dot = strrchr(at, '.');
    FUZZ_CHECK(dot && dot > at + 1 && strlen(dot + 1) >= 2);
    for (const char *p = dot + 1; *p; p++)
        FUZZ_CHECK((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'));
}

/* utf8_cut() of well-formed text keeps whole characters, as many as fit in max bytes. */
static void check_cut(const char *text, size_t max)
{
    size_t n = strlen(text), k = utf8_cut(text, n, max);

    FUZZ_CHECK(k <= n && k <= max);
    if (!utf8_valid(text, n))
        return;
    FUZZ_CHECK(utf8_valid(text, k));
    FUZZ_CHECK(k == n || (k + 4 > max && (k == n || (text[k] & 0xC0) != 0x80)));
}

static void check_validate(const struct form *f)
{
    struct form_errors e;
    int errors = form_validate(f, &e), counted = 0;

    for (int i = 0; i < FORM_FIELD_COUNT; i++)
        counted += e.message[i] != MSG_NONE;
    FUZZ_CHECK(errors == counted);
    FUZZ_CHECK(e.message[FORM_FIELD_PHONE] || f->phone[0] || f->email[0]);
    FUZZ_CHECK(e.message[FORM_FIELD_PHONE] || !f->phone[0] || form_phone_valid(f->phone));
    FUZZ_CHECK(e.message[FORM_FIELD_EMAIL] || !f->email[0] || form_email_valid(f->email));
}

/* The input is a list of steps: a byte saying what (low 2 bits: insert, backspace, clear,
 * validate; the next bits: which field), and for an insert a length byte and that many bytes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct form f;
    size_t at = 0;

    form_wipe(&f);
    while (at < size) {
        uint8_t op = data[at++];
        enum form_field field = (enum form_field)((op >> 2) % 3);
        char text[TEXT_MAX + 1];
        size_t n;

        switch (op & 3) {
        case 0:
            n = at < size ? data[at++] % (TEXT_MAX + 1) : 0;
            n = n < size - at ? n : size - at;
            memcpy(text, data + at, n);
            text[n] = '\0';
            at += n;
            check_insert(&f, field, text);
            check_phone(text);
            check_email(text);
            check_cut(text, op >> 2);
            break;
        case 1:
            check_backspace(&f, field);
            break;
        case 2:
            form_clear_field(&f, field);
            FUZZ_CHECK(form_text(&f, field)[0] == '\0');
            break;
        default:
            f.contact_time = (enum form_contact_time)(op >> 4) % 5;
            f.consent_contact = (op >> 7) & 1;
            check_validate(&f);
            break;
        }
        for (int i = FORM_FIELD_NAME; i <= FORM_FIELD_EMAIL; i++)
            check_field(&f, (enum form_field)i);
    }
    form_wipe(&f);
    for (size_t i = 0; i < sizeof f; i++)
        FUZZ_CHECK(((const unsigned char *)&f)[i] == 0);
    return 0;
}
