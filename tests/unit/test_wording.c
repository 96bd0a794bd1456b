/* Tests of the wording module: the registry, the real English file, lookups and formatting,
 * plural rules, and each kind of mistake in a wording file reported as "file:line: message". */
#define _XOPEN_SOURCE 700
#include "harness.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utf8.h"
#include "wording.h"

#define ENGLISH "content/wording.txt"

static char root[64];               /* every file of this run lives below it */
static char english[64 * 1024];     /* the real English file's text */

/* ---------------------------------------------------------------- files */

/* Writes text to a new file below root; returns its path (static, one of a ring of 4). */
static const char *put(const char *text)
{
    static char paths[4][128];
    static int n;
    char *path = paths[n % 4];
    FILE *f;

    snprintf(path, sizeof paths[0], "%s/wording%d.txt", root, ++n);
    f = fopen(path, "wb");
    if (!f || fwrite(text, 1, strlen(text), f) != strlen(text) || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
    return path;
}

/* The English file with its line starting with `line` replaced by `with` (a whole line, or ""
 * to remove it), written below root; returns the path. */
static const char *english_but(const char *line, const char *with)
{
    static char text[sizeof english + 4096];
    const char *at = strstr(english, line);
    size_t before, end;

    if (!at || (at != english && at[-1] != '\n')) {
        fprintf(stderr, "no line '%s' in %s\n", line, ENGLISH);
        exit(2);
    }
    before = (size_t)(at - english);
    end = before + strcspn(at, "\n") + 1;
    snprintf(text, sizeof text, "%.*s%s%s", (int)before, english, with, english + end);
    return put(text);
}

/* Loads path in language; the report's lines go to report (size len), the count is returned. */
static int load_report(struct wording *w, const char *path, const char *language, char *report, size_t len)
{
    FILE *f = fmemopen(report, len, "w");
    int n;

    memset(report, 0, len);
    n = wording_load(w, path, language, f, NULL, 0);
    fclose(f);
    return n;
}

/* The line number of the line of the English file that starts with `line`. */
static int english_line(const char *line)
{
    const char *at = strstr(english, line);
    int n = 1;

    for (const char *p = english; p < at; p++)
        n += *p == '\n';
    return n;
}

/* Loading path (English) gives exactly one problem, "path:LINE: message". */
static int one_problem(const char *path, int line, const char *message, char *got, size_t gotlen)
{
    struct wording w;
    char report[4096], want[1024];
    int n = load_report(&w, path, "en", report, sizeof report);

    wording_free(&w);
    snprintf(want, sizeof want, "%s:%d: %s\n", path, line, message);
    snprintf(got, gotlen, "%s", report);
    return n == 1 && strcmp(report, want) == 0;
}

#define ASSERT_ONE_PROBLEM(path, line, message) do { char got_[4096]; \
        if (!one_problem((path), (line), (message), got_, sizeof got_)) \
            FAIL_AT("expected only \"%s:%d: %s\", got:\n%s", (path), (line), (message), got_); } while (0)

/* ---------------------------------------------------------------- the registry and English */

