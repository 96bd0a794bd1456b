/* wording: the wording file's parser and checker, plural rules, and the lookup and formatting
 * of messages. The format is explained for staff in content/README.md; this file follows it. */
#include "wording.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "regular_file.h"
#include "utf8.h"

#define MESSAGE_BYTES 1024
#define QUOTE_BYTES 60              /* how much of a wrong name a message repeats, at most */
#define LIST_BYTES 256              /* "{number} and {total}" */
#define MAX_PLACEHOLDERS 8          /* in one message of the registry */
#define MAX_FALLBACKS 4             /* how far a lookup follows w->fallback */
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"

/* ---------------------------------------------------------------- types */

/* One message of the registry (wording.def). */
struct entry {
    const char *name;               /* "checklist.progress" */
    const char *placeholders;       /* "number total" */
    const char *count;              /* "total", or "" */
};

/* A language's plural rules for whole numbers, after Unicode CLDR. */
struct wording_rules {
    const char *code;               /* the primary language subtag: "pl" */
    const char *name;               /* for staff's messages: "Polish" */
    unsigned forms;                 /* a bit (1 << enum wording_plural) for each form it uses */
    enum wording_plural (*of)(unsigned long long n);
};

/* The state of reading one file. */
struct loader {
    struct wording *w;
    const char *path;
    FILE *report;                   /* every problem, or NULL */
    char *first;                    /* the first problem, or NULL */
    size_t firstlen;
    int problems;
    int line;                       /* the line being read, from 1 */
    int plain_line[MSG_COUNT];      /* where "name: words" was, 0 = nowhere */
    int form_line[MSG_COUNT][WORDING_PLURALS];  /* where "name [form]: words" was */
    int wrong[MSG_COUNT];           /* a line of it was wrong (and reported) */
};

/* ---------------------------------------------------------------- static prototypes */

static void problem(struct loader *l, int line, const char *fmt, ...);
static int quote_len(const char *s);
static char *trim(char *s);
static int placeholder_index(const char *list, const char *name, size_t n);
static int placeholder_total(const char *list);
static void placeholder_list(const char *list, char *out, size_t len);
static const struct wording_rules *rules_for(const char *language);
static void forms_list(unsigned forms, char *out, size_t len);
static int plural_from_word(const char *s, size_t n);

static char *read_file(struct loader *l, size_t *len);
static void mark_wrong(struct loader *l, const char *s, size_t n);
static void parse_lines(struct loader *l, char *buf, size_t len);
static void read_line(struct loader *l, char *s, size_t n);
static void parse_line(struct loader *l, char *s);
static void take_message(struct loader *l, const char *name, int form, char *text);
static int check_placeholders(struct loader *l, enum wording_id id, const char *label, const char *text,
                              int count_needed);
static void finish(struct loader *l);

static const char *lookup(const struct wording *w, enum wording_id id, int counted, long long n);
static const struct wording_arg *find_arg(const struct wording_arg *args, int nargs, const char *name, size_t n);

/* ---------------------------------------------------------------- static data */

static const struct entry registry[MSG_COUNT] = {
    [MSG_NONE] = { "", "", "" },
#define MESSAGE(id, name, placeholders, count) [id] = { name, placeholders, count },
#include "wording.def"
#undef MESSAGE
};

static const char *const plural_names[WORDING_PLURALS] = {
    [WORDING_ZERO] = "zero", [WORDING_ONE] = "one", [WORDING_TWO] = "two",
    [WORDING_FEW] = "few", [WORDING_MANY] = "many", [WORDING_OTHER] = "other",
};

#define FORM(p) (1u << (p))

static enum wording_plural only_other(unsigned long long n)
{
    (void)n;
    return WORDING_OTHER;
}

static enum wording_plural one_is_1(unsigned long long n)
{
    return n == 1 ? WORDING_ONE : WORDING_OTHER;
}

static enum wording_plural one_is_0_or_1(unsigned long long n)
{
    return n <= 1 ? WORDING_ONE : WORDING_OTHER;
}

