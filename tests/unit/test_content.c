/* Tests of the content parser: the real content/, each kind of mistake with its line,
 * and content_check() listing every problem. Trees are written under one temporary directory. */
#define _XOPEN_SOURCE 700
#include "harness.h"

#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "content.h"
#include "queue.h"

/* A good treatment: header on lines 1-4, one section on lines 6-7. */
#define T_HEAD "Id: t\nName: Test treatment\nTagline: A tagline\nSummary: A summary.\n"
#define T_BODY "\n== What it is ==\nA paragraph.\n"
#define T_GOOD T_HEAD T_BODY
/* A good clinic: header on lines 1-5, the doctor's page on lines 7-8, the notice on 10-11. */
#define C_HEAD "Name: Test Clinic\nWelcome: Hello.\nContact: Ask us.\nDoctor: Dr Test\nDoctor role: Made-up doctor\n"
#define C_BODY "\n== About Dr Test ==\nDr Test is made up.\n\n== Privacy notice ==\nWe keep your name.\n"
#define C_GOOD C_HEAD C_BODY
/* Lines 8-9 after T_GOOD: the Screening section's title is on line 9. */
#define SCREENING "\n== Screening ==\n"

static char root[64];               /* every tree of this run lives below it */

/* ---------------------------------------------------------------- trees */

static void tree_put(const char *dir, const char *rel, const char *text);

/* The repository's wording file, which every tree gets (read once; static). */
static const char *real_wording(void)
{
    static char text[64 * 1024];
    FILE *f;

    if (!text[0]) {
        f = fopen("content/" CONTENT_WORDING_FILE, "rb");
        if (!f || fread(text, 1, sizeof text - 1, f) == 0) {
            perror("content/" CONTENT_WORDING_FILE);
            exit(2);
        }
        fclose(f);
    }
    return text;
}

/* A new content directory with an empty treatments/ and the real wording in it; the name is static. */
static const char *tree_new(void)
{
    static char dir[128];
    static int n;
    char sub[160];

    snprintf(dir, sizeof dir, "%s/tree%d", root, ++n);
    snprintf(sub, sizeof sub, "%s/treatments", dir);
    if (mkdir(dir, 0700) != 0 || mkdir(sub, 0700) != 0) {
        perror(dir);
        exit(2);
    }
    tree_put(dir, CONTENT_WORDING_FILE, real_wording());
    return dir;
}

