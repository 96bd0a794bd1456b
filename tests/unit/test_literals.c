/* No English the kiosk shows is written in src/: every word on screen comes from the wording
 * file (or the clinic's content). Two tests make sure of it:
 * - a scan of every string literal in src/ for words (outside what goes only to logs, the
 *   command line and the files' checkers, listed below with their reasons);
 * - every screen, in every state worth showing, drawn with a marked copy of the wording in
 *   which each message reads "⟦...⟧": every text and control on screen must be marked, or be
 *   the clinic's content, a key's character, a number or the reference. */
#define _XOPEN_SOURCE 700
#include "harness.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "config.h"
#include "content.h"
#include "keyboard.h"
#include "platform.h"
#include "wording.h"

#define OPEN "\xE2\x9F\xA6"         /* ⟦ */
#define CLOSE "\xE2\x9F\xA7"        /* ⟧ */

/* ---------------------------------------------------------------- the scan of src/ */

/* Files whose literals never reach the screen, as a whole. */
static const struct { const char *path, *why; } not_shown[] = {
    { "src/kioskctl.c", "staff's command line over SSH: kept in English (content/README.md)" },
    { "src/kiosk.c", "the command line's usage and errors" },
    { "src/config.c", "problems in kiosk.conf, for the journal and the administrator" },
    { "src/content.c", "problems in the content files, for check-content (as kioskctl prints them)" },
    { "src/wording.c", "problems in the wording file, for check-content" },
    { "src/queue.c", "SQL, and the database's errors for the journal" },
    { "src/queue_schema.c", "SQL" },
    { "src/queue_recover.c", "SQL" },
    { "src/wal_log.c", "what a damaged -wal holds, for kioskctl status and the journal; /proc/locks' format" },
    { "src/salvage.c", "the SQLite file format's own header" },
    { "src/export.c", "the export files' columns and errors" },
    { "src/export_xlsx.c", "the spreadsheet export's sheet, properties and errors: a file, not a screen" },
    { "src/fault_vfs.c", "a test VFS's name" },
    { "src/ids.c", "the letters of random ids and references (FT-7K3Q), not words" },
    { "src/replay.c", "the replay driver's script language and its errors" },
    { "src/driver.c", "the replay driver's output for tests" },
    { "src/runtime.c", "errors for the journal" },
    { "src/picture.c", "file signatures, and problems with picture files for check-content (like content.c)" },
    { "src/platform_image.c", "problems decoding pictures, for check-content and the journal" },
    { "src/platform_imglib.c", "SDL2_image's library and function names, and why it cannot be opened, as platform_image.c's" },
    { "src/kiosk_picture.c", "the picture helper's usage and errors, for the journal" },
    { "src/tts.c", "the synthesiser's errors, for the journal" },
    { "src/platform_audio.c", "the sound device's errors, for the journal" },
    { "src/platform_shot.c", "a PNG's chunk names, and errors for the replay driver's output" },
    { "src/sync.c", "kioskctl sync: its log for the journal and kioskctl status (the staff screen shows the last "
                    "error as the {reason} of staff.sync-failing, as it shows an export's error)" },
    { "src/sync_http.c", "the webhook's headers, and its errors as for src/sync.c" },
    { "src/sync_pg.c", "SQL, and the database's errors as for src/sync.c" },
    { "src/fonts.c", "font families, as fontconfig names them" },
    { "src/fonts.h", "the primary font family, as fontconfig names it" },
    { "src/language.c", "language and script codes (BCP 47, ISO 15924), and why a language is not offered, "
                        "for the journal" },
};

