/* review: what will be sent, then the outcome of sending: thanks with a reference, or save-error. */
#include "screens.h"

#include <stdio.h>

static const char *outcome_words(enum screening_outcome o)
{
    switch (o) {
    case SCREENING_CLEAR:   return "Nothing in it rules this treatment out";
    case SCREENING_DISCUSS: return "Something to talk through with the doctor";
    case SCREENING_STOP:    return "This treatment is not offered";
    default:                return "Not taken";
    }
}

static const char *time_words(enum form_contact_time t)
{
    switch (t) {
    case FORM_CONTACT_MORNING:   return "Morning";
    case FORM_CONTACT_AFTERNOON: return "Afternoon";
    case FORM_CONTACT_EVENING:   return "Evening";
    case FORM_CONTACT_ANY:       return "Any time";
    default:                     return "";
    }
}

/* One "label: value" row; returns its height. */
static int row(struct ui *u, int x, int y, int w, const char *label, const char *value)
{
    int lw = w * 36 / 100, h;

    if (!value || !value[0])
        value = "(not given)";
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
    int top = chrome_top(a, u), bottom = chrome_bottom(a, u, "Edit", CHROME_START_OVER, "Send request", ACT_SEND);
    struct body b = chrome_body(u);
    struct rect view = { 0, top, u->f->w, bottom - top };
    int y0 = ui_scroll_begin(u, s, view, ui_id("review", 1)), y = y0 + ui_px(u, 28);

    y += ui_text(u, b.x, y, b.w, "Please check your request", UI_TITLE, u->th.text, UI_LEFT) + ui_px(u, 8);
    y += ui_text(u, b.x, y, b.w, "Tap \"Send request\" when it is right, or \"Edit\" to change it.", UI_BODY,
                 u->th.text, UI_LEFT) + ui_px(u, 24);
    y += row(u, b.x, y, b.w, "Name", form_text(f, FORM_FIELD_NAME));
    y += row(u, b.x, y, b.w, "Phone", form_text(f, FORM_FIELD_PHONE));
    y += row(u, b.x, y, b.w, "Email", form_text(f, FORM_FIELD_EMAIL));
    y += row(u, b.x, y, b.w, "Contact time", time_words(f->contact_time));
    y += row(u, b.x, y, b.w, "Treatment", app_treatment(a)->name);
    if (app_has_checklist(a))
        y += row(u, b.x, y, b.w, "Checklist", outcome_words(o));
    if (o != SCREENING_NOT_TAKEN)
        y += row(u, b.x, y, b.w, "Share my answers", f->consent_share_answers ? "Yes" : "No");
    y += row(u, b.x, y, b.w, "You may contact me", f->consent_contact ? "Yes" : "No");
    ui_scroll_end(u, s, view, y - y0 + chrome_margin(u));
}

void screen_thanks(struct app *a, struct ui *u)
{
    uint64_t ends = a->screen_since + (uint64_t)a->cfg->thanks_timeout_s * 1000;
    int left = ends > a->now ? (int)((ends - a->now + 999) / 1000) : 0;
    int top = chrome_top(a, u), m = chrome_margin(u), gap = ui_px(u, 24), bh = chrome_button_h(u);
    struct body b = chrome_body(u);
    int y = top + ui_px(u, 48);
    char line[200];

    y += ui_text(u, b.x, y, b.w, "Thank you", UI_HUGE, u->th.text, UI_CENTRE) + gap;
    y += ui_text(u, b.x, y, b.w, "Your request is saved. The clinic will contact you about it.", UI_SUBHEADING,
                 u->th.text, UI_CENTRE) + gap;
    y += ui_text(u, b.x, y, b.w, "Your reference", UI_BODY, u->th.muted, UI_CENTRE);
    y += ui_text(u, b.x, y, b.w, a->receipt.ref, UI_HUGE, u->th.accent, UI_CENTRE) + gap;
    snprintf(line, sizeof line, "For your privacy, this screen will start again in %d second%s.", left,
             left == 1 ? "" : "s");
    y += ui_text(u, b.x, y, b.w, line, UI_BODY, u->th.text, UI_CENTRE) + gap;
    if (y + bh > u->f->h - m)
        y = u->f->h - m - bh;
    if (ui_button(u, "Done", (struct rect){ b.x + b.w / 4, y, b.w / 2, bh }, UI_PRIMARY))
        app_act(a, ACT_LEAVE);
}

void screen_save_error(struct app *a, struct ui *u)
{
    int top = chrome_top(a, u);
    struct body b = chrome_body(u);
    int y = top + ui_px(u, 48), gap = ui_px(u, 24);

    chrome_bottom(a, u, "Edit", CHROME_START_OVER, "Try again", ACT_SEND);
    y += ui_text(u, b.x, y, b.w, "We couldn't save your request. Please tell reception.", UI_TITLE, u->th.danger,
                 UI_LEFT) + gap;
    ui_text(u, b.x, y, b.w, "Your details are still here. You can tap \"Try again\", or show this screen to a "
            "member of staff.", UI_BODY, u->th.text, UI_LEFT);
}
