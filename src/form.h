/* form: the consultation request's fields in fixed buffers, the characters and lengths each
 * field accepts, their validation in plain words, and a wipe that leaves nothing behind. */
#ifndef FORM_H
#define FORM_H

#include <stdbool.h>
#include <stdint.h>

#include "wording.h"

#define FORM_NAME_MAX       80  /* code points */
#define FORM_NAME_MARKS_MAX 4   /* combining marks on one letter, so that none draws over its neighbours */
#define FORM_PHONE_MAX      20  /* characters, spaces and + included */
#define FORM_EMAIL_MAX      100 /* characters */
#define FORM_TREATMENT_MAX  63  /* bytes of a treatment id */
#define FORM_PHONE_DIGITS_MIN 7
#define FORM_PHONE_DIGITS_MAX 15

/* The first three are the text fields that form_insert() and friends edit; all five can
 * carry an error from form_validate(). */
enum form_field {
    FORM_FIELD_NAME,
    FORM_FIELD_PHONE,
    FORM_FIELD_EMAIL,
    FORM_FIELD_CONTACT_TIME,
    FORM_FIELD_CONSENT_CONTACT,
    FORM_FIELD_COUNT
};

enum form_contact_time {
    FORM_CONTACT_UNSET,         /* zero: a wiped form has no choice */
    FORM_CONTACT_MORNING,
    FORM_CONTACT_AFTERNOON,
    FORM_CONTACT_EVENING,
    FORM_CONTACT_ANY
};

/* What the client entered. All zero bytes is an empty form. Holds personal data: end its
 * life with form_wipe(), never with a plain memset() or by letting it go out of scope.
 *
 * Characters each text field accepts, refused as a whole insert otherwise:
 * - name: letters and combining marks of any script, judged by Unicode block (Latin with its
 *   supplements and extensions, Greek, Cyrillic, Armenian, Hebrew, Arabic, Indic scripts, Thai,
 *   Georgian, Hangul, kana and CJK ideographs) and then by general category, combining accents
 *   (U+0300-U+036F), space and the punctuation of names: ' - . and the typographic apostrophes
 *   U+2019, U+02BB, U+02BC, Hebrew's maqaf, geresh and gershayim, the katakana middle dot.
 *   form_validate() wants one visible letter and at most FORM_NAME_MARKS_MAX marks on one.
 *   Refused: digits, symbols, emoji, control characters (C0, DEL, C1), and invisible format
 *   characters, bidirectional marks and embeddings included (U+200B-U+200F, U+202A-U+202E,
 *   U+2066-U+2069), because they can make the name that staff read differ from what the
 *   client saw.
 * - phone: the digits 0-9, + and space.
 * - email: ASCII letters and digits, @ . - _ and the other characters that an address's
 *   local part may hold unquoted (! # $ % & ' * + / = ? ^ ` { | } ~); no spaces, no
 *   non-ASCII (internationalised addresses are not accepted). */
struct form {
    char name[FORM_NAME_MAX * 4 + 1];   /* UTF-8, NUL-terminated */
    char phone[FORM_PHONE_MAX + 1];
    char email[FORM_EMAIL_MAX + 1];
    enum form_contact_time contact_time;
    char treatment_id[FORM_TREATMENT_MAX + 1];  /* pre-filled by form_set_treatment() */
    bool consent_contact;               /* "You may contact me about this enquiry": required */
    bool consent_share_answers;         /* "Share my checklist answers with the clinic" */
};

enum form_insert_result {
    FORM_INSERT_OK,
    FORM_INSERT_TOO_LONG,       /* the characters that fitted went in, the rest did not */
    FORM_INSERT_REFUSED,        /* a character the field does not accept: nothing went in */
    FORM_INSERT_BAD_UTF8        /* the text is not well-formed UTF-8: nothing went in */
};

/* One message per field (its words are in the wording file), MSG_NONE where the field is fine. */
struct form_errors {
    enum wording_id message[FORM_FIELD_COUNT];
};

/* Zeroes every byte of f in a way the compiler may not optimise away, leaving an empty form.
 * Also how a form starts its life. */
void form_wipe(struct form *f);

/* Appends the UTF-8 text to the text field (there is no cursor). Every character is checked
 * before any goes in: on FORM_INSERT_REFUSED *refused (when not NULL) is the first refused
 * code point. When the field's maximum is reached, what fits goes in, whole code points only. */
enum form_insert_result form_insert(struct form *f, enum form_field field, const char *text,
                                    uint32_t *refused);

/* What to tell the client about an insert's result into field, or MSG_NONE for FORM_INSERT_OK:
 * MSG_NOTE_NAME_REFUSED ("That character can't be used in a name"), MSG_NOTE_NAME_TOO_LONG ("A name
 * can be up to {max} characters long", max being FORM_NAME_MAX) ... */
enum wording_id form_insert_message(enum form_field field, enum form_insert_result result);

/* Removes the last code point of the text field (a combining accent is one on its own) and
 * zeroes its bytes. Nothing happens on an empty field. */
void form_backspace(struct form *f, enum form_field field);

/* Empties the text field, zeroing its whole buffer. */
void form_clear_field(struct form *f, enum form_field field);

/* The text field's contents: NUL-terminated UTF-8 that lives as long as f. */
const char *form_text(const struct form *f, enum form_field field);

/* Copies the treatment id into f. Returns 0, or -1 when it is longer than FORM_TREATMENT_MAX
 * bytes (f is then unchanged). */
int form_set_treatment(struct form *f, const char *id);

/* Checks the whole form, filling out with one message per field at fault. Returns the
 * number of fields at fault. Needing "a phone number or an email address" is reported
 * against the phone field. MSG_ERROR_PHONE quotes FORM_PHONE_DIGITS_MIN and _MAX as
 * {min-digits} and {max-digits}. */
int form_validate(const struct form *f, struct form_errors *out);

/* Whether text (NUL-terminated) is a phone number: an optional leading +, then 7 to 15
 * digits with spaces anywhere between them ("07700 900118", "+44 7700 900118"). */
bool form_phone_valid(const char *text);

/* Whether text (NUL-terminated) is an email address by its syntax: local@domain, one @, no
 * spaces; the local part of atext characters and single dots, neither first nor last; the
 * domain of at least two dot-separated labels of letters, digits and inner hyphens, the
 * last of at least two letters. */
bool form_email_valid(const char *text);

/* The stored name of a contact time: "morning", "afternoon", "evening", "any", or "" when
 * unset. */
const char *form_contact_time_name(enum form_contact_time t);

#endif
