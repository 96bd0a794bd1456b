/* config: parses the "key = value" file with "file:line" errors, and rewrites one key atomically.
 * The table of keys below is the only place that knows each key's name, field, kind and range. */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "regular_file.h"
#include "utf8.h"
#include "wording.h"

#define CONFIG_LINE_MAX 1024    /* longest line + 1, its "\n" not counted */
#define ECHO_MAX 60             /* longest piece of a bad value quoted back in a message */
#define PIN_HASH_PREFIX "$argon2"

enum key_kind {
    KEY_ID,         /* [A-Za-z0-9._-], 1 to size - 1 characters */
    KEY_PATH,       /* any non-empty path shorter than the field */
    KEY_PIN_HASH,   /* a crypto_pwhash_str() string */
    KEY_NUMBER,     /* a whole number from min to max */
    KEY_CHOICE,     /* one word of choices */
    KEY_WORDS,      /* one or more words of choices, separated by blanks or commas: their values or'ed */
    KEY_SYNC_URL,   /* https:// or http:// (a webhook), postgresql:// or postgres://, or "key=value ..." (libpq) */
    KEY_LANGUAGES   /* BCP 47 codes the kiosk knows, separated by blanks or commas, each once */
};

struct choice {
    const char *word;
    int value;
};

struct key {
    const char *name;
    enum key_kind kind;
    size_t offset;                  /* of the field in struct config */
    size_t size;                    /* KEY_ID, KEY_PATH, KEY_PIN_HASH: of the char array */
    int min, max;                   /* KEY_NUMBER */
    const char *unit;               /* KEY_NUMBER: "seconds", "days" */
    const struct choice *choices;   /* KEY_CHOICE: ends with a NULL word */
};

#define TEXT_FIELD(f) .offset = offsetof(struct config, f), .size = sizeof ((struct config *)0)->f
#define INT_FIELD(f) .offset = offsetof(struct config, f)

static const struct choice themes[] = { { "standard", 0 }, { "high-contrast", 1 }, { NULL, 0 } };
static const struct choice text_sizes[] = { { "normal", 0 }, { "large", 1 }, { NULL, 0 } };
static const struct choice rotations[] = {
    { "0", 0 }, { "90", 90 }, { "180", 180 }, { "270", 270 }, { NULL, 0 }
};

static const struct choice speech_outputs[] = { { "speaker", 0 }, { "headphones", 1 }, { NULL, 0 } };

static const struct choice yes_no[] = { { "no", 0 }, { "yes", 1 }, { NULL, 0 } };
static const struct choice export_formats[] = {
    { "xlsx", EXPORT_SET(EXPORT_XLSX) }, { "jsonl", EXPORT_SET(EXPORT_JSONL) }, { "csv", EXPORT_SET(EXPORT_CSV) },
    { NULL, 0 }
};

