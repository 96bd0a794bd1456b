/* review: what will be sent, then the outcome of sending: thanks with a reference, or save-error. */
#include "screens.h"

#include <stdio.h>

static enum wording_id outcome_words(enum screening_outcome o)
{
    switch (o) {
    case SCREENING_CLEAR:   return MSG_REVIEW_CLEAR;
    case SCREENING_DISCUSS: return MSG_REVIEW_DISCUSS;
    case SCREENING_STOP:    return MSG_REVIEW_STOP;
    default:                return MSG_REVIEW_NOT_TAKEN;
    }
}

static enum wording_id time_words(enum form_contact_time t)
{
    switch (t) {
    case FORM_CONTACT_MORNING:   return MSG_TIME_MORNING;
    case FORM_CONTACT_AFTERNOON: return MSG_TIME_AFTERNOON;
    case FORM_CONTACT_EVENING:   return MSG_TIME_EVENING;
    case FORM_CONTACT_ANY:       return MSG_TIME_ANY;
    default:                     return MSG_NONE;
    }
}

/* One "label: value" row; returns its height. */
static int row(struct app *a, struct ui *u, int x, int y, int w, enum wording_id label_id, const char *value)
{
    const char *label = app_text(a, label_id);
    int lw = w * 36 / 100, h;

    if (!value || !value[0])
        value = app_text(a, MSG_REVIEW_NOT_GIVEN);
    if (w < ui_px(u, 600)) {
        h = ui_text(u, x, y, w, label, UI_BODY_BOLD, u->th.muted, UI_LEFT);
        return h + ui_text(u, x, y + h, w, value, UI_BODY, u->th.text, UI_LEFT) + ui_px(u, 14);
    }
    h = ui_text(u, x, y, lw - ui_px(u, 16), label, UI_BODY_BOLD, u->th.muted, UI_LEFT);
    {
        int vh = ui_text(u, x + lw, y, w - lw, value, UI_BODY, u->th.text, UI_LEFT);
        return (vh > h ? vh : h) + ui_px(u, 14);
    }
}

void screen_review(struct app *a, struct ui *u)
{
    const struct form *f = &a->form;
    enum screening_outcome o = app_outcome(a);
    struct ui_scroll *s = &a->scroll[SCREEN_REVIEW];
    const char *edit = app_text(a, MSG_BUTTON_EDIT), *send = app_text(a, MSG_BUTTON_SEND);
    int top = chrome_top(a, u), bottom = chrome_bottom(a, u, edit, CHROME_START_OVER, send, ACT_SEND);
    struct body b = chrome_body(u);
    struct rect view = { 0, top, u->f->w, bottom - top };
    int y0 = ui_scroll_begin(u, s, view, ui_id("review", 1)), y = y0 + ui_px(u, 28);
    char intro[WORDING_TEXT_BYTES];

    y += ui_text(u, b.x, y, b.w, app_text(a, MSG_REVIEW_TITLE), UI_TITLE, u->th.text, UI_LEFT) + ui_px(u, 8);
    WORDING_FORMAT(a->words, MSG_REVIEW_INTRO, intro, WORDING_TEXT("send", send), WORDING_TEXT("edit", edit));
    y += ui_text(u, b.x, y, b.w, intro, UI_BODY, u->th.text, UI_LEFT) + ui_px(u, 24);
    y += row(a, u, b.x, y, b.w, MSG_REVIEW_NAME, form_text(f, FORM_FIELD_NAME));
    y += row(a, u, b.x, y, b.w, MSG_REVIEW_PHONE, form_text(f, FORM_FIELD_PHONE));
    y += row(a, u, b.x, y, b.w, MSG_REVIEW_EMAIL, form_text(f, FORM_FIELD_EMAIL));
    y += row(a, u, b.x, y, b.w, MSG_REVIEW_TIME, app_text(a, time_words(f->contact_time)));
    y += row(a, u, b.x, y, b.w, MSG_REVIEW_TREATMENT, app_treatment(a)->name);
    if (app_has_checklist(a))
        y += row(a, u, b.x, y, b.w, MSG_REVIEW_CHECKLIST, app_text(a, outcome_words(o)));
    if (o != SCREENING_NOT_TAKEN)
        y += row(a, u, b.x, y, b.w, MSG_REVIEW_SHARE,
                 app_text(a, f->consent_share_answers ? MSG_ANSWER_YES : MSG_ANSWER_NO));
    y += row(a, u, b.x, y, b.w, MSG_REVIEW_CONTACT, app_text(a, f->consent_contact ? MSG_ANSWER_YES : MSG_ANSWER_NO));
    ui_scroll_end(u, s, view, y - y0 + chrome_margin(u));
}

void screen_thanks(struct app *a, struct ui *u)
{
    uint64_t ends = a->screen_since + (uint64_t)a->cfg->thanks_timeout_s * 1000;
    int left = ends > a->now ? (int)((ends - a->now + 999) / 1000) : 0;
    int top = chrome_top(a, u), m = chrome_margin(u), gap = ui_px(u, 24), bh = chrome_button_h(u);
    struct body b = chrome_body(u);
    int y = top + ui_px(u, 48);
    char line[WORDING_TEXT_BYTES];

    y += ui_text(u, b.x, y, b.w, app_text(a, MSG_THANKS_TITLE), UI_HUGE, u->th.text, UI_CENTRE) + gap;
    y += ui_text(u, b.x, y, b.w, app_text(a, MSG_THANKS_SAVED), UI_SUBHEADING, u->th.text, UI_CENTRE) + gap;
    y += ui_text(u, b.x, y, b.w, app_text(a, MSG_THANKS_REFERENCE), UI_BODY, u->th.muted, UI_CENTRE);
    y += ui_text(u, b.x, y, b.w, a->receipt.ref, UI_HUGE, u->th.accent, UI_CENTRE) + gap;
    WORDING_FORMAT(a->words, MSG_RESTART_COUNTDOWN, line, WORDING_NUMBER("seconds", left));
    y += ui_text(u, b.x, y, b.w, line, UI_BODY, u->th.text, UI_CENTRE) + gap;
    if (y + bh > u->f->h - m)
        y = u->f->h - m - bh;
    if (ui_button(u, app_text(a, MSG_THANKS_DONE), (struct rect){ b.x + b.w / 4, y, b.w / 2, bh }, UI_PRIMARY))
        app_act(a, ACT_LEAVE);
}

void screen_save_error(struct app *a, struct ui *u)
{
    int top = chrome_top(a, u);
    struct body b = chrome_body(u);
    int y = top + ui_px(u, 48), gap = ui_px(u, 24);
    const char *retry = app_text(a, MSG_BUTTON_RETRY);
    char text[WORDING_TEXT_BYTES];

    chrome_bottom(a, u, app_text(a, MSG_BUTTON_EDIT), CHROME_START_OVER, retry, ACT_SEND);
    y += ui_text(u, b.x, y, b.w, app_text(a, MSG_SAVE_ERROR_TITLE), UI_TITLE, u->th.danger, UI_LEFT) + gap;
    WORDING_FORMAT(a->words, MSG_SAVE_ERROR_TEXT, text, WORDING_TEXT("retry", retry));
    ui_text(u, b.x, y, b.w, text, UI_BODY, u->th.text, UI_LEFT);
}