/* French: one for 0 and 1, many for whole millions, other for the rest. */
static enum wording_plural french(unsigned long long n)
{
    if (n <= 1)
        return WORDING_ONE;
    return n % 1000000 == 0 ? WORDING_MANY : WORDING_OTHER;
}

/* Polish: 1 is one; 2-4, 22-24, 32-34 ... (not 12-14) are few; every other whole number many. */
static enum wording_plural polish(unsigned long long n)
{
    if (n == 1)
        return WORDING_ONE;
    if (n % 10 >= 2 && n % 10 <= 4 && !(n % 100 >= 12 && n % 100 <= 14))
        return WORDING_FEW;
    return WORDING_MANY;
}

/* Russian and Ukrainian: 1, 21, 31 ... (not 11) one; 2-4, 22-24 ... (not 12-14) few; else many. */
static enum wording_plural east_slavic(unsigned long long n)
{
    if (n % 10 == 1 && n % 100 != 11)
        return WORDING_ONE;
    if (n % 10 >= 2 && n % 10 <= 4 && !(n % 100 >= 12 && n % 100 <= 14))
        return WORDING_FEW;
    return WORDING_MANY;
}

/* Arabic: 0 zero, 1 one, 2 two, 3-10 (and 103-110 ...) few, 11-99 (and 111-199 ...) many, 100-102 ... other. */
static enum wording_plural arabic(unsigned long long n)
{
    if (n <= 2)
        return n == 0 ? WORDING_ZERO : n == 1 ? WORDING_ONE : WORDING_TWO;
    if (n % 100 >= 3 && n % 100 <= 10)
        return WORDING_FEW;
    if (n % 100 >= 11)
        return WORDING_MANY;
    return WORDING_OTHER;
}

/* Romanian: 1 one; 0 and 2-19, 101-119 ... few; 20 and up other. */
static enum wording_plural romanian(unsigned long long n)
{
    if (n == 1)
        return WORDING_ONE;
    if (n == 0 || (n % 100 >= 1 && n % 100 <= 19))
        return WORDING_FEW;
    return WORDING_OTHER;
}

#define ONE_OTHER (FORM(WORDING_ONE) | FORM(WORDING_OTHER))
#define SLAVIC (FORM(WORDING_ONE) | FORM(WORDING_FEW) | FORM(WORDING_MANY))

static const struct wording_rules languages[] = {
    { "en", "English", ONE_OTHER, one_is_1 },
    { "de", "German", ONE_OTHER, one_is_1 },
    { "nl", "Dutch", ONE_OTHER, one_is_1 },
    { "sv", "Swedish", ONE_OTHER, one_is_1 },
    { "tr", "Turkish", ONE_OTHER, one_is_1 },
    { "ur", "Urdu", ONE_OTHER, one_is_1 },
    { "hi", "Hindi", ONE_OTHER, one_is_0_or_1 },
    { "fr", "French", ONE_OTHER | FORM(WORDING_MANY), french },
    { "pl", "Polish", SLAVIC, polish },
    { "ru", "Russian", SLAVIC, east_slavic },
    { "uk", "Ukrainian", SLAVIC, east_slavic },
    { "ro", "Romanian", ONE_OTHER | FORM(WORDING_FEW), romanian },
    { "ar", "Arabic", FORM(WORDING_ZERO) | FORM(WORDING_ONE) | FORM(WORDING_TWO) | FORM(WORDING_FEW) |
                      FORM(WORDING_MANY) | FORM(WORDING_OTHER), arabic },
    { "zh", "Chinese", FORM(WORDING_OTHER), only_other },
    { "ja", "Japanese", FORM(WORDING_OTHER), only_other },
    { "ko", "Korean", FORM(WORDING_OTHER), only_other },
    { "th", "Thai", FORM(WORDING_OTHER), only_other },
    { "vi", "Vietnamese", FORM(WORDING_OTHER), only_other },
};

/* ---------------------------------------------------------------- global functions */