static void tree_put_bytes(const char *dir, const char *rel, const char *bytes, size_t n)
{
    char path[256];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, rel);
    f = fopen(path, "wb");
    if (!f || fwrite(bytes, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

static void tree_put(const char *dir, const char *rel, const char *text)
{
    tree_put_bytes(dir, rel, text, strlen(text));
}

/* A tree with a good clinic and the treatment t.txt. */
static const char *tree_with(const char *clinic, const char *treatment)
{
    const char *dir = tree_new();

    if (clinic)
        tree_put(dir, "clinic.txt", clinic);
    if (treatment)
        tree_put(dir, "treatments/t.txt", treatment);
    return dir;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* s with every "\n" turned into "\r\n", in a static buffer. */
static const char *crlf(const char *s)
{
    static char out[4096];
    size_t n = 0;

    for (; *s && n + 2 < sizeof out; s++) {
        if (*s == '\n')
            out[n++] = '\r';
        out[n++] = *s;
    }
    out[n] = '\0';
    return out;
}

/* ---------------------------------------------------------------- helpers */

/* The block of t whose text or title contains needle, or NULL. */
static const struct content_block *find_block(const struct content_treatment *t, const char *needle)
{
    for (int s = 0; s < t->nsections; s++)
        for (int b = 0; b < t->sections[s].nblocks; b++) {
            const struct content_block *k = &t->sections[s].blocks[b];

            if (strstr(k->text, needle) || (k->title && strstr(k->title, needle)))
                return k;
        }
    return NULL;
}

static const struct content_section *find_section(const struct content_treatment *t, const char *title)
{
    for (int s = 0; s < t->nsections; s++)
        if (strcmp(t->sections[s].title, title) == 0)
            return &t->sections[s];
    return NULL;
}

/* The first 16 hex digits of SHA-256 of text, as the privacy version should be. */
static void expected_version(const char *text, char out[17])
{
    unsigned char hash[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(hash, (const unsigned char *)text, strlen(text));
    sodium_bin2hex(out, 17, hash, 8);
}

/* ---------------------------------------------------------------- the real content */

TEST(real_content_loads_with_every_fact)
{
    struct content c;
    char err[512];
    const struct content_treatment *t;
    const struct content_block *b;
    const struct content_section *visit;
    static const char *facts[] = {
        "botulinum toxin type A", "vacuum-dried", "anti-wrinkle injections on the face",
        "every 3-4 months", "every 4-6 months", "nerve signals", "medium term",
        "contoured-looking calf", "20 minutes", "fine needle", "4-6 injection points",
        "well tolerated", "extremely rare", "warmth", "few hours", "1-2 days", "2-3 weeks",
        "3-4 sessions", "2-3 a year", "2 or 3 sessions", "calf muscles are small", "2-6 months",
    };
    static const char *not_for[] = {
        "active infection", "neuromuscular disorder", "younger than 18",
        "pregnant or breast-feeding", "swallowing disorder", "breathing difficulties",
    };

    if (content_load("content", &c, err, sizeof err) != 0)
        FAIL_AT("content_load: %s", err);
    ASSERT_STR_EQ("Dr Nicole", c.clinic.doctor_name);
    ASSERT_CONTAINS(c.clinic.doctor_role, "onsultant dermatologist");
    ASSERT_STR_EQ("Please ask at reception if you have any questions.", c.clinic.contact);
    ASSERT(c.clinic.doctor.nblocks > 0);
    ASSERT(c.clinic.privacy.nblocks > 0);
    ASSERT_INT_EQ(16, strlen(c.clinic.privacy_version));
    ASSERT_INT_EQ(16, strspn(c.clinic.privacy_version, "0123456789abcdef"));

    t = content_treatment(&c, "calf-slimming");
    ASSERT(t != NULL);
    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++)
        if (!find_block(t, facts[i]))
            FAIL_AT("no block says \"%s\"", facts[i]);
    for (size_t i = 0; i < sizeof not_for / sizeof not_for[0]; i++) {
        b = find_block(t, not_for[i]);
        if (!b || b->kind != CONTENT_BULLET)
            FAIL_AT("no bullet says \"%s\"", not_for[i]);
    }
    visit = find_section(t, "Your visit in three steps");
    ASSERT(visit != NULL);
    ASSERT_INT_EQ(3, visit->nblocks);
    for (int i = 0; i < 3; i++) {
        ASSERT_INT_EQ(CONTENT_STEP, visit->blocks[i].kind);
        ASSERT_INT_EQ(i + 1, visit->blocks[i].number);
    }
    ASSERT_STR_EQ("Consultation", visit->blocks[0].title);
    ASSERT_STR_EQ("Aftercare", visit->blocks[2].title);
    b = find_block(t, "How many sessions");
    ASSERT(b && b->kind == CONTENT_FAQ);

    ASSERT_INT_EQ(6, t->nquestions);
    for (int i = 0; i < t->nquestions; i++) {
        int under_18 = strstr(t->questions[i].text, "younger than 18") != NULL;

        ASSERT_INT_EQ(under_18 ? CONTENT_OUTCOME_STOP : CONTENT_OUTCOME_DISCUSS,
                      t->questions[i].yes_outcome);
    }
    ASSERT(t->screening_intro && t->result_clear && t->result_discuss && t->result_stop);
    content_free(&c);
}

TEST(real_content_has_no_problems)
{
    FILE *report = tmpfile();
    long size;

    ASSERT(report != NULL);
    ASSERT_INT_EQ(0, content_check("content", report));
    size = ftell(report);
    fclose(report);
    ASSERT_INT_EQ(0, size);
}

TEST(real_palette_reaches_seven_to_one)
{
    struct content c;
    char err[512];
    const struct content_clinic *k = &c.clinic;

    ASSERT_INT_EQ(0, content_load("content", &c, err, sizeof err));
    ASSERT(content_contrast(k->colour_text, k->colour_background) >= 7.0);
    ASSERT(content_contrast(k->colour_text, k->colour_surface) >= 7.0);
    ASSERT(content_contrast(k->colour_muted, k->colour_background) >= 7.0);
    ASSERT(content_contrast(k->colour_muted, k->colour_surface) >= 7.0);
    ASSERT(content_contrast(k->colour_accent_text, k->colour_accent) >= 7.0);
    content_free(&c);
}

TEST(contrast_spans_one_to_twenty_one)
{
    ASSERT(content_contrast(0x000000, 0xFFFFFF) > 20.99);
    ASSERT(content_contrast(0xFFFFFF, 0x000000) < 21.01);
    ASSERT(content_contrast(0x777777, 0x777777) == 1.0);
    /* #767676 on white is the well-known 4.54:1 */
    ASSERT(content_contrast(0x767676, 0xFFFFFF) > 4.53 && content_contrast(0x767676, 0xFFFFFF) < 4.55);
}

/* ---------------------------------------------------------------- the format */

TEST(blocks_are_parsed_as_documented)
{
    static const char text[] = T_HEAD
        "\n== Mixed ==\n"
        "First line\n"
        "  second line.\n"
        "# a comment inside a paragraph does not end it\n"
        "third line.\n"
        "\n"
        "- item one\n"
        "  goes on\n"
        "- item two\n"
        "1. Title one\n"
        "Step text\n"
        "over two lines.\n"
        "\n"
        "2. Title two\n"
        "\n"
        "Q: A question\n"
        "that goes on?\n"
        "\n"
        "A: The answer\n"
        "goes on too.\n";
    struct content c;
    char err[512];
    const struct content_section *s;

    if (content_load(tree_with(C_GOOD, text), &c, err, sizeof err) != 0)
        FAIL_AT("content_load: %s", err);
    ASSERT_INT_EQ(1, c.ntreatments);
    ASSERT_INT_EQ(1, c.treatments[0].nsections);
    s = &c.treatments[0].sections[0];
    ASSERT_STR_EQ("Mixed", s->title);
    ASSERT_INT_EQ(6, s->nblocks);
    ASSERT_INT_EQ(CONTENT_PARAGRAPH, s->blocks[0].kind);
    ASSERT_STR_EQ("First line second line. third line.", s->blocks[0].text);
    ASSERT(s->blocks[0].title == NULL);
    ASSERT_INT_EQ(CONTENT_BULLET, s->blocks[1].kind);
    ASSERT_STR_EQ("item one goes on", s->blocks[1].text);
    ASSERT_STR_EQ("item two", s->blocks[2].text);
    ASSERT_INT_EQ(CONTENT_STEP, s->blocks[3].kind);
    ASSERT_INT_EQ(1, s->blocks[3].number);
    ASSERT_STR_EQ("Title one", s->blocks[3].title);
    ASSERT_STR_EQ("Step text over two lines.", s->blocks[3].text);
    ASSERT_INT_EQ(2, s->blocks[4].number);
    ASSERT_STR_EQ("", s->blocks[4].text);
    ASSERT_INT_EQ(CONTENT_FAQ, s->blocks[5].kind);
    ASSERT_STR_EQ("A question that goes on?", s->blocks[5].title);
    ASSERT_STR_EQ("The answer goes on too.", s->blocks[5].text);
    ASSERT(c.treatments[0].nquestions == 0 && c.treatments[0].result_clear == NULL);
    content_free(&c);
}

TEST(screening_is_parsed_and_kept_out_of_sections)
{
    static const char text[] = T_GOOD SCREENING
        "Intro: Some questions.\n"
        "Question: Are you older than 200?\n"
        "if YES: Stop\n"
        "Note: Nobody is.\n"
        "\n"
        "question: Do you like tea?\n"
        "If yes: discuss\n"
        "Result clear: Fine.\n"
        "Result discuss: Let us talk.\n"
        "Result stop: Sorry.\n";
    struct content c;
    char err[512];
    const struct content_treatment *t;

    if (content_load(tree_with(C_GOOD, text), &c, err, sizeof err) != 0)
        FAIL_AT("content_load: %s", err);
    t = &c.treatments[0];
    ASSERT_INT_EQ(1, t->nsections);
    ASSERT_STR_EQ("Some questions.", t->screening_intro);
    ASSERT_INT_EQ(2, t->nquestions);
    ASSERT_STR_EQ("Are you older than 200?", t->questions[0].text);
    ASSERT_INT_EQ(CONTENT_OUTCOME_STOP, t->questions[0].yes_outcome);
    ASSERT_STR_EQ("Nobody is.", t->questions[0].note);
    ASSERT_INT_EQ(CONTENT_OUTCOME_DISCUSS, t->questions[1].yes_outcome);
    ASSERT(t->questions[1].note == NULL);
    ASSERT_STR_EQ("Fine.", t->result_clear);
    ASSERT_STR_EQ("Let us talk.", t->result_discuss);
    ASSERT_STR_EQ("Sorry.", t->result_stop);
    content_free(&c);
}

TEST(clinic_fields_colours_and_privacy_version)
{
    static const char clinic[] = C_HEAD
        "COLOR  background: #ffffff\n"
        "Colour text: #000000\n"
        "\n== About Dr Test ==\nDr Test is made up.\n"
        "\n== Privacy notice ==\nWe keep:\n- your name\n\n# not shown\nThat is all.\n";
    struct content c;
    char err[512], want[17];

    if (content_load(tree_with(clinic, T_GOOD), &c, err, sizeof err) != 0)
        FAIL_AT("content_load: %s", err);
    ASSERT_STR_EQ("Test Clinic", c.clinic.name);
    ASSERT_STR_EQ("Made-up doctor", c.clinic.doctor_role);
    ASSERT_STR_EQ("About Dr Test", c.clinic.doctor.title);
    ASSERT_STR_EQ("Privacy notice", c.clinic.privacy.title);
    ASSERT_INT_EQ(0xFFFFFF, c.clinic.colour_background);
    ASSERT_INT_EQ(0x000000, c.clinic.colour_text);
    ASSERT_INT_EQ(0x1B585E, c.clinic.colour_accent);        /* not given: the default */
    expected_version("We keep:\nyour name\nThat is all.", want);
    ASSERT_STR_EQ(want, c.clinic.privacy_version);
    content_free(&c);
}

TEST(crlf_and_byte_order_mark_read_like_lf)
{
    static const char treatment[] = T_HEAD "\n== Steps ==\n1. One\nFirst\nstep.\n\nQ: Why?\nA: Because\nof this.\n";
    struct content lf, cr;
    char err[512];
    const char *dir = tree_new();
    char bom_clinic[512];

    snprintf(bom_clinic, sizeof bom_clinic, "\xEF\xBB\xBF%s", crlf(C_GOOD));
    tree_put(dir, "clinic.txt", bom_clinic);
    tree_put(dir, "treatments/t.txt", crlf(treatment));
    if (content_load(dir, &cr, err, sizeof err) != 0)
        FAIL_AT("content_load (CRLF): %s", err);
    if (content_load(tree_with(C_GOOD, treatment), &lf, err, sizeof err) != 0)
        FAIL_AT("content_load (LF): %s", err);
    ASSERT_STR_EQ(lf.clinic.name, cr.clinic.name);
    ASSERT_STR_EQ(lf.clinic.privacy_version, cr.clinic.privacy_version);
    ASSERT_STR_EQ("Test treatment", cr.treatments[0].name);
    ASSERT_STR_EQ("First step.", cr.treatments[0].sections[0].blocks[0].text);
    ASSERT_STR_EQ("Because of this.", cr.treatments[0].sections[0].blocks[1].text);
    content_free(&lf);
    content_free(&cr);
}

TEST(treatments_sorted_by_file_name_and_found_by_id)
{
    const char *dir = tree_new();
    struct content c;
    char err[512];

    tree_put(dir, "clinic.txt", C_GOOD);
    tree_put(dir, "treatments/b-second.txt", "Id: beta\nName: B\nTagline: b\nSummary: b.\nCategory: Skin\n" T_BODY);
    tree_put(dir, "treatments/a-first.txt", "Id: alpha\nName: A\nTagline: a\nSummary: a.\n" T_BODY);
    tree_put(dir, "treatments/notes.md", "not a treatment");
    if (content_load(dir, &c, err, sizeof err) != 0)
        FAIL_AT("content_load: %s", err);
    ASSERT_INT_EQ(2, c.ntreatments);
    ASSERT_STR_EQ("alpha", c.treatments[0].id);
    ASSERT_STR_EQ("beta", c.treatments[1].id);
    ASSERT_CONTAINS(c.treatments[1].path, "/treatments/b-second.txt");
    ASSERT(content_treatment(&c, "beta") == &c.treatments[1]);
    ASSERT(content_treatment(&c, "gamma") == NULL);
    ASSERT(c.treatments[0].category == NULL);      /* Category is optional */
    ASSERT_STR_EQ("Skin", c.treatments[1].category);
    content_free(&c);
}

TEST(free_is_safe_twice_and_on_empty)
{
    struct content c;
    char err[512];

    memset(&c, 0, sizeof c);
    content_free(&c);
    ASSERT_INT_EQ(0, content_load("content", &c, err, sizeof err));
    content_free(&c);
    content_free(&c);
    ASSERT_INT_EQ(0, c.ntreatments);
    ASSERT(c.clinic.name == NULL);
}

/* ---------------------------------------------------------------- mistakes */

/* One mistake in one file of an otherwise good tree, and what content_load() says first. */
struct bad_case {
    const char *name;
    const char *file;           /* "clinic.txt" or "treatments/t.txt" */
    const char *text;
    const char *message;        /* after "DIR/" */
    int count;                  /* problems content_check() finds */
};

static const struct bad_case bad_cases[] = {
    { "unknown field", "treatments/t.txt", T_HEAD "Colour: red\n" T_BODY,
      "treatments/t.txt:5: unknown field 'Colour': expected Id, Name, Tagline, Summary, Category, Picture or Picture text", 1 },
    { "missing field", "treatments/t.txt", "Id: t\nName: T\nSummary: S.\n" T_BODY,
      "treatments/t.txt:1: no 'Tagline:' line: add it at the top of the file", 1 },
    { "bad id", "treatments/t.txt", "Id: Calf Slimming\nName: T\nTagline: x\nSummary: S.\n" T_BODY,
      "treatments/t.txt:1: 'Id' must be lower-case letters, digits and '-', like 'calf-slimming', "
      "not 'Calf Slimming'", 1 },
    { "category too long", "treatments/t.txt",
      T_HEAD "Category: Injectables, fillers and other treatments of the face\n" T_BODY,
      "treatments/t.txt:5: 'Category' is 53 characters long; at most 40 fit the screen: shorten it", 1 },
    { "category twice", "treatments/t.txt", T_HEAD "Category: Skin\ncategory: Hair\n" T_BODY,
      "treatments/t.txt:6: 'Category' is given twice (first on line 5)", 1 },
    { "empty category", "treatments/t.txt", T_HEAD "Category:\n" T_BODY,
      "treatments/t.txt:5: 'Category' is empty", 1 },
    { "field twice", "treatments/t.txt", T_HEAD "name: Again\n" T_BODY,
      "treatments/t.txt:5: 'Name' is given twice (first on line 2)", 1 },
    { "empty field", "treatments/t.txt", "Id: t\nName:\nTagline: x\nSummary: S.\n" T_BODY,
      "treatments/t.txt:2: 'Name' is empty", 1 },
    { "text outside a section", "treatments/t.txt", "Id: t\nThis line is stray.\nName: T\nTagline: x\nSummary: S.\n" T_BODY,
      "treatments/t.txt:2: text outside a section: put a line like '== Title ==' above it", 1 },
    { "no sections", "treatments/t.txt", T_HEAD,
      "treatments/t.txt:1: no information sections: add one under a line like '== What it is =='", 1 },
    { "unterminated title", "treatments/t.txt", T_HEAD "\n== What it is\nText.\n",
      "treatments/t.txt:6: section title must end with '==', like '== What it is =='", 1 },
    { "empty title", "treatments/t.txt", T_HEAD "\n== ==\nText.\n",
      "treatments/t.txt:6: section title is empty", 1 },
    { "empty section", "treatments/t.txt", T_HEAD "\n== Empty ==\n\n== What it is ==\nText.\n",
      "treatments/t.txt:6: section 'Empty' is empty", 1 },
    { "answer without question", "treatments/t.txt", T_HEAD "\n== FAQ ==\nSome text.\n\nA: Yes.\n",
      "treatments/t.txt:9: 'A:' without a question: put a line starting with 'Q:' above it", 1 },
    { "question without answer", "treatments/t.txt", T_HEAD "\n== FAQ ==\nQ: Why?\n\nSome text.\n",
      "treatments/t.txt:7: question without an answer: add a line starting with 'A:' below it", 1 },
    { "question without answer at the end", "treatments/t.txt", T_GOOD "\n== FAQ ==\nQ: Why?\n",
      "treatments/t.txt:10: question without an answer: add a line starting with 'A:' below it", 1 },
    { "empty question", "treatments/t.txt", T_GOOD "Q:\n",
      "treatments/t.txt:8: nothing after 'Q:': write the question on the same line", 1 },
    { "empty bullet", "treatments/t.txt", T_GOOD "-\n",
      "treatments/t.txt:8: nothing after '-': write the item on the same line", 1 },
    { "step out of order", "treatments/t.txt", T_HEAD "\n== Steps ==\n1. One\nText.\n\n3. Three\n",
      "treatments/t.txt:10: step 3 is out of order: expected step 2", 1 },
    { "step without title", "treatments/t.txt", T_GOOD "1.\n",
      "treatments/t.txt:8: step 1 has no title: write it after '1.'", 1 },
    { "invalid UTF-8", "treatments/t.txt", T_HEAD "\n== What it is ==\nCaf\xC3 au lait.\nFine text.\n",
      "treatments/t.txt:7: invalid UTF-8: save the file as UTF-8 text", 1 },
    { "control character", "treatments/t.txt", T_GOOD "Bell\a here.\n",
      "treatments/t.txt:8: control character 0x07 in the text", 1 },
    { "bad if yes", "treatments/t.txt",
      T_GOOD SCREENING "Intro: Hi.\nQuestion: Q?\nIf yes: maybe\nResult clear: Fine.\nResult discuss: Talk.\n",
      "treatments/t.txt:12: 'If yes' must be 'stop' or 'discuss', not 'maybe'", 1 },
    { "question without if yes", "treatments/t.txt",
      T_GOOD SCREENING "Intro: Hi.\nQuestion: Q?\nQuestion: R?\nIf yes: discuss\nResult clear: Fine.\nResult discuss: Talk.\n",
      "treatments/t.txt:11: question without 'If yes:': add 'If yes: stop' or 'If yes: discuss' below it", 1 },
    { "if yes twice", "treatments/t.txt",
      T_GOOD SCREENING "Intro: Hi.\nQuestion: Q?\nIf yes: discuss\nIf yes: stop\nResult clear: Fine.\nResult discuss: Talk.\n",
      "treatments/t.txt:13: 'If yes' is given twice (first on line 12)", 1 },
    { "if yes without question", "treatments/t.txt",
      T_GOOD SCREENING "Intro: Hi.\nIf yes: stop\nQuestion: Q?\nIf yes: discuss\nResult clear: Fine.\nResult discuss: Talk.\n",
      "treatments/t.txt:11: 'If yes:' without a question: put a line starting with 'Question:' above it", 1 },
    { "note without question", "treatments/t.txt",
      T_GOOD SCREENING "Note: Hi.\nIntro: Hi.\nQuestion: Q?\nIf yes: discuss\nResult clear: Fine.\nResult discuss: Talk.\n",
      "treatments/t.txt:10: 'Note:' without a question: put a line starting with 'Question:' above it", 1 },
    { "missing result", "treatments/t.txt",
      T_GOOD SCREENING "Intro: Hi.\nQuestion: Q?\nIf yes: stop\nResult clear: Fine.\n",
      "treatments/t.txt:9: the Screening section needs a 'Result stop:' line, as a question says 'If yes: stop'", 1 },
    { "missing intro", "treatments/t.txt",
      T_GOOD SCREENING "Question: Q?\nIf yes: discuss\nResult clear: Fine.\nResult discuss: Talk.\n",
      "treatments/t.txt:9: the Screening section needs an 'Intro:' line", 1 },
    { "no questions", "treatments/t.txt", T_GOOD SCREENING "Intro: Hi.\n",
      "treatments/t.txt:9: the Screening section has no questions: add lines starting with 'Question:' "
      "or remove the section", 1 },
    { "unknown screening field", "treatments/t.txt",
      T_GOOD SCREENING "Intro: Hi.\nQuestion: Q?\nIf yes: discuss\nQuesiton: R?\nResult clear: Fine.\nResult discuss: Talk.\n",
      "treatments/t.txt:13: unknown field 'Quesiton' in the Screening section: expected Intro, Question, "
      "If yes, Note, Result clear, Result discuss or Result stop", 1 },
    { "free text in screening", "treatments/t.txt",
      T_GOOD SCREENING "Intro: Hi.\nQuestion: Q?\nIf yes: discuss\nwhich goes on here\nResult clear: Fine.\nResult discuss: Talk.\n",
      "treatments/t.txt:13: each line of the Screening section starts with 'Question:', 'If yes:', 'Note:', "
      "'Intro:' or 'Result ...:'", 1 },
    { "two screening sections", "treatments/t.txt",
      T_GOOD SCREENING "Intro: Hi.\nQuestion: Q?\nIf yes: discuss\nResult clear: Fine.\nResult discuss: Talk.\n"
      SCREENING "Question: R?\n",
      "treatments/t.txt:16: a second Screening section (the first is on line 9)", 1 },
    { "bad colour", "clinic.txt", C_HEAD "Colour accent: teal\n" C_BODY,
      "clinic.txt:6: 'Colour accent' must be a colour written like #1B585E, not 'teal'", 1 },
    { "pale text", "clinic.txt", C_HEAD "Color surface: #FFFFFF\nColor text: #999999\n" C_BODY,
      "clinic.txt:7: 'Colour text' #999999 on 'Colour background' #F6F4F0 has a contrast of 2.6:1; "
      "it needs at least 7:1", 2 },
    { "no privacy notice", "clinic.txt", C_HEAD "\n== About Dr Test ==\nDr Test is made up.\n",
      "clinic.txt:1: no '== Privacy notice ==' section", 1 },
    { "no doctor's page", "clinic.txt", C_HEAD "\n== Privacy notice ==\nWe keep your name.\n",
      "clinic.txt:1: no doctor's page: add a section such as '== About Dr Nicole =='", 1 },
    { "third clinic section", "clinic.txt", C_GOOD "\n== Opening hours ==\nAlways.\n",
      "clinic.txt:13: a third section: clinic.txt holds only the doctor's page and the privacy notice", 1 },
    { "screening in clinic", "clinic.txt", C_GOOD SCREENING "Question: Q?\n",
      "clinic.txt:13: a Screening section belongs in a treatment file, not here", 1 },
    { "treatment field in clinic", "clinic.txt", C_HEAD "Tagline: x\n" C_BODY,
      "clinic.txt:6: unknown field 'Tagline': expected Name, Welcome, Contact, Doctor, Doctor role, "
      "Language, Logo, Logo text, Photo, Photo text or a 'Colour ...' field", 1 },
};

TEST(each_mistake_is_reported_at_its_line)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const struct bad_case *k = &bad_cases[i];
        const char *dir = tree_with(C_GOOD, T_GOOD);
        struct content c;
        char err[512], want[512];
        int count;

        tree_put(dir, k->file, k->text);
        snprintf(want, sizeof want, "%s/%s", dir, k->message);
        if (content_load(dir, &c, err, sizeof err) != -1)
            FAIL_AT("%s: content_load() accepted it", k->name);
        if (strcmp(want, err) != 0)
            FAIL_AT("%s:\n    expected \"%s\"\n    got      \"%s\"", k->name, want, err);
        if (c.ntreatments != 0 || c.clinic.name != NULL)
            FAIL_AT("%s: content_load() left content behind after failing", k->name);
        count = content_check(dir, NULL);
        if (count != k->count)
            FAIL_AT("%s: content_check() found %d problems, expected %d", k->name, count, k->count);
    }
}

/* content_load() on dir fails with "DIR/" followed by message. */
static int load_fails_with(const char *dir, const char *message, char *got, size_t gotlen)
{
    struct content c;
    char want[512];

    snprintf(want, sizeof want, "%s/%s", dir, message);
    return content_load(dir, &c, got, gotlen) == -1 && strcmp(want, got) == 0;
}

TEST(missing_clinic_file)
{
    const char *dir = tree_with(NULL, T_GOOD);
    char want[256], err[512];
    struct content c;

    snprintf(want, sizeof want, "cannot open '%s/clinic.txt': No such file or directory", dir);
    ASSERT_INT_EQ(-1, content_load(dir, &c, err, sizeof err));
    ASSERT_STR_EQ(want, err);
    ASSERT_INT_EQ(1, content_check(dir, NULL));
}

TEST(missing_or_empty_treatments)
{
    const char *dir = tree_with(C_GOOD, NULL);
    char err[512], path[256];

    if (!load_fails_with(dir, "treatments: no treatment files: add one such as calf-slimming.txt", err, sizeof err))
        FAIL_AT("got \"%s\"", err);
    snprintf(path, sizeof path, "%s/treatments", dir);
    ASSERT_INT_EQ(0, rmdir(path));
    ASSERT_INT_EQ(-1, content_load(dir, &(struct content){ 0 }, err, sizeof err));
    snprintf(path, sizeof path, "cannot open '%s/treatments': No such file or directory", dir);
    ASSERT_STR_EQ(path, err);
}

TEST(duplicate_ids_across_files)
{
    const char *dir = tree_with(C_GOOD, NULL);
    char want[512], err[512];
    struct content c;

    tree_put(dir, "treatments/a.txt", T_GOOD);
    tree_put(dir, "treatments/b.txt", T_GOOD);
    snprintf(want, sizeof want, "%s/treatments/b.txt:1: id 't' is already used by %s/treatments/a.txt", dir, dir);
    ASSERT_INT_EQ(-1, content_load(dir, &c, err, sizeof err));
    ASSERT_STR_EQ(want, err);
}

TEST(file_too_large)
{
    const char *dir = tree_with(C_GOOD, NULL);
    size_t n = CONTENT_MAX_FILE_BYTES + 1;
    char *big = malloc(n), err[512];

    ASSERT(big != NULL);
    memset(big, '\n', n);
    memcpy(big, T_GOOD, strlen(T_GOOD));
    tree_put_bytes(dir, "treatments/t.txt", big, n);
    free(big);
    if (!load_fails_with(dir, "treatments/t.txt: file is larger than 256 KiB", err, sizeof err))
        FAIL_AT("got \"%s\"", err);
    ASSERT_INT_EQ(1, content_check(dir, NULL));
}

TEST(line_too_long)
{
    const char *dir = tree_with(C_GOOD, NULL);
    char text[CONTENT_MAX_LINE_BYTES + 256], err[512];
    size_t n = strlen(T_GOOD);

    memcpy(text, T_GOOD, n);
    memset(text + n, 'x', CONTENT_MAX_LINE_BYTES + 1);
    strcpy(text + n + CONTENT_MAX_LINE_BYTES + 1, "\nMore text.\n");
    tree_put(dir, "treatments/t.txt", text);
    if (!load_fails_with(dir, "treatments/t.txt:8: line is longer than 4096 bytes: split it", err, sizeof err))
        FAIL_AT("got \"%s\"", err);

    /* exactly at the limit, with CRLF, it is fine: 1,365 three-byte characters and an 'x' are
     * 4,096 bytes, and fewer characters than a paragraph may hold */
    for (int i = 0; i < CONTENT_MAX_LINE_BYTES / 3; i++)
        memcpy(text + n + 3 * i, "\xE2\x82\xAC", 3);
    text[n + CONTENT_MAX_LINE_BYTES - 1] = 'x';
    text[n + CONTENT_MAX_LINE_BYTES] = '\r';
    tree_put(dir, "treatments/t.txt", text);
    ASSERT_INT_EQ(0, content_check(dir, NULL));
}

/* Appends to a growing text of at most size bytes. */
static void add(char *text, size_t size, const char *line)
{
    strncat(text, line, size - strlen(text) - 1);
}

TEST(limits_are_reported_once)
{
    static char text[64 * 1024];
    char line[64], err[512];
    const char *dir;

    text[0] = '\0';
    add(text, sizeof text, T_HEAD);
    for (int i = 1; i <= CONTENT_MAX_SECTIONS + 2; i++) {
        snprintf(line, sizeof line, "== Section %d ==\nText.\n", i);
        add(text, sizeof text, line);
    }
    dir = tree_with(C_GOOD, text);
    /* T_HEAD is 4 lines and each section 2: section 33 starts on line 4 + 32 * 2 + 1 */
    if (!load_fails_with(dir, "treatments/t.txt:69: more than 32 sections in one file", err, sizeof err))
        FAIL_AT("sections: got \"%s\"", err);
    ASSERT_INT_EQ(1, content_check(dir, NULL));

    text[0] = '\0';
    add(text, sizeof text, T_HEAD "== Long ==\n");
    for (int i = 1; i <= CONTENT_MAX_BLOCKS + 2; i++)
        add(text, sizeof text, "- item\n");
    dir = tree_with(C_GOOD, text);
    if (!load_fails_with(dir, "treatments/t.txt:70: section 'Long' has more than 64 paragraphs, items, "
                         "steps and questions: split it", err, sizeof err))
        FAIL_AT("blocks: got \"%s\"", err);
    ASSERT_INT_EQ(1, content_check(dir, NULL));

    text[0] = '\0';
    add(text, sizeof text, T_GOOD SCREENING "Intro: Hi.\nResult clear: Fine.\nResult discuss: Talk.\n");
    for (int i = 1; i <= CONTENT_MAX_QUESTIONS + 2; i++)
        add(text, sizeof text, "Question: Q?\nIf yes: discuss\n");
    dir = tree_with(C_GOOD, text);
    /* the Screening title is line 9, three fields follow, then two lines a question */
    if (!load_fails_with(dir, "treatments/t.txt:53: more than 20 questions", err, sizeof err))
        FAIL_AT("questions: got \"%s\"", err);
    ASSERT_INT_EQ(1, content_check(dir, NULL));
}

/* n characters of made-up words of unit (one character, maybe of several bytes): six of them,
 * a space, six more..., ending in 'x'. In a static buffer, one of two, so two can be used at once. */
static const char *words(int n, const char *unit)
{
    static char buf[2][16384];
    static int which;
    char *out = buf[which ^= 1];
    size_t len = strlen(unit), used = 0;

    for (int i = 0; i < n; i++) {
        const char *c = i == n - 1 ? "x" : i % 7 == 6 ? " " : unit;
        size_t clen = c == unit ? len : 1;
        memcpy(out + used, c, clen);
        used += clen;
    }
    out[used] = '\0';
    return out;
}

/* A text field at its limit loads; one character more is refused at its line, and so is an
 * empty one. Characters are counted, not bytes: "é" is one. */
TEST(every_field_has_a_limit_and_must_not_be_empty)
{
    static const struct { const char *scope, *file, *field; int line; } fields[] = {
        { "clinic", "clinic.txt", "Name", 1 },          { "clinic", "clinic.txt", "Welcome", 2 },
        { "clinic", "clinic.txt", "Contact", 3 },       { "clinic", "clinic.txt", "Doctor", 4 },
        { "clinic", "clinic.txt", "Doctor role", 5 },   { "treatment", "treatments/t.txt", "Name", 2 },
        { "treatment", "treatments/t.txt", "Tagline", 3 }, { "treatment", "treatments/t.txt", "Summary", 4 },
    };
    static const char *const clinic_lines[] = { "Name: Test Clinic", "Welcome: Hello.", "Contact: Ask us.",
                                                "Doctor: Dr Test", "Doctor role: Made-up doctor" };
    static const char *const treatment_lines[] = { "Id: t", "Name: Test treatment", "Tagline: A tagline",
                                                   "Summary: A summary." };

    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        int max = content_text_max(fields[i].scope, fields[i].field);
        int is_clinic = fields[i].file[0] == 'c';
        const char *const *lines = is_clinic ? clinic_lines : treatment_lines;
        int nlines = is_clinic ? 5 : 4;
        char text[16384], want[256], err[512];

        if (max < 10 || max > 2000)
            FAIL_AT("%s '%s': a limit of %d", fields[i].scope, fields[i].field, max);
        for (int len = max; len <= max + 1; len++)
            for (int empty = 0; empty < (len == max ? 2 : 1); empty++) {
                const char *dir;
                text[0] = '\0';
                for (int k = 0; k < nlines; k++) {
                    if (k + 1 == fields[i].line) {
                        snprintf(text + strlen(text), sizeof text - strlen(text), "%s: %s\n", fields[i].field,
                                 empty ? "" : words(len, "\xC3\xA9"));
                    } else {
                        snprintf(text + strlen(text), sizeof text - strlen(text), "%s\n", lines[k]);
                    }
                }
                strncat(text, is_clinic ? C_BODY : T_BODY, sizeof text - strlen(text) - 1);
                dir = is_clinic ? tree_with(text, T_GOOD) : tree_with(C_GOOD, text);
                if (empty)
                    snprintf(want, sizeof want, "%s:%d: '%s' is empty", fields[i].file, fields[i].line,
                             fields[i].field);
                else
                    snprintf(want, sizeof want, "%s:%d: '%s' is %d characters long; at most %d fit the screen: "
                             "shorten it", fields[i].file, fields[i].line, fields[i].field, len, max);
                if (len == max && !empty) {
                    if (content_check(dir, stderr) != 0)
                        FAIL_AT("%s '%s' of %d characters was refused", fields[i].scope, fields[i].field, len);
                } else if (!load_fails_with(dir, want, err, sizeof err)) {
                    FAIL_AT("%s '%s':\n    expected \"%s\"\n    got      \"%s\"", fields[i].scope,
                            fields[i].field, want, err);
                }
            }
    }
}

