/* form: the consultation request's fields, what each accepts, validation and wipe. */
#include "form.h"
#include "utf8.h"

#include <assert.h>
#include <sodium.h>
#include <stddef.h>
#include <string.h>

struct range {
    uint32_t first, last;
};

/* What a text field accepts and where it lives in struct form. */
struct field_rule {
    size_t offset, size;        /* the field's buffer inside struct form */
    size_t max;                 /* code points */
    bool (*accepts)(uint32_t cp);
    enum wording_id refused;    /* form_insert_message() for FORM_INSERT_REFUSED */
    enum wording_id too_long;   /* ... and for FORM_INSERT_TOO_LONG (its {max} is max) */
};

static bool name_accepts(uint32_t cp);
static bool phone_accepts(uint32_t cp);
static bool email_accepts(uint32_t cp);

static const struct field_rule rules[] = {
    [FORM_FIELD_NAME] = {
        offsetof(struct form, name), sizeof ((struct form *)0)->name, FORM_NAME_MAX,
        name_accepts, MSG_NOTE_NAME_REFUSED, MSG_NOTE_NAME_TOO_LONG },
    [FORM_FIELD_PHONE] = {
        offsetof(struct form, phone), sizeof ((struct form *)0)->phone, FORM_PHONE_MAX,
        phone_accepts, MSG_NOTE_PHONE_REFUSED, MSG_NOTE_PHONE_TOO_LONG },
    [FORM_FIELD_EMAIL] = {
        offsetof(struct form, email), sizeof ((struct form *)0)->email, FORM_EMAIL_MAX,
        email_accepts, MSG_NOTE_EMAIL_REFUSED, MSG_NOTE_EMAIL_TOO_LONG },
};

/* Letters beyond ASCII, by Unicode block; the holes are format characters (Arabic number
 * signs U+0600-U+0605, the Arabic letter mark U+061C, U+06DD), Latin-1's x and / signs, and the
 * letters newer than Debian 12's Noto fonts, which would be drawn as empty boxes (U+05EF,
 * U+0B55, U+0C3C, U+0C5D, U+0CDD, U+0CF3, U+4DB6-U+4DBF, U+9FF0-U+9FFF, U+A7C0-U+A7C1,
 * U+A7D0-U+A7D9, U+A7F2-U+A7F4; tests/unit/test_scripts.c checks every one the field takes). */
static const struct range name_letters[] = {
    { 0x00C0, 0x00D6 }, { 0x00D8, 0x00F6 }, { 0x00F8, 0x024F },    /* Latin-1, Extended-A, -B */
    { 0x0370, 0x03FF },                                             /* Greek */
    { 0x0400, 0x052F },                                             /* Cyrillic and supplement */
    { 0x0530, 0x058F },                                             /* Armenian */
    { 0x0590, 0x05EE }, { 0x05F0, 0x05FF },                         /* Hebrew */
    { 0x0606, 0x061B }, { 0x061D, 0x06DC }, { 0x06DE, 0x06FF },     /* Arabic */
    { 0x0900, 0x0B54 }, { 0x0B56, 0x0C3B }, { 0x0C3D, 0x0C5C },     /* Indic scripts, Thai */
    { 0x0C5E, 0x0CDC }, { 0x0CDE, 0x0CF2 }, { 0x0CF4, 0x0E7F },
    { 0x10A0, 0x11FF },                                             /* Georgian, Hangul Jamo */
    { 0x1E00, 0x1FFF },                                             /* Latin and Greek Extended */
    { 0x2C60, 0x2C7F },                                             /* Latin Extended-C */
    { 0x3040, 0x30FF },                                             /* Hiragana, Katakana */
    { 0x3400, 0x4DB5 }, { 0x4E00, 0x9FEF },                         /* CJK ideographs */
    { 0xA720, 0xA7BF }, { 0xA7C2, 0xA7CF }, { 0xA7DA, 0xA7F1 },     /* Latin Extended-D */
    { 0xA7F5, 0xA7FF },
    { 0xAC00, 0xD7AF },                                             /* Hangul syllables */
};

static bool in_ranges(uint32_t cp, const struct range *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cp >= r[i].first && cp <= r[i].last)
            return true;
    return false;
}

static bool ascii_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static bool ascii_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* Within those blocks only letters and combining marks: no digits, symbols or unassigned code points. */
static bool name_letter(uint32_t cp)
{
    return ascii_letter(cp) || (in_ranges(cp, name_letters, sizeof name_letters / sizeof *name_letters) &&
                                (utf8_is_letter(cp) || utf8_is_mark(cp)));
}