int wording_load(struct wording *w, const char *path, const char *language, FILE *report,
                 char *first, size_t firstlen)
{
    struct loader *l = calloc(1, sizeof *l);
    size_t len = 0, n = strlen(language);
    int problems;

    memset(w, 0, sizeof *w);
    if (first && firstlen > 0)
        first[0] = '\0';
    if (!l) {
        if (report)
            fprintf(report, "%s: out of memory\n", path);
        if (first && firstlen > 0)
            snprintf(first, firstlen, "%s: out of memory", path);
        return 1;
    }
    *l = (struct loader){ .w = w, .path = path, .report = report, .first = first, .firstlen = firstlen };
    w->rules = n < sizeof w->language ? rules_for(language) : NULL;
    if (!w->rules) {
        char known[LIST_BYTES] = "";
        for (int i = 0; i < COUNT(languages); i++)
            snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", i ? ", " : "", languages[i].code);
        problem(l, 0, "unknown language '%.*s': the kiosk knows the plural rules of %s", quote_len(language),
                language, known);
    } else {
        memcpy(w->language, language, n + 1);
        w->bytes = read_file(l, &len);
        if (w->bytes) {
            parse_lines(l, w->bytes, len);
            finish(l);
        }
    }
    problems = l->problems;
    free(l);
    return problems;
}

void wording_free(struct wording *w)
{
    free(w->bytes);
    memset(w, 0, sizeof *w);
}

const char *wording_text(const struct wording *w, enum wording_id id)
{
    assert(id >= MSG_NONE && id < MSG_COUNT);
    assert(registry[id].placeholders[0] == '\0' && "a message with placeholders needs wording_format()");
    if (id == MSG_NONE)
        return "";
    return lookup(w, id, 0, 0);
}

const char *wording_format(const struct wording *w, enum wording_id id, char *out, size_t len,
                           const struct wording_arg *args, int nargs)
{
    const struct entry *e;
    const struct wording_arg *count = NULL;
    const char *text, *p;
    size_t used = 0;
    int full = 0;

    assert(id > MSG_NONE && id < MSG_COUNT && len > 0);
    e = &registry[id];
    for (const char *ph = e->placeholders; *ph; ) {
        size_t n = strcspn(ph, " ");

        assert(find_arg(args, nargs, ph, n) && "every placeholder of the message needs a value");
        ph += n;
        ph += *ph == ' ';
    }
    if (e->count[0])
        count = find_arg(args, nargs, e->count, strlen(e->count));
    text = lookup(w, id, count != NULL, count ? count->number : 0);
    for (p = text; *p && !full; ) {
        char num[24];
        const char *piece = p, *close;
        size_t n = 1;

        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            n = 1;                  /* a doubled brace is the brace itself */
            p += 2;
        } else if (p[0] == '{' && (close = strchr(p + 1, '}')) != NULL) {
            const struct wording_arg *a = find_arg(args, nargs, p + 1, (size_t)(close - p - 1));

            if (a && a->text) {
                piece = a->text;
                n = strlen(a->text);
            } else if (a) {
                snprintf(num, sizeof num, "%lld", a->number);
                piece = num;
                n = strlen(num);
            } else {
                n = (size_t)(close - p + 1);   /* not in the registry: cannot load, shown as written */
            }
            p = close + 1;
        } else {
            n = strcspn(p + 1, "{}") + 1;
            p += n;
        }
        if (n >= len - used) {
            n = len - 1 - used;
            full = 1;
        }
        memcpy(out + used, piece, n);
        used += n;
    }
    out[utf8_cut(out, used, used)] = '\0';
    return out;
}

const char *wording_name(enum wording_id id)
{
    assert(id >= MSG_NONE && id < MSG_COUNT);
    return registry[id].name;
}

const char *wording_placeholders(enum wording_id id)
{
    assert(id >= MSG_NONE && id < MSG_COUNT);
    return registry[id].placeholders;
}

const char *wording_count(enum wording_id id)
{
    assert(id >= MSG_NONE && id < MSG_COUNT);
    return registry[id].count;
}

enum wording_id wording_find(const char *name)
{
    for (int i = MSG_NONE + 1; i < MSG_COUNT; i++)
        if (strcmp(registry[i].name, name) == 0)
            return (enum wording_id)i;
    return MSG_NONE;
}

int wording_language_known(const char *language)
{
    return rules_for(language) != NULL;
}

