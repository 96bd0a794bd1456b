/* content: the clinic's and the treatments' text files that staff edit.
 * The format is explained for staff in content/README.md; this file follows it line by line. */
#include "content.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <sodium.h>

#include "picture.h"
#include "queue.h"
#include "regular_file.h"
#include "utf8.h"

#define PATH_BYTES 4096
#define KEY_BYTES 48                /* the longest field name is "Colour accent text" */
#define MESSAGE_BYTES 1024
#define QUOTE_BYTES 60              /* how much of a wrong value a message repeats, at most */
#define MAX_HEADER_FIELDS 8
#define MAX_PICTURE_FIELDS 2        /* "Logo" and "Photo" in clinic.txt */
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---------------------------------------------------------------- types */

/* The most characters a piece of text may hold: what fits where the kiosk shows it, in large
 * text on the smallest screen (longer text would be cut, crowd out the controls, or make every
 * frame slow). scope is "clinic", "treatment", "screening" (its fields) or "section" (titles and
 * blocks of the information sections, the doctor's page and the privacy notice). */
struct text_limit {
    const char *scope;
    const char *name;               /* a field's name, or the kind of block */
    int max;
};

/* Where problems go: content_check() prints each one, content_load() keeps the first. */
struct reporter {
    FILE *out;                      /* every problem, one a line; or NULL */
    char *first;                    /* the first problem; or NULL */
    size_t firstlen;
    int count;
    const struct content_decoder *dec;  /* decodes each picture fully; NULL: headers only */
    const char *images;             /* the folder whose images/ holds pictures, when not the files'
                                     * own (a translation's are the content folder's); or NULL */
};

/* A field holding text, such as "Name: ...": its name as staff write it and where it goes. */
struct text_field {
    const char *name;               /* "Doctor role" */
    size_t offset;                  /* of the char * in the clinic or treatment struct */
    int (*valid)(const char *value);    /* NULL when any text will do */
    const char *rule;               /* what valid() wants, for the message */
};

/* A theme colour of clinic.txt, "Colour background: #F6F4F0". */
struct colour_field {
    const char *name;
    size_t offset;                  /* of the unsigned in struct content_clinic */
    unsigned fallback;
};

/* A picture of a file's header, "Logo: logo.png" and its "Logo text: ...". */
struct picture_field {
    const char *name;               /* "Logo" */
    const char *text_name;          /* "Logo text" */
    size_t offset;                  /* of the struct content_picture in the clinic or treatment */
};

/* What one kind of file may hold in its header. */
struct file_kind {
    int is_clinic;
    const struct text_field *fields;
    int nfields;
    const char *expected;           /* the field names, for "unknown field" */
    const struct picture_field *pictures;
    int npictures;
};

/* The Screening section's fields, in screening_fields[]. */
enum { INTRO, RESULT_CLEAR, RESULT_DISCUSS, RESULT_STOP, NSCREENING_FIELDS };

/* The theme colours, in colour_fields[]. */
enum { BACKGROUND, SURFACE, TEXT, MUTED, ACCENT, ACCENT_TEXT, NCOLOURS };

/* What the lines being read belong to. */
enum where { IN_HEADER, IN_INFO, IN_SCREENING, IN_IGNORED };

/* The state of reading one file. */
struct parser {
    struct reporter *rep;
    const char *path;               /* for messages */
    const char *base;               /* the content directory, whose images/ holds pictures too */
    int line;                       /* the line being read, from 1 */
    int oom;                        /* out of memory: stop reading */
    const struct file_kind *kind;
    void *target;                   /* struct content_clinic or struct content_treatment */
    int field_line[MAX_HEADER_FIELDS];  /* where each header field was given, 0 = not yet */
    int category_line;              /* a treatment's optional Category, 0 = not given */
    int colour_line[NCOLOURS];
    int picture_line[MAX_PICTURE_FIELDS];       /* where each header picture was named, 0 = not */
    int picture_text_line[MAX_PICTURE_FIELDS];  /* and its text */
    struct content_picture *awaiting;   /* a picture in a section, its "Picture text:" still to come */
    int awaiting_line;
    int npictures;                  /* pictures in this file's sections */

    /* Information sections, in file order; owned here until finish_file() hands them on. */
    struct content_section *sections;
    int section_line[CONTENT_MAX_SECTIONS];
    int nsections;
    int sections_full;              /* "too many sections" was reported */
    int block_line[CONTENT_MAX_BLOCKS]; /* where each block of the section being read starts */

    /* The section being read. */
    enum where where;
    int block_limit_reported;
    char **cont;                    /* the text a next non-blank line continues, or NULL */
    struct content_block *question; /* a "Q:" still waiting for its "A:", or NULL */
    int question_line;
    int last_step;                  /* the number of the section's last step, 0 if none */

    /* The Screening section of a treatment. */
    int screening_line;             /* where it starts, 0 = none yet */
    int screening_field_line[NSCREENING_FIELDS];
    struct content_question *q;     /* the question being read, or NULL */
    int q_line, q_if_yes_line;
    int questions_full;             /* "too many questions" was reported */
};

/* ---------------------------------------------------------------- static prototypes */

static void report(struct reporter *rep, const char *fmt, ...);
static void problem(struct parser *p, int line, const char *fmt, ...);
static int quote_len(const char *s);
static void drop_partial_char(char *s);
static char *dup_text(struct parser *p, const char *s);
static void append_text(struct parser *p, char **dst, const char *s);
static char *trim(char *s);
static int split_field(char *s, char **key, char **value);
static void normalise_key(const char *key, char *out);
static int key_is(const char *norm, const char *name);
static char **text_slot(void *base, size_t offset);
static unsigned *colour_slot(struct content_clinic *c, int i);
static int valid_id(const char *value);
static int valid_language_code(const char *value);
static int limit_of(const char *scope, const char *name);
static int check_length(struct parser *p, int line, const char *scope, const char *name, const char *what,
                        const char *value);
static void check_blocks(struct parser *p, const struct content_section *sec, const int *block_line);

static void load_dir(const char *dir, const char *code, struct content *c, struct reporter *rep);
static void set_language(struct reporter *rep, struct content *c, const char *code);
static void check_language_name(struct reporter *rep, const struct content *c, const char *path);
static int list_languages(struct reporter *rep, const char *dir, char codes[][WORDING_LANGUAGE_BYTES], int max);
static void compare_translation(struct reporter *rep, const struct content *def, struct content *tr);
static int join_path(struct reporter *rep, char *out, const char *a, const char *b);
static void load_treatments(struct reporter *rep, const char *base, struct content *c);
static int list_treatments(struct reporter *rep, const char *dir, char names[][256]);
static void check_unique_id(struct reporter *rep, struct content *c, int id_line);
static void load_wording(struct reporter *rep, const char *base, struct content *c);
static void load_file(struct reporter *rep, const char *base, const char *path, const struct file_kind *kind,
                      void *target, int *id_line);
static char *read_file(struct reporter *rep, const char *path, size_t *len);

static void parse_text(struct parser *p, const char *buf, size_t len);
static void read_line(struct parser *p, const char *raw, size_t n);
static void parse_line(struct parser *p, char *s);
static void header_line(struct parser *p, char *s);
static void set_text(struct parser *p, const struct text_field *f, int *line, const char *value);
static void set_colour(struct parser *p, int i, const char *value);
static int header_picture(struct parser *p, const char *norm, const char *value);
static void load_picture(struct parser *p, struct content_picture *pic, const char *value);
static int set_picture_text(struct parser *p, struct content_picture *pic, const char *name, const char *value);
static void section_picture(struct parser *p, const char *value);
static void section_picture_text(struct parser *p, const char *value);
static void await_picture_text(struct parser *p);
static void finish_pictures(struct parser *p);
static void picture_free(struct content_picture *pic);

static void start_section(struct parser *p, char *s);
static char *section_title(struct parser *p, char *s);
static void end_section(struct parser *p);
static void info_line(struct parser *p, char *s);
static void start_block(struct parser *p, enum content_block_kind kind, const char *text);
static void bullet_line(struct parser *p, const char *text);
static struct content_block *new_block(struct parser *p, enum content_block_kind kind);
static void faq_question(struct parser *p, const char *text);
static void faq_answer(struct parser *p, const char *text);
static void close_question(struct parser *p);
static void step_line(struct parser *p, int number, const char *title);
static int step_number(const char *s, const char **title);

static void start_screening(struct parser *p);
static void screening_line(struct parser *p, char *s);
static void new_question(struct parser *p, const char *text);
static void if_yes(struct parser *p, const char *value);
static void question_note(struct parser *p, const char *value);
static void finish_question(struct parser *p);
static void end_screening(struct parser *p);

static void finish_file(struct parser *p);
static void finish_clinic(struct parser *p, struct content_clinic *c);
static void check_contrast(struct parser *p, struct content_clinic *c);
static void privacy_version(struct parser *p, struct content_clinic *c);

static void section_free(struct content_section *s);
static void clinic_free(struct content_clinic *c);
static void treatment_free(struct content_treatment *t);

/* ---------------------------------------------------------------- static data */