static const struct key keys[] = {
    { .name = "kiosk-id", .kind = KEY_ID, TEXT_FIELD(kiosk_id) },
    { .name = "content-dir", .kind = KEY_PATH, TEXT_FIELD(content_dir) },
    { .name = "database", .kind = KEY_PATH, TEXT_FIELD(db_path) },
    { .name = "export-dir", .kind = KEY_PATH, TEXT_FIELD(export_dir) },
    { .name = "export-formats", .kind = KEY_WORDS, INT_FIELD(export_formats), .choices = export_formats },
    { .name = "idle-timeout", .kind = KEY_NUMBER, INT_FIELD(idle_timeout_s),
      .min = 10, .max = 3600, .unit = "seconds" },
    { .name = "idle-warning", .kind = KEY_NUMBER, INT_FIELD(idle_warning_s),
      .min = 5, .max = 120, .unit = "seconds" },
    { .name = "thanks-timeout", .kind = KEY_NUMBER, INT_FIELD(thanks_timeout_s),
      .min = 5, .max = 300, .unit = "seconds" },
    { .name = "staff-timeout", .kind = KEY_NUMBER, INT_FIELD(staff_timeout_s),
      .min = 10, .max = 3600, .unit = "seconds" },
    { .name = "theme", .kind = KEY_CHOICE, INT_FIELD(high_contrast), .choices = themes },
    { .name = "text-size", .kind = KEY_CHOICE, INT_FIELD(large_text), .choices = text_sizes },
    { .name = "rotation", .kind = KEY_CHOICE, INT_FIELD(rotation), .choices = rotations },
    { .name = "retention-days", .kind = KEY_NUMBER, INT_FIELD(retention_days),
      .min = 1, .max = 3650, .unit = "days" },
    { .name = "staff-pin-hash", .kind = KEY_PIN_HASH, TEXT_FIELD(pin_hash) },
    { .name = "speech-output", .kind = KEY_CHOICE, INT_FIELD(speech_headphones), .choices = speech_outputs },
    { .name = "speech-volume", .kind = KEY_NUMBER, INT_FIELD(speech_volume), .min = 10, .max = 100, .unit = "per cent" },
    { .name = "sync-url", .kind = KEY_SYNC_URL, TEXT_FIELD(sync_url) },
    { .name = "sync-secret-file", .kind = KEY_PATH, TEXT_FIELD(sync_secret_file) },
    { .name = "sync-ca-file", .kind = KEY_PATH, TEXT_FIELD(sync_ca_file) },
    { .name = "delete-after-delivery", .kind = KEY_CHOICE, INT_FIELD(delete_after_delivery), .choices = yes_no },
    { .name = "languages", .kind = KEY_LANGUAGES, TEXT_FIELD(languages) },
};

#define NKEYS (sizeof keys / sizeof keys[0])

/* Reads a file one line at a time into a fixed buffer. */
struct reader {
    FILE *f;
    const char *path;
    int lineno;                     /* of the line in line[] */
    char line[CONFIG_LINE_MAX];     /* without its line end */
    const char *ending;             /* "\n", "\r\n", or "" for a last line without one */
};

/* Formats a message into err and returns -1, so that callers can "return fail(...)". A cut to fit
 * errlen does not split a character. */
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    if (errlen > 0)
        err[utf8_cut(err, strlen(err), errlen)] = '\0';
    return -1;
}

/* How much of s a message quotes: at most ECHO_MAX bytes, whole characters. */
static int echo_len(const char *s)
{
    return (int)utf8_cut(s, strlen(s), ECHO_MAX);
}

void config_defaults(struct config *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->kiosk_id, sizeof c->kiosk_id, "%s", "kiosk");
    snprintf(c->db_path, sizeof c->db_path, "%s", "/var/lib/kiosk/kiosk.db");
    snprintf(c->export_dir, sizeof c->export_dir, "%s", "/media/kiosk-export");
    c->export_formats = EXPORT_SET_DEFAULT;
    c->idle_timeout_s = 60;
    c->idle_warning_s = 15;
    c->thanks_timeout_s = 20;
    c->staff_timeout_s = 60;
    c->retention_days = 30;
    c->speech_volume = 80;
}

static const struct key *key_find(const char *name)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].name, name) == 0)
            return &keys[i];
    return NULL;
}

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

static int has_control_char(const char *s)
{
    for (; *s; s++)
        if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f)
            return 1;
    return 0;
}

/* Trims blanks from both ends of s in place; returns the new start. */
/* Spaces and tabs off both ends (utf8.c has the one trim). */
static char *trim(char *s)
{
    return utf8_trim(s);
}

static int parse_id(const struct key *k, const char *value, char *field, char *err, size_t errlen)
{
    size_t len = strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    if (value[len] != '\0' || len >= k->size)
        return fail(err, errlen, "%s must be 1 to %zu letters, digits, '.', '_' or '-', not '%.*s'",
                    k->name, k->size - 1, echo_len(value), value);
    memcpy(field, value, len + 1);
    return 0;
}

static int parse_path(const struct key *k, const char *value, char *field, char *err, size_t errlen)
{
    size_t len = strlen(value);

    if (len >= k->size)
        return fail(err, errlen, "%s is longer than %zu bytes", k->name, k->size - 1);
    memcpy(field, value, len + 1);
    return 0;
}