/* Single literals that look like words but are never shown. */
static const struct { const char *path, *literal, *why; } allowed[] = {
    { "src/app.c", "no treatments", "why the kiosk is out of order, for the journal" },
    { "src/app.c", "no database", "why the staff lockout cannot be saved, for the journal" },
    { "src/screens/staff.c", "ok", "SQLite's answer to quick_check, compared and not shown" },
    { "src/platform_sdl.c", "Clinic kiosk", "the window's title: fullscreen in cage no title is drawn" },
    { "src/platform_sdl.c", "SDL_VIDEODRIVER", "an environment variable's name" },
    { "src/platform_sdl.c", "DISPLAY", "an environment variable's name" },
    { "src/platform_sdl.c", "WAYLAND_DISPLAY", "an environment variable's name" },
    { "src/platform.h", "no display: set DISPLAY or WAYLAND_DISPLAY, or use --replay",
      "the kiosk's error on stderr when started without a display (kiosk.c prints it)" },
    { "src/platform_text.c", "Latn", "a script's ISO 15924 tag, told to HarfBuzz" },
};

static struct wording english;
static int allowed_used[sizeof allowed / sizeof allowed[0]];
static int scanned_files, scanned_literals;
static int quiet;                   /* the tests of the tests: found, not printed */

/* Words in a literal: two letters in a row, and a space or a capital letter in it, or the very
 * words of an English message. */
static int looks_like_words(const char *s, size_t n)
{
    int run = 0, letters = 0, space = 0, capital = 0;
    char copy[512];

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '\\') {          /* an escape: \n, \", \xE2 ... is not a letter */
            i++;
            if (i < n && s[i] == 'x')
                while (i + 1 < n && isxdigit((unsigned char)s[i + 1]))
                    i++;
            run = 0;
            continue;
        }
        run = isalpha(c) ? run + 1 : 0;
        letters |= run >= 2;
        space |= c == ' ';
        capital |= isupper(c) && ((i + 1 < n && isalpha((unsigned char)s[i + 1])) ||
                                  (i > 0 && isalpha((unsigned char)s[i - 1])));
    }
    if (letters && (space || capital))
        return 1;
    if (n == 0 || n >= sizeof copy)
        return 0;
    memcpy(copy, s, n);
    copy[n] = '\0';
    for (int id = MSG_NONE + 1; id < MSG_COUNT; id++)
        if (!wording_placeholders((enum wording_id)id)[0] && strcmp(copy, wording_text(&english, (enum wording_id)id)) == 0)
            return 1;
    return 0;
}

static int is_allowed(const char *path, const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (strcmp(allowed[i].path, path) == 0 && strlen(allowed[i].literal) == n &&
            memcmp(allowed[i].literal, s, n) == 0) {
            allowed_used[i] = 1;
            return 1;
        }
    return 0;
}

/* Reports each literal of the C text that looks like words, outside the arguments of calls
 * that only log (fprintf, perror, assert ...) and of snprintf into an error buffer. Returns
 * how many it found. */
static int scan_text(const char *path, const char *p)
{
    static const char *const logging[] = { "fprintf", "printf", "fputs", "perror", "assert",
                                           "_Static_assert", "static_assert" };
    int line = 1, depth = 0, log_depth = -1, found = 0;
    char ident[64] = "", prev[64] = "";

    while (*p) {
        if (*p == '\n') {
            line++;
            p++;
        } else if (p[0] == '/' && p[1] == '*') {
            for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
                line += *p == '\n';
            p += *p ? 2 : 0;
        } else if (p[0] == '/' && p[1] == '/') {
            p += strcspn(p, "\n");
        } else if (*p == '#' ) {
            /* A preprocessor line: #include "x.h" names a file; a #define's body is C like the rest. */
            const char *end = p + strcspn(p, "\n");
            if (strncmp(p, "#include", 8) == 0)
                p = end;
            else
                p++;
        } else if (*p == '\'') {
            for (p++; *p && *p != '\''; p++)
                p += *p == '\\' && p[1];
            p += *p != '\0';
        } else if (*p == '"') {
            const char *s = ++p;

            for (; *p && *p != '"' && *p != '\n'; p++)
                p += *p == '\\' && p[1];
            scanned_literals++;
            if (log_depth < 0 && looks_like_words(s, (size_t)(p - s)) && !is_allowed(path, s, (size_t)(p - s))) {
                if (!quiet)
                    fprintf(stderr, "  %s:%d: English in a literal: \"%.*s\"\n", path, line, (int)(p - s), s);
                found++;
            }
            p += *p == '"';
        } else if (isalpha((unsigned char)*p) || *p == '_') {
            size_t n = 0;

            snprintf(prev, sizeof prev, "%s", ident);
            while (isalnum((unsigned char)*p) || *p == '_') {
                if (n + 1 < sizeof ident)
                    ident[n++] = *p;
                p++;
            }
            ident[n] = '\0';
            /* snprintf(err, ...) and the like: a message for a caller's error buffer. */
            if (log_depth < 0 && depth > 0 && strstr(ident, "err") &&
                (strcmp(prev, "snprintf") == 0 || strcmp(prev, "vsnprintf") == 0))
                log_depth = depth - 1;
        } else {
            if (*p == '(') {
                depth++;
                for (size_t i = 0; i < sizeof logging / sizeof logging[0]; i++)
                    if (log_depth < 0 && strcmp(ident, logging[i]) == 0)
                        log_depth = depth - 1;
            } else if (*p == ')') {
                depth--;
                if (depth == log_depth)
                    log_depth = -1;
            }
            if (!isspace((unsigned char)*p) && *p != '(')
                ident[0] = '\0';
            p++;
        }
    }
    return found;
}

