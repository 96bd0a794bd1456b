/* export_xlsx: the .xlsx writer (see export_xlsx.h). What a receptionist opens every morning: no
 * import dialog, phone numbers that keep their 0 and +, nothing ever run as a formula. */
#include "export_xlsx.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <xlsxwriter/third_party/zip.h>     /* minizip's declarations, as libxlsxwriter calls it */

#include "export.h"
#include "utf8.h"

/* ---------------------------------------------------------------- defines */

#define COLUMNS_MAX     32
#define WIDTH_MIN       8       /* in characters of the default font */
#define WIDTH_MAX       60      /* longer values wrap into the cell's next line when opened, not the sheet */
#define TIME_FORMAT     "yyyy-mm-dd hh:mm"
#define XLSX_SONAME     "libxlsxwriter.so.4"
#define MINIZIP_SONAME  "libminizip.so.1"   /* Debian's libxlsxwriter4 links the system minizip */
#define ZIP_LEVEL       Z_BEST_SPEED        /* zlib's level for the workbook's parts: see below */


/* ---------------------------------------------------------------- types */

struct export_xlsx {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *header;             /* bold */
    lxw_format *text;               /* number format "@": a cell edited later stays text */
    lxw_format *time;               /* TIME_FORMAT */
    lxw_row_t row;                  /* the next row to write */
    int ncols;
    const struct export_column *col[COLUMNS_MAX];   /* the columns shown, in order */
    int width[COLUMNS_MAX];         /* widest value so far of each column, in characters */
    char answers[QUEUE_ANSWERS_MAX + 1];        /* the checklist answers of the row, as text */
    char answers_of[QUEUE_ANSWERS_MAX + 1];     /* the JSON they were read from, while they are kept */
    char sheet[32], title[96], subject[96], comments[160];     /* the properties, kept until the file is written */
};

/* ---------------------------------------------------------------- the library */

/* libxlsxwriter is opened when the first spreadsheet is written, not linked: the kiosk writes one
 * only when staff export to USB, and the library with the libcrypto it needs costs 1.6 MiB of
 * resident memory from the start. A process that links it (kioskctl) gets the same library. */
#define XLSX_FUNCTIONS(X) \
    X(workbook_new_opt) X(workbook_add_worksheet) X(workbook_add_format) X(format_set_bold) \
    X(format_set_num_format) X(workbook_set_properties) X(workbook_set_custom_property_integer) \
    X(workbook_set_custom_property_datetime) X(worksheet_write_string) X(worksheet_freeze_panes) \
    X(worksheet_write_datetime) X(worksheet_set_column) X(worksheet_autofilter) X(workbook_close) \
    X(lxw_workbook_free) X(lxw_strerror)

static struct {
    int opened;
#define XLSX_POINTER(f) __typeof__(&f) f;
    XLSX_FUNCTIONS(XLSX_POINTER)
#undef XLSX_POINTER
} lxw;

/* Opens the library once. Returns 0, or -1 with err. */
static int open_library(char *err, size_t errlen)
{
    void *h;
    const char *missing = NULL;

    if (lxw.opened)
        return 0;
    h = dlopen(XLSX_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errlen, "cannot open %s: %s", XLSX_SONAME, dlerror());
        return -1;
    }