static int parse_pin_hash(const struct key *k, const char *value, char *field, char *err, size_t errlen)
{
    size_t len = strlen(value);

    if (strncmp(value, PIN_HASH_PREFIX, strlen(PIN_HASH_PREFIX)) != 0 || strpbrk(value, " \t"))
        return fail(err, errlen, "%s must be a hash written by 'kioskctl set-pin' (%s...)",
                    k->name, PIN_HASH_PREFIX);
    if (len >= k->size)
        return fail(err, errlen, "%s is longer than %zu bytes", k->name, k->size - 1);
    memcpy(field, value, len + 1);
    return 0;
}

static int parse_number(const struct key *k, const char *value, int *field, char *err, size_t errlen)
{
    size_t digits = strspn(value, "0123456789");
    long n = digits > 0 && digits <= 9 && value[digits] == '\0' ? strtol(value, NULL, 10) : -1;

    if (n < k->min || n > k->max)
        return fail(err, errlen, "%s must be a whole number of %s from %d to %d, not '%.*s'",
                    k->name, k->unit, k->min, k->max, echo_len(value), value);
    *field = (int)n;
    return 0;
}

/* Only the kind of address is checked here; kioskctl sync checks the rest (src/sync.c). The value
 * is never quoted back: it may hold a password. */
static int parse_sync_url(const struct key *k, const char *value, char *field, char *err, size_t errlen)
{
    static const char *const schemes[] = { "https://", "http://", "postgresql://", "postgres://" };
    size_t len = strlen(value);
    int ok = strchr(value, '=') != NULL && !strstr(value, "://");

    for (size_t i = 0; i < sizeof schemes / sizeof *schemes && !ok; i++)
        ok = strncmp(value, schemes[i], strlen(schemes[i])) == 0 && value[strlen(schemes[i])] != '\0';
    if (!ok)
        return fail(err, errlen, "%s must be an https:// address (a webhook), a postgresql:// address "
                    "or a PostgreSQL connection string (host=... dbname=...)", k->name);
    if (len >= k->size)
        return fail(err, errlen, "%s is longer than %zu bytes", k->name, k->size - 1);
    memcpy(field, value, len + 1);
    return 0;
}

/* "0, 90, 180 or 270" into buf. */
static void list_choices(const struct choice *choices, char *buf, size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    for (int i = 0; choices[i].word && used < size; i++) {
        const char *sep = i == 0 ? "" : choices[i + 1].word ? ", " : " or ";
        int n = snprintf(buf + used, size - used, "%s%s", sep, choices[i].word);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static int parse_choice(const struct key *k, const char *value, int *field, char *err, size_t errlen)
{
    char words[128];

    for (int i = 0; k->choices[i].word; i++) {
        if (strcmp(k->choices[i].word, value) == 0) {
            *field = k->choices[i].value;
            return 0;
        }
    }
    list_choices(k->choices, words, sizeof words);
    return fail(err, errlen, "%s must be %s, not '%.*s'", k->name, words, echo_len(value), value);
}

/* "xlsx jsonl csv", "xlsx,csv": each word one of k's choices. */
static int parse_words(const struct key *k, const char *value, int *field, char *err, size_t errlen)
{
    char words[128], word[16];
    int set = 0;

    for (const char *p = value; *p;) {
        size_t n = strcspn(p, " \t,");
        int found = 0;
        snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), p);
        for (int i = 0; n > 0 && n < sizeof word && k->choices[i].word; i++)
            if (strcmp(k->choices[i].word, word) == 0) {
                set |= k->choices[i].value;
                found = 1;
            }
        if (n > 0 && !found) {
            list_choices(k->choices, words, sizeof words);
            return fail(err, errlen, "%s must be one or more of %s, not '%.*s'", k->name, words,
                        echo_len(p) < (int)n ? echo_len(p) : (int)n, p);
        }
        p += n;
        p += strspn(p, " \t,");
    }
    if (!set)
        return fail(err, errlen, "%s has no value", k->name);
    *field = set;
    return 0;
}

/* "en pl, ar zh-Hans": language codes whose plural rules the kiosk knows, each once, kept as
 * "en pl ar zh-Hans". Whether the content has them is for the kiosk to see. */