TEST(registry_names_and_placeholders_are_well_formed)
{
    for (int i = MSG_NONE + 1; i < MSG_COUNT; i++) {
        const char *name = wording_name((enum wording_id)i), *ph = wording_placeholders((enum wording_id)i);
        const char *count = wording_count((enum wording_id)i);

        if (!name[0] || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789.-") != strlen(name))
            FAIL_AT("message %d: bad name '%s'", i, name);
        if (wording_find(name) != (enum wording_id)i)
            FAIL_AT("two messages are called '%s'", name);
        if (strspn(ph, "abcdefghijklmnopqrstuvwxyz0123456789- ") != strlen(ph) || ph[0] == ' ' ||
            strstr(ph, "  ") || (ph[0] && ph[strlen(ph) - 1] == ' '))
            FAIL_AT("%s: bad placeholders '%s'", name, ph);
        if (count[0]) {
            char padded[128], want[64];
            snprintf(padded, sizeof padded, " %s ", ph);
            snprintf(want, sizeof want, " %s ", count);
            if (!strstr(padded, want))
                FAIL_AT("%s: its count '%s' is not one of its placeholders '%s'", name, count, ph);
        }
    }
    ASSERT_INT_EQ(MSG_NONE, wording_find("no.such-message"));
}

TEST(the_english_file_has_every_message_right)
{
    struct wording w;
    char report[4096];
    int n = load_report(&w, ENGLISH, "en", report, sizeof report);

    if (n != 0)
        FAIL_AT("%d problems in %s:\n%s", n, ENGLISH, report);
    for (int i = MSG_NONE + 1; i < MSG_COUNT; i++)
        if (!w.line[i] || !w.text[i][WORDING_OTHER])
            FAIL_AT("%s is not in %s", wording_name((enum wording_id)i), ENGLISH);
    ASSERT_STR_EQ("Touch to start", wording_text(&w, MSG_ATTRACT_START));
    ASSERT_STR_EQ("àé", wording_text(&w, MSG_KEY_ACCENTS));
    wording_free(&w);
}

/* ---------------------------------------------------------------- lookups and formatting */

TEST(placeholders_are_filled_and_the_count_chooses_the_form)
{
    struct wording w;
    char buf[256];

    ASSERT_INT_EQ(0, wording_load(&w, ENGLISH, "en", NULL, NULL, 0));
    ASSERT_STR_EQ("Question 2 of 6", WORDING_FORMAT(&w, MSG_CHECKLIST_PROGRESS, buf,
                                                    WORDING_NUMBER("number", 2), WORDING_NUMBER("total", 6)));
    /* The order of the values does not matter, nor do values the message does not take. */
    ASSERT_STR_EQ("Question 2 of 6", WORDING_FORMAT(&w, MSG_CHECKLIST_PROGRESS, buf, WORDING_NUMBER("total", 6),
                                                    WORDING_TEXT("spare", "x"), WORDING_NUMBER("number", 2)));
    ASSERT_STR_EQ("For your privacy, this screen will start again in 1 second.",
                  WORDING_FORMAT(&w, MSG_RESTART_COUNTDOWN, buf, WORDING_NUMBER("seconds", 1)));
    ASSERT_STR_EQ("For your privacy, this screen will start again in 0 seconds.",
                  WORDING_FORMAT(&w, MSG_RESTART_COUNTDOWN, buf, WORDING_NUMBER("seconds", 0)));
    ASSERT_STR_EQ("For your privacy, this screen will start again in 15 seconds.",
                  WORDING_FORMAT(&w, MSG_RESTART_COUNTDOWN, buf, WORDING_NUMBER("seconds", 15)));
    ASSERT_STR_EQ("Tap \"Send request\" when it is right, or \"Edit\" to change it.",
                  WORDING_FORMAT(&w, MSG_REVIEW_INTRO, buf, WORDING_TEXT("send", "Send request"),
                                 WORDING_TEXT("edit", "Edit")));
    /* A value is put in as it is, braces and all. */
    ASSERT_STR_EQ("About {doctor} {{x}}", WORDING_FORMAT(&w, MSG_HOME_DOCTOR, buf,
                                                         WORDING_TEXT("doctor", "{doctor} {{x}}")));
    wording_free(&w);
}

TEST(doubled_braces_are_braces_and_a_count_may_be_left_out_of_one)
{
    struct wording w;
    char buf[128];
    const char *path = english_but("restart.countdown [one]:", "restart.countdown [one]: {{Once}} more, a second.\n");

    ASSERT_INT_EQ(0, wording_load(&w, path, "en", NULL, NULL, 0));
    ASSERT_STR_EQ("{Once} more, a second.", WORDING_FORMAT(&w, MSG_RESTART_COUNTDOWN, buf,
                                                           WORDING_NUMBER("seconds", 1)));
    wording_free(&w);
    path = english_but("restart.countdown [other]:", "restart.countdown [other]: soon }} {{\n");
    ASSERT_ONE_PROBLEM(path, english_line("restart.countdown [other]:"),
                       "'restart.countdown [other]' lacks {seconds}: put it where the kiosk should fill it in");
}

TEST(a_message_too_long_for_its_buffer_is_cut_between_characters)
{
    struct wording w;
    char buf[12], tiny[1];

    ASSERT_INT_EQ(0, wording_load(&w, ENGLISH, "en", NULL, NULL, 0));
    /* "About Zoë Åberg": the buffer ends inside the "Å". */
    ASSERT_STR_EQ("About Zoë ", WORDING_FORMAT(&w, MSG_HOME_DOCTOR, buf, WORDING_TEXT("doctor", "Zoë Åberg")));
    ASSERT(utf8_valid(buf, strlen(buf)));
    ASSERT_STR_EQ("", WORDING_FORMAT(&w, MSG_HOME_DOCTOR, tiny, WORDING_TEXT("doctor", "Zoë")));
    wording_free(&w);
}

TEST(a_missing_message_is_its_name_or_the_fallbacks)
{
    struct wording empty = { 0 }, english_w, partial;
    char buf[128];
    const char *path = put("attract.start: Tap to begin\nhome.doctor: Meet {doctor}\n");

    ASSERT_STR_EQ("attract.start", wording_text(NULL, MSG_ATTRACT_START));
    ASSERT_STR_EQ("attract.start", wording_text(&empty, MSG_ATTRACT_START));
    ASSERT_STR_EQ("checklist.progress", WORDING_FORMAT(NULL, MSG_CHECKLIST_PROGRESS, buf,
                                                       WORDING_NUMBER("number", 1), WORDING_NUMBER("total", 2)));
    ASSERT_STR_EQ("", wording_text(NULL, MSG_NONE));
    /* A file that lacks nearly everything still gives what it has, and the rest from its fallback. */
    ASSERT(wording_load(&partial, path, "en", NULL, NULL, 0) == MSG_COUNT - 3);
    ASSERT_STR_EQ("Tap to begin", wording_text(&partial, MSG_ATTRACT_START));
    ASSERT_STR_EQ("idle.title", wording_text(&partial, MSG_IDLE_TITLE));
    ASSERT_INT_EQ(0, wording_load(&english_w, ENGLISH, "en", NULL, NULL, 0));
    partial.fallback = &english_w;
    ASSERT_STR_EQ("Tap to begin", wording_text(&partial, MSG_ATTRACT_START));
    ASSERT_STR_EQ("Meet Dr X", WORDING_FORMAT(&partial, MSG_HOME_DOCTOR, buf, WORDING_TEXT("doctor", "Dr X")));
    ASSERT_STR_EQ("Are you still there?", wording_text(&partial, MSG_IDLE_TITLE));
    /* A loop of fallbacks ends. */
    english_w.fallback = &partial;
    partial.text[MSG_IDLE_TITLE][WORDING_OTHER] = NULL;
    english_w.text[MSG_IDLE_TITLE][WORDING_OTHER] = NULL;
    ASSERT_STR_EQ("idle.title", wording_text(&partial, MSG_IDLE_TITLE));
    wording_free(&partial);
    wording_free(&english_w);
    wording_free(&partial);     /* twice is safe */
}

/* ---------------------------------------------------------------- plural rules */

TEST(plural_rules_follow_cldr_for_whole_numbers)
{
    static const struct { const char *language; long long n; enum wording_plural want; } cases[] = {
        { "en", 0, WORDING_OTHER }, { "en", 1, WORDING_ONE }, { "en", 2, WORDING_OTHER }, { "en", -1, WORDING_ONE },
        { "pl", 1, WORDING_ONE }, { "pl", 2, WORDING_FEW }, { "pl", 4, WORDING_FEW }, { "pl", 5, WORDING_MANY },
        { "pl", 12, WORDING_MANY }, { "pl", 14, WORDING_MANY }, { "pl", 22, WORDING_FEW }, { "pl", 0, WORDING_MANY },
        { "pl", 21, WORDING_MANY }, { "pl", 112, WORDING_MANY }, { "pl", 1024, WORDING_FEW },
        { "ru", 1, WORDING_ONE }, { "ru", 21, WORDING_ONE }, { "ru", 11, WORDING_MANY }, { "ru", 23, WORDING_FEW },
        { "ar", 0, WORDING_ZERO }, { "ar", 1, WORDING_ONE }, { "ar", 2, WORDING_TWO }, { "ar", 3, WORDING_FEW },
        { "ar", 10, WORDING_FEW }, { "ar", 11, WORDING_MANY }, { "ar", 99, WORDING_MANY },
        { "ar", 100, WORDING_OTHER }, { "ar", 102, WORDING_OTHER }, { "ar", 103, WORDING_FEW },
        { "ar", 111, WORDING_MANY }, { "zh-Hans", 1, WORDING_OTHER }, { "zh", 2, WORDING_OTHER },
        { "ro", 1, WORDING_ONE }, { "ro", 0, WORDING_FEW }, { "ro", 19, WORDING_FEW }, { "ro", 20, WORDING_OTHER },
        { "ro", 101, WORDING_FEW }, { "fr", 0, WORDING_ONE }, { "fr", 2, WORDING_OTHER },
        { "fr", 1000000, WORDING_MANY }, { "hi", 0, WORDING_ONE },
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct wording w = { 0 };
        const char *path = put("");

        wording_load(&w, path, cases[i].language, NULL, NULL, 0);
        if (wording_plural_of(&w, cases[i].n) != cases[i].want)
            FAIL_AT("%s %lld: expected %s, got %s", cases[i].language, cases[i].n,
                    wording_plural_name(cases[i].want), wording_plural_name(wording_plural_of(&w, cases[i].n)));
        wording_free(&w);
    }
    ASSERT(wording_language_known("en") && wording_language_known("zh-Hans") && wording_language_known("PL"));
    ASSERT(!wording_language_known("xx") && !wording_language_known(""));
}

TEST(a_polish_file_gives_one_few_and_many)
{
    static char text[sizeof english + 512];
    const char *one = strstr(english, "restart.countdown [one]:");
    const char *after = strstr(english, "\n\n# ---- The welcome screen");
    struct wording w;
    char report[4096], buf[128];

    /* The English file with Polish forms for one message: its other counted messages keep
     * English's [other] lines, which Polish has not. */
    snprintf(text, sizeof text, "%.*srestart.countdown [one]: za {seconds} sekundę\n"
             "restart.countdown [few]: za {seconds} sekundy\nrestart.countdown [many]: za {seconds} sekund%s",
             (int)(one - english), english, after);
    if (load_report(&w, put(text), "pl", report, sizeof report) != 6)
        FAIL_AT("expected the six English [other] forms reported, got:\n%s", report);
    ASSERT_CONTAINS(report, ": Polish has no [other] form: write [one], [few] and [many]\n");
    ASSERT_STR_EQ("za 1 sekundę", WORDING_FORMAT(&w, MSG_RESTART_COUNTDOWN, buf, WORDING_NUMBER("seconds", 1)));
    ASSERT_STR_EQ("za 3 sekundy", WORDING_FORMAT(&w, MSG_RESTART_COUNTDOWN, buf, WORDING_NUMBER("seconds", 3)));
    ASSERT_STR_EQ("za 15 sekund", WORDING_FORMAT(&w, MSG_RESTART_COUNTDOWN, buf, WORDING_NUMBER("seconds", 15)));
    ASSERT_STR_EQ("za 22 sekundy", WORDING_FORMAT(&w, MSG_RESTART_COUNTDOWN, buf, WORDING_NUMBER("seconds", 22)));
    /* A plain line serves every number, in any language. */
    ASSERT_STR_EQ("7 min", WORDING_FORMAT(&w, MSG_STAFF_AGE_MINUTES, buf, WORDING_NUMBER("minutes", 7)));
    wording_free(&w);
    /* Chinese has one form for every number. */
    if (load_report(&w, ENGLISH, "zh-Hans", report, sizeof report) != 7)
        FAIL_AT("expected the seven English [one] forms reported, got:\n%s", report);
    ASSERT_CONTAINS(report, ": Chinese has no [one] form: write [other]\n");
    wording_free(&w);
}

/* ---------------------------------------------------------------- mistakes, each with its line */

TEST(an_unknown_message_is_reported_at_its_line)
{
    const char *path = english_but("attract.start:", "attract.start: Touch to start\natract.start: Touch\n");

    ASSERT_ONE_PROBLEM(path, english_line("attract.start:") + 1,
                       "unknown message 'atract.start': check its name against the English wording file");
}

TEST(a_missing_message_is_reported_below_the_one_before_it)
{
    const char *path = english_but("answer.no:", "");

    ASSERT_ONE_PROBLEM(path, english_line("answer.yes:"),
                       "message 'answer.no' is missing: add a line 'answer.no: ...' below this one");
    path = english_but("checklist.progress:", "");
    ASSERT_ONE_PROBLEM(path, english_line("home.doctor:"),
                       "message 'checklist.progress' is missing: add a line 'checklist.progress: ...' with "
                       "{number} and {total} below this one");
    path = english_but("language.name:", "");
    ASSERT_ONE_PROBLEM(path, 1, "message 'language.name' is missing: add a line 'language.name: ...'");
}

TEST(placeholders_that_do_not_match_are_reported)
{
    int line = english_line("checklist.progress:");
    const char *path = english_but("checklist.progress:", "checklist.progress: Question {numer} of {total}\n");

    ASSERT_ONE_PROBLEM(path, line, "'checklist.progress' has no placeholder {numer}: it takes {number} and {total}");
    path = english_but("checklist.progress:", "checklist.progress: Question {number}\n");
    ASSERT_ONE_PROBLEM(path, line, "'checklist.progress' lacks {total}: put it where the kiosk should fill it in");
    path = english_but("attract.start:", "attract.start: Touch {here}\n");
    ASSERT_ONE_PROBLEM(path, english_line("attract.start:"), "'attract.start' has no placeholder {here}: it takes none");
    path = english_but("attract.start:", "attract.start: Touch {here\n");
    ASSERT_ONE_PROBLEM(path, english_line("attract.start:"),
                       "'attract.start': '{' without '}': write '{{' for a brace itself");
    path = english_but("attract.start:", "attract.start: Touch } here\n");
    ASSERT_ONE_PROBLEM(path, english_line("attract.start:"),
                       "'attract.start': '}' without '{': write '}}' for a brace itself");
    /* The count belongs in [other], which serves most numbers. */
    line = english_line("pin.locked [other]:");
    path = english_but("pin.locked [other]:", "pin.locked [other]: Too many wrong PINs. Please wait.\n");
    ASSERT_ONE_PROBLEM(path, line, "'pin.locked [other]' lacks {seconds}: put it where the kiosk should fill it in");
}

TEST(plural_forms_are_checked_against_the_language)
{
    int line = english_line("restart.countdown [one]:");
    const char *path = english_but("restart.countdown [one]:", "restart.countdown [few]: in {seconds} seconds\n");

    /* A form English has not is wrong; the [one] it lacks then goes unsaid. */
    ASSERT_ONE_PROBLEM(path, line, "English has no [few] form: write [one] and [other]");
    path = english_but("restart.countdown [other]:", "");
    ASSERT_ONE_PROBLEM(path, line, "'restart.countdown' has no [other] form: English needs [one] and [other]");
    path = english_but("attract.start:", "attract.start [one]: Touch to start\n");
    ASSERT_ONE_PROBLEM(path, english_line("attract.start:"),
                       "'attract.start' does not change with a number: write it once, without [one]");
    path = english_but("attract.start:", "attract.start [lots]: Touch to start\n");
    ASSERT_ONE_PROBLEM(path, english_line("attract.start:"),
                       "'[lots]' is not a plural form: write [zero], [one], [two], [few], [many] or [other]");
}

TEST(a_message_given_twice_or_empty_is_reported)
{
    int line = english_line("attract.start:");
    char want[128];
    const char *path = english_but("attract.start:", "attract.start: Touch to start\nattract.start: Tap\n");

    snprintf(want, sizeof want, "'attract.start' is given twice (first on line %d)", line);
    ASSERT_ONE_PROBLEM(path, line + 1, want);
    line = english_line("restart.countdown [one]:");
    path = english_but("restart.countdown [one]:", "restart.countdown [one]: in {seconds} second\n"
                       "restart.countdown [one]: in one second\n");
    snprintf(want, sizeof want, "'restart.countdown [one]' is given twice (first on line %d)", line);
    ASSERT_ONE_PROBLEM(path, line + 1, want);
    /* A line for every number beside the forms. */
    path = english_but("restart.countdown [one]:", "restart.countdown [one]: in {seconds} second\n"
                       "restart.countdown: in {seconds} s\n");
    snprintf(want, sizeof want, "'restart.countdown' is given in forms from line %d: keep those or this line", line);
    ASSERT_ONE_PROBLEM(path, line + 1, want);
    path = english_but("attract.start:", "attract.start:   \n");
    ASSERT_ONE_PROBLEM(path, english_line("attract.start:"), "'attract.start' has no words after ':'");
}

TEST(lines_that_are_not_messages_are_reported)
{
    int line = english_line("attract.start:");
    const char *path = english_but("attract.start:", "attract.start: Touch to start\nTouch to start\n");

    ASSERT_ONE_PROBLEM(path, line + 1, "expected 'name: words', like 'attract.start: Touch to start'");
    path = english_but("attract.start:", "attract.start: Touch to start\n\tplease\x01\n");
    ASSERT_ONE_PROBLEM(path, line + 1, "control character 0x01 in the text");
    path = english_but("attract.start:", "attract.start: Touch to start\nx: \xff\xfe\n");
    ASSERT_ONE_PROBLEM(path, line + 1, "invalid UTF-8: save the file as UTF-8 text");
    {
        static char longline[WORDING_MAX_LINE_BYTES + 64];
        memset(longline, 'a', sizeof longline - 2);
        longline[sizeof longline - 2] = '\n';
        memcpy(longline, "attract.start: ", 15);
        path = english_but("attract.start:", longline);
        ASSERT_ONE_PROBLEM(path, line, "line is longer than 4096 bytes: shorten the message");
        longline[15 + WORDING_MAX_MESSAGE_BYTES + 1] = '\n';
        longline[15 + WORDING_MAX_MESSAGE_BYTES + 2] = '\0';
        path = english_but("attract.start:", longline);
        ASSERT_ONE_PROBLEM(path, line, "'attract.start' is longer than 1024 bytes: shorten it");
        longline[15 + WORDING_MAX_MESSAGE_BYTES] = '\n';
        longline[15 + WORDING_MAX_MESSAGE_BYTES + 1] = '\0';
        {
            struct wording w;
            char report[256];
            int n = load_report(&w, english_but("attract.start:", longline), "en", report, sizeof report);

            wording_free(&w);
            ASSERT_INT_EQ(0, n);        /* 1024 bytes are allowed */
        }
    }
}

TEST(a_file_with_a_byte_order_mark_and_crlf_endings_loads)
{
    static char text[sizeof english * 2 + 8];
    size_t n = 0;
    struct wording w;
    char report[1024];

    memcpy(text, "\xEF\xBB\xBF", 3);
    n = 3;
    for (const char *p = english; *p; p++) {
        if (*p == '\n')
            text[n++] = '\r';
        text[n++] = *p;
    }
    text[n] = '\0';
    if (load_report(&w, put(text), "en", report, sizeof report) != 0)
        FAIL_AT("problems:\n%s", report);
    ASSERT_STR_EQ("Larger text", wording_text(&w, MSG_BAR_LARGER_TEXT));
    ASSERT_STR_EQ("Shift", wording_text(&w, MSG_KEY_SHIFT));
    wording_free(&w);
}

TEST(files_that_cannot_be_read_are_reported_whole)
{
    struct wording w;
    char report[1024], first[256], want[256];
    static char big[WORDING_MAX_FILE_BYTES + 2];

    snprintf(want, sizeof want, "%s/nowhere.txt", root);
    ASSERT_INT_EQ(1, wording_load(&w, want, "en", NULL, first, sizeof first));
    ASSERT_CONTAINS(first, "nowhere.txt: cannot open: No such file or directory");
    ASSERT_INT_EQ(1, wording_load(&w, root, "en", NULL, first, sizeof first));
    snprintf(want, sizeof want, "%s: not a regular file", root);
    ASSERT_STR_EQ(want, first);
    memset(big, '#', sizeof big - 1);
    ASSERT_INT_EQ(1, load_report(&w, put(big), "en", report, sizeof report));
    ASSERT_CONTAINS(report, ": file is larger than 256 KiB");
    ASSERT_INT_EQ(1, wording_load(&w, ENGLISH, "xx", NULL, first, sizeof first));
    ASSERT_CONTAINS(first, "content/wording.txt: unknown language 'xx': the kiosk knows the plural rules of en, de");
    wording_free(&w);
}

TEST(a_broken_file_keeps_what_is_right)
{
    struct wording w;
    char first[256];
    const char *path = english_but("attract.start:", "attract.start: Touch {here}\n");

    ASSERT_INT_EQ(1, wording_load(&w, path, "en", NULL, first, sizeof first));
    ASSERT_CONTAINS(first, "'attract.start' has no placeholder {here}");
    ASSERT_STR_EQ("attract.start", wording_text(&w, MSG_ATTRACT_START));
    ASSERT_STR_EQ("Please ask at reception. We will be happy to help.", wording_text(&w, MSG_OUT_OF_ORDER_TEXT));
    wording_free(&w);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

int main(int argc, char **argv)
{
    FILE *f = fopen(ENGLISH, "rb");
    size_t n;

    BEGIN(argc, argv);
    snprintf(root, sizeof root, "/tmp/test-wording-XXXXXX");
    if (!f || !mkdtemp(root)) {
        perror(f ? root : ENGLISH);
        return 1;
    }
    n = fread(english, 1, sizeof english - 1, f);
    fclose(f);
    english[n] = '\0';
    RUN(registry_names_and_placeholders_are_well_formed);
    RUN(the_english_file_has_every_message_right);
    RUN(placeholders_are_filled_and_the_count_chooses_the_form);
    RUN(doubled_braces_are_braces_and_a_count_may_be_left_out_of_one);
    RUN(a_message_too_long_for_its_buffer_is_cut_between_characters);
    RUN(a_missing_message_is_its_name_or_the_fallbacks);
    RUN(plural_rules_follow_cldr_for_whole_numbers);
    RUN(a_polish_file_gives_one_few_and_many);
    RUN(an_unknown_message_is_reported_at_its_line);
    RUN(a_missing_message_is_reported_below_the_one_before_it);
    RUN(placeholders_that_do_not_match_are_reported);
    RUN(plural_forms_are_checked_against_the_language);
    RUN(a_message_given_twice_or_empty_is_reported);
    RUN(lines_that_are_not_messages_are_reported);
    RUN(a_file_with_a_byte_order_mark_and_crlf_endings_loads);
    RUN(files_that_cannot_be_read_are_reported_whole);
    RUN(a_broken_file_keeps_what_is_right);
    nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    END();
}
