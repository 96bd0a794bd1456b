/* wording: every sentence the kiosk shows, from a wording file that staff edit (content/wording.txt):
 * named messages with {named} placeholders and plural forms, checked against the registry wording.def. */
#ifndef WORDING_H
#define WORDING_H

#include <stddef.h>
#include <stdio.h>

#define WORDING_MAX_FILE_BYTES (256 * 1024)
#define WORDING_MAX_LINE_BYTES 4096     /* not counting the line ending */
#define WORDING_LANGUAGE_BYTES 36       /* a BCP 47 code such as "zh-Hans", with its NUL */
#define WORDING_MAX_MESSAGE_BYTES 1024  /* the words of one message (or one form of it) */
#define WORDING_TEXT_BYTES 2048         /* a buffer that holds any message with short values */

/* Every message the kiosk shows: one MESSAGE() line each in wording.def. */
enum wording_id {
    MSG_NONE,                           /* zero: no message (a field without a mistake) */
#define MESSAGE(id, name, placeholders, count) id,
#include "wording.def"
#undef MESSAGE
    MSG_COUNT
};

/* The plural categories of Unicode CLDR. A language uses some of them for whole numbers:
 * English one and other, Polish one, few and many, Arabic all six, Chinese other alone. */
enum wording_plural {
    WORDING_ZERO, WORDING_ONE, WORDING_TWO, WORDING_FEW, WORDING_MANY, WORDING_OTHER,
    WORDING_PLURALS
};

struct wording_rules;                   /* a language's plural rules (wording.c) */

/* One language's wording as loaded from its file. Zero bytes is an empty wording, whose
 * lookups give the messages' names. */
struct wording {
    char language[WORDING_LANGUAGE_BYTES];  /* as given to wording_load(): "en", "pl", "zh-Hans" */
    const struct wording_rules *rules;  /* its plural rules; NULL when the language is unknown */
    char *bytes;                        /* owned: the file's text, which the messages point into */
    /* Each message's text per plural form, into bytes, NULL where not given. A message
     * written on one line without a form (every message without a count) is in
     * [WORDING_OTHER] and serves every number. */
    const char *text[MSG_COUNT][WORDING_PLURALS];
    int line[MSG_COUNT];                /* its first line in the file; 0 = not (rightly) given */
    const struct wording *fallback;     /* asked for what this one lacks; not owned, may be NULL */
};

/* A value for a placeholder: text, or (text NULL) a number, which also chooses the plural form
 * when it is the message's count. */
struct wording_arg {
    const char *name;                   /* the placeholder without its braces: "seconds" */
    const char *text;
    long long number;
};

#define WORDING_TEXT(name, s)   ((struct wording_arg){ (name), (s), 0 })
#define WORDING_NUMBER(name, n) ((struct wording_arg){ (name), NULL, (long long)(n) })

/* Loads the wording file at path, written in language (a BCP 47 code whose plural rules the
 * kiosk knows, see wording_language_known()), into *w, which it overwrites (free an earlier
 * load first). Each problem goes as one "path:line: message" line to report when it is not
 * NULL, and the first into first (firstlen bytes) when that is not NULL. Returns the number of
 * problems: 0 when w holds every message of the registry, rightly written. Whatever it
 * returns, w holds each message that was right (so a broken file can still say "out of
 * order") and is released with wording_free(). */
int wording_load(struct wording *w, const char *path, const char *language, FILE *report,
                 char *first, size_t firstlen);

/* Frees what w owns and leaves it empty. Safe on an empty or already freed struct. */
void wording_free(struct wording *w);

/* The text of message id, which takes no placeholders. Never NULL: a message that w (which may
 * be NULL) lacks comes from its fallback, else is the message's name ("attract.start").
 * The pointer lives as long as w (a name: for ever). */
const char *wording_text(const struct wording *w, enum wording_id id);

/* Writes message id into out (len > 0 bytes) with its placeholders filled from the nargs args
 * and returns out. args must give every placeholder that the registry lists for id (more are
 * ignored); the count's number chooses the plural form. Always NUL-terminated, cut between
 * two characters when it does not fit. A message w lacks is found as wording_text() finds it. */
const char *wording_format(const struct wording *w, enum wording_id id, char *out, size_t len,
                           const struct wording_arg *args, int nargs);

/* wording_format() into the array out, with the args listed: WORDING_FORMAT(w, MSG_X, buf,
 * WORDING_NUMBER("number", 3), WORDING_NUMBER("total", 6)). */
#define WORDING_FORMAT(w, id, out, ...) \
    wording_format((w), (id), (out), sizeof (out), (const struct wording_arg[]){ __VA_ARGS__ }, \
                   (int)(sizeof (const struct wording_arg[]){ __VA_ARGS__ } / sizeof (struct wording_arg)))

/* The registry. */
/* The message's name in the file, its placeholders ("number total", "" for none) and its
 * count ("" for none). Static strings. */
const char *wording_name(enum wording_id id);
const char *wording_placeholders(enum wording_id id);
const char *wording_count(enum wording_id id);
/* The message called name, or MSG_NONE. */
enum wording_id wording_find(const char *name);

/* Plural rules. */
/* Whether the kiosk knows the plural rules of language ("en", "pl", "ar", "zh-Hans", ...:
 * the primary subtag decides). */
int wording_language_known(const char *language);
/* The plural category of n in w's language (WORDING_OTHER when it has no rules). */
enum wording_plural wording_plural_of(const struct wording *w, long long n);
/* "zero", "one", "two", "few", "many", "other". */
const char *wording_plural_name(enum wording_plural p);

#endif
