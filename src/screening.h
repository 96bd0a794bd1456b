/* screening: the self-screening checklist's answers, one question at a time, and its outcome.
 * The questions come from the treatment's content; this module only keeps and judges the answers. */
#ifndef SCREENING_H
#define SCREENING_H

#include "content.h"

#include <stdbool.h>
#include <stddef.h>

#define SCREENING_MAX_QUESTIONS 20

enum screening_answer {
    SCREENING_UNANSWERED,       /* zero: a wiped checklist has no answers */
    SCREENING_YES,
    SCREENING_NO
};

enum screening_outcome {
    SCREENING_NOT_TAKEN,        /* not started, or not finished */
    SCREENING_CLEAR,            /* every answer "No" */
    SCREENING_DISCUSS,          /* a "Yes" whose outcome is discuss, and none whose is stop */
    SCREENING_STOP              /* a "Yes" whose outcome is stop */
};

/* The client's answers: health data, so end its life with screening_wipe(). */
struct screening {
    int nquestions;             /* 0 until screening_start() */
    int current;                /* the question on screen; nquestions once the last is answered */
    enum screening_answer answers[SCREENING_MAX_QUESTIONS];
};

/* Zeroes every byte of s in a way the compiler may not optimise away: no checklist taken. */
void screening_wipe(struct screening *s);

/* Starts a checklist of nquestions, all unanswered, at the first question. Returns 0, or -1
 * when nquestions is not 1 to SCREENING_MAX_QUESTIONS (s is then wiped). */
int screening_start(struct screening *s, int nquestions);

/* Records the answer (SCREENING_YES or SCREENING_NO) to the current question and moves on.
 * Returns whether the checklist is now complete; once complete, further answers are ignored. */
bool screening_answer(struct screening *s, enum screening_answer answer);

/* Goes back one question so its answer can be changed; the answer stays recorded (the screen
 * may show it chosen) until a new one replaces it. Returns false, changing nothing, at the
 * first question. */
bool screening_back(struct screening *s);

/* Whether the last question has been answered (and not gone back from). */
bool screening_complete(const struct screening *s);

/* The outcome of s for questions[0..nquestions), which must be the questions it was started
 * with. Not-taken until complete; then stop wins over discuss, and all "No" is clear. */
enum screening_outcome screening_outcome(const struct screening *s,
                                         const struct content_question *questions, int nquestions);

/* "not-taken", "clear", "discuss" or "stop": the outcome as stored with a request. */
const char *screening_outcome_name(enum screening_outcome outcome);

/* Writes the answers as a NUL-terminated JSON array into buf, one object a question in order:
 * [{"question":"...","answer":"yes"},...], the answer "yes", "no" or null. For storage only
 * when the client consented to share them. Returns the length written, or -1 when buf is
 * too small (buf then holds no partial answers). */
int screening_answers_json(const struct screening *s, const struct content_question *questions,
                           int nquestions, char *buf, size_t len);

#endif