/* Checked by tests/cli/content-limits.sh, which shows every screen with text at these limits. */
static const struct text_limit text_limits[] = {
    { "clinic", "Name", 40 },               /* the attract screen's title, the top bar */
    { "clinic", "Welcome", 120 },
    { "clinic", "Contact", 200 },
    { "clinic", "Doctor", 40 },             /* "About Dr Nicole" on home */
    { "clinic", "Doctor role", 80 },
    { "clinic", "Language", WORDING_LANGUAGE_BYTES - 1 },
    { "treatment", "Id", QUEUE_ID_MAX },    /* stored with each request */
    { "treatment", "Name", 40 },
    { "treatment", "Tagline", 80 },
    { "treatment", "Summary", 250 },        /* the home card */
    { "treatment", "Category", 40 },        /* a heading on the menu, a word on attract */
    { "screening", "Intro", 300 },
    { "screening", "Question", 200 },       /* above fixed Yes and No */
    { "screening", "Note", 300 },
    { "screening", "Result clear", 600 },
    { "screening", "Result discuss", 600 },
    { "screening", "Result stop", 600 },
    { "section", "title", 60 },             /* section buttons on info */
    { "section", "step title", 100 },
    { "section", "question", 300 },         /* a FAQ's question */
    { "section", "text", 2000 },            /* a paragraph, item, answer or step text: it scrolls */
};
#define DEFAULT_TEXT_MAX 200                /* a field with no line above */

static const struct text_field clinic_fields[] = {
    { "Name", offsetof(struct content_clinic, name), NULL, NULL },
    { "Welcome", offsetof(struct content_clinic, welcome), NULL, NULL },
    { "Contact", offsetof(struct content_clinic, contact), NULL, NULL },
    { "Doctor", offsetof(struct content_clinic, doctor_name), NULL, NULL },
    { "Doctor role", offsetof(struct content_clinic, doctor_role), NULL, NULL },
};

static const struct text_field treatment_fields[] = {
    { "Id", offsetof(struct content_treatment, id), valid_id,
      "lower-case letters, digits and '-', like 'calf-slimming'" },
    { "Name", offsetof(struct content_treatment, name), NULL, NULL },
    { "Tagline", offsetof(struct content_treatment, tagline), NULL, NULL },
    { "Summary", offsetof(struct content_treatment, summary), NULL, NULL },
};

/* A treatment's one optional field: the group it is shown in on the menu. */
static const struct text_field category_field = {
    "Category", offsetof(struct content_treatment, category), NULL, NULL,
};

/* The default clinic.txt's one optional field: the language its files are written in. */
static const struct text_field language_field = {
    "Language", offsetof(struct content_clinic, language), valid_language_code,
    "a language code such as 'en', 'pl', 'ar' or 'zh-Hans'",
};

/* The Screening section's fields other than Question, If yes and Note. */
static const struct text_field screening_fields[] = {
    [INTRO] = { "Intro", offsetof(struct content_treatment, screening_intro), NULL, NULL },
    [RESULT_CLEAR] = { "Result clear", offsetof(struct content_treatment, result_clear), NULL, NULL },
    [RESULT_DISCUSS] = { "Result discuss", offsetof(struct content_treatment, result_discuss), NULL, NULL },
    [RESULT_STOP] = { "Result stop", offsetof(struct content_treatment, result_stop), NULL, NULL },
};
_Static_assert(COUNT(screening_fields) == NSCREENING_FIELDS, "one field for each screening text");

static const struct colour_field colour_fields[] = {
    [BACKGROUND] = { "Colour background", offsetof(struct content_clinic, colour_background), 0xF6F4F0 },
    [SURFACE] = { "Colour surface", offsetof(struct content_clinic, colour_surface), 0xFFFFFF },
    [TEXT] = { "Colour text", offsetof(struct content_clinic, colour_text), 0x1F2A30 },
    [MUTED] = { "Colour muted", offsetof(struct content_clinic, colour_muted), 0x46515B },
    [ACCENT] = { "Colour accent", offsetof(struct content_clinic, colour_accent), 0x1B585E },
    [ACCENT_TEXT] = { "Colour accent text", offsetof(struct content_clinic, colour_accent_text), 0xFFFFFF },
};
_Static_assert(COUNT(colour_fields) == NCOLOURS, "one field for each colour");
_Static_assert(COUNT(((struct content_clinic *)0)->colour_line) == NCOLOURS, "a line for each colour");

/* Text colours and what they are drawn on: each pair needs CONTENT_MIN_CONTRAST. */
static const int contrast_pairs[][2] = {
    { TEXT, BACKGROUND }, { TEXT, SURFACE }, { MUTED, BACKGROUND }, { MUTED, SURFACE },
    { ACCENT_TEXT, ACCENT }, { ACCENT, BACKGROUND }, { ACCENT, SURFACE },
};

static const struct picture_field clinic_pictures[] = {
    { "Logo", "Logo text", offsetof(struct content_clinic, logo) },
    { "Photo", "Photo text", offsetof(struct content_clinic, photo) },
};

static const struct picture_field treatment_pictures[] = {
    { "Picture", "Picture text", offsetof(struct content_treatment, picture) },
};

static const struct file_kind clinic_kind = {
    1, clinic_fields, COUNT(clinic_fields),
    "Name, Welcome, Contact, Doctor, Doctor role, Language, Logo, Logo text, Photo, Photo text or a 'Colour ...' field",
    clinic_pictures, COUNT(clinic_pictures),
};

static const struct file_kind treatment_kind = {
    0, treatment_fields, COUNT(treatment_fields), "Id, Name, Tagline, Summary, Category, Picture or Picture text",
    treatment_pictures, COUNT(treatment_pictures),
};

_Static_assert(COUNT(clinic_pictures) <= MAX_PICTURE_FIELDS && COUNT(treatment_pictures) <= MAX_PICTURE_FIELDS,
               "struct parser keeps a line for each header picture");

_Static_assert(COUNT(clinic_fields) <= MAX_HEADER_FIELDS && COUNT(treatment_fields) <= MAX_HEADER_FIELDS,
               "struct parser keeps a line for each header field");

/* ---------------------------------------------------------------- global functions */

int content_load(const char *dir, struct content *out, char *err, size_t errlen)
{
    struct reporter rep = { NULL, err, errlen, 0, NULL, NULL };

    if (errlen > 0)
        err[0] = '\0';
    load_dir(dir, NULL, out, &rep);
    if (rep.count > 0) {
        content_free(out);
        return -1;
    }
    return 0;
}

int content_load_translation(const char *dir, const char *code, const struct content *def, struct content *out,
                             char *err, size_t errlen)
{
    struct reporter rep = { NULL, err, errlen, 0, NULL, NULL };

    if (errlen > 0)
        err[0] = '\0';
    load_dir(dir, code, out, &rep);
    if (rep.count == 0)
        compare_translation(&rep, def, out);
    if (rep.count > 0) {
        content_free(out);
        return -1;
    }
    return 0;
}

int content_languages(const char *dir, char codes[][WORDING_LANGUAGE_BYTES], int max)
{
    struct reporter rep = { NULL, NULL, 0, 0, NULL, NULL };

    return list_languages(&rep, dir, codes, max);
}

int content_check(const char *dir, FILE *report_to)
{
    return content_check_with(dir, report_to, NULL);
}

int content_check_with(const char *dir, FILE *report_to, const struct content_decoder *dec)
{
    struct reporter rep = { report_to, NULL, 0, 0, dec, NULL };
    char codes[CONTENT_MAX_LANGUAGES][WORDING_LANGUAGE_BYTES];
    struct content *c = malloc(sizeof *c), *t = malloc(sizeof *t);
    int good, n;

    if (!c || !t) {
        report(&rep, "%s: out of memory", dir);
        free(c);
        free(t);
        return rep.count;
    }
    load_dir(dir, NULL, c, &rep);
    good = rep.count == 0;
    n = list_languages(&rep, dir, codes, CONTENT_MAX_LANGUAGES);
    for (int i = 0; i < n; i++) {
        int before = rep.count;

        if (c->language[0] && strcmp(codes[i], c->language) == 0) {
            report(&rep, "%s/" CONTENT_LANGUAGES_DIR "/%s: '%s' is the default language, whose files are those of "
                   "%s itself: remove this folder", dir, codes[i], codes[i], dir);
            continue;
        }
        load_dir(dir, codes[i], t, &rep);
        /* Compared with the default only when both read well: else the differences are noise. */
        if (good && rep.count == before)
            compare_translation(&rep, c, t);
        content_free(t);
    }
    content_free(c);
    free(c);
    free(t);
    return rep.count;
}

void content_free(struct content *c)
{
    clinic_free(&c->clinic);
    for (int i = 0; i < c->ntreatments; i++)
        treatment_free(&c->treatments[i]);
    wording_free(&c->wording);
    memset(c, 0, sizeof *c);
}

const struct content_treatment *content_treatment(const struct content *c, const char *id)
{
    for (int i = 0; i < c->ntreatments; i++)
        if (c->treatments[i].id && strcmp(c->treatments[i].id, id) == 0)
            return &c->treatments[i];
    return NULL;
}

int content_text_max(const char *scope, const char *name)
{
    return limit_of(scope, name);
}