static int scan_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    static char text[256 * 1024];
    size_t n;

    for (size_t i = 0; i < sizeof not_shown / sizeof not_shown[0]; i++)
        if (strcmp(not_shown[i].path, path) == 0)
            return 0;
    if (!f) {
        perror(path);
        return 1;
    }
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    scanned_files++;
    return scan_text(path, text);
}

static int scan_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    char path[512];

    if (!d) {
        perror(dir);
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);

        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (n > 2 && (strcmp(e->d_name + n - 2, ".c") == 0 || strcmp(e->d_name + n - 2, ".h") == 0))
            found += scan_file(path);
        else if (!strchr(e->d_name, '.'))
            found += scan_dir(path);
    }
    closedir(d);
    return found;
}

TEST(no_literal_in_src_holds_words_the_kiosk_shows)
{
    int found = scan_dir("src");

    ASSERT(scanned_files >= 30 && scanned_literals > 300);
    if (found)
        FAIL_AT("%d literals hold English: put the words in content/wording.txt (and src/wording.def)", found);
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (!allowed_used[i])
            FAIL_AT("%s: the allowed literal \"%s\" is gone: remove it from this test", allowed[i].path,
                    allowed[i].literal);
}

TEST(the_scan_finds_words_where_they_are_shown)
{
    int before = scanned_literals;

    quiet = 1;
    ASSERT_INT_EQ(1, scan_text("t.c", "ui_text(u, x, y, w, \"Thank you\", UI_HUGE);"));
    ASSERT_INT_EQ(1, scan_text("t.c", "a = \"OK\";"));
    ASSERT_INT_EQ(1, scan_text("t.c", "a = \"never\";"));           /* an English message's words */
    ASSERT_INT_EQ(1, scan_text("t.c", "#define X \"Delete\"\n"));
    ASSERT_INT_EQ(0, scan_text("t.c", "fprintf(stderr, \"%s\", f(\"Logged here\"));"));
    ASSERT_INT_EQ(1, scan_text("t.c", "fprintf(stderr, \"x\"); ui_text(u, \"Shown here\");"));
    ASSERT_INT_EQ(0, scan_text("t.c", "fprintf(stderr, \"kiosk: cannot open %s\\n\", path);"));
    ASSERT_INT_EQ(0, scan_text("t.c", "snprintf(err, errlen, \"no key of the %s keyboard\", n);"));
    ASSERT_INT_EQ(0, scan_text("t.c", "assert(!\"unknown insert result\");"));
    ASSERT_INT_EQ(0, scan_text("t.c", "/* \"Back\" */ // \"Home\"\nx = 'a'; y = \"letters-shift\";"));
    ASSERT_INT_EQ(0, scan_text("t.c", "#include \"Thing Here.h\"\nKEY(\"Q\"), KEY(\"ż\")"));
    ASSERT_INT_EQ(1, scan_text("t.c", "snprintf(buf, sizeof buf, \"Batch %lld\", n);"));
    quiet = 0;
    ASSERT(scanned_literals > before);
}