/* Blocks and screening texts over their limits are refused at the line where they start. */
TEST(blocks_and_questions_have_limits)
{
    int text_max = content_text_max("section", "text"), title_max = content_text_max("section", "title");
    int question_max = content_text_max("screening", "Question");
    char text[32768], want[256], err[512];
    const char *dir;

    /* a paragraph of two lines, one character too long in all */
    snprintf(text, sizeof text, T_HEAD "\n== What it is ==\n%s\n%s\n", words(text_max / 2, "a"),
             words(text_max - text_max / 2, "b"));
    dir = tree_with(C_GOOD, text);
    snprintf(want, sizeof want, "treatments/t.txt:7: this paragraph is %d characters long; at most %d fit the "
             "screen: shorten it", text_max + 1, text_max);
    if (!load_fails_with(dir, want, err, sizeof err))
        FAIL_AT("paragraph: got \"%s\"", err);

    snprintf(text, sizeof text, T_HEAD "\n== %s ==\nText.\n", words(title_max + 1, "t"));
    dir = tree_with(C_GOOD, text);
    snprintf(want, sizeof want, "treatments/t.txt:6: the section title is %d characters long; at most %d fit the "
             "screen: shorten it", title_max + 1, title_max);
    if (!load_fails_with(dir, want, err, sizeof err))
        FAIL_AT("section title: got \"%s\"", err);

    snprintf(text, sizeof text, T_GOOD "\n== FAQ ==\nQ: Why?\nA: %s\n", words(text_max + 1, "w"));
    dir = tree_with(C_GOOD, text);
    snprintf(want, sizeof want, "treatments/t.txt:10: this answer is %d characters long; at most %d fit the "
             "screen: shorten it", text_max + 1, text_max);
    if (!load_fails_with(dir, want, err, sizeof err))
        FAIL_AT("answer: got \"%s\"", err);

    snprintf(text, sizeof text, T_GOOD SCREENING "Intro: Hi.\nQuestion: %s?\nIf yes: discuss\nResult clear: Fine.\n"
             "Result discuss: Talk.\n", words(question_max, "q"));
    dir = tree_with(C_GOOD, text);
    snprintf(want, sizeof want, "treatments/t.txt:11: 'Question' is %d characters long; at most %d fit the "
             "screen: shorten it", question_max + 1, question_max);
    if (!load_fails_with(dir, want, err, sizeof err))
        FAIL_AT("question: got \"%s\"", err);
}