double content_contrast(unsigned rgb_a, unsigned rgb_b)
{
    double la = 0, lb = 0;
    static const double weight[3] = { 0.2126, 0.7152, 0.0722 };

    for (int i = 0; i < 3; i++) {
        int shift = 16 - 8 * i;
        double a = ((rgb_a >> shift) & 0xFF) / 255.0, b = ((rgb_b >> shift) & 0xFF) / 255.0;

        la += weight[i] * (a <= 0.04045 ? a / 12.92 : pow((a + 0.055) / 1.055, 2.4));
        lb += weight[i] * (b <= 0.04045 ? b / 12.92 : pow((b + 0.055) / 1.055, 2.4));
    }
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* ---------------------------------------------------------------- messages and strings */

/* Messages quote what staff wrote and go to the journal, which keeps only well-formed UTF-8 as
 * text: so a message cut to fit a buffer, and a quote cut short, end between characters. */

/* How many bytes of s a message quotes: at most QUOTE_BYTES, whole characters. */
static int quote_len(const char *s)
{
    return (int)utf8_cut(s, strlen(s), QUOTE_BYTES);
}

/* Cuts off the last character of s when a cut to fit a buffer left it incomplete. */
static void drop_partial_char(char *s)
{
    size_t n = strlen(s);

    s[utf8_cut(s, n, n)] = '\0';
}

static void report(struct reporter *rep, const char *fmt, ...)
{
    char msg[MESSAGE_BYTES];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    drop_partial_char(msg);
    if (rep->count == 0 && rep->first && rep->firstlen > 0) {
        snprintf(rep->first, rep->firstlen, "%s", msg);
        drop_partial_char(rep->first);
    }
    if (rep->out)
        fprintf(rep->out, "%s\n", msg);
    rep->count++;
}

/* Reports "path:line: message". */
static void problem(struct parser *p, int line, const char *fmt, ...)
{
    char msg[MESSAGE_BYTES];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    drop_partial_char(msg);
    report(p->rep, "%s:%d: %s", p->path, line, msg);
}

/* A copy of s owned by the caller, or NULL (reported) when memory runs out. */
static char *dup_text(struct parser *p, const char *s)
{
    char *copy = strdup(s);

    if (!copy && !p->oom) {
        problem(p, p->line, "out of memory");
        p->oom = 1;
    }
    return copy;
}

/* Continues the text *dst with s, joined by one space; *dst stays owned by its holder. */
static void append_text(struct parser *p, char **dst, const char *s)
{
    size_t had = *dst ? strlen(*dst) : 0, add = strlen(s);
    char *grown;

    if (had == 0) {
        free(*dst);
        *dst = dup_text(p, s);
        return;
    }
    grown = realloc(*dst, had + 1 + add + 1);
    if (!grown) {
        problem(p, p->line, "out of memory");
        p->oom = 1;
        return;
    }
    grown[had] = ' ';
    memcpy(grown + had + 1, s, add + 1);
    *dst = grown;
}

/* s without the spaces at either end; the end is cut in place. */
/* Spaces and tabs off both ends (utf8.c has the one trim). */
static char *trim(char *s)
{
    return utf8_trim(s);
}

/* Whether s reads "Key: value" with a key of letters and spaces; cuts s in two in place. */
static int split_field(char *s, char **key, char **value)
{
    char *colon = strchr(s, ':');

    if (!colon || colon == s || colon - s >= KEY_BYTES)
        return 0;
    for (const char *k = s; k < colon; k++)
        if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || *k == ' '))
            return 0;
    *colon = '\0';
    *key = trim(s);
    *value = trim(colon + 1);
    return **key != '\0';
}