/* ---------------------------------------------------------------- every screen, marked */

static struct platform *plat;
static struct content content;
static struct config cfg;
static struct app app;
static struct wording marked;
static char marked_path[64];
static int unmarked;

/* Writes the English file with every message's words between the marks, and loads it. */
static int load_marked(void)
{
    static char in[64 * 1024], out[80 * 1024];
    FILE *f = fopen("content/" CONTENT_WORDING_FILE, "rb");
    size_t n, used = 0;
    int fd;

    if (!f)
        return -1;
    n = fread(in, 1, sizeof in - 1, f);
    fclose(f);
    in[n] = '\0';
    for (char *line = strtok(in, "\n"); line; line = strtok(NULL, "\n")) {
        char *colon = strchr(line, ':');

        if (line[0] == '#' || !colon)
            used += (size_t)snprintf(out + used, sizeof out - used, "%s\n", line);
        else
            used += (size_t)snprintf(out + used, sizeof out - used, "%.*s: " OPEN "%s" CLOSE "\n",
                                     (int)(colon - line), line, colon + 1 + strspn(colon + 1, " "));
    }
    snprintf(marked_path, sizeof marked_path, "/tmp/test-literals-XXXXXX");
    fd = mkstemp(marked_path);
    if (fd < 0 || write(fd, out, used) != (ssize_t)used || close(fd) != 0)
        return -1;
    return wording_load(&marked, marked_path, "en", stderr, NULL, 0);
}

static int is_content_section(const struct content_section *s, const char *t)
{
    if (s->title && strcmp(s->title, t) == 0)
        return 1;
    for (int i = 0; i < s->nblocks; i++)
        if (strcmp(s->blocks[i].text, t) == 0 || (s->blocks[i].title && strcmp(s->blocks[i].title, t) == 0) ||
            (s->blocks[i].picture && s->blocks[i].picture->text && strcmp(s->blocks[i].picture->text, t) == 0))
            return 1;
    return 0;
}

/* Whether t (without marks) is the clinic's own text, a key's characters or the reference. */
static int is_content(const char *t)
{
    const struct content_clinic *c = &content.clinic;
    const char *clinic[] = { c->name, c->welcome, c->contact, c->doctor_name, c->doctor_role, c->logo.text,
                             c->photo.text };

    for (size_t i = 0; i < sizeof clinic / sizeof clinic[0]; i++)
        if (clinic[i] && strcmp(clinic[i], t) == 0)
            return 1;
    if (is_content_section(&c->doctor, t) || is_content_section(&c->privacy, t))
        return 1;
    for (int k = 0; k < content.ntreatments; k++) {
        const struct content_treatment *tr = &content.treatments[k];
        const char *fields[] = { tr->name, tr->tagline, tr->summary, tr->screening_intro, tr->result_clear,
                                 tr->result_discuss, tr->result_stop, tr->picture.text };

        for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
            if (fields[i] && strcmp(fields[i], t) == 0)
                return 1;
        for (int s = 0; s < tr->nsections; s++)
            if (is_content_section(&tr->sections[s], t))
                return 1;
        for (int q = 0; q < tr->nquestions; q++)
            if (strcmp(tr->questions[q].text, t) == 0 || (tr->questions[q].note && strcmp(tr->questions[q].note, t) == 0))
                return 1;
    }
    for (int kind = 0; kind < KEYBOARD_KIND_COUNT; kind++) {
        const struct keyboard_layout *l = keyboard_layout((enum keyboard_kind)kind);
        for (int i = 0; i < l->nkeys; i++)
            if (l->keys[i].word == MSG_NONE && l->keys[i].label && strcmp(l->keys[i].label, t) == 0)
                return 1;
    }
    for (int field = FORM_FIELD_NAME; field <= FORM_FIELD_EMAIL; field++) {
        const char *typed = form_text(&app.form, (enum form_field)field);
        size_t n = strlen(typed);

        /* What the client typed, with the caret of the field in focus. */
        if (n > 0 && strncmp(t, typed, n) == 0 && (t[n] == '\0' || strcmp(t + n, "|") == 0))
            return 1;
    }
    return strcmp(t, app.receipt.ref) == 0;
}