/* The id is stored with each request: no longer than the queue stores, and the form holds. */
TEST(treatment_id_fits_the_queue)
{
    char text[512], id[QUEUE_ID_MAX + 2], want[256], err[512];
    const char *dir;

    ASSERT_INT_EQ(QUEUE_ID_MAX, content_text_max("treatment", "Id"));
    memset(id, 'a', sizeof id - 1);
    id[QUEUE_ID_MAX] = '\0';
    snprintf(text, sizeof text, "Id: %s\nName: T\nTagline: x\nSummary: S.\n" T_BODY, id);
    ASSERT_INT_EQ(0, content_check(tree_with(C_GOOD, text), stderr));
    id[QUEUE_ID_MAX] = 'a';
    id[QUEUE_ID_MAX + 1] = '\0';
    snprintf(text, sizeof text, "Id: %s\nName: T\nTagline: x\nSummary: S.\n" T_BODY, id);
    dir = tree_with(C_GOOD, text);
    snprintf(want, sizeof want, "treatments/t.txt:1: 'Id' is %d characters long; at most %d fit the screen: "
             "shorten it", QUEUE_ID_MAX + 1, QUEUE_ID_MAX);
    if (!load_fails_with(dir, want, err, sizeof err))
        FAIL_AT("got \"%s\"", err);
}