static bool name_mark(uint32_t cp)
{
    return cp >= 0x0300 && cp <= 0x036F;
}

/* Space, ' - . and the apostrophes U+2019 (typographic), U+02BB (okina) and U+02BC; Hebrew's
 * maqaf, geresh and gershayim (U+05BE, U+05F3, U+05F4) and the katakana middle dot (U+30FB). */
static bool name_punctuation(uint32_t cp)
{
    return cp == ' ' || cp == '\'' || cp == '-' || cp == '.' ||
           cp == 0x2019 || cp == 0x02BB || cp == 0x02BC ||
           cp == 0x05BE || cp == 0x05F3 || cp == 0x05F4 || cp == 0x30FB;
}

static bool name_accepts(uint32_t cp)
{
    return name_letter(cp) || name_mark(cp) || name_punctuation(cp);
}

static bool phone_accepts(uint32_t cp)
{
    return ascii_digit(cp) || cp == '+' || cp == ' ';
}

/* A character of an unquoted local part other than the dot (RFC 5322 atext). */
static bool email_atext(uint32_t cp)
{
    return ascii_letter(cp) || ascii_digit(cp) ||
           (cp != 0 && cp < 0x80 && strchr("!#$%&'*+/=?^_`{|}~-", (int)cp));
}

static bool email_accepts(uint32_t cp)
{
    return email_atext(cp) || cp == '.' || cp == '@';
}

static const struct field_rule *rule_of(enum form_field field)
{
    assert(field >= FORM_FIELD_NAME && field <= FORM_FIELD_EMAIL);
    return &rules[field];
}

static char *buffer_of(struct form *f, const struct field_rule *rule)
{
    return (char *)f + rule->offset;
}

void form_wipe(struct form *f)
{
    sodium_memzero(f, sizeof *f);
}

/* Finds the first code point of the well-formed text that rule refuses: true with it in *cp,
 * false when rule accepts them all. */
static bool first_refused(const struct field_rule *rule, const char *text, size_t n, uint32_t *cp)
{
    for (size_t i = 0; i < n; ) {
        size_t len = utf8_decode(text + i, n - i, cp);

        assert(len > 0);
        if (!rule->accepts(*cp))
            return true;
        i += len;
    }
    return false;
}

enum form_insert_result form_insert(struct form *f, enum form_field field, const char *text,
                                    uint32_t *refused)
{
    const struct field_rule *rule = rule_of(field);
    char *buf = buffer_of(f, rule);
    size_t n = strlen(text), used = strlen(buf), take = 0;
    size_t count = utf8_count(buf, used);
    uint32_t cp;

    if (!utf8_valid(text, n))
        return FORM_INSERT_BAD_UTF8;
    if (first_refused(rule, text, n, &cp)) {
        if (refused)
            *refused = cp;
        return FORM_INSERT_REFUSED;
    }
    for (; take < n && count < rule->max; count++)
        take += utf8_decode(text + take, n - take, &cp);
    assert(used + take < rule->size);
    memcpy(buf + used, text, take);
    buf[used + take] = '\0';
    return take < n ? FORM_INSERT_TOO_LONG : FORM_INSERT_OK;
}

enum wording_id form_insert_message(enum form_field field, enum form_insert_result result)
{
    switch (result) {
    case FORM_INSERT_OK:
        return MSG_NONE;
    case FORM_INSERT_TOO_LONG:
        return rule_of(field)->too_long;
    case FORM_INSERT_REFUSED:
        return rule_of(field)->refused;
    case FORM_INSERT_BAD_UTF8:
        return MSG_NOTE_UNREADABLE;
    }
    assert(!"unknown insert result");
    return MSG_NONE;
}

void form_backspace(struct form *f, enum form_field field)
{
    char *buf = buffer_of(f, rule_of(field));
    size_t used = strlen(buf);
    size_t len = utf8_last_len(buf, used);

    sodium_memzero(buf + used - len, len);
}

void form_clear_field(struct form *f, enum form_field field)
{
    const struct field_rule *rule = rule_of(field);

    sodium_memzero(buffer_of(f, rule), rule->size);
}

const char *form_text(const struct form *f, enum form_field field)
{
    return (const char *)f + rule_of(field)->offset;
}

