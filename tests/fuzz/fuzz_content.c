/* fuzz_content: the content parser on any file. The input's first byte says which file it becomes
 * (even: clinic.txt, odd: treatments/t.txt); the other file is a small good one, and wording.txt
 * the repository's. Properties:
 * - content_load() succeeds exactly when content_check() finds no problem;
 * - a failure names the file (and line) in well-formed UTF-8, and leaves the struct empty;
 * - what loads is complete: every string the screens draw is present, well-formed UTF-8 without
 *   control characters, ids are valid, the colours keep their contrast, the notice has a version. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "fuzz.h"
#include "utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char good_clinic[] =
    "Name: Fuzz Clinic\nWelcome: Hello\nContact: Ask at reception\nDoctor: Dr Example\n"
    "Doctor role: Dermatologist\n== About Dr Example ==\nA doctor.\n== Privacy notice ==\nWe keep:\n- your name\n";
static const char good_treatment[] =
    "Id: t\nName: Treatment\nTagline: A line\nSummary: A summary.\n== What it is ==\nText.\n"
    "1. Step\nMore.\nQ: Why?\nA: Because.\n== Screening ==\nIntro: Answer.\nQuestion: Under 18?\nIf yes: stop\n"
    "Result clear: Fine.\nResult stop: Sorry.\n";

static char dir[256], clinic_path[300], treatment_path[300], wording_path[300];

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data, 1, len, f) == len);
    FUZZ_CHECK(fclose(f) == 0);
}

static void remove_dir(void)
{
    char treatments[300];

    unlink(clinic_path);
    unlink(treatment_path);
    unlink(wording_path);
    snprintf(treatments, sizeof treatments, "%s/treatments", dir);
    rmdir(treatments);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *tmp = getenv("TMPDIR");
    char treatments[300];

    (void)argc;
    (void)argv;
    snprintf(dir, sizeof dir, "%s/fuzz-content-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    FUZZ_CHECK(mkdtemp(dir) != NULL);
    snprintf(treatments, sizeof treatments, "%s/treatments", dir);
    FUZZ_CHECK(mkdir(treatments, 0700) == 0);
    snprintf(clinic_path, sizeof clinic_path, "%s/clinic.txt", dir);
    snprintf(treatment_path, sizeof treatment_path, "%s/t.txt", treatments);
    snprintf(wording_path, sizeof wording_path, "%s/" CONTENT_WORDING_FILE, dir);
    atexit(remove_dir);
    {
        /* The real wording file (the fuzzer runs in the repository), which fuzz_wording fuzzes. */
        static char wording[WORDING_MAX_FILE_BYTES];
        FILE *f = fopen("content/" CONTENT_WORDING_FILE, "rb");
        size_t n;

        FUZZ_CHECK(f != NULL);
        n = fread(wording, 1, sizeof wording, f);
        fclose(f);
        write_file(wording_path, wording, n);
    }
    return 0;
}

/* A string a screen draws: present, well-formed, without control characters. */
static void check_text(const char *s)
{
    FUZZ_CHECK(s != NULL && s[0] != '\0');
    FUZZ_CHECK(utf8_valid(s, strlen(s)));
    for (const char *p = s; *p; p++)
        FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7F);
}

static void check_optional_text(const char *s)
{
    if (s)
        check_text(s);
}

static void check_section(const struct content_section *s)
{
    check_text(s->title);
    FUZZ_CHECK(s->nblocks >= 1 && s->nblocks <= CONTENT_MAX_BLOCKS);
    for (int i = 0; i < s->nblocks; i++) {
        const struct content_block *b = &s->blocks[i];
        FUZZ_CHECK(b->text != NULL);
        if (b->text[0])
            check_text(b->text);
        if (b->kind == CONTENT_STEP || b->kind == CONTENT_FAQ)
            check_text(b->title);
        else
            FUZZ_CHECK(b->title == NULL);
    }
}

static void check_loaded(const struct content *c)
{
    const struct content_clinic *k = &c->clinic;
    const struct content_treatment *t = &c->treatments[0];

    check_text(k->name);
    check_text(k->doctor_name);
    check_section(&k->doctor);
    check_section(&k->privacy);
    FUZZ_CHECK(strlen(k->privacy_version) == 16 && strspn(k->privacy_version, "0123456789abcdef") == 16);
    FUZZ_CHECK(content_contrast(k->colour_text, k->colour_background) >= CONTENT_MIN_CONTRAST);
    FUZZ_CHECK(content_contrast(k->colour_accent_text, k->colour_accent) >= CONTENT_MIN_CONTRAST);
    FUZZ_CHECK(c->ntreatments == 1);
    check_text(t->id);
    FUZZ_CHECK(strspn(t->id, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(t->id));
    FUZZ_CHECK(content_treatment(c, t->id) == t);
    check_text(t->name);
    check_optional_text(t->tagline);
    check_optional_text(t->summary);
    FUZZ_CHECK(t->nsections >= 1 && t->nsections <= CONTENT_MAX_SECTIONS);
    for (int i = 0; i < t->nsections; i++)
        check_section(&t->sections[i]);
    FUZZ_CHECK(t->nquestions >= 0 && t->nquestions <= CONTENT_MAX_QUESTIONS);
    if (t->nquestions > 0) {
        check_text(t->screening_intro);
        check_text(t->result_clear);
    }
    for (int i = 0; i < t->nquestions; i++) {
        check_text(t->questions[i].text);
        check_optional_text(t->questions[i].note);
        if (t->questions[i].yes_outcome == CONTENT_OUTCOME_STOP)
            check_text(t->result_stop);
        else
            check_text(t->result_discuss);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct content c;
    char err[1024];
    FILE *devnull;
    int loaded, problems;

    if (size == 0)
        return 0;
    if (data[0] % 2 == 0) {
        write_file(clinic_path, data + 1, size - 1);
        write_file(treatment_path, good_treatment, sizeof good_treatment - 1);
    } else {
        write_file(clinic_path, good_clinic, sizeof good_clinic - 1);
        write_file(treatment_path, data + 1, size - 1);
    }
    loaded = content_load(dir, &c, err, sizeof err) == 0;
    devnull = fopen("/dev/null", "w");
    FUZZ_CHECK(devnull != NULL);
    problems = content_check(dir, devnull);
    fclose(devnull);
    FUZZ_CHECK(loaded == (problems == 0));
    if (!loaded) {
        FUZZ_CHECK(strstr(err, dir) != NULL);
        FUZZ_CHECK(utf8_valid(err, strlen(err)));
        FUZZ_CHECK(c.ntreatments == 0 && c.clinic.name == NULL);
        return 0;
    }
    check_loaded(&c);
    content_free(&c);
    content_free(&c);
    return 0;
}