/* key in lower case with single spaces, "colour" spelt "color"; out holds KEY_BYTES. */
static void normalise_key(const char *key, char *out)
{
    size_t n = 0;

    for (; *key && n + 1 < KEY_BYTES; key++) {
        if (*key == ' ' && (n == 0 || out[n - 1] == ' '))
            continue;
        out[n++] = (char)(*key >= 'A' && *key <= 'Z' ? *key - 'A' + 'a' : *key);
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    if (strncmp(out, "colour", 6) == 0 && (out[6] == ' ' || out[6] == '\0'))
        memmove(out + 4, out + 5, strlen(out + 5) + 1);
}

/* Whether the normalised key norm names the field called name. */
static int key_is(const char *norm, const char *name)
{
    char want[KEY_BYTES];

    normalise_key(name, want);
    return strcmp(norm, want) == 0;
}

static char **text_slot(void *base, size_t offset)
{
    return (char **)((char *)base + offset);
}

static unsigned *colour_slot(struct content_clinic *c, int i)
{
    return (unsigned *)((char *)c + colour_fields[i].offset);
}

static int valid_id(const char *value)
{
    size_t n = strlen(value);

    return n > 0 && strspn(value, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* A BCP 47 tag as the kiosk uses them: letters and digits in subtags joined by '-'. */
static int valid_language_code(const char *value)
{
    size_t n = strlen(value);

    return n >= 2 && n < WORDING_LANGUAGE_BYTES && value[0] != '-' && value[n - 1] != '-' && !strstr(value, "--") &&
           strspn(value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

/* The most characters the text called name in scope may hold (text_limits[]). */
static int limit_of(const char *scope, const char *name)
{
    for (int i = 0; i < COUNT(text_limits); i++)
        if (strcmp(text_limits[i].scope, scope) == 0 && strcasecmp(text_limits[i].name, name) == 0)
            return text_limits[i].max;
    return DEFAULT_TEXT_MAX;
}

/* Reports value when it is longer than name in scope may be; what names it in the message.
 * Returns 0 when it fits, -1 (reported) when not. */
static int check_length(struct parser *p, int line, const char *scope, const char *name, const char *what,
                        const char *value)
{
    size_t n = utf8_count(value, strlen(value));
    int max = limit_of(scope, name);

    if (n <= (size_t)max)
        return 0;
    problem(p, line, "%s is %zu characters long; at most %d fit the screen: shorten it", what, n, max);
    return -1;
}

/* ---------------------------------------------------------------- files and directories */

/* Fills *c from dir, or with code from dir's folder of that language, reporting each problem;
 * c owns what it holds, whatever happened. */
static void load_dir(const char *dir, const char *code, struct content *c, struct reporter *rep)
{
    char base[PATH_BYTES], path[PATH_BYTES];
    size_t n = strlen(dir);

    memset(c, 0, sizeof *c);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (n >= sizeof base) {
        report(rep, "cannot open '%s': %s", dir, strerror(ENAMETOOLONG));
        return;
    }
    memcpy(base, dir, n);
    base[n] = '\0';
    if (code && snprintf(base + n, sizeof base - n, "/" CONTENT_LANGUAGES_DIR "/%s", code) >= (int)(sizeof base - n)) {
        report(rep, "cannot open '%s/" CONTENT_LANGUAGES_DIR "/%s': %s", dir, code, strerror(ENAMETOOLONG));
        return;
    }
    rep->images = code ? dir : NULL;    /* a translation finds its pictures in the content's images/ too */
    if (join_path(rep, path, base, "clinic.txt") == 0) {
        c->clinic.path = strdup(path);
        if (!c->clinic.path) {
            report(rep, "%s: out of memory", path);
            return;
        }
        load_file(rep, base, path, &clinic_kind, &c->clinic, NULL);
    }
    load_treatments(rep, base, c);
    set_language(rep, c, code);
    if (c->language[0]) {
        load_wording(rep, base, c);
        if (join_path(rep, path, base, CONTENT_WORDING_FILE) == 0)
            check_language_name(rep, c, path);
    }
}

/* The language of c: code for a translation (whose clinic.txt may say the same), else what the
 * default clinic.txt says, else CONTENT_LANGUAGE. Left empty (reported) when it cannot be used. */
static void set_language(struct reporter *rep, struct content *c, const char *code)
{
    const struct content_clinic *k = &c->clinic;

    if (code && k->language && strcmp(k->language, code) != 0) {
        report(rep, "%s:%d: 'Language' is '%s' in the folder of language '%s': leave the line out", k->path,
               k->language_line, k->language, code);
        return;
    }
    if (!code && k->language && !wording_language_known(k->language)) {
        report(rep, "%s:%d: the kiosk does not know the language '%s': write a code such as en, pl, ar or zh-Hans",
               k->path, k->language_line, k->language);
        return;
    }
    if (!code)
        code = k->language ? k->language : CONTENT_LANGUAGE;
    snprintf(c->language, sizeof c->language, "%s", code);
}

/* The language's name, which the picker shows, must fit it. */
static void check_language_name(struct reporter *rep, const struct content *c, const char *path)
{
    const char *name = c->wording.text[MSG_LANGUAGE_NAME][WORDING_OTHER];
    size_t n = name ? utf8_count(name, strlen(name)) : 0;

    if (n > CONTENT_LANGUAGE_NAME_MAX)
        report(rep, "%s:%d: 'language.name' is %zu characters long; at most %d fit the picker: shorten it", path,
               c->wording.line[MSG_LANGUAGE_NAME], n, CONTENT_LANGUAGE_NAME_MAX);
}

static int compare_codes(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The folders of dir/languages, sorted, into codes (at most max); reports anything else there. */
static int list_languages(struct reporter *rep, const char *dir, char codes[][WORDING_LANGUAGE_BYTES], int max)
{
    char path[PATH_BYTES], entry[PATH_BYTES];
    struct dirent *e;
    DIR *d;
    int n = 0;

    if (join_path(rep, path, dir, CONTENT_LANGUAGES_DIR) != 0)
        return 0;
    d = opendir(path);
    if (!d) {
        if (errno != ENOENT)
            report(rep, "cannot open '%s': %s", path, strerror(errno));
        return 0;
    }
    while ((e = readdir(d)) != NULL) {
        struct stat st;

        if (e->d_name[0] == '.')
            continue;
        if (snprintf(entry, sizeof entry, "%s/%s", path, e->d_name) >= (int)sizeof entry || stat(entry, &st) != 0 ||
            !S_ISDIR(st.st_mode)) {
            report(rep, "%s: not a language folder: each language's files go in a folder named by its code, "
                   "like %s/pl", entry, path);
            continue;
        }
        if (!valid_language_code(e->d_name)) {
            report(rep, "%s: '%.*s' is not a language code: name the folder like 'pl' or 'zh-Hans'", entry,
                   quote_len(e->d_name), e->d_name);
            continue;
        }
        if (n == max) {
            report(rep, "%s: more than %d languages", path, max);
            break;
        }
        snprintf(codes[n++], WORDING_LANGUAGE_BYTES, "%s", e->d_name);
    }
    closedir(d);
    qsort(codes, (size_t)n, sizeof codes[0], compare_codes);
    return n;
}

/* DIR/wording.txt, read and checked by wording.c; its problems count as the content's. */
static void load_wording(struct reporter *rep, const char *base, struct content *c)
{
    char path[PATH_BYTES];

    if (join_path(rep, path, base, CONTENT_WORDING_FILE) == 0)
        rep->count += wording_load(&c->wording, path, c->language, rep->out,
                                   rep->count == 0 ? rep->first : NULL, rep->firstlen);
}

/* Writes "a/b" to out (PATH_BYTES); returns 0, or -1 (reported) when it does not fit. */
static int join_path(struct reporter *rep, char *out, const char *a, const char *b)
{
    if (snprintf(out, PATH_BYTES, "%s/%s", a, b) < PATH_BYTES)
        return 0;
    report(rep, "cannot open '%s/%s': %s", a, b, strerror(ENAMETOOLONG));
    return -1;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void load_treatments(struct reporter *rep, const char *base, struct content *c)
{
    char dir[PATH_BYTES], path[PATH_BYTES];
    char names[CONTENT_MAX_TREATMENTS][256];
    int n;

    if (join_path(rep, dir, base, "treatments") < 0)
        return;
    n = list_treatments(rep, dir, names);
    if (n < 0)
        return;
    if (n == 0) {
        report(rep, "%s: no treatment files: add one such as calf-slimming.txt", dir);
        return;
    }
    qsort(names, (size_t)n, sizeof names[0], compare_names);
    for (int i = 0; i < n; i++) {
        struct content_treatment *t = &c->treatments[c->ntreatments++];
        int id_line = 0;

        if (join_path(rep, path, dir, names[i]) < 0)
            return;
        t->path = strdup(path);
        if (!t->path) {
            report(rep, "%s: out of memory", path);
            return;
        }
        load_file(rep, base, t->path, &treatment_kind, t, &id_line);
        check_unique_id(rep, c, id_line);
    }
}

/* Fills names with the "*.txt" files of dir; returns how many, or -1 (reported). */
static int list_treatments(struct reporter *rep, const char *dir, char names[][256])
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    if (!d) {
        report(rep, "cannot open '%s': %s", dir, strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);

        if (e->d_name[0] == '.' || len < 5 || len >= 256 || strcmp(e->d_name + len - 4, ".txt") != 0)
            continue;
        if (n == CONTENT_MAX_TREATMENTS) {
            report(rep, "%s: more than %d treatment files", dir, CONTENT_MAX_TREATMENTS);
            break;
        }
        memcpy(names[n++], e->d_name, len + 1);
    }
    closedir(d);
    return n;
}

/* Reports the last treatment of c when an earlier one has the same id. */
static void check_unique_id(struct reporter *rep, struct content *c, int id_line)
{
    const struct content_treatment *last = &c->treatments[c->ntreatments - 1];

    if (!last->id)
        return;
    for (int i = 0; i < c->ntreatments - 1; i++)
        if (c->treatments[i].id && strcmp(c->treatments[i].id, last->id) == 0) {
            report(rep, "%s:%d: id '%s' is already used by %s", last->path, id_line, last->id,
                   c->treatments[i].path);
            return;
        }
}

/* Reads the file at path into target (a clinic or a treatment, by kind), which owns what it
 * gets. With id_line, also says where the Id field was (0 if nowhere). */
static void load_file(struct reporter *rep, const char *base, const char *path, const struct file_kind *kind,
                      void *target, int *id_line)
{
    struct parser p;
    size_t len;
    char *buf = read_file(rep, path, &len);

    if (!buf)
        return;
    memset(&p, 0, sizeof p);
    p.rep = rep;
    p.path = path;
    p.base = rep->images ? rep->images : base;
    p.kind = kind;
    p.target = target;
    parse_text(&p, buf, len);
    if (id_line)
        *id_line = p.field_line[0];     /* treatment_fields[0] is Id */
    if (kind->is_clinic) {
        struct content_clinic *c = target;
        memcpy(c->colour_line, p.colour_line, sizeof c->colour_line);
    } else {
        struct content_treatment *t = target;
        t->id_line = p.field_line[0];
        t->category_line = p.category_line;
    }
    free(buf);
}

/* The file's bytes, owned by the caller, or NULL (reported). */
static char *read_file(struct reporter *rep, const char *path, size_t *len)
{
    int not_regular;
    FILE *f = regular_file_open(path, &not_regular);
    char *buf = NULL;
    size_t n;

    if (!f && not_regular) {
        report(rep, "%s: not a regular file", path);
        return NULL;
    }
    if (!f) {
        report(rep, "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    buf = malloc(CONTENT_MAX_FILE_BYTES + 1);
    if (!buf) {
        report(rep, "%s: out of memory", path);
        goto done;
    }
    n = fread(buf, 1, CONTENT_MAX_FILE_BYTES + 1, f);
    if (ferror(f)) {
        report(rep, "cannot read '%s': %s", path, strerror(errno));
    } else if (n > CONTENT_MAX_FILE_BYTES) {
        report(rep, "%s: file is larger than %d KiB", path, CONTENT_MAX_FILE_BYTES / 1024);
    } else {
        *len = n;
        goto done;
    }
    free(buf);
    buf = NULL;
done:
    fclose(f);
    return buf;
}

/* ---------------------------------------------------------------- lines */

static void parse_text(struct parser *p, const char *buf, size_t len)
{
    size_t start = 0;

    if (p->kind->is_clinic)
        for (int i = 0; i < COUNT(colour_fields); i++)
            *colour_slot(p->target, i) = colour_fields[i].fallback;
    p->sections = calloc(CONTENT_MAX_SECTIONS, sizeof *p->sections);
    if (!p->sections) {
        problem(p, 1, "out of memory");
        return;
    }
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        start = 3;                  /* the byte order mark some editors write */
    while (start < len && !p->oom) {
        const char *nl = memchr(buf + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - buf) : len;

        p->line++;
        read_line(p, buf + start, end - start);
        start = end + 1;
    }
    end_section(p);
    finish_file(p);
}

/* Checks one raw line (n bytes, without '\n') and hands it on trimmed. */
static void read_line(struct parser *p, const char *raw, size_t n)
{
    char line[CONTENT_MAX_LINE_BYTES + 1];

    if (n > 0 && raw[n - 1] == '\r')
        n--;
    if (n > CONTENT_MAX_LINE_BYTES) {
        problem(p, p->line, "line is longer than %d bytes: split it", CONTENT_MAX_LINE_BYTES);
        return;
    }
    if (!utf8_valid(raw, n)) {
        problem(p, p->line, "invalid UTF-8: save the file as UTF-8 text");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)raw[i];

        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            problem(p, p->line, "control character 0x%02X in the text", c);
            return;
        }
        line[i] = c == '\t' ? ' ' : (char)c;
    }
    line[n] = '\0';
    parse_line(p, trim(line));
}

static void parse_line(struct parser *p, char *s)
{
    if (s[0] == '#')
        return;
    if (strncmp(s, "==", 2) == 0) {
        start_section(p, s);
        return;
    }
    switch (p->where) {
    case IN_HEADER:
        header_line(p, s);
        break;
    case IN_INFO:
        info_line(p, s);
        break;
    case IN_SCREENING:
        screening_line(p, s);
        break;
    case IN_IGNORED:
        break;
    }
}

/* ---------------------------------------------------------------- the header */

static void header_line(struct parser *p, char *s)
{
    char *key, *value, norm[KEY_BYTES];

    if (*s == '\0')
        return;
    if (!split_field(s, &key, &value)) {
        problem(p, p->line, "text outside a section: put a line like '== Title ==' above it");
        return;
    }
    normalise_key(key, norm);
    for (int i = 0; i < p->kind->nfields; i++)
        if (key_is(norm, p->kind->fields[i].name)) {
            set_text(p, &p->kind->fields[i], &p->field_line[i], value);
            return;
        }
    if (!p->kind->is_clinic && key_is(norm, category_field.name)) {
        set_text(p, &category_field, &p->category_line, value);
        return;
    }
    if (p->kind->is_clinic && key_is(norm, language_field.name)) {
        set_text(p, &language_field, &((struct content_clinic *)p->target)->language_line, value);
        return;
    }
    if (p->kind->is_clinic)
        for (int i = 0; i < COUNT(colour_fields); i++)
            if (key_is(norm, colour_fields[i].name)) {
                set_colour(p, i, value);
                return;
            }
    if (header_picture(p, norm, value))
        return;
    problem(p, p->line, "unknown field '%s': expected %s", key, p->kind->expected);
}

/* Sets field f of the target to value; *line says where it was set before (0 = never). */
static void set_text(struct parser *p, const struct text_field *f, int *line, const char *value)
{
    const char *scope = f >= screening_fields && f < screening_fields + COUNT(screening_fields) ? "screening"
                      : p->kind->is_clinic ? "clinic" : "treatment";
    char what[KEY_BYTES + 2];

    if (*line) {
        problem(p, p->line, "'%s' is given twice (first on line %d)", f->name, *line);
        return;
    }
    *line = p->line;
    if (*value == '\0') {
        problem(p, p->line, "'%s' is empty", f->name);
        return;
    }
    snprintf(what, sizeof what, "'%s'", f->name);
    if (check_length(p, p->line, scope, f->name, what, value) != 0)
        return;
    if (f->valid && !f->valid(value)) {
        problem(p, p->line, "'%s' must be %s, not '%.*s'", f->name, f->rule, quote_len(value), value);
        return;
    }
    *text_slot(p->target, f->offset) = dup_text(p, value);
}

static void set_colour(struct parser *p, int i, const char *value)
{
    const char *name = colour_fields[i].name;

    if (p->colour_line[i]) {
        problem(p, p->line, "'%s' is given twice (first on line %d)", name, p->colour_line[i]);
        return;
    }
    p->colour_line[i] = p->line;
    if (strlen(value) != 7 || value[0] != '#' || strspn(value + 1, "0123456789abcdefABCDEF") != 6) {
        problem(p, p->line, "'%s' must be a colour written like #1B585E, not '%.*s'",
                name, quote_len(value), value);
        return;
    }
    *colour_slot(p->target, i) = (unsigned)strtoul(value + 1, NULL, 16);
}

/* ---------------------------------------------------------------- sections */

static void start_section(struct parser *p, char *s)
{
    struct content_section *sec;
    char *title;

    end_section(p);
    title = section_title(p, s);
    if (strcasecmp(title, "Screening") == 0) {
        start_screening(p);
        return;
    }
    p->where = IN_IGNORED;
    if (p->nsections == CONTENT_MAX_SECTIONS) {
        if (!p->sections_full)
            problem(p, p->line, "more than %d sections in one file", CONTENT_MAX_SECTIONS);
        p->sections_full = 1;
        return;
    }
    sec = &p->sections[p->nsections];
    sec->line = p->line;
    p->section_line[p->nsections++] = p->line;
    check_length(p, p->line, "section", "title", "the section title", title);
    sec->title = dup_text(p, title);
    sec->blocks = calloc(CONTENT_MAX_BLOCKS, sizeof *sec->blocks);
    if (!sec->blocks) {
        problem(p, p->line, "out of memory");
        p->oom = 1;
        return;
    }
    p->where = IN_INFO;
    p->block_limit_reported = 0;
    p->last_step = 0;
}

/* The title of a "== Title ==" line s, reporting a missing "==" at its end or an empty title. */
static char *section_title(struct parser *p, char *s)
{
    size_t n = strlen(s);
    int closed = n >= 4 && strcmp(s + n - 2, "==") == 0;

    while (n > 0 && s[n - 1] == '=')
        s[--n] = '\0';
    while (*s == '=')
        s++;
    s = trim(s);
    if (!closed)
        problem(p, p->line, "section title must end with '==', like '== %.*s =='",
                *s ? quote_len(s) : 5, *s ? s : "Title");
    else if (*s == '\0')
        problem(p, p->line, "section title is empty");
    return s;
}

static void end_section(struct parser *p)
{
    if (p->where == IN_INFO) {
        const struct content_section *sec = &p->sections[p->nsections - 1];

        close_question(p);
        await_picture_text(p);
        if (sec->nblocks == 0)
            problem(p, p->section_line[p->nsections - 1], "section '%s' is empty",
                    sec->title ? sec->title : "");
        check_blocks(p, sec, p->block_line);
    } else if (p->where == IN_SCREENING) {
        end_screening(p);
    }
    p->where = IN_IGNORED;
    p->cont = NULL;
}

/* ---------------------------------------------------------------- information sections */

static void info_line(struct parser *p, char *s)
{
    const char *title;
    int number;

    if (p->awaiting && *s != '\0' && strncasecmp(s, "Picture text:", 13) != 0)
        await_picture_text(p);
    if (strncasecmp(s, "Picture text:", 13) == 0)
        section_picture_text(p, trim(s + 13));
    else if (strncasecmp(s, "Picture:", 8) == 0)
        section_picture(p, trim(s + 8));
    else if (*s == '\0')
        p->cont = NULL;             /* a blank line ends a paragraph, bullet, step or answer */
    else if (strncasecmp(s, "Q:", 2) == 0)
        faq_question(p, trim(s + 2));
    else if (strncasecmp(s, "A:", 2) == 0)
        faq_answer(p, trim(s + 2));
    else if (s[0] == '-' && (s[1] == ' ' || s[1] == '\0'))
        bullet_line(p, trim(s + 1));
    else if ((number = step_number(s, &title)) > 0)
        step_line(p, number, title);
    else if (p->cont)
        append_text(p, p->cont, s);
    else
        start_block(p, CONTENT_PARAGRAPH, s);
}

/* Starts a block whose text the next lines may continue. */
static void start_block(struct parser *p, enum content_block_kind kind, const char *text)
{
    struct content_block *b = new_block(p, kind);

    if (!b)
        return;
    p->cont = &b->text;
    append_text(p, p->cont, text);
}

static void bullet_line(struct parser *p, const char *text)
{
    if (*text == '\0') {
        close_question(p);
        p->cont = NULL;
        problem(p, p->line, "nothing after '-': write the item on the same line");
        return;
    }
    start_block(p, CONTENT_BULLET, text);
}

/* A new block of the open section with empty text, or NULL when it is full (reported once). */
static struct content_block *new_block(struct parser *p, enum content_block_kind kind)
{
    struct content_section *sec = &p->sections[p->nsections - 1];
    struct content_block *b;

    close_question(p);
    p->cont = NULL;
    if (sec->nblocks == CONTENT_MAX_BLOCKS) {
        if (!p->block_limit_reported)
            problem(p, p->line, "section '%s' has more than %d paragraphs, items, steps and "
                    "questions: split it", sec->title ? sec->title : "", CONTENT_MAX_BLOCKS);
        p->block_limit_reported = 1;
        return NULL;
    }
    p->block_line[sec->nblocks] = p->line;
    b = &sec->blocks[sec->nblocks++];
    b->kind = kind;
    b->line = p->line;
    b->text = dup_text(p, "");
    return b;
}

static void faq_question(struct parser *p, const char *text)
{
    struct content_block *b;

    if (*text == '\0') {
        close_question(p);
        problem(p, p->line, "nothing after 'Q:': write the question on the same line");
        return;
    }
    b = new_block(p, CONTENT_FAQ);
    if (!b)
        return;
    p->cont = &b->title;            /* the lines below, up to "A:", continue the question */
    append_text(p, p->cont, text);
    p->question = b;
    p->question_line = p->line;
}

static void faq_answer(struct parser *p, const char *text)
{
    struct content_block *b = p->question;

    p->cont = NULL;
    if (!b) {
        problem(p, p->line, "'A:' without a question: put a line starting with 'Q:' above it");
        return;
    }
    p->question = NULL;
    if (*text == '\0') {
        problem(p, p->line, "nothing after 'A:': write the answer on the same line");
        return;
    }
    p->cont = &b->text;
    append_text(p, p->cont, text);
}

/* Reports a question still waiting for its answer. */
static void close_question(struct parser *p)
{
    if (p->question)
        problem(p, p->question_line, "question without an answer: add a line starting with 'A:' below it");
    p->question = NULL;
}

/* Reports each block of sec (which started on block_line[i]) whose title or text is too long. */
static void check_blocks(struct parser *p, const struct content_section *sec, const int *block_line)
{
    static const char *const kinds[] = {
        [CONTENT_PARAGRAPH] = "this paragraph", [CONTENT_BULLET] = "this item",
        [CONTENT_STEP] = "this step's text", [CONTENT_FAQ] = "this answer",
    };

    for (int i = 0; i < sec->nblocks; i++) {
        const struct content_block *b = &sec->blocks[i];

        if (b->kind == CONTENT_PICTURE)
            continue;           /* its words were checked with it (set_picture_text) */
        if (b->title && b->kind == CONTENT_STEP)
            check_length(p, block_line[i], "section", "step title", "this step's title", b->title);
        else if (b->title)
            check_length(p, block_line[i], "section", "question", "this question", b->title);
        if (b->text)
            check_length(p, block_line[i], "section", "text", kinds[b->kind], b->text);
    }
}

static void step_line(struct parser *p, int number, const char *title)
{
    struct content_block *b;

    if (number != p->last_step + 1)
        problem(p, p->line, "step %d is out of order: expected step %d", number, p->last_step + 1);
    p->last_step = number;
    if (*title == '\0') {
        close_question(p);
        p->cont = NULL;
        problem(p, p->line, "step %d has no title: write it after '%d.'", number, number);
        return;
    }
    b = new_block(p, CONTENT_STEP);
    if (!b)
        return;
    b->number = number;
    b->title = dup_text(p, title);
    p->cont = &b->text;             /* the lines below the title are the step's text */
}

/* The number of a step line "12. Title" with *title pointing at "Title", or 0 for other lines. */
static int step_number(const char *s, const char **title)
{
    int n = 0, digits = 0;

    while (s[digits] >= '0' && s[digits] <= '9' && digits < 3)
        n = n * 10 + (s[digits++] - '0');
    if (digits == 0 || s[digits] != '.' || (s[digits + 1] != ' ' && s[digits + 1] != '\0'))
        return 0;
    for (*title = s + digits + 1; **title == ' '; (*title)++)
        ;
    return n;
}

/* ---------------------------------------------------------------- the Screening section */

static void start_screening(struct parser *p)
{
    struct content_treatment *t = p->target;

    p->where = IN_IGNORED;
    if (p->kind->is_clinic) {
        problem(p, p->line, "a Screening section belongs in a treatment file, not here");
        return;
    }
    if (p->screening_line) {
        problem(p, p->line, "a second Screening section (the first is on line %d)", p->screening_line);
        return;
    }
    p->screening_line = p->line;
    t->screening_line = p->line;
    t->questions = calloc(CONTENT_MAX_QUESTIONS, sizeof *t->questions);
    if (!t->questions) {
        problem(p, p->line, "out of memory");
        p->oom = 1;
        return;
    }
    p->where = IN_SCREENING;
}

static void screening_line(struct parser *p, char *s)
{
    char *key, *value, norm[KEY_BYTES];

    if (*s == '\0')
        return;
    if (!split_field(s, &key, &value)) {
        problem(p, p->line, "each line of the Screening section starts with 'Question:', "
                "'If yes:', 'Note:', 'Intro:' or 'Result ...:'");
        return;
    }
    normalise_key(key, norm);
    if (strcmp(norm, "question") == 0) {
        new_question(p, value);
    } else if (strcmp(norm, "if yes") == 0) {
        if_yes(p, value);
    } else if (strcmp(norm, "note") == 0) {
        question_note(p, value);
    } else {
        for (int i = 0; i < COUNT(screening_fields); i++)
            if (key_is(norm, screening_fields[i].name)) {
                set_text(p, &screening_fields[i], &p->screening_field_line[i], value);
                return;
            }
        problem(p, p->line, "unknown field '%s' in the Screening section: expected Intro, Question, "
                "If yes, Note, Result clear, Result discuss or Result stop", key);
    }
}

static void new_question(struct parser *p, const char *text)
{
    struct content_treatment *t = p->target;

    finish_question(p);
    if (t->nquestions == CONTENT_MAX_QUESTIONS) {
        if (!p->questions_full)
            problem(p, p->line, "more than %d questions", CONTENT_MAX_QUESTIONS);
        p->questions_full = 1;
        return;
    }
    p->q = &t->questions[t->nquestions++];
    p->q->line = p->line;
    p->q_line = p->line;
    p->q_if_yes_line = 0;
    if (*text == '\0')
        problem(p, p->line, "'Question' is empty");
    else
        check_length(p, p->line, "screening", "Question", "'Question'", text);
    p->q->text = dup_text(p, text);
}

static void if_yes(struct parser *p, const char *value)
{
    if (!p->q) {
        if (!p->questions_full)
            problem(p, p->line, "'If yes:' without a question: put a line starting with 'Question:' above it");
        return;
    }
    if (p->q_if_yes_line) {
        problem(p, p->line, "'If yes' is given twice (first on line %d)", p->q_if_yes_line);
        return;
    }
    p->q_if_yes_line = p->line;
    p->q->if_yes_line = p->line;
    if (strcasecmp(value, "stop") == 0)
        p->q->yes_outcome = CONTENT_OUTCOME_STOP;
    else if (strcasecmp(value, "discuss") == 0)
        p->q->yes_outcome = CONTENT_OUTCOME_DISCUSS;
    else
        problem(p, p->line, "'If yes' must be 'stop' or 'discuss', not '%.*s'", quote_len(value), value);
}

static void question_note(struct parser *p, const char *value)
{
    if (!p->q) {
        if (!p->questions_full)
            problem(p, p->line, "'Note:' without a question: put a line starting with 'Question:' above it");
        return;
    }
    if (p->q->note) {
        problem(p, p->line, "the question on line %d has two notes", p->q_line);
        return;
    }
    if (*value == '\0') {
        problem(p, p->line, "'Note' is empty");
        return;
    }
    if (check_length(p, p->line, "screening", "Note", "'Note'", value) != 0)
        return;
    p->q->note = dup_text(p, value);
    p->q->note_line = p->line;
}

/* Reports a question left without its "If yes:" line. */
static void finish_question(struct parser *p)
{
    if (p->q && !p->q_if_yes_line)
        problem(p, p->q_line, "question without 'If yes:': add 'If yes: stop' or 'If yes: discuss' below it");
    p->q = NULL;
}

static void end_screening(struct parser *p)
{
    const struct content_treatment *t = p->target;
    int stops = 0, discusses = 0;

    finish_question(p);
    if (t->nquestions == 0) {
        problem(p, p->screening_line, "the Screening section has no questions: add lines starting "
                "with 'Question:' or remove the section");
        return;
    }
    for (int i = 0; i < t->nquestions; i++) {
        stops += t->questions[i].yes_outcome == CONTENT_OUTCOME_STOP;
        discusses += t->questions[i].yes_outcome == CONTENT_OUTCOME_DISCUSS;
    }
    if (!p->screening_field_line[INTRO])
        problem(p, p->screening_line, "the Screening section needs an 'Intro:' line");
    if (!p->screening_field_line[RESULT_CLEAR])
        problem(p, p->screening_line, "the Screening section needs a 'Result clear:' line");
    if (discusses && !p->screening_field_line[RESULT_DISCUSS])
        problem(p, p->screening_line, "the Screening section needs a 'Result discuss:' line, "
                "as a question says 'If yes: discuss'");
    if (stops && !p->screening_field_line[RESULT_STOP])
        problem(p, p->screening_line, "the Screening section needs a 'Result stop:' line, "
                "as a question says 'If yes: stop'");
}

/* ---------------------------------------------------------------- pictures */

/* "Logo: ..." or "Logo text: ..." (or a treatment's "Picture"); returns 0 when norm is neither. */
static int header_picture(struct parser *p, const char *norm, const char *value)
{
    for (int i = 0; i < p->kind->npictures; i++) {
        const struct picture_field *f = &p->kind->pictures[i];
        struct content_picture *pic = (struct content_picture *)((char *)p->target + f->offset);
        int is_text = key_is(norm, f->text_name), *line;

        if (!is_text && !key_is(norm, f->name))
            continue;
        line = is_text ? &p->picture_text_line[i] : &p->picture_line[i];
        if (*line) {
            problem(p, p->line, "'%s' is given twice (first on line %d)", is_text ? f->text_name : f->name, *line);
            return 1;
        }
        *line = p->line;
        if (is_text)
            set_picture_text(p, pic, f->text_name, value);
        else if (*value == '\0')
            problem(p, p->line, "'%s' is empty: write the picture's file name, or remove the line", f->name);
        else
            load_picture(p, pic, value);
        return 1;
    }
    return 0;
}

/* Finds the file value names, next to the file being read or in the content's images/, and
 * checks it (decoding it too when the reporter has a decoder). pic owns what it is given. */
static void load_picture(struct parser *p, struct content_picture *pic, const char *value)
{
    char here[PATH_BYTES], images[PATH_BYTES], path[2][PATH_BYTES], why[512];
    const char *slash = strrchr(p->path, '/');
    struct picture_info info;
    enum picture_problem pr = PICTURE_MISSING;
    int found = -1;

    pic->file = dup_text(p, value);
    if (!picture_name_ok(value)) {
        problem(p, p->line, "picture '%.*s' must be a file name such as 'logo.png' (no '..', not starting "
                "with '/', at most %d bytes)", quote_len(value), value, PICTURE_NAME_MAX);
        return;
    }
    snprintf(here, sizeof here, "%.*s", slash ? (int)(slash - p->path) : 1, slash ? p->path : ".");
    snprintf(images, sizeof images, "%s/images", p->base);
    for (int i = 0; i < 2 && pr == PICTURE_MISSING; i++) {
        if (snprintf(path[i], PATH_BYTES, "%s/%s", i == 0 ? here : images, value) >= PATH_BYTES)
            continue;
        pr = picture_probe(path[i], &info, why, sizeof why);
        found = i;
    }
    if (pr == PICTURE_MISSING) {
        problem(p, p->line, "picture '%.*s' is not in %s nor in %s: put the file in one of them",
                quote_len(value), value, here, images);
        return;
    }
    if (pr != PICTURE_OK) {
        problem(p, p->line, "picture '%.*s' %s", quote_len(value), value, why);
        return;
    }
    if (p->rep->dec && p->rep->dec->decode(p->rep->dec->ctx, path[found], why, sizeof why) != 0) {
        problem(p, p->line, "picture '%.*s' %s", quote_len(value), value, why);
        return;
    }
    pic->path = dup_text(p, path[found]);
    pic->width = info.w;
    pic->height = info.h;
}

static int set_picture_text(struct parser *p, struct content_picture *pic, const char *name, const char *value)
{
    if (*value == '\0') {
        problem(p, p->line, "'%s' is empty: say in words what the picture shows", name);
        return -1;
    }
    if (strlen(value) > CONTENT_MAX_PICTURE_TEXT) {
        problem(p, p->line, "'%s' is longer than %d bytes: one or two short sentences are enough",
                name, CONTENT_MAX_PICTURE_TEXT);
        return -1;
    }
    free(pic->text);
    pic->text = dup_text(p, value);
    return 0;
}

/* "Picture: FILE" on a line of its own in a section; its "Picture text:" comes on the next line. */
static void section_picture(struct parser *p, const char *value)
{
    struct content_block *b;

    if (p->npictures == CONTENT_MAX_PICTURES) {
        problem(p, p->line, "more than %d pictures in the sections of one file", CONTENT_MAX_PICTURES);
        p->npictures++;
        return;
    }
    if (p->npictures > CONTENT_MAX_PICTURES)
        return;
    b = new_block(p, CONTENT_PICTURE);
    if (!b)
        return;
    p->npictures++;
    b->picture = calloc(1, sizeof *b->picture);
    if (!b->picture) {
        problem(p, p->line, "out of memory");
        p->oom = 1;
        return;
    }
    if (*value == '\0')
        problem(p, p->line, "nothing after 'Picture:': write the picture's file name on the same line");
    else
        load_picture(p, b->picture, value);
    p->awaiting = b->picture;
    p->awaiting_line = p->line;
}

static void section_picture_text(struct parser *p, const char *value)
{
    close_question(p);
    p->cont = NULL;
    if (!p->awaiting) {
        problem(p, p->line, "'Picture text:' without a picture: put it on the line below a 'Picture:' line");
        return;
    }
    set_picture_text(p, p->awaiting, "Picture text", value);
    p->awaiting = NULL;
}

/* Reports a section's picture whose text did not follow it. */
static void await_picture_text(struct parser *p)
{
    if (p->awaiting && !p->awaiting->text)
        problem(p, p->awaiting_line, "picture '%s' needs its text: add a line 'Picture text: what it shows' "
                "just below it", p->awaiting->file ? p->awaiting->file : "");
    p->awaiting = NULL;
}

/* Each header picture needs its text, and a text its picture. */
static void finish_pictures(struct parser *p)
{
    for (int i = 0; i < p->kind->npictures; i++) {
        const struct picture_field *f = &p->kind->pictures[i];
        const struct content_picture *pic = (const struct content_picture *)((char *)p->target + f->offset);

        if (p->picture_line[i] && !p->picture_text_line[i])
            problem(p, p->picture_line[i], "picture '%s' needs its text: add a line '%s: what it shows'",
                    pic->file ? pic->file : "", f->text_name);
        else if (p->picture_text_line[i] && !p->picture_line[i])
            problem(p, p->picture_text_line[i], "'%s' without a '%s:' line: name the picture's file, or remove it",
                    f->text_name, f->name);
    }
}

/* ---------------------------------------------------------------- the end of a file */

/* Checks what the whole file needs and hands the sections to the target. */
static void finish_file(struct parser *p)
{
    for (int i = 0; i < p->kind->nfields; i++)
        if (!p->field_line[i])
            problem(p, 1, "no '%s:' line: add it at the top of the file", p->kind->fields[i].name);
    finish_pictures(p);
    if (p->kind->is_clinic) {
        finish_clinic(p, p->target);
    } else {
        struct content_treatment *t = p->target;

        if (p->nsections == 0 && !p->oom)
            problem(p, 1, "no information sections: add one under a line like '== What it is =='");
        t->sections = p->sections;
        t->nsections = p->nsections;
    }
    p->sections = NULL;
}

/* Takes the doctor's page and the privacy notice out of the file's sections. */
static void finish_clinic(struct parser *p, struct content_clinic *c)
{
    int have_doctor = 0, have_privacy = 0;

    for (int i = 0; i < p->nsections; i++) {
        struct content_section *sec = &p->sections[i];
        int is_privacy = sec->title && strcasecmp(sec->title, "Privacy notice") == 0;

        if (is_privacy && !have_privacy) {
            c->privacy = *sec;
            have_privacy = 1;
        } else if (!is_privacy && !have_doctor) {
            c->doctor = *sec;
            have_doctor = 1;
        } else {
            problem(p, p->section_line[i], is_privacy ? "a second privacy notice"
                    : "a third section: clinic.txt holds only the doctor's page and the privacy notice");
            section_free(sec);
        }
    }
    free(p->sections);
    if (p->oom)
        return;
    if (!have_doctor)
        problem(p, 1, "no doctor's page: add a section such as '== About Dr Nicole =='");
    if (have_privacy)
        privacy_version(p, c);
    else
        problem(p, 1, "no '== Privacy notice ==' section");
    check_contrast(p, c);
}

static void check_contrast(struct parser *p, struct content_clinic *c)
{
    for (int i = 0; i < COUNT(contrast_pairs); i++) {
        int fg = contrast_pairs[i][0], bg = contrast_pairs[i][1];
        int line = p->colour_line[fg] > p->colour_line[bg] ? p->colour_line[fg] : p->colour_line[bg];
        double ratio = content_contrast(*colour_slot(c, fg), *colour_slot(c, bg));

        if (ratio < CONTENT_MIN_CONTRAST)       /* at the later of the two lines, if either was given */
            problem(p, line > 0 ? line : 1,
                    "'%s' #%06X on '%s' #%06X has a contrast of %.1f:1; it needs at least %.0f:1",
                    colour_fields[fg].name, *colour_slot(c, fg), colour_fields[bg].name,
                    *colour_slot(c, bg), ratio, CONTENT_MIN_CONTRAST);
    }
}

/* Sets c->privacy_version from the notice's text as shown (see content.h). */
static void privacy_version(struct parser *p, struct content_clinic *c)
{
    crypto_hash_sha256_state state;
    unsigned char hash[crypto_hash_sha256_BYTES];
    int pieces = 0;

    if (sodium_init() < 0) {
        problem(p, 1, "cannot initialise libsodium");
        return;
    }
    crypto_hash_sha256_init(&state);
    for (int i = 0; i < c->privacy.nblocks; i++) {
        const struct content_block *b = &c->privacy.blocks[i];
        const char *piece[2] = { b->title, b->text };

        for (int k = 0; k < 2; k++) {
            if (!piece[k] || piece[k][0] == '\0')
                continue;
            if (pieces++ > 0)
                crypto_hash_sha256_update(&state, (const unsigned char *)"\n", 1);
            crypto_hash_sha256_update(&state, (const unsigned char *)piece[k], strlen(piece[k]));
        }
    }
    crypto_hash_sha256_final(&state, hash);
    sodium_bin2hex(c->privacy_version, sizeof c->privacy_version, hash, 8);
}

/* ---------------------------------------------------------------- translations */

/* A translation must say everything the default language says, in the same places, and screen
 * exactly as it does: the comparisons below name the translation's line and the default's. */

static const char *file_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

static const char *block_kind_name(enum content_block_kind k)
{
    switch (k) {
    case CONTENT_PARAGRAPH: return "a paragraph";
    case CONTENT_BULLET:    return "an item";
    case CONTENT_STEP:      return "a step";
    case CONTENT_FAQ:       return "a question and answer";
    case CONTENT_PICTURE:   return "a picture";
    }
    return "a block";
}

static const char *outcome_name(enum content_outcome o)
{
    return o == CONTENT_OUTCOME_STOP ? "stop" : "discuss";
}

/* The blocks of section t (in tpath) against those of d (in dpath). */
static void compare_section(struct reporter *rep, const char *tpath, const struct content_section *t,
                            const char *dpath, const struct content_section *d)
{
    if (t->nblocks != d->nblocks) {
        report(rep, "%s:%d: section '%s' has %d paragraphs, items, steps and questions where '%s' (%s:%d) has %d: "
               "translate each one, in the same order", tpath, t->line, t->title ? t->title : "", t->nblocks,
               d->title ? d->title : "", dpath, d->line, d->nblocks);
        return;
    }
    for (int i = 0; i < t->nblocks; i++) {
        const struct content_block *tb = &t->blocks[i], *db = &d->blocks[i];

        if (tb->kind != db->kind) {
            report(rep, "%s:%d: this is %s where %s:%d has %s: keep the paragraphs, items, steps and questions "
                   "of the default language in its order", tpath, tb->line, block_kind_name(tb->kind), dpath,
                   db->line, block_kind_name(db->kind));
            return;
        }
        if (tb->kind == CONTENT_STEP && (tb->text[0] == '\0') != (db->text[0] == '\0'))
            report(rep, "%s:%d: step %d %s where %s:%d %s", tpath, tb->line, tb->number,
                   tb->text[0] ? "has text" : "has no text below its title", dpath, db->line,
                   db->text[0] ? "has some: translate it" : "has none: leave it out");
    }
}

/* A picture the default language shows is shown in the translation too, with its words in the
 * translation's language; and none that the default does not show. */
static void compare_picture(struct reporter *rep, const char *tpath, const struct content_picture *t,
                            const char *dpath, const struct content_picture *d, const char *field)
{
    if (d->file && !t->file)
        report(rep, "%s: no '%s:' where %s has '%s: %s': give it here too, with its '%s text:' in this language",
               tpath, field, dpath, field, d->file, field);
    else if (!d->file && t->file)
        report(rep, "%s: '%s: %s' where %s has no '%s:': leave it out", tpath, field, t->file, dpath, field);
}

static void compare_clinic(struct reporter *rep, const struct content_clinic *d, struct content_clinic *t)
{
    compare_picture(rep, t->path, &t->logo, d->path, &d->logo, "Logo");
    compare_picture(rep, t->path, &t->photo, d->path, &d->photo, "Photo");
    for (int i = 0; i < NCOLOURS; i++)
        if (t->colour_line[i] && *colour_slot(t, i) != *colour_slot((struct content_clinic *)d, i))
            report(rep, "%s:%d: '%s' #%06X differs from #%06X in %s: the kiosk's colours are the default "
                   "language's, so leave the line out", t->path, t->colour_line[i], colour_fields[i].name,
                   *colour_slot(t, i), *colour_slot((struct content_clinic *)d, i), d->path);
    compare_section(rep, t->path, &t->doctor, d->path, &d->doctor);
    compare_section(rep, t->path, &t->privacy, d->path, &d->privacy);
    for (int i = 0; i < NCOLOURS; i++)
        *colour_slot(t, i) = *colour_slot((struct content_clinic *)d, i);
}

static void compare_screening(struct reporter *rep, const struct content_treatment *d,
                              const struct content_treatment *t)
{
    if (d->nquestions && !t->nquestions) {
        report(rep, "%s: no Screening section where %s:%d has one: translate it", t->path, d->path,
               d->screening_line);
        return;
    }
    if (!d->nquestions && t->nquestions) {
        report(rep, "%s:%d: a Screening section that %s does not have: leave it out", t->path, t->screening_line,
               d->path);
        return;
    }
    if (t->nquestions != d->nquestions) {
        report(rep, "%s:%d: the Screening section has %d questions where %s:%d has %d: translate every question, "
               "in the same order, and add none", t->path, t->screening_line, t->nquestions, d->path,
               d->screening_line, d->nquestions);
        return;
    }
    for (int i = 0; i < t->nquestions; i++) {
        const struct content_question *tq = &t->questions[i], *dq = &d->questions[i];

        if (tq->yes_outcome != dq->yes_outcome)
            report(rep, "%s:%d: 'If yes: %s' where question %d of %s says 'If yes: %s' (line %d): a translation "
                   "must never change who may have the treatment", t->path, tq->if_yes_line,
                   outcome_name(tq->yes_outcome), i + 1, d->path, outcome_name(dq->yes_outcome), dq->if_yes_line);
        if (dq->note && !tq->note)
            report(rep, "%s:%d: question %d has no 'Note:' where %s:%d has one: translate it", t->path, tq->line,
                   i + 1, d->path, dq->note_line);
        else if (!dq->note && tq->note)
            report(rep, "%s:%d: a 'Note:' that question %d of %s does not have: leave it out", t->path,
                   tq->note_line, i + 1, d->path);
    }
}

static void compare_treatment(struct reporter *rep, const struct content_treatment *d,
                              const struct content_treatment *t)
{
    if (d->id && t->id && strcmp(d->id, t->id) != 0)
        report(rep, "%s:%d: Id '%s' is not '%s' as in %s: a treatment keeps its Id in every language", t->path,
               t->id_line, t->id, d->id, d->path);
    compare_picture(rep, t->path, &t->picture, d->path, &d->picture, "Picture");
    if (d->category && !t->category)
        report(rep, "%s: no 'Category:' where %s:%d has one: translate it", t->path, d->path, d->category_line);
    else if (!d->category && t->category)
        report(rep, "%s:%d: a 'Category:' that %s does not have: leave it out", t->path, t->category_line, d->path);
    if (t->nsections != d->nsections)
        report(rep, "%s: %d information sections where %s has %d: translate every section, in the same order",
               t->path, t->nsections, d->path, d->nsections);
    else
        for (int i = 0; i < t->nsections; i++)
            compare_section(rep, t->path, &t->sections[i], d->path, &d->sections[i]);
    compare_screening(rep, d, t);
}

/* Treatments grouped together on the menu in one language are grouped together in the other. */
static void compare_categories(struct reporter *rep, const struct content *def, const struct content *tr)
{
    for (int j = 1; j < tr->ntreatments; j++)
        for (int i = 0; i < j; i++) {
            const struct content_treatment *di = &def->treatments[i], *dj = &def->treatments[j];
            const struct content_treatment *ti = &tr->treatments[i], *tj = &tr->treatments[j];
            int dsame, tsame;

            if (!di->category || !dj->category || !ti->category || !tj->category)
                continue;
            dsame = strcmp(di->category, dj->category) == 0;
            tsame = strcmp(ti->category, tj->category) == 0;
            if (dsame && !tsame) {
                report(rep, "%s:%d: Category '%s' differs from '%s' of %s, though both are '%s' in the default "
                       "language: translate a category the same way in every file", tj->path, tj->category_line,
                       tj->category, ti->category, ti->path, dj->category);
                return;
            }
            if (!dsame && tsame) {
                report(rep, "%s:%d: Category '%s' is also that of %s, though their categories differ in the default "
                       "language ('%s' and '%s'): keep them apart here too", tj->path, tj->category_line,
                       tj->category, ti->path, di->category, dj->category);
                return;
            }
        }
}

/* Checks tr against def; leaves tr with def's colours. */
static void compare_translation(struct reporter *rep, const struct content *def, struct content *tr)
{
    const char *tdir = tr->clinic.path;
    int matched[CONTENT_MAX_TREATMENTS] = { 0 }, before = rep->count;
    size_t tdir_len;

    compare_clinic(rep, &def->clinic, &tr->clinic);
    tdir_len = tdir ? (size_t)(file_name(tdir) - tdir) : 0;
    for (int i = 0; i < def->ntreatments; i++) {
        const struct content_treatment *d = &def->treatments[i];
        int found = -1;

        for (int k = 0; k < tr->ntreatments && found < 0; k++)
            if (strcmp(file_name(tr->treatments[k].path), file_name(d->path)) == 0)
                found = k;
        if (found < 0) {
            report(rep, "%.*streatments: no %s: every treatment of the default language needs its translation here "
                   "(translate %s)", (int)tdir_len, tdir ? tdir : "", file_name(d->path), d->path);
            continue;
        }
        matched[found] = 1;
        compare_treatment(rep, d, &tr->treatments[found]);
    }
    for (int k = 0; k < tr->ntreatments; k++)
        if (!matched[k])
            report(rep, "%s: the default language has no treatment file of this name: a translation keeps its "
                   "treatment's file name", tr->treatments[k].path);
    /* Both lists are sorted by file name: when every one matched, they are in the same order. */
    if (rep->count == before)
        compare_categories(rep, def, tr);
}

/* ---------------------------------------------------------------- freeing */

static void picture_free(struct content_picture *pic)
{
    free(pic->file);
    free(pic->path);
    free(pic->text);
    memset(pic, 0, sizeof *pic);
}

static void section_free(struct content_section *s)
{
    for (int i = 0; i < s->nblocks; i++) {
        free(s->blocks[i].title);
        free(s->blocks[i].text);
        if (s->blocks[i].picture)
            picture_free(s->blocks[i].picture);
        free(s->blocks[i].picture);
    }
    free(s->blocks);
    free(s->title);
    memset(s, 0, sizeof *s);
}

static void clinic_free(struct content_clinic *c)
{
    free(c->language);
    free(c->path);
    free(c->name);
    free(c->welcome);
    free(c->contact);
    free(c->doctor_name);
    free(c->doctor_role);
    picture_free(&c->logo);
    picture_free(&c->photo);
    section_free(&c->doctor);
    section_free(&c->privacy);
    memset(c, 0, sizeof *c);
}

static void treatment_free(struct content_treatment *t)
{
    for (int i = 0; i < t->nsections; i++)
        section_free(&t->sections[i]);
    free(t->sections);
    for (int i = 0; i < t->nquestions; i++) {
        free(t->questions[i].text);
        free(t->questions[i].note);
    }
    free(t->questions);
    free(t->category);
    free(t->id);
    free(t->name);
    free(t->tagline);
    free(t->summary);
    picture_free(&t->picture);
    free(t->screening_intro);
    free(t->result_clear);
    free(t->result_discuss);
    free(t->result_stop);
    free(t->path);
    memset(t, 0, sizeof *t);
}