static int parse_languages(const struct key *k, const char *value, char *field, char *err, size_t errlen)
{
    char out[sizeof ((struct config *)0)->languages] = "", code[WORDING_LANGUAGE_BYTES + 1];
    size_t used = 0;

    for (const char *p = value; *p;) {
        size_t n = strcspn(p, " \t,");
        int e = echo_len(p) < (int)n ? echo_len(p) : (int)n;

        if (n > 0) {
            snprintf(code, sizeof code, "%.*s", (int)(n < sizeof code ? n : sizeof code - 1), p);
            if (n >= WORDING_LANGUAGE_BYTES || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                      "0123456789-") != n || !wording_language_known(code))
                return fail(err, errlen, "%s: the kiosk does not know the language '%.*s': write codes such as "
                            "en, pl, ar or zh-Hans", k->name, e, p);
            for (const char *q = out; *q; q += strcspn(q, " "), q += *q == ' ')
                if (strcspn(q, " ") == n && strncmp(q, code, n) == 0)
                    return fail(err, errlen, "%s: '%.*s' is given twice", k->name, e, p);
            if (used + n + 2 > sizeof out)
                return fail(err, errlen, "%s is longer than %zu bytes", k->name, sizeof out - 1);
            used += (size_t)snprintf(out + used, sizeof out - used, "%s%s", used ? " " : "", code);
        }
        p += n;
        p += strspn(p, " \t,");
    }
    if (!used)
        return fail(err, errlen, "%s has no value", k->name);
    memcpy(field, out, used + 1);
    return 0;
}

/* Checks value for key k and stores it in c. Returns 0, or -1 with a message (no location) in err. */
static int key_parse(const struct key *k, const char *value, struct config *c, char *err, size_t errlen)
{
    char *text = (char *)c + k->offset;
    int *number = (int *)(void *)text;

    if (value[0] == '\0')
        return fail(err, errlen, "%s has no value", k->name);
    switch (k->kind) {
    case KEY_ID:
        return parse_id(k, value, text, err, errlen);
    case KEY_PATH:
        return parse_path(k, value, text, err, errlen);
    case KEY_PIN_HASH:
        return parse_pin_hash(k, value, text, err, errlen);
    case KEY_NUMBER:
        return parse_number(k, value, number, err, errlen);
    case KEY_CHOICE:
        return parse_choice(k, value, number, err, errlen);
    case KEY_SYNC_URL:
        return parse_sync_url(k, value, text, err, errlen);
    case KEY_WORDS:
        return parse_words(k, value, number, err, errlen);
    case KEY_LANGUAGES:
        return parse_languages(k, value, text, err, errlen);
    }
    assert(!"a key of no known kind");
    return -1;
}

/* Reads the next line into r->line. Returns 1, 0 at the end of the file, or -1 with a message. */
static int reader_next(struct reader *r, char *err, size_t errlen)
{
    size_t len = 0;
    int ch;

    r->lineno++;
    r->ending = "";
    while ((ch = getc(r->f)) != EOF && ch != '\n') {
        if (ch == '\0')
            return fail(err, errlen, "%s:%d: unexpected NUL byte", r->path, r->lineno);
        if (len == sizeof r->line - 1)
            return fail(err, errlen, "%s:%d: line is longer than %d bytes",
                        r->path, r->lineno, CONFIG_LINE_MAX - 1);
        r->line[len++] = (char)ch;
    }
    if (ferror(r->f))
        return fail(err, errlen, "cannot read '%s': %s", r->path, strerror(errno));
    if (ch == EOF && len == 0)
        return 0;
    if (ch == '\n') {
        r->ending = "\n";
        if (len > 0 && r->line[len - 1] == '\r') {
            len--;
            r->ending = "\r\n";
        }
    }
    r->line[len] = '\0';
    return 1;
}

/* Parses r->line (changing it) into c. seen[] holds the line that set each key so far (0: none).
 * A line setting the key `replacing` is not checked (config_set is about to replace it).
 * *found becomes the key the line set, or NULL for a blank or comment line.
 * Returns 0, or -1 with "path:line: message" in err. */