#define XLSX_LOOK_UP(f) \
    if (!missing && !(*(void **)&lxw.f = dlsym(h, #f))) \
        missing = #f;
    XLSX_FUNCTIONS(XLSX_LOOK_UP)
#undef XLSX_LOOK_UP
    if (missing) {
        snprintf(err, errlen, "cannot open %s: it has no %s", XLSX_SONAME, missing);
        dlclose(h);
        return -1;
    }
    lxw.opened = 1;
    return 0;
}

/* ---------------------------------------------------------------- the zip's compression level */

/* libxlsxwriter 1.1.4 deflates every part of the workbook through minizip at zlib's default level
 * (6), with no option to choose another. For 100,000 requests that is 103 MB of sheet XML, and
 * zlib spent 6.1 G of the export's 13.5 G instructions on it (callgrind): the rows repeat each
 * other, the worst case for level 6's search of earlier matches. At level 1 the sheet is 13%
 * larger (5.6 MB, was 5.0) and the export takes a third less CPU (docs/PERFORMANCE.md).
 *
 * So this program defines minizip's zipOpenNewFileInZip4_64 itself, and the dynamic linker binds
 * libxlsxwriter's call to this definition, which calls minizip's own with ZIP_LEVEL where
 * libxlsxwriter asks for the default. Nothing else in the kiosk's programs calls minizip. This is
 * symbol interposition, and it is a workaround, not an interface: should a libxlsxwriter bundle
 * its own minizip, or be given a level option (later versions have none either), this is simply
 * never called and the files are written at level 6 as before. The kiosk exports the symbol for
 * the library it opens (the Makefile's --export-dynamic-symbol). tests/cli/export-readers.sh and
 * tests/replay/staff-export.replay check that the files say level 1 and that openpyxl reads them. */
typedef __typeof__(&zipOpenNewFileInZip4_64) zip_open_fn;

static pthread_once_t zip_once = PTHREAD_ONCE_INIT;
static zip_open_fn zip_open_real;

/* Finds minizip's own definition: the next one after this program's, or in minizip itself when
 * libxlsxwriter was opened with RTLD_LOCAL (the kiosk). */
static void zip_find_real(void)
{
    void *h;

    *(void **)&zip_open_real = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
    if (zip_open_real)
        return;
    h = dlopen(MINIZIP_SONAME, RTLD_NOW | RTLD_NOLOAD);     /* kept open: libxlsxwriter holds it */
    if (h)
        *(void **)&zip_open_real = dlsym(h, "zipOpenNewFileInZip4_64");
}

int zipOpenNewFileInZip4_64(zipFile file, const char *filename, const zip_fileinfo *zipfi,
                            const void *extrafield_local, uInt size_extrafield_local,
                            const void *extrafield_global, uInt size_extrafield_global,
                            const char *comment, int method, int level, int raw, int windowBits,
                            int memLevel, int strategy, const char *password, uLong crcForCrypting,
                            uLong versionMadeBy, uLong flagBase, int zip64)
{
    pthread_once(&zip_once, zip_find_real);
    if (!zip_open_real || zip_open_real == zipOpenNewFileInZip4_64)
        return ZIP_INTERNALERROR;
    return zip_open_real(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                         size_extrafield_global, comment, method, level == Z_DEFAULT_COMPRESSION ? ZIP_LEVEL : level,
                         raw, windowBits, memLevel, strategy, password, crcForCrypting, versionMadeBy, flagBase,
                         zip64);
}

/* ---------------------------------------------------------------- widths */

/* Whether code point cp takes two columns (East Asian wide and fullwidth forms, emoji). */
static int is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
           (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
           (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || cp >= 0x20000;
}

/* How many character widths the longest line of s takes, counting up to WIDTH_MAX. */
static int text_width(const char *s)
{
    size_t n = strlen(s);
    int w = 0, widest = 0;

    while (n > 0 && widest < WIDTH_MAX) {
        uint32_t cp;
        size_t len = utf8_decode(s, n, &cp);
        if (len == 0)
            len = 1;
        w = cp == '\n' ? 0 : w + (is_wide(cp) ? 2 : 1);
        if (w > widest)
            widest = w;
        s += len;
        n -= len;
    }
    return widest;
}

static void fit(struct export_xlsx *x, int col, int w)
{
    if (w > x->width[col])
        x->width[col] = w;
}

/* ---------------------------------------------------------------- checklist answers */

/* Writes cp as UTF-8 into out. Returns its length, or 0 for a code point UTF-8 cannot hold. */
static size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    return 0;   /* above the BMP a JSON escape is a surrogate pair, refused before */
}

/* Appends the JSON string at *p (past its opening quote) to out, decoded; moves *p past its closing
 * quote. Returns 0, or -1 when it is malformed or out is full. */
static int json_string(const char **p, char *out, size_t len, size_t *o)
{
    const char *s = *p;

    while (*s != '"') {
        uint32_t cp = (unsigned char)*s;
        char utf8[4];
        size_t n = 1;
        if (cp < 0x20)
            return -1;
        if (cp == '\\') {
            static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
            const char *e = s[1] ? strchr(from, s[1]) : NULL;
            if (e) {
                cp = (unsigned char)to[e - from];
                s += 2;
            } else if (s[1] == 'u' && strspn(s + 2, "0123456789abcdefABCDEF") >= 4) {
                cp = (uint32_t)strtoul((char[5]){ s[2], s[3], s[4], s[5], 0 }, NULL, 16);
                s += 6;
                if (cp >= 0xd800 && cp <= 0xdfff)
                    return -1;      /* the queue stores no surrogates: json() keeps them escaped */
            } else {
                return -1;
            }
            n = utf8_encode(cp, utf8);
            if (n == 0 || *o + n >= len)
                return -1;
            memcpy(out + *o, utf8, n);
        } else {
            if (*o + 1 >= len)
                return -1;
            out[*o] = *s++;
        }
        *o += n;
    }
    *p = s + 1;
    return 0;
}

/* The checklist's answers as a person reads them, "Question? no; Question? yes", from the JSON the
 * queue stores: [{"question":"...","answer":"yes"|"no"|null},...], minified. Returns 0 with out
 * filled, or -1 for JSON of any other shape (written as it is instead). */
static int answers_text(const char *json, char *out, size_t len)
{
    const char *p = json;
    size_t o = 0;

    if (*p++ != '[')
        return -1;
    while (*p != ']') {
        if (o > 0 && (*p++ != ',' || o + 2 >= len))
            return -1;
        if (o > 0) {
            memcpy(out + o, "; ", 2);
            o += 2;
        }
        if (strncmp(p, "{\"question\":\"", 13) != 0)
            return -1;
        p += 13;
        if (json_string(&p, out, len, &o) != 0 || o + 16 >= len)
            return -1;
        out[o++] = ' ';
        if (strncmp(p, ",\"answer\":null}", 15) == 0) {
            memcpy(out + o, "not answered", 12);
            o += 12;
            p += 15;
        } else if (strncmp(p, ",\"answer\":\"", 11) == 0) {
            p += 11;
            if (json_string(&p, out, len, &o) != 0 || *p++ != '}')
                return -1;
        } else {
            return -1;
        }
    }
    out[o] = '\0';
    return p[1] == '\0' ? 0 : -1;
}

/* ---------------------------------------------------------------- cells */

static int lxw_fail(lxw_error e, const char *what, char *err, size_t errlen)
{
    snprintf(err, errlen, "cannot %s: %s", what, lxw.lxw_strerror(e));
    return -1;
}

/* "2026-11-25T15:04:05Z" as a date-time in local time. Returns 0, or -1 when utc is not one. */
static int local_datetime(const char *utc, lxw_datetime *dt)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    struct tm tm = { 0 };
    time_t t;

    for (int i = 0; utc && i < (int)sizeof shape; i++)
        if (shape[i] == 'd' ? utc[i] < '0' || utc[i] > '9' : utc[i] != shape[i])
            return -1;
    if (!utc)
        return -1;
#define DIGITS2(i) ((utc[i] - '0') * 10 + utc[(i) + 1] - '0')
    tm.tm_year = DIGITS2(0) * 100 + DIGITS2(2) - 1900;
    tm.tm_mon = DIGITS2(5) - 1;
    tm.tm_mday = DIGITS2(8);
    tm.tm_hour = DIGITS2(11);
    tm.tm_min = DIGITS2(14);
    tm.tm_sec = DIGITS2(17);
#undef DIGITS2
    t = timegm(&tm);
    if (t == (time_t)-1 || !localtime_r(&t, &tm))
        return -1;
    *dt = (lxw_datetime){ .year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday,
                          .hour = tm.tm_hour, .min = tm.tm_min, .sec = tm.tm_sec };
    return 0;
}

/* Whether s starts with what a spreadsheet reads as an escaped character, _xHHHH_. */
static int is_escape(const char *s)
{
    return s[0] == '_' && s[1] == 'x' && strspn(s + 2, "0123456789abcdefABCDEF") >= 4 && s[6] == '_';
}

/* s with the _ of every _xHHHH_ in it written as _x005F_, so that it reads back as typed
 * (libxlsxwriter escapes control characters that way, but not the escape itself). Returns a new
 * string of *len bytes for the caller to zero and free, or NULL when s needs no change (or memory
 * ran out: s is then written as it is). */
static char *escape_escapes(const char *s, size_t *len)
{
    size_t n = 0, o = 0;
    char *out;

    for (const char *p = strstr(s, "_x"); p; p = strstr(p + 1, "_x"))
        n += is_escape(p);
    if (n == 0)
        return NULL;
    *len = strlen(s) + n * 6 + 1;
    out = malloc(*len);
    for (const char *p = s; out && *p; p++) {
        if (is_escape(p)) {
            memcpy(out + o, "_x005F", 6);
            o += 6;
        }
        out[o++] = *p;
    }
    if (out)
        out[o] = '\0';
    return out;
}

#define CELL_CHARS_MAX  32767   /* what a cell holds, in characters (Excel's limit, libxlsxwriter's check) */

/* Writes the first CELL_CHARS_MAX - 1 characters of s and "…" as a text cell: a value longer than a cell
 * holds (the JSON Lines have it whole) must not stop the whole spreadsheet. */
static lxw_error cut_cell(struct export_xlsx *x, int col, const char *s)
{
    static const char ellipsis[] = "\xe2\x80\xa6";
    size_t n = 0, chars = 0, len;
    char *cut;
    lxw_error e;

    for (; s[n] && (chars < CELL_CHARS_MAX - 1 || ((unsigned char)s[n] & 0xc0) == 0x80); n++)
        chars += ((unsigned char)s[n] & 0xc0) != 0x80;
    len = n + sizeof ellipsis;
    cut = malloc(len);
    if (!cut)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    memcpy(cut, s, n);
    memcpy(cut + n, ellipsis, sizeof ellipsis);
    e = lxw.worksheet_write_string(x->ws, x->row, (lxw_col_t)col, cut, NULL);
    explicit_bzero(cut, len);     /* a client's details */
    free(cut);
    return e;
}

/* Writes s as a text cell; a missing value as no cell. Cells carry no format of their own (1.5 million
 * s="N" attributes cost a tenth of the file): their column's "@" makes what is typed in later text. */
static lxw_error text_cell(struct export_xlsx *x, int col, const char *s)
{
    size_t len = 0;
    char *escaped;
    lxw_error e;

    if (!s || !s[0])
        return LXW_NO_ERROR;
    /* bytes >= characters: a shorter one cannot be wider; nor can any be wider than the widest kept */
    if (x->width[col] < WIDTH_MAX && strlen(s) > (size_t)x->width[col])
        fit(x, col, text_width(s));
    escaped = strstr(s, "_x") ? escape_escapes(s, &len) : NULL;
    e = lxw.worksheet_write_string(x->ws, x->row, (lxw_col_t)col, escaped ? escaped : s, NULL);
    if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
        e = cut_cell(x, col, escaped ? escaped : s);
    if (escaped) {
        explicit_bzero(escaped, len);     /* a client's details */
        free(escaped);
    }
    return e;
}

/* The answers kept from the row before are health data: wiped once the batch or a different
 * answer is written. */
static void forget_answers(struct export_xlsx *x)
{
    explicit_bzero(x->answers, strlen(x->answers));
    explicit_bzero(x->answers_of, strlen(x->answers_of));
}

static lxw_error cell(struct export_xlsx *x, int col, const struct export_column *c, const struct queue_row *r)
{
    char number[24];
    const char *text;
    lxw_datetime dt;

    switch (c->kind) {
    case EXPORT_KIND_BATCH:
        snprintf(number, sizeof number, "%lld", export_column_number(c, r));
        return text_cell(x, col, number);
    case EXPORT_KIND_YES_NO:
        return text_cell(x, col, export_column_number(c, r) ? "yes" : "no");
    case EXPORT_KIND_TIME:
        if (local_datetime(export_column_text(c, r), &dt) != 0)
            return text_cell(x, col, export_column_text(c, r));
        fit(x, col, (int)strlen(TIME_FORMAT));
        return lxw.worksheet_write_datetime(x->ws, x->row, (lxw_col_t)col, &dt, x->time);
    case EXPORT_KIND_ANSWERS:
        /* Most clients answer as the one before (every "no"): the text read for the row before is
         * used again when the JSON is the same. */
        text = export_column_text(c, r);
        if (text && strcmp(text, x->answers_of) != 0) {
            forget_answers(x);
            if (strlen(text) < sizeof x->answers_of && answers_text(text, x->answers, sizeof x->answers) == 0)
                memcpy(x->answers_of, text, strlen(text) + 1);
            else
                forget_answers(x);
        }
        return text_cell(x, col, text && x->answers_of[0] ? x->answers : text);
    case EXPORT_KIND_TEXT:
        return text_cell(x, col, export_column_text(c, r));
    }
    return LXW_ERROR_PARAMETER_VALIDATION;
}

/* ---------------------------------------------------------------- public */

struct export_xlsx *export_xlsx_open(const char *path, long long batch, time_t now, char *err, size_t errlen)
{
    lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = getenv("TMPDIR") };
    struct export_xlsx *x = calloc(1, sizeof *x);
    lxw_doc_properties props = { 0 };
    lxw_datetime exported;
    struct tm tm;
    char when[32];
    lxw_error e = LXW_NO_ERROR;
    char why[256];

    if (!x) {
        snprintf(err, errlen, "cannot write '%s': out of memory", path);
        return NULL;
    }
    if (open_library(why, sizeof why) != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, why);
        free(x);
        return NULL;
    }
    if (opt.tmpdir && !opt.tmpdir[0])
        opt.tmpdir = NULL;
    x->wb = lxw.workbook_new_opt(path, &opt);
    snprintf(x->sheet, sizeof x->sheet, "Batch %lld", batch);
    x->ws = x->wb ? lxw.workbook_add_worksheet(x->wb, x->sheet) : NULL;
    x->header = x->ws ? lxw.workbook_add_format(x->wb) : NULL;
    x->text = x->header ? lxw.workbook_add_format(x->wb) : NULL;
    x->time = x->text ? lxw.workbook_add_format(x->wb) : NULL;
    if (!x->time) {
        snprintf(err, errlen, "cannot write '%s': cannot start the workbook", path);
        export_xlsx_abort(x);
        return NULL;
    }
    lxw.format_set_bold(x->header);
    lxw.format_set_num_format(x->header, "@");
    lxw.format_set_num_format(x->text, "@");
    lxw.format_set_num_format(x->time, TIME_FORMAT);

    localtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    snprintf(x->title, sizeof x->title, "Consultation requests, batch %lld", batch);
    snprintf(x->subject, sizeof x->subject, "Batch %lld, exported %s", batch, when);
    snprintf(x->comments, sizeof x->comments, "Batch %lld of the clinic kiosk's consultation requests, "
             "exported %s (local time). Acknowledge it with: kioskctl ack %lld", batch, when, batch);
    props.title = x->title;
    props.subject = x->subject;
    props.comments = x->comments;
    props.keywords = x->subject;
    props.author = "clinic kiosk";
    props.created = now;
    exported = (lxw_datetime){ .year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday,
                               .hour = tm.tm_hour, .min = tm.tm_min, .sec = tm.tm_sec };
    e = lxw.workbook_set_properties(x->wb, &props);
    if (e == LXW_NO_ERROR)
        e = lxw.workbook_set_custom_property_integer(x->wb, "Batch", (int32_t)batch);
    if (e == LXW_NO_ERROR)
        e = lxw.workbook_set_custom_property_datetime(x->wb, "Exported", &exported);

    for (const struct export_column *c = export_columns; c->name && e == LXW_NO_ERROR; c++) {
        if (c->systems_only)
            continue;
        if (x->ncols == COLUMNS_MAX) {
            e = LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
            break;
        }
        x->col[x->ncols] = c;
        fit(x, x->ncols, text_width(c->title) + 2);     /* room for the filter button */
        e = lxw.worksheet_write_string(x->ws, 0, (lxw_col_t)x->ncols, c->title, x->header);
        x->ncols++;
    }
    lxw.worksheet_freeze_panes(x->ws, 1, 0);
    if (e != LXW_NO_ERROR) {
        lxw_fail(e, "start the workbook", err, errlen);
        export_xlsx_abort(x);
        return NULL;
    }
    x->row = 1;
    return x;
}