static void on_alarm(int sig)
{
    static const char msg[] = "test_content: opening content blocked\n";

    (void)sig;
    if (write(2, msg, sizeof msg - 1) < 0)
        _exit(3);
    _exit(3);
}

/* A FIFO, a device or a directory where a content file belongs is refused at once, never waited
 * on (SIGALRM ends the test if anything blocks). */
TEST(content_that_is_not_a_regular_file)
{
    const char *dir;
    char path[256], want[512], err[512];

    signal(SIGALRM, on_alarm);
    alarm(20);
    dir = tree_with(C_GOOD, T_GOOD);
    snprintf(path, sizeof path, "%s/treatments/fifo.txt", dir);
    ASSERT_INT_EQ(0, mkfifo(path, 0600));
    snprintf(want, sizeof want, "%s: not a regular file", path);
    ASSERT_INT_EQ(-1, content_load(dir, &(struct content){ 0 }, err, sizeof err));
    ASSERT_STR_EQ(want, err);
    ASSERT_INT_EQ(1, content_check(dir, NULL));

    dir = tree_with(NULL, T_GOOD);
    snprintf(path, sizeof path, "%s/clinic.txt", dir);
    ASSERT_INT_EQ(0, symlink("/dev/zero", path));
    snprintf(want, sizeof want, "%s: not a regular file", path);
    ASSERT_INT_EQ(-1, content_load(dir, &(struct content){ 0 }, err, sizeof err));
    ASSERT_STR_EQ(want, err);

    dir = tree_with(C_GOOD, T_GOOD);
    snprintf(path, sizeof path, "%s/treatments/folder.txt", dir);
    ASSERT_INT_EQ(0, mkdir(path, 0700));
    snprintf(want, sizeof want, "%s: not a regular file", path);
    ASSERT_INT_EQ(-1, content_load(dir, &(struct content){ 0 }, err, sizeof err));
    ASSERT_STR_EQ(want, err);

    /* a symbolic link to a regular file is a regular file */
    dir = tree_with(C_GOOD, NULL);
    snprintf(path, sizeof path, "%s/treatments/t.txt", dir);
    ASSERT_INT_EQ(0, symlink(realpath("content/treatments/calf-slimming.txt", want), path));
    snprintf(path, sizeof path, "%s/images", dir);      /* the pictures it names */
    ASSERT_INT_EQ(0, symlink(realpath("content/images", want), path));
    ASSERT_INT_EQ(0, content_check(dir, stderr));
    alarm(0);
}

