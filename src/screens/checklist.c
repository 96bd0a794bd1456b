/* checklist: the self-screening questions, one a screen, and the result in plain words. The
 * answers sit in one place above the bottom bar on every question; a question too long for the
 * room above them scrolls. */
#include "screens.h"

void screen_screening(struct app *a, struct ui *u)
{
    static const struct chrome_bar bar = { MSG_BUTTON_BACK, CHROME_HOME, MSG_NONE, ACT_NONE };
    const struct style *st = &u->st;
    const struct content_treatment *t = app_treatment(a);
    struct screening *s = &a->screening;
    int q = s->current < t->nquestions ? s->current : t->nquestions - 1;
    int page, answers, yes, no;
    struct chrome c;

    if (t->nquestions == 0)
        return;
    chrome_begin(a, u, &c, CHROME_TOP, &bar);
    ui_push_id_int(u, q);       /* each question scrolls on its own */
    page = chrome_page(u, c.body, &a->scroll[SCREEN_SCREENING], "question");
    ui_pop_id(u);
    chrome_text(u, page, SAY(a, u, MSG_CHECKLIST_PROGRESS, WORDING_NUMBER("number", q + 1),
                             WORDING_NUMBER("total", t->nquestions)), FONT_SUBHEADING, INK_ACCENT, UI_START);
    if (q == 0 && t->screening_intro)
        chrome_text(u, page, t->screening_intro, FONT_BODY, INK_MUTED, UI_START);
    chrome_text(u, page, t->questions[q].text, FONT_TITLE, INK_TEXT, UI_START);
    answers = ui_add(u, c.body, &(struct lay_box){
        .kind = LAY_ROW, .w = { LAY_FILL, .max = st->body_w + 2 * st->margin }, .self = LAY_CENTRE,
        .h = { LAY_FIXED, st->answer_h + st->margin }, .pad = { st->margin, 0, st->margin, st->margin },
        .gap = st->gap_section });
    ui_push_id(u, "answers");
    yes = ui_add_button(u, answers, app_text(a, MSG_ANSWER_YES), UI_SECONDARY);
    no = ui_add_button(u, answers, app_text(a, MSG_ANSWER_NO), UI_SECONDARY);
    ui_pop_id(u);
    ui_box(u, yes)->w.kind = ui_box(u, no)->w.kind = LAY_FILL;
    /* The answer already given stays marked when the client comes back to change it. */
    ui_set_selected(u, yes, s->answers[q] == SCREENING_YES);
    ui_set_selected(u, no, s->answers[q] == SCREENING_NO);
    chrome_end(a, u, &c);
    if (ui_clicked(u, yes) || ui_clicked(u, no)) {
        if (screening_answer(s, ui_clicked(u, yes) ? SCREENING_YES : SCREENING_NO))
            app_act(a, ACT_RESULT);
        a->scroll[SCREEN_SCREENING].offset = 0;     /* the next question from its start */
        a->dirty = 1;
    }
    /* "Back" steps back through the questions before it leaves them. */
    if (a->pending == ACT_BACK && screening_back(s)) {
        a->pending = ACT_NONE;
        a->scroll[SCREEN_SCREENING].offset = 0;
    }
}

void screen_result(struct app *a, struct ui *u)
{
    const struct content_treatment *t = app_treatment(a);
    enum screening_outcome outcome = app_outcome(a);
    int allowed = outcome != SCREENING_STOP;
    const struct chrome_bar bar = { MSG_BUTTON_BACK, CHROME_HOME, allowed ? MSG_BUTTON_REQUEST : MSG_BUTTON_ABOUT,
                                    allowed ? ACT_REQUEST : ACT_ABOUT };
    const char *text = outcome == SCREENING_CLEAR ? t->result_clear
                     : outcome == SCREENING_DISCUSS ? t->result_discuss
                     : outcome == SCREENING_STOP ? t->result_stop : NULL;
    struct chrome c;
    int page;

    chrome_begin(a, u, &c, CHROME_TOP, &bar);
    page = chrome_page(u, c.body, &a->scroll[SCREEN_RESULT], "result");
    chrome_text(u, page, app_text(a, chrome_outcome_words(outcome, 1)), FONT_TITLE, INK_TEXT, UI_START);
    if (text)
        chrome_text(u, page, text, FONT_BODY, INK_TEXT, UI_START);
    for (int i = 0; i < t->nquestions; i++) {
        const struct content_question *q = &t->questions[i];
        if (a->screening.answers[i] != SCREENING_YES || !q->note)
            continue;
        if ((outcome == SCREENING_STOP) != (q->yes_outcome == CONTENT_OUTCOME_STOP))
            continue;
        chrome_text(u, page, q->note, FONT_BODY, INK_TEXT, UI_START);
    }
    chrome_end(a, u, &c);
    if (a->pending == ACT_BACK)
        screening_back(&a->screening);  /* back to the last question, to change it */
}
