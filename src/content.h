/* content: the clinic's and the treatments' text files that staff edit.
 * Parses content/clinic.txt and each content/treatments/NAME.txt into structs and reports "file:line: what is wrong". */
#ifndef CONTENT_H
#define CONTENT_H

#include <stddef.h>
#include <stdio.h>

#include "wording.h"

#define CONTENT_MAX_TREATMENTS 30
#define CONTENT_MAX_SECTIONS 32             /* information sections in one file */
#define CONTENT_MAX_BLOCKS 64               /* paragraphs, bullets, steps and FAQ pairs in one section */
#define CONTENT_MAX_QUESTIONS 20            /* screening questions in one treatment */
#define CONTENT_MAX_FILE_BYTES (256 * 1024)
#define CONTENT_MAX_LINE_BYTES 4096         /* not counting the line ending */
#define CONTENT_MIN_CONTRAST 7.0            /* the clinic's text colours against their backgrounds */
#define CONTENT_MAX_PICTURES 16             /* pictures inside the sections of one file */
#define CONTENT_MAX_PICTURE_TEXT 300        /* bytes of a picture's text: a sentence or two */
#define CONTENT_WORDING_FILE "wording.txt"  /* every sentence the kiosk shows, beside clinic.txt */
#define CONTENT_LANGUAGE "en"               /* the default files' language when clinic.txt names none */
#define CONTENT_LANGUAGES_DIR "languages"   /* DIR/languages/CODE/: each other language's files */
#define CONTENT_MAX_LANGUAGES 16            /* folders in DIR/languages */
#define CONTENT_LANGUAGE_NAME_MAX 30        /* characters of a language's name in the picker */

enum content_block_kind {
    CONTENT_PARAGRAPH,  /* text */
    CONTENT_BULLET,     /* text: one item of a bulleted list */
    CONTENT_STEP,       /* number, title, text (text may be "") */
    CONTENT_FAQ,        /* title = the question, text = the answer */
    CONTENT_PICTURE     /* picture (text is "") */
};

/* A picture file named in content ("Logo: logo.png" with "Logo text: ..."), checked when loaded:
 * it exists, is a regular file, a PNG, JPEG or WebP within the size limits (picture.h). */
struct content_picture {
    char *file;         /* as written, "logo.png"; NULL when no picture is given */
    char *path;         /* where it was found: next to the content file, or in DIR/images */
    char *text;         /* what it shows, in words, for those who cannot see it (never NULL with file) */
    int width, height;  /* its size in pixels, from the file's header */
};

struct content_block {
    enum content_block_kind kind;
    int number;         /* CONTENT_STEP: 1, 2, 3 ... as written */
    char *title;        /* CONTENT_STEP, CONTENT_FAQ; NULL otherwise */
    char *text;         /* never NULL */
    struct content_picture *picture;    /* CONTENT_PICTURE; NULL otherwise */
    int line;           /* where it starts in its file */
};

struct content_section {
    char *title;                    /* "What it is" */
    struct content_block *blocks;
    int nblocks;
    int line;                       /* of its "== Title ==" */
};

/* What answering "Yes" to a screening question means. */
enum content_outcome {
    CONTENT_OUTCOME_DISCUSS,        /* may not be advisable: the doctor discusses it; a request is allowed */
    CONTENT_OUTCOME_STOP            /* the clinic cannot offer the treatment: no request form */
};

struct content_question {
    char *text;                     /* "Are you younger than 18?" */
    enum content_outcome yes_outcome;
    char *note;                     /* shown on the result screen when answered yes; may be NULL */
    int line, if_yes_line, note_line;   /* where each was written (0: not) */
};

struct content_treatment {
    char *id;                       /* "calf-slimming": stable, stored with each request */
    char *name;                     /* "Calf slimming" */
    char *tagline;                  /* one line under the name on the home card */
    char *summary;                  /* two or three sentences for the home card */
    char *category;                 /* "Injectables": groups it on the menu; NULL when not given */
    struct content_picture picture; /* "Picture:" on its card and atop its info page; file NULL if none */
    struct content_section *sections;   /* the info screen, in file order; nsections >= 1 */
    int nsections;
    /* The checklist: nquestions is 0 when the file has no Screening section, and then the
     * intro and results are NULL. result_discuss and result_stop are NULL when no question
     * has that outcome. */
    char *screening_intro;          /* shown before the first question */
    struct content_question *questions;
    int nquestions;
    char *result_clear;             /* result screen wording for each case */
    char *result_discuss;
    char *result_stop;
    char *path;                     /* the file it came from, for messages */
    int id_line, category_line, screening_line;     /* where each was written (0: not) */
};