TEST(check_reports_every_problem_in_order)
{
    static const char text[] = T_HEAD
        "Colour: red\n"                             /* line 5 */
        "\n== Steps ==\n1. One\n\n3. Three\n"       /* line 10 */
        SCREENING                                   /* line 12 */
        "Intro: Hi.\nQuestion: Q?\nIf yes: maybe\n" /* line 15 */
        "Result clear: Fine.\nResult discuss: Talk.\n";
    const char *dir = tree_with(C_GOOD, text);
    char want[3][512], got[512], err[512];
    FILE *report = tmpfile();

    ASSERT(report != NULL);
    snprintf(want[0], sizeof want[0], "%s/treatments/t.txt:5: unknown field 'Colour': expected Id, Name, Tagline, Summary, Category, Picture or Picture text\n", dir);
    snprintf(want[1], sizeof want[1], "%s/treatments/t.txt:10: step 3 is out of order: expected step 2\n", dir);
    snprintf(want[2], sizeof want[2], "%s/treatments/t.txt:15: 'If yes' must be 'stop' or 'discuss', not 'maybe'\n", dir);
    ASSERT_INT_EQ(3, content_check(dir, report));
    rewind(report);
    for (int i = 0; i < 3; i++) {
        if (!fgets(got, sizeof got, report)) {
            fclose(report);
            FAIL_AT("line %d of the report is missing", i + 1);
        }
        if (strcmp(want[i], got) != 0) {
            fclose(report);
            FAIL_AT("line %d of the report:\n    expected %s    got      %s", i + 1, want[i], got);
        }
    }
    ASSERT(fgets(got, sizeof got, report) == NULL);
    fclose(report);
    ASSERT_INT_EQ(-1, content_load(dir, &(struct content){ 0 }, err, sizeof err));
    want[0][strlen(want[0]) - 1] = '\0';
    ASSERT_STR_EQ(want[0], err);
}