static int apply_line(struct reader *r, struct config *c, int seen[], const struct key *replacing,
                      const struct key **found, char *err, size_t errlen)
{
    char *s = r->line, *eq, *name, *value;
    char msg[256];
    const struct key *k;

    *found = NULL;
    if (r->lineno == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;     /* a byte-order mark, as some Windows editors write */
    if (has_control_char(s))
        return fail(err, errlen, "%s:%d: unexpected control character", r->path, r->lineno);
    s = trim(s);
    if (s[0] == '\0' || s[0] == '#')
        return 0;
    eq = strchr(s, '=');
    if (!eq || eq == s)
        return fail(err, errlen, "%s:%d: expected 'key = value', not '%.*s'",
                    r->path, r->lineno, echo_len(s), s);
    *eq = '\0';
    name = trim(s);
    value = trim(eq + 1);
    k = key_find(name);
    if (!k)
        return fail(err, errlen, "%s:%d: unknown key '%.*s'", r->path, r->lineno, echo_len(name), name);
    if (seen[k - keys])
        return fail(err, errlen, "%s:%d: duplicate key '%s' (first set on line %d)",
                    r->path, r->lineno, k->name, seen[k - keys]);
    seen[k - keys] = r->lineno;
    *found = k;
    if (k != replacing && key_parse(k, value, c, msg, sizeof msg) < 0)
        return fail(err, errlen, "%s:%d: %s", r->path, r->lineno, msg);
    return 0;
}

int config_load(struct config *c, const char *path, char *err, size_t errlen)
{
    struct reader r = { .path = path };
    struct config next = *c;
    int seen[NKEYS] = { 0 };
    const struct key *found;
    int rc = -1, got, not_regular;

    r.f = regular_file_open(path, &not_regular);
    if (!r.f && not_regular)
        return fail(err, errlen, "%s: not a regular file", path);
    if (!r.f)
        return fail(err, errlen, "cannot open '%s': %s", path, strerror(errno));
    while ((got = reader_next(&r, err, errlen)) > 0)
        if (apply_line(&r, &next, seen, NULL, &found, err, errlen) < 0)
            goto out;
    if (got < 0)
        goto out;
    *c = next;
    rc = 0;
out:
    fclose(r.f);
    return rc;
}

/* Copies the lines of in (may be NULL: no file yet) to out, with the line of k replaced by
 * "k = value", or that line appended. Every copied line is checked as config_load() would. */
static int copy_replacing(struct reader *in, FILE *out, const struct key *k, const char *value,
                          char *err, size_t errlen)
{
    struct config scratch;
    int seen[NKEYS] = { 0 };
    const char *ending = "\n", *last_ending = "\n";
    int replaced = 0, got = 0;

    config_defaults(&scratch);
    while (in->f && (got = reader_next(in, err, errlen)) > 0) {
        char copy[CONFIG_LINE_MAX];
        const struct key *found;

        if (in->lineno == 1 && in->ending[0])
            ending = in->ending;
        last_ending = in->ending;
        memcpy(copy, in->line, strlen(in->line) + 1);
        if (apply_line(in, &scratch, seen, k, &found, err, errlen) < 0)
            return -1;
        if (found == k) {
            fprintf(out, "%s = %s%s", k->name, value, in->ending);
            replaced = 1;
        } else {
            fprintf(out, "%s%s", copy, in->ending);
        }
    }
    if (got < 0)
        return -1;
    if (!replaced)
        fprintf(out, "%s%s = %s%s", last_ending[0] ? "" : ending, k->name, value, ending);
    return 0;
}

/* Gives the new file fd the mode and owner of the file of in, or mode 0600 when there is none. */
static int copy_mode(int fd, const struct reader *in, char *err, size_t errlen)
{
    struct stat st, mine;

    if (!in->f) {
        if (fchmod(fd, 0600) < 0)
            return fail(err, errlen, "cannot set the mode of '%s': %s", in->path, strerror(errno));
        return 0;
    }
    if (fstat(fileno(in->f), &st) < 0 || fstat(fd, &mine) < 0)
        return fail(err, errlen, "cannot stat '%s': %s", in->path, strerror(errno));
    if ((st.st_uid != mine.st_uid || st.st_gid != mine.st_gid) && fchown(fd, st.st_uid, st.st_gid) < 0)
        return fail(err, errlen, "cannot keep the owner of '%s': %s", in->path, strerror(errno));
    if (fchmod(fd, st.st_mode & 07777) < 0)
        return fail(err, errlen, "cannot keep the mode of '%s': %s", in->path, strerror(errno));
    return 0;
}

/* Writes the new file to the temporary file tmp (a mkstemp() template) and syncs it to disk.
 * On failure tmp is removed. */
static int write_temp(char *tmp, struct reader *in, const struct key *k, const char *value,
                      char *err, size_t errlen)
{
    FILE *out = NULL;
    int fd = mkstemp(tmp), rc = -1;

    if (fd < 0)
        return fail(err, errlen, "cannot create a temporary file next to '%s': %s", in->path, strerror(errno));
    if (copy_mode(fd, in, err, errlen) < 0)
        goto out;
    out = fdopen(fd, "w");
    if (!out) {
        fail(err, errlen, "cannot write '%s': %s", tmp, strerror(errno));
        goto out;
    }
    fd = -1;    /* out owns it now */
    if (copy_replacing(in, out, k, value, err, errlen) < 0)
        goto out;
    if (fflush(out) != 0 || ferror(out) || fsync(fileno(out)) < 0) {
        fail(err, errlen, "cannot write '%s': %s", tmp, strerror(errno));
        goto out;
    }
    rc = 0;
out:
    if (out && fclose(out) != 0 && rc == 0)
        rc = fail(err, errlen, "cannot write '%s': %s", tmp, strerror(errno));
    if (fd >= 0)
        close(fd);
    if (rc < 0)
        unlink(tmp);
    return rc;
}

/* Flushes the directory entry of path (after a rename) to disk. */
static int sync_dir(const char *path, char *err, size_t errlen)
{
    char dir[CONFIG_PATH_MAX];
    const char *slash = strrchr(path, '/');
    int fd, rc;

    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return fail(err, errlen, "cannot open '%s': %s", dir, strerror(errno));
    rc = fsync(fd);
    close(fd);
    if (rc < 0)
        return fail(err, errlen, "cannot sync '%s': %s", dir, strerror(errno));
    return 0;
}

/* The checks of config_load() on value, and those its trimming and line splitting would hide. */
static int check_set_value(const struct key *k, const char *value, char *err, size_t errlen)
{
    struct config scratch;
    size_t len = strlen(value);

    if (has_control_char(value))
        return fail(err, errlen, "%s must not contain control characters", k->name);
    if (len > 0 && (is_blank(value[0]) || is_blank(value[len - 1])))
        return fail(err, errlen, "%s must not begin or end with a space", k->name);
    return key_parse(k, value, &scratch, err, errlen);
}

int config_set(const char *path, const char *key, const char *value, char *err, size_t errlen)
{
    const struct key *k = key_find(key);
    struct reader in = { .path = path };
    char tmp[CONFIG_PATH_MAX + 8];
    int rc = -1;

    if (!k)
        return fail(err, errlen, "unknown key '%.*s'", echo_len(key), key);
    if (check_set_value(k, value, err, errlen) < 0)
        return -1;
    if (strlen(path) >= CONFIG_PATH_MAX)
        return fail(err, errlen, "cannot write '%.*s...': path longer than %d bytes",
                    echo_len(path), path, CONFIG_PATH_MAX - 1);
    snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
    in.f = fopen(path, "r");
    if (!in.f && errno != ENOENT)
        return fail(err, errlen, "cannot open '%s': %s", path, strerror(errno));
    if (write_temp(tmp, &in, k, value, err, errlen) < 0)
        goto out;
    if (rename(tmp, path) < 0) {
        fail(err, errlen, "cannot rename '%s' to '%s': %s", tmp, path, strerror(errno));
        unlink(tmp);
        goto out;
    }
    rc = sync_dir(path, err, errlen);
out:
    if (in.f)
        fclose(in.f);
    return rc;
}