enum wording_plural wording_plural_of(const struct wording *w, long long n)
{
    unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;

    return w && w->rules ? w->rules->of(u) : WORDING_OTHER;
}

const char *wording_plural_name(enum wording_plural p)
{
    assert(p >= 0 && p < WORDING_PLURALS);
    return plural_names[p];
}

/* ---------------------------------------------------------------- messages and lists */

/* Reports "path:line: message" ("path: message" for line 0). */
static void problem(struct loader *l, int line, const char *fmt, ...)
{
    char msg[MESSAGE_BYTES], full[MESSAGE_BYTES + 64];
    va_list ap;

    if (!l->report && (l->problems > 0 || !l->first || l->firstlen == 0)) {
        l->problems++;              /* nobody reads it: only counted */
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(full, sizeof full, "%s:%d: %s", l->path, line, msg);
    else
        snprintf(full, sizeof full, "%s: %s", l->path, msg);
    full[utf8_cut(full, strlen(full), strlen(full))] = '\0';
    if (l->problems == 0 && l->first && l->firstlen > 0) {
        snprintf(l->first, l->firstlen, "%s", full);
        l->first[utf8_cut(l->first, strlen(l->first), strlen(l->first))] = '\0';
    }
    if (l->report)
        fprintf(l->report, "%s\n", full);
    l->problems++;
}

/* How many bytes of s a message quotes: at most QUOTE_BYTES, whole characters. */
static int quote_len(const char *s)
{
    return (int)utf8_cut(s, strlen(s), QUOTE_BYTES);
}

static char *trim(char *s)
{
    size_t n;

    while (*s == ' ')
        s++;
    n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = '\0';
    return s;
}

/* The position of the n-byte name in the space-separated list, or -1. */
static int placeholder_index(const char *list, const char *name, size_t n)
{
    for (int i = 0; *list; i++) {
        size_t len = strcspn(list, " ");

        if (len == n && strncmp(list, name, n) == 0)
            return i;
        list += len;
        list += *list == ' ';
    }
    return -1;
}

static int placeholder_total(const char *list)
{
    int n = 0;

    for (; *list; n++) {
        list += strcspn(list, " ");
        list += *list == ' ';
    }
    return n;
}

/* "{number} and {total}" from "number total". */
static void placeholder_list(const char *list, char *out, size_t len)
{
    int total = placeholder_total(list);
    size_t used = 0;

    out[0] = '\0';
    for (int i = 0; *list && used < len; i++) {
        size_t n = strcspn(list, " ");

        used += (size_t)snprintf(out + used, len - used, "%s{%.*s}",
                                 i == 0 ? "" : i == total - 1 ? " and " : ", ", (int)n, list);
        list += n;
        list += *list == ' ';
    }
}

/* The rules of language by its primary subtag ("zh" of "zh-Hans"), or NULL. */
static const struct wording_rules *rules_for(const char *language)
{
    size_t n = strcspn(language, "-_");

    for (int i = 0; i < COUNT(languages); i++)
        if (strlen(languages[i].code) == n && strncasecmp(languages[i].code, language, n) == 0)
            return &languages[i];
    return NULL;
}

/* "[one] and [other]" for the forms' bits. */
static void forms_list(unsigned forms, char *out, size_t len)
{
    int total = 0, i = 0;
    size_t used = 0;

    for (int p = 0; p < WORDING_PLURALS; p++)
        total += (forms & FORM(p)) != 0;
    out[0] = '\0';
    for (int p = 0; p < WORDING_PLURALS && used < len; p++)
        if (forms & FORM(p)) {
            used += (size_t)snprintf(out + used, len - used, "%s[%s]",
                                     i == 0 ? "" : i == total - 1 ? " and " : ", ", plural_names[p]);
            i++;
        }
}

/* The plural form called by the n bytes at s, or -1. */
static int plural_from_word(const char *s, size_t n)
{
    for (int p = 0; p < WORDING_PLURALS; p++)
        if (strlen(plural_names[p]) == n && strncmp(plural_names[p], s, n) == 0)
            return p;
    return -1;
}

/* ---------------------------------------------------------------- the file */

/* The file's bytes with a NUL after them, owned by the caller, or NULL (reported). */
static char *read_file(struct loader *l, size_t *len)
{
    int not_regular;
    FILE *f = regular_file_open(l->path, &not_regular);     /* a FIFO is refused, never waited on */
    struct stat st;
    char *buf = NULL;
    size_t n;

    if (!f) {
        if (not_regular)
            problem(l, 0, "not a regular file");
        else
            problem(l, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), &st) != 0) {
        problem(l, 0, "cannot read: %s", strerror(errno));
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {
        problem(l, 0, "not a regular file");
        goto done;
    }
    if (st.st_size > WORDING_MAX_FILE_BYTES) {
        problem(l, 0, "file is larger than %d KiB", WORDING_MAX_FILE_BYTES / 1024);
        goto done;
    }
    /* As big as the file, and a byte more to see it grow while it is read. */
    buf = malloc((size_t)st.st_size + 2);
    if (!buf) {
        problem(l, 0, "out of memory");
        goto done;
    }
    n = fread(buf, 1, (size_t)st.st_size + 1, f);
    if (ferror(f)) {
        problem(l, 0, "cannot read: %s", strerror(errno));
    } else if (n > (size_t)st.st_size) {
        problem(l, 0, "file changed while it was read: check it again");
    } else {
        buf[n] = '\0';
        *len = n;
        goto done;
    }
    free(buf);
    buf = NULL;
done:
    fclose(f);
    return buf;
}

/* Cuts buf into lines in place (each ends in a NUL) and reads them. */
static void parse_lines(struct loader *l, char *buf, size_t len)
{
    size_t start = 0;

    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        start = 3;                  /* the byte order mark some editors write */
    while (start < len) {
        char *nl = memchr(buf + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - buf) : len;

        buf[end] = '\0';
        l->line++;
        read_line(l, buf + start, end - start);
        start = end + 1;
    }
}

/* The message a line that cannot be read starts with, marked wrong so that it is not also
 * reported missing. */
static void mark_wrong(struct loader *l, const char *s, size_t n)
{
    char name[QUOTE_BYTES + 1];
    size_t len;

    while (n > 0 && (*s == ' ' || *s == '\t'))
        s++, n--;
    len = strspn(s, NAME_CHARS);
    if (len > n)
        len = n;
    if (len == 0 || len > QUOTE_BYTES)
        return;
    memcpy(name, s, len);
    name[len] = '\0';
    l->wrong[wording_find(name)] = 1;
}

/* Checks one line of n bytes (NUL-terminated, without its '\n') and hands it on trimmed. */
static void read_line(struct loader *l, char *s, size_t n)
{
    if (n > 0 && s[n - 1] == '\r')
        s[--n] = '\0';
    if (n > WORDING_MAX_LINE_BYTES) {
        problem(l, l->line, "line is longer than %d bytes: shorten the message", WORDING_MAX_LINE_BYTES);
        mark_wrong(l, s, n);
        return;
    }
    if (!utf8_valid(s, n)) {
        problem(l, l->line, "invalid UTF-8: save the file as UTF-8 text");
        mark_wrong(l, s, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            problem(l, l->line, "control character 0x%02X in the text", c);
            mark_wrong(l, s, n);
            return;
        }
        if (c == '\t')
            s[i] = ' ';
    }
    parse_line(l, trim(s));
}

/* "name: words" or "name [form]: words". */
static void parse_line(struct loader *l, char *s)
{
    size_t name_n = strspn(s, NAME_CHARS);
    char *p = s + name_n, *text;
    int form = -1;

    if (*s == '\0' || *s == '#')
        return;
    while (*p == ' ')
        p++;
    if (*p == '[') {
        char *close = strchr(p, ']');
        size_t n;

        if (!close || name_n == 0) {
            problem(l, l->line, "expected 'name [form]: words', like 'restart.countdown [one]: ...'");
            return;
        }
        n = (size_t)(close - p - 1);
        form = plural_from_word(p + 1, n);
        if (form < 0) {
            mark_wrong(l, s, name_n);
            problem(l, l->line, "'[%.*s]' is not a plural form: write [zero], [one], [two], [few], [many] or [other]",
                    (int)utf8_cut(p + 1, n, QUOTE_BYTES), p + 1);
            return;
        }
        for (p = close + 1; *p == ' '; p++)
            ;
    }
    if (name_n == 0 || *p != ':') {
        problem(l, l->line, "expected 'name: words', like 'attract.start: Touch to start'");
        return;
    }
    s[name_n] = '\0';
    text = trim(p + 1);
    take_message(l, s, form, text);
}

/* Checks one message line and keeps it when it is right. form is -1 for none. */
static void take_message(struct loader *l, const char *name, int form, char *text)
{
    enum wording_id id = wording_find(name);
    const struct entry *e;
    char label[QUOTE_BYTES + 16], forms[LIST_BYTES];
    int earlier = 0;

    if (id == MSG_NONE) {
        problem(l, l->line, "unknown message '%.*s': check its name against the English wording file",
                quote_len(name), name);
        return;
    }
    e = &registry[id];
    if (form >= 0)
        snprintf(label, sizeof label, "%s [%s]", e->name, plural_names[form]);
    else
        snprintf(label, sizeof label, "%s", e->name);
    /* Given before: the same line again, or a plain line beside forms. */
    if (form < 0) {
        earlier = l->plain_line[id];
        for (int p = 0; p < WORDING_PLURALS && !earlier; p++)
            earlier = l->form_line[id][p];
    } else {
        earlier = l->plain_line[id] ? l->plain_line[id] : l->form_line[id][form];
    }
    if (earlier && form >= 0 && l->plain_line[id]) {
        problem(l, l->line, "'%s' is given for every number on line %d: keep that line or the forms", e->name,
                earlier);
    } else if (earlier && form < 0 && !l->plain_line[id]) {
        problem(l, l->line, "'%s' is given in forms from line %d: keep those or this line", e->name, earlier);
    } else if (earlier) {
        problem(l, l->line, "'%s' is given twice (first on line %d)", label, earlier);
    }
    if (earlier) {
        l->wrong[id] = 1;
        return;
    }
    if (form >= 0)
        l->form_line[id][form] = l->line;
    else
        l->plain_line[id] = l->line;
    if (form >= 0 && !e->count[0]) {
        problem(l, l->line, "'%s' does not change with a number: write it once, without [%s]", e->name,
                plural_names[form]);
        l->wrong[id] = 1;
        return;
    }
    if (form >= 0 && !(l->w->rules->forms & FORM(form))) {
        forms_list(l->w->rules->forms, forms, sizeof forms);
        problem(l, l->line, "%s has no [%s] form: write %s", l->w->rules->name, plural_names[form], forms);
        l->wrong[id] = 1;
        return;
    }
    if (*text == '\0') {
        problem(l, l->line, "'%s' has no words after ':'", label);
        l->wrong[id] = 1;
        return;
    }
    if (strlen(text) > WORDING_MAX_MESSAGE_BYTES) {
        problem(l, l->line, "'%s' is longer than %d bytes: shorten it", label, WORDING_MAX_MESSAGE_BYTES);
        l->wrong[id] = 1;
        return;
    }
    /* The count may be left out of a form that serves only some numbers ("one second"). */
    if (check_placeholders(l, id, label, text, form < 0 || form == WORDING_OTHER) > 0) {
        l->wrong[id] = 1;
        return;
    }
    l->w->text[id][form < 0 ? WORDING_OTHER : form] = text;
    if (!l->w->line[id])
        l->w->line[id] = l->line;
}

/* Reports each brace that is not a known placeholder and each placeholder the text lacks
 * (the count only when count_needed). Returns how many problems it reported. */
static int check_placeholders(struct loader *l, enum wording_id id, const char *label, const char *text,
                              int count_needed)
{
    const struct entry *e = &registry[id];
    int used[MAX_PLACEHOLDERS] = { 0 }, before = l->problems, total = placeholder_total(e->placeholders);
    int unknown = 0;
    char list[LIST_BYTES];

    assert(total <= MAX_PLACEHOLDERS);
    for (const char *p = text; *p; p++) {
        const char *close;
        int i;

        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            p++;
            continue;
        }
        if (*p == '}') {
            problem(l, l->line, "'%s': '}' without '{': write '}}' for a brace itself", label);
            continue;
        }
        if (*p != '{')
            continue;
        close = strchr(p + 1, '}');
        if (!close) {
            problem(l, l->line, "'%s': '{' without '}': write '{{' for a brace itself", label);
            return l->problems - before;
        }
        i = placeholder_index(e->placeholders, p + 1, (size_t)(close - p - 1));
        if (i < 0) {
            int n = (int)utf8_cut(p + 1, (size_t)(close - p - 1), QUOTE_BYTES);

            placeholder_list(e->placeholders, list, sizeof list);
            unknown = 1;
            if (total == 0)
                problem(l, l->line, "'%s' has no placeholder {%.*s}: it takes none", label, n, p + 1);
            else
                problem(l, l->line, "'%s' has no placeholder {%.*s}: it takes %s", label, n, p + 1, list);
        } else {
            used[i] = 1;
        }
        p = close;
    }
    /* A misspelt placeholder is one mistake: what it should have been is not also "lacking". */
    for (int i = 0; i < total; i++) {
        const char *ph = e->placeholders;
        size_t n;

        for (int k = 0; k < i; k++) {
            ph += strcspn(ph, " ");
            ph++;
        }
        n = strcspn(ph, " ");
        if (unknown || used[i] || (!count_needed && strlen(e->count) == n && strncmp(e->count, ph, n) == 0))
            continue;
        problem(l, l->line, "'%s' lacks {%.*s}: put it where the kiosk should fill it in", label, (int)n, ph);
    }
    return l->problems - before;
}