/* Checks one piece of text or label: what is left outside the marks must be content, or only
 * digits, signs and spaces. */
static void check_piece(const char *what, const char *s, const char *state)
{
    char rest[1024];
    size_t n = 0;
    int words = 0, depth = 0;

    /* Marks nest: a message's value may be another message. A label cut short ends inside. */
    for (const char *p = s; *p && n + 1 < sizeof rest; ) {
        if (strncmp(p, OPEN, 3) == 0 || strncmp(p, CLOSE, 3) == 0) {
            depth += strncmp(p, OPEN, 3) == 0 ? 1 : -1;
            p += 3;
            continue;
        }
        if (depth == 0) {
            words |= isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80;
            rest[n++] = *p;
        }
        p++;
    }
    rest[n] = '\0';
    if (!words || is_content(rest) || strcmp(rest, "\xE2\x80\xA6") == 0)
        return;
    if (unmarked++ < 20 && !quiet)
        fprintf(stderr, "  %s: %s \"%s\" is not from the wording file\n", state, what, s);
}

static void check_screen(const char *state)
{
    const struct frame *f;

    app_draw(&app, 1280, 800);          /* scroll areas learn their height */
    f = app_draw(&app, 1280, 800);
    for (int i = 0; i < f->ntexts; i++)
        check_piece("text", f->texts[i].text, state);
    for (int i = 0; i < f->nwidgets; i++)
        check_piece("control", f->widgets[i].label, state);
}

static void show(enum screen s, const char *state)
{
    char name[128];

    app.screen = s;
    snprintf(name, sizeof name, "%s%s%s", app_screen_name(s), state[0] ? ", " : "", state);
    check_screen(name);
}

/* Answers the checklist so that its outcome is want (all "No", or "Yes" to one question of that kind). */
static void answer_for(enum content_outcome want, int yes)
{
    const struct content_treatment *t = app_treatment(&app);

    screening_start(&app.screening, t->nquestions);
    for (int i = 0; i < t->nquestions; i++)
        screening_answer(&app.screening, yes && t->questions[i].yes_outcome == want ? SCREENING_YES : SCREENING_NO);
}