TEST(broken_fixture_names_its_line)
{
    struct content c;
    char err[512];

    ASSERT_INT_EQ(-1, content_load("tests/fixtures/content-broken", &c, err, sizeof err));
    ASSERT_STR_EQ("tests/fixtures/content-broken/treatments/calf-slimming.txt:11: "
                  "'If yes' must be 'stop' or 'discuss', not 'maybe'", err);
}

/* The wording file is part of the content: a mistake in it, or its absence, fails the load. */
TEST(wording_is_loaded_and_checked_with_the_content)
{
    struct content c;
    char err[512], report[2048] = "", want[512];
    const char *dir = tree_with(C_GOOD, T_GOOD);
    FILE *f;

    ASSERT_INT_EQ(0, content_load(dir, &c, err, sizeof err));
    ASSERT_STR_EQ("Touch to start", wording_text(&c.wording, MSG_ATTRACT_START));
    content_free(&c);
    ASSERT_STR_EQ("attract.start", wording_text(&c.wording, MSG_ATTRACT_START));
    tree_put(dir, CONTENT_WORDING_FILE, "# nothing yet\nattract.start: Touch {here}\n");
    ASSERT_INT_EQ(-1, content_load(dir, &c, err, sizeof err));
    snprintf(want, sizeof want, "%s/wording.txt:2: 'attract.start' has no placeholder {here}: it takes none", dir);
    ASSERT_STR_EQ(want, err);
    f = fmemopen(report, sizeof report - 1, "w");
    ASSERT_INT_EQ(MSG_COUNT - 1, content_check(dir, f));    /* that, and every other message missing */
    fclose(f);
    ASSERT_CONTAINS(report, want);
    snprintf(want, sizeof want, "%s/wording.txt:1: message 'bar.larger-text' is missing", dir);
    ASSERT_CONTAINS(report, want);
    /* The clinic's and treatments' problems come first. */
    tree_put(dir, "clinic.txt", "Name: X\n");
    ASSERT_INT_EQ(-1, content_load(dir, &c, err, sizeof err));
    ASSERT(strstr(err, "/clinic.txt:") != NULL);
    dir = tree_with(C_GOOD, T_GOOD);
    snprintf(want, sizeof want, "%s/wording.txt", dir);
    ASSERT_INT_EQ(0, remove(want));
    ASSERT_INT_EQ(-1, content_load(dir, &c, err, sizeof err));
    snprintf(want, sizeof want, "%s/wording.txt: cannot open: No such file or directory", dir);
    ASSERT_STR_EQ(want, err);
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    snprintf(root, sizeof root, "/tmp/test_content.XXXXXX");
    if (!mkdtemp(root) || sodium_init() < 0) {
        perror("test_content: set-up");
        return 2;
    }
    RUN(real_content_loads_with_every_fact);
    RUN(real_content_has_no_problems);
    RUN(real_palette_reaches_seven_to_one);
    RUN(contrast_spans_one_to_twenty_one);
    RUN(blocks_are_parsed_as_documented);
    RUN(screening_is_parsed_and_kept_out_of_sections);
    RUN(clinic_fields_colours_and_privacy_version);
    RUN(crlf_and_byte_order_mark_read_like_lf);
    RUN(treatments_sorted_by_file_name_and_found_by_id);
    RUN(free_is_safe_twice_and_on_empty);
    RUN(each_mistake_is_reported_at_its_line);
    RUN(missing_clinic_file);
    RUN(missing_or_empty_treatments);
    RUN(duplicate_ids_across_files);
    RUN(file_too_large);
    RUN(line_too_long);
    RUN(limits_are_reported_once);
    RUN(every_field_has_a_limit_and_must_not_be_empty);
    RUN(blocks_and_questions_have_limits);
    RUN(treatment_id_fits_the_queue);
    RUN(content_that_is_not_a_regular_file);
    RUN(check_reports_every_problem_in_order);
    RUN(broken_fixture_names_its_line);
    RUN(wording_is_loaded_and_checked_with_the_content);
    nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    END();
}