/* Reports every message the file lacks, and plural forms its language needs. */
static void finish(struct loader *l)
{
    const struct wording_rules *r = l->w->rules;
    char forms[LIST_BYTES], list[LIST_BYTES];
    int after = 0;                  /* the line of the last message given, in the registry's order */

    forms_list(r->forms, forms, sizeof forms);
    for (int id = MSG_NONE + 1; id < MSG_COUNT; id++) {
        const struct entry *e = &registry[id];
        int given = l->plain_line[id], forms_given = 0;

        for (int p = 0; p < WORDING_PLURALS; p++)
            if (l->form_line[id][p]) {
                forms_given++;
                if (!given || l->form_line[id][p] < given)
                    given = l->form_line[id][p];
            }
        if (given) {
            after = given;
        } else if (!l->wrong[id]) {
            placeholder_list(e->placeholders, list, sizeof list);
            if (after)
                problem(l, after, "message '%s' is missing: add a line '%s: ...'%s%s below this one", e->name,
                        e->name, list[0] ? " with " : "", list);
            else
                problem(l, 1, "message '%s' is missing: add a line '%s: ...'%s%s", e->name, e->name,
                        list[0] ? " with " : "", list);
            continue;
        }
        if (forms_given == 0 || l->plain_line[id] || l->wrong[id])
            continue;
        for (int p = 0; p < WORDING_PLURALS; p++)
            if ((r->forms & FORM(p)) && !l->form_line[id][p]) {
                problem(l, given, "'%s' has no [%s] form: %s needs %s", e->name, plural_names[p], r->name, forms);
                break;
            }
    }
}

/* ---------------------------------------------------------------- lookups */

/* The text of id for the number n (when counted) in w or its fallbacks, else the name. */
static const char *lookup(const struct wording *w, enum wording_id id, int counted, long long n)
{
    for (int hops = 0; w && hops < MAX_FALLBACKS; w = w->fallback, hops++) {
        const char *t = counted ? w->text[id][wording_plural_of(w, n)] : NULL;

        if (!t)
            t = w->text[id][WORDING_OTHER];
        if (t)
            return t;
    }
    return registry[id].name;
}

static const struct wording_arg *find_arg(const struct wording_arg *args, int nargs, const char *name, size_t n)
{
    for (int i = 0; i < nargs; i++)
        if (strlen(args[i].name) == n && strncmp(args[i].name, name, n) == 0)
            return &args[i];
    return NULL;
}