int export_xlsx_row(struct export_xlsx *x, const struct queue_row *row, char *err, size_t errlen)
{
    lxw_error e = LXW_NO_ERROR;

    if (x->row >= LXW_ROW_MAX) {
        snprintf(err, errlen, "cannot write the spreadsheet: more than %u requests", LXW_ROW_MAX - 1);
        return -1;
    }
    for (int i = 0; i < x->ncols && e == LXW_NO_ERROR; i++)
        e = cell(x, i, x->col[i], row);
    if (e != LXW_NO_ERROR)
        return lxw_fail(e, "write the spreadsheet", err, errlen);
    x->row++;
    return 0;
}

int export_xlsx_close(struct export_xlsx *x, char *err, size_t errlen)
{
    lxw_error e = LXW_NO_ERROR;

    for (int i = 0; i < x->ncols && e == LXW_NO_ERROR; i++) {
        int w = x->width[i] < WIDTH_MIN ? WIDTH_MIN : x->width[i] > WIDTH_MAX ? WIDTH_MAX : x->width[i];
        e = lxw.worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, w + 1,
                                 x->col[i]->kind == EXPORT_KIND_TIME ? x->time : x->text);
    }
    if (e == LXW_NO_ERROR)
        e = lxw.worksheet_autofilter(x->ws, 0, 0, x->row - 1, (lxw_col_t)(x->ncols - 1));
    if (e == LXW_NO_ERROR) {
        e = lxw.workbook_close(x->wb);
        x->wb = NULL;
    }
    export_xlsx_abort(x);
    return e == LXW_NO_ERROR ? 0 : lxw_fail(e, "write the spreadsheet", err, errlen);
}

void export_xlsx_abort(struct export_xlsx *x)
{
    if (!x)
        return;
    forget_answers(x);
    if (x->wb)
        lxw.lxw_workbook_free(x->wb);
    free(x);
}