TEST(every_screen_shows_only_words_from_the_wording_file)
{
    unmarked = 0;
    app.under = SCREEN_INFO;
    for (int s = 0; s < SCREEN_COUNT; s++)
        show((enum screen)s, "");
    /* The checklist's outcomes, and the review with and without it. */
    show(SCREEN_REVIEW, "no checklist");
    answer_for(CONTENT_OUTCOME_STOP, 0);
    show(SCREEN_RESULT, "clear");
    show(SCREEN_REVIEW, "clear");
    answer_for(CONTENT_OUTCOME_DISCUSS, 1);
    show(SCREEN_RESULT, "discuss");
    show(SCREEN_FORM, "after the checklist");
    answer_for(CONTENT_OUTCOME_STOP, 1);
    show(SCREEN_RESULT, "stop");
    show(SCREEN_REVIEW, "stop");
    /* The form with every mistake shown, then each field with each keyboard page and note. */
    form_validate(&app.form, &app.errors);
    app.show_errors = 1;
    show(SCREEN_FORM, "every mistake");
    form_insert(&app.form, FORM_FIELD_PHONE, "123", NULL);
    form_insert(&app.form, FORM_FIELD_EMAIL, "a@b", NULL);
    form_validate(&app.form, &app.errors);
    show(SCREEN_FORM, "a short phone and a bad email");
    for (int k = 0; k < KEYBOARD_KIND_COUNT; k++) {
        app.focus = k == KEYBOARD_PHONE ? FORM_FIELD_PHONE : k == KEYBOARD_EMAIL ? FORM_FIELD_EMAIL : FORM_FIELD_NAME;
        app.kb.kind = (enum keyboard_kind)k;
        for (int r = FORM_INSERT_OK; r <= FORM_INSERT_BAD_UTF8; r++) {
            app.field_note = form_insert_message((enum form_field)app.focus, (enum form_insert_result)r);
            show(SCREEN_FORM, keyboard_layout((enum keyboard_kind)k)->name);
        }
    }
    app.focus = -1;
    app.field_note = MSG_NONE;
    /* Thanks with its reference, the PIN pad's notes and lockout, the staff screen's figures. */
    snprintf(app.receipt.ref, sizeof app.receipt.ref, "FT-7K3Q");
    show(SCREEN_THANKS, "a reference");
    for (int i = 0; i < 3; i++) {
        static const enum wording_id notes[] = { MSG_PIN_WAIT, MSG_PIN_NOT_SET, MSG_PIN_WRONG };
        app.pin_note = notes[i];
        show(SCREEN_STAFF_PIN, wording_name(notes[i]));
    }
    app.lock.locked_until = (long long)app.now + app.wall_offset + 90000;
    show(SCREEN_STAFF_PIN, "locked");
    app.lock.locked_until = 0;
    snprintf(app.status.quick_check, sizeof app.status.quick_check, "ok");
    snprintf(app.status.last_export_utc, sizeof app.status.last_export_utc, "2024-05-01T10:20:30Z");
    snprintf(app.status.damaged_utc, sizeof app.status.damaged_utc, "2024-05-01T10:20:30Z");
    snprintf(app.status.damaged_moved_to, sizeof app.status.damaged_moved_to, "/var/lib/kiosk/k.db.damaged");
    for (long long age = -1; age < 4 * 86400; age = age < 0 ? 60 : age * 30) {
        app.status.oldest_pending_age_s = age;
        show(SCREEN_STAFF, "figures");
    }
    snprintf(app.status_error, sizeof app.status_error, "%s", wording_text(&marked, MSG_STAFF_NO_DATABASE));
    show(SCREEN_STAFF, "no database");
    if (unmarked)
        FAIL_AT("%d texts on screen are not from the wording file (first 20 above)", unmarked);
}

TEST(the_walk_sees_words_that_are_not_from_the_wording)
{
    /* The real English wording is unmarked: the walk must notice it at once. */
    unmarked = 0;
    quiet = 1;
    app.words = &content.wording;
    show(SCREEN_HOME, "English");
    app.words = &marked;
    quiet = 0;
    ASSERT(unmarked >= 4);
    unmarked = 0;
    show(SCREEN_HOME, "marked");
    ASSERT_INT_EQ(0, unmarked);
}

int main(int argc, char **argv)
{
    struct platform_options po = { 1, 1280, 800, 0, "assets" };
    char err[512];

    BEGIN(argc, argv);
    config_defaults(&cfg);
    if (wording_load(&english, "content/" CONTENT_WORDING_FILE, "en", stderr, NULL, 0) != 0 || load_marked() != 0 ||
        content_load("content", &content, err, sizeof err) != 0 || platform_open(&plat, &po, err, sizeof err) != 0) {
        fprintf(stderr, "cannot set up: %s\n", err);
        return 1;
    }
    app_init(&app, &content, NULL, &cfg, platform_measurer(plat), NULL, 1000);
    app.words = &marked;
    RUN(the_scan_finds_words_where_they_are_shown);
    RUN(no_literal_in_src_holds_words_the_kiosk_shows);
    RUN(every_screen_shows_only_words_from_the_wording_file);
    RUN(the_walk_sees_words_that_are_not_from_the_wording);
    app_forget_client(&app);
    platform_close(plat);
    content_free(&content);
    wording_free(&marked);
    wording_free(&english);
    unlink(marked_path);
    END();
}