struct content_clinic {
    char *name;                     /* "The Dermatology Clinic" */
    char *welcome;                  /* the attract screen's line under the name */
    char *contact;                  /* "Please ask at reception" ... */
    char *doctor_name;              /* "Dr Nicole" */
    char *doctor_role;              /* "Consultant dermatologist" */
    struct content_picture logo;    /* "Logo:" on attract and the top bar; file NULL: the name instead */
    struct content_picture photo;   /* "Photo:" the doctor's; file NULL: a monogram instead */
    struct content_section doctor;  /* the doctor screen's text (title = heading) */
    struct content_section privacy; /* the privacy notice shown from the form */
    char privacy_version[17];       /* first 16 lower-case hex digits of SHA-256 of the notice as
                                     * shown: each block's title (if any) and text (if not empty),
                                     * joined with "\n" */
    /* Theme colours as 0xRRGGBB; the parser fills defaults for keys not given. A translation
     * has the default language's. */
    unsigned colour_background, colour_surface, colour_text, colour_muted,
             colour_accent, colour_accent_text;
    int colour_line[6];             /* where each colour was given (0: not), in the order above */
    char *language;                 /* the optional "Language: pl" of the default files; NULL if not given */
    int language_line;
    char *path;                     /* the file it came from, for messages */
};

struct content {
    char language[WORDING_LANGUAGE_BYTES];  /* its BCP 47 code: "en", "pl", "ar", "zh-Hans" */
    struct content_clinic clinic;
    struct content_treatment treatments[CONTENT_MAX_TREATMENTS];
    int ntreatments;
    struct wording wording;         /* DIR/wording.txt: the kiosk's own sentences */
};

/* Loads DIR/clinic.txt, every DIR/treatments/NAME.txt (sorted by name) and DIR/wording.txt into *out,
 * which it overwrites (free an earlier load first).
 * Returns 0, or -1 with the first problem in err as "file:line: message" (or "file: message"
 * for a whole file, "cannot open file: reason" when it cannot be read).
 * On success *out owns every string; release with content_free(). On failure *out is empty. */
int content_load(const char *dir, struct content *out, char *err, size_t errlen);

/* Loads the language code of DIR, the files in DIR/languages/CODE/, into *out as a translation of
 * def (the default language, loaded from DIR): it must have each of def's treatments (by file
 * name, with the same Id), sections, paragraphs, items, steps and questions, every message, and
 * the same screening questions with the same outcome for each. Treatments come in def's order
 * and colours are def's. Returns 0, or -1 with the first problem in err (then *out is empty).
 * On success *out owns what it holds; release with content_free(). */
int content_load_translation(const char *dir, const char *code, const struct content *def, struct content *out,
                             char *err, size_t errlen);

/* The language folders of DIR/languages (names that are not language codes included), sorted,
 * into codes; returns how many (at most max), 0 when there is no such folder. */
int content_languages(const char *dir, char codes[][WORDING_LANGUAGE_BYTES], int max);

/* Checks DIR like content_load() but reports every problem, one "file:line: message" line
 * each, to report, and then each language in DIR/languages as content_load_translation() would.
 * Returns the number of problems (0 = good). */
int content_check(const char *dir, FILE *report);

/* Fully decodes a picture file, to be sure it can be shown: returns 0, or -1 with why (words
 * for staff after the file's name, like "cannot be decoded: ..."). */
struct content_decoder {
    int (*decode)(void *ctx, const char *path, char *why, size_t whylen);
    void *ctx;
};

/* content_check() that also decodes each picture with dec (NULL: the header checks only). */
int content_check_with(const char *dir, FILE *report, const struct content_decoder *dec);

/* Frees every string of c and leaves it empty. Safe on an empty or already freed struct. */
void content_free(struct content *c);

/* The treatment with this id, or NULL. The pointer lives as long as c. */
const struct content_treatment *content_treatment(const struct content *c, const char *id);

/* The most characters check-content allows in the text called name of scope: "clinic" and
 * "treatment" (header fields such as "Name"), "screening" (its fields, such as "Question") or
 * "section" ("title", "step title", "question" of a FAQ, "text" of any block). */
int content_text_max(const char *scope, const char *name);

/* The WCAG contrast ratio of two 0xRRGGBB colours, from 1.0 to 21.0. */
double content_contrast(unsigned rgb_a, unsigned rgb_b);

#endif