int form_set_treatment(struct form *f, const char *id)
{
    size_t n = strlen(id);

    if (n > FORM_TREATMENT_MAX)
        return -1;
    memset(f->treatment_id, 0, sizeof f->treatment_id);
    memcpy(f->treatment_id, id, n);
    return 0;
}

bool form_phone_valid(const char *text)
{
    const char *p = text;
    int digits = 0;

    while (*p == ' ')
        p++;
    if (*p == '+')
        p++;
    for (; *p; p++) {
        if (ascii_digit((unsigned char)*p))
            digits++;
        else if (*p != ' ')
            return false;
    }
    return digits >= FORM_PHONE_DIGITS_MIN && digits <= FORM_PHONE_DIGITS_MAX;
}

/* The n bytes at s as a local part: 1 to 64 atext characters and single inner dots. */
static bool email_local_valid(const char *s, size_t n)
{
    if (n == 0 || n > 64 || s[0] == '.' || s[n - 1] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '.' ? s[i + 1] == '.' : !email_atext(c))
            return false;
    }
    return true;
}

/* The n bytes at s as one domain label: 1 to 63 letters, digits and inner hyphens. */
static bool email_label_valid(const char *s, size_t n)
{
    if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (!ascii_letter(c) && !ascii_digit(c) && c != '-')
            return false;
    }
    return true;
}

/* The NUL-terminated s as a domain: two or more labels, the last of two or more letters. */
static bool email_domain_valid(const char *s)
{
    const char *label = s, *dot;
    int labels = 0;

    while ((dot = strchr(label, '.')) != NULL) {
        if (!email_label_valid(label, (size_t)(dot - label)))
            return false;
        labels++;
        label = dot + 1;
    }
    if (labels == 0 || strlen(label) < 2)
        return false;
    for (const char *p = label; *p; p++)
        if (!ascii_letter((unsigned char)*p))
            return false;
    return true;
}

bool form_email_valid(const char *text)
{
    const char *at = strchr(text, '@');

    if (at == NULL || strchr(at + 1, '@') != NULL)
        return false;
    return email_local_valid(text, (size_t)(at - text)) && email_domain_valid(at + 1);
}

/* Whether the name holds at least one letter, not only spaces, punctuation and accents. */
static bool name_has_letter(const char *name)
{
    size_t n = strlen(name);
    uint32_t cp;

    for (size_t i = 0; i < n; ) {
        size_t len = utf8_decode(name + i, n - i, &cp);

        if (len == 0)
            return false;
        if (name_letter(cp))
            return true;
        i += len;
    }
    return false;
}

int form_validate(const struct form *f, struct form_errors *out)
{
    enum wording_id *msg = out->message;
    int errors = 0;

    memset(out, 0, sizeof *out);
    if (!name_has_letter(f->name) || !utf8_has_visible_letter(f->name, strlen(f->name)))
        msg[FORM_FIELD_NAME] = MSG_ERROR_NAME;
    else if (utf8_most_marks(f->name, strlen(f->name)) > FORM_NAME_MARKS_MAX)
        msg[FORM_FIELD_NAME] = MSG_NOTE_NAME_REFUSED;   /* the fifth accent on a letter is refused */
    if (f->phone[0] == '\0' && f->email[0] == '\0')
        msg[FORM_FIELD_PHONE] = MSG_ERROR_CONTACT;
    else if (f->phone[0] != '\0' && !form_phone_valid(f->phone))
        msg[FORM_FIELD_PHONE] = MSG_ERROR_PHONE;
    if (f->email[0] != '\0' && !form_email_valid(f->email))
        msg[FORM_FIELD_EMAIL] = MSG_ERROR_EMAIL;
    if (f->contact_time == FORM_CONTACT_UNSET)
        msg[FORM_FIELD_CONTACT_TIME] = MSG_ERROR_TIME;
    if (!f->consent_contact)
        msg[FORM_FIELD_CONSENT_CONTACT] = MSG_ERROR_CONSENT;
    for (int i = 0; i < FORM_FIELD_COUNT; i++)
        errors += msg[i] != MSG_NONE;
    return errors;
}

const char *form_contact_time_name(enum form_contact_time t)
{
    switch (t) {
    case FORM_CONTACT_UNSET:
        return "";
    case FORM_CONTACT_MORNING:
        return "morning";
    case FORM_CONTACT_AFTERNOON:
        return "afternoon";
    case FORM_CONTACT_EVENING:
        return "evening";
    case FORM_CONTACT_ANY:
        return "any";
    }
    assert(!"unknown contact time");
    return "";
}
