/* checklist: the self-screening questions, one a screen, and the result in plain words. */
#include "screens.h"

#include <stdio.h>

/* Which question of how many, the intro on the first, and the question. Returns the height. */
static int question(struct app *a, struct ui *u, struct body b, int y0, int q, int measure)
{
    const struct content_treatment *t = app_treatment(a);
    int gap = ui_px(u, 28), y = y0 + ui_px(u, 36);
    char count[WORDING_TEXT_BYTES];

    WORDING_FORMAT(a->words, MSG_CHECKLIST_PROGRESS, count, WORDING_NUMBER("number", q + 1),
                   WORDING_NUMBER("total", t->nquestions));
    if (measure) {
        y += ui_text_height(u, b.w, count, UI_SUBHEADING) + ui_px(u, 12);
        if (q == 0 && t->screening_intro)
            y += ui_text_height(u, b.w, t->screening_intro, UI_BODY) + gap;
        return y + ui_text_height(u, b.w, t->questions[q].text, UI_TITLE) + gap - y0;
    }
    y += ui_text(u, b.x, y, b.w, count, UI_SUBHEADING, u->th.accent, UI_LEFT) + ui_px(u, 12);
    if (q == 0 && t->screening_intro)
        y += ui_text(u, b.x, y, b.w, t->screening_intro, UI_BODY, u->th.muted, UI_LEFT) + gap;
    return y + ui_text(u, b.x, y, b.w, t->questions[q].text, UI_TITLE, u->th.text, UI_LEFT) + gap - y0;
}

void screen_screening(struct app *a, struct ui *u)
{
    const struct content_treatment *t = app_treatment(a);
    struct screening *s = &a->screening;
    int top = chrome_top(a, u), bottom = chrome_bottom(a, u, app_text(a, MSG_BUTTON_BACK), CHROME_HOME, NULL, ACT_NONE);
    struct body b = chrome_body(u);
    const char *yes = app_text(a, MSG_ANSWER_YES), *no = app_text(a, MSG_ANSWER_NO);
    int gap = ui_px(u, 28), bh = ui_px(u, 120), bw, h, y;
    int q = s->current < t->nquestions ? s->current : t->nquestions - 1;
    struct ui_scroll *sc = &a->scroll[SCREEN_SCREENING];
    struct rect view;

    if (t->nquestions == 0)
        return;
    if (bh < chrome_button_h(u))
        bh = chrome_button_h(u);
    /* The answers sit under the question; a question too long for the screen scrolls above them. */
    h = question(a, u, b, 0, q, 1);
    view = (struct rect){ 0, top, u->f->w, bottom - top };
    if (top + h + bh + gap > bottom)
        view.h = bottom - 2 * gap - bh - top;
    y = ui_scroll_begin(u, sc, view, ui_id("question", (unsigned)q));
    question(a, u, b, y, q, 0);
    ui_scroll_end(u, sc, view, h);
    y = view.h < bottom - top ? bottom - gap - bh : top + h;
    bw = (b.w - gap) / 2;
    /* The answer already given stays marked when the client comes back to change it. */
    if (ui_button_ex(u, yes, yes, (struct rect){ b.x, y, bw, bh }, UI_SECONDARY,
                     s->answers[q] == SCREENING_YES)) {
        if (screening_answer(s, SCREENING_YES))
            app_act(a, ACT_RESULT);
        a->dirty = 1;
    }
    if (ui_button_ex(u, no, no, (struct rect){ b.x + bw + gap, y, bw, bh }, UI_SECONDARY,
                     s->answers[q] == SCREENING_NO)) {
        if (screening_answer(s, SCREENING_NO))
            app_act(a, ACT_RESULT);
        a->dirty = 1;
    }
    /* "Back" steps back through the questions before it leaves them. */
    if (a->pending == ACT_BACK && screening_back(s))
        a->pending = ACT_NONE;
}

void screen_result(struct app *a, struct ui *u)
{
    const struct content_treatment *t = app_treatment(a);
    enum screening_outcome outcome = app_outcome(a);
    int allowed = outcome != SCREENING_STOP;
    int top = chrome_top(a, u);
    int bottom = chrome_bottom(a, u, app_text(a, MSG_BUTTON_BACK), CHROME_HOME,
                               app_text(a, allowed ? MSG_BUTTON_REQUEST : MSG_BUTTON_ABOUT),
                               allowed ? ACT_REQUEST : ACT_ABOUT);
    struct body b = chrome_body(u);
    struct ui_scroll *s = &a->scroll[SCREEN_RESULT];
    struct rect view = { 0, top, u->f->w, bottom - top };
    const char *title = app_text(a, outcome == SCREENING_CLEAR ? MSG_RESULT_CLEAR
                                  : outcome == SCREENING_DISCUSS ? MSG_RESULT_DISCUSS
                                  : outcome == SCREENING_STOP ? MSG_RESULT_STOP
                                  : MSG_RESULT_UNFINISHED);
    const char *text = outcome == SCREENING_CLEAR ? t->result_clear
                     : outcome == SCREENING_DISCUSS ? t->result_discuss
                     : outcome == SCREENING_STOP ? t->result_stop : NULL;
    int y0 = ui_scroll_begin(u, s, view, ui_id("result", 1)), y = y0 + ui_px(u, 36);

    y += ui_text(u, b.x, y, b.w, title, UI_TITLE, u->th.text, UI_LEFT) + ui_px(u, 20);
    if (text)
        y += ui_text(u, b.x, y, b.w, text, UI_BODY, u->th.text, UI_LEFT) + ui_px(u, 20);
    for (int i = 0; i < t->nquestions; i++) {
        const struct content_question *q = &t->questions[i];
        if (a->screening.answers[i] != SCREENING_YES || !q->note)
            continue;
        if ((outcome == SCREENING_STOP) != (q->yes_outcome == CONTENT_OUTCOME_STOP))
            continue;
        y += ui_text(u, b.x, y, b.w, q->note, UI_BODY, u->th.text, UI_LEFT) + ui_px(u, 14);
    }
    ui_scroll_end(u, s, view, y - y0 + chrome_margin(u));
    if (a->pending == ACT_BACK)
        screening_back(&a->screening);  /* back to the last question, to change it */
}
