/* screening: the self-screening checklist's answers and its outcome. */
#include "screening.h"
#include "json.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

_Static_assert(SCREENING_MAX_QUESTIONS >= CONTENT_MAX_QUESTIONS,
               "a checklist must hold every question a content file may have");

/* Appends to a fixed buffer, remembering when something did not fit. */
struct out {
    char *buf;
    size_t len, used;
    bool overflow;
};

void screening_wipe(struct screening *s)
{
    sodium_memzero(s, sizeof *s);
}

int screening_start(struct screening *s, int nquestions)
{
    screening_wipe(s);
    if (nquestions < 1 || nquestions > SCREENING_MAX_QUESTIONS)
        return -1;
    s->nquestions = nquestions;
    return 0;
}

bool screening_answer(struct screening *s, enum screening_answer answer)
{
    assert(answer == SCREENING_YES || answer == SCREENING_NO);
    if (!screening_complete(s))
        s->answers[s->current++] = answer;
    return screening_complete(s);
}

bool screening_back(struct screening *s)
{
    if (s->current == 0)
        return false;
    s->current--;
    return true;
}

bool screening_complete(const struct screening *s)
{
    return s->nquestions > 0 && s->current == s->nquestions;
}

enum screening_outcome screening_outcome(const struct screening *s,
                                         const struct content_question *questions, int nquestions)
{
    enum screening_outcome outcome = SCREENING_CLEAR;

    assert(nquestions == s->nquestions);
    if (!screening_complete(s))
        return SCREENING_NOT_TAKEN;
    for (int i = 0; i < nquestions; i++) {
        if (s->answers[i] != SCREENING_YES)
            continue;
        if (questions[i].yes_outcome == CONTENT_OUTCOME_STOP)
            return SCREENING_STOP;
        outcome = SCREENING_DISCUSS;
    }
    return outcome;
}

const char *screening_outcome_name(enum screening_outcome outcome)
{
    switch (outcome) {
    case SCREENING_NOT_TAKEN:
        return "not-taken";
    case SCREENING_CLEAR:
        return "clear";
    case SCREENING_DISCUSS:
        return "discuss";
    case SCREENING_STOP:
        return "stop";
    }
    assert(!"unknown screening outcome");
    return "not-taken";
}

static void out_bytes(struct out *o, const char *s, size_t n)
{
    if (o->overflow || n >= o->len - o->used) {
        o->overflow = true;
        return;
    }
    memcpy(o->buf + o->used, s, n);
    o->used += n;
    o->buf[o->used] = '\0';
}

static void out_str(struct out *o, const char *s)
{
    out_bytes(o, s, strlen(s));
}

static void out_put(void *o, const char *p, size_t n)
{
    out_bytes(o, p, n);
}

/* s as a JSON string (json.c). */
static void out_json_string(struct out *o, const char *s)
{
    json_string(s, out_put, o);
}

static const char *answer_json(enum screening_answer a)
{
    return a == SCREENING_YES ? "\"yes\"" : a == SCREENING_NO ? "\"no\"" : "null";
}

int screening_answers_json(const struct screening *s, const struct content_question *questions,
                           int nquestions, char *buf, size_t len)
{
    struct out o = { buf, len, 0, false };

    assert(nquestions == s->nquestions);
    out_str(&o, "[");
    for (int i = 0; i < nquestions; i++) {
        out_str(&o, i ? ",{\"question\":" : "{\"question\":");
        out_json_string(&o, questions[i].text);
        out_str(&o, ",\"answer\":");
        out_str(&o, answer_json(s->answers[i]));
        out_str(&o, "}");
    }
    out_str(&o, "]");
    if (o.overflow) {
        sodium_memzero(buf, len);
        return -1;
    }
    return (int)o.used;
}
