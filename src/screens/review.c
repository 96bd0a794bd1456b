/* review: what will be sent, then the outcome of sending: thanks with a reference, or save-error. */
#include "screens.h"

/* A request on its way (app_submit): the main button says so, in the selected colours, from the
 * very frame that answers the tap; it keeps its name, and a tap on it does nothing more. */
static void show_sending(struct app *a, struct ui *u, const struct chrome *c)
{
    if (a->sending == APP_SEND_NONE || c->primary == LAY_NONE)
        return;
    ui_set_caption(u, c->primary, app_text(a, MSG_BUTTON_SENDING));
    ui_set_selected(u, c->primary, 1);
}

/* One "label: value" row: side by side where the page is wide, else one above the other. A value
 * the client typed is marked theirs (ui_set_client). */
static void row(struct app *a, struct ui *u, int page, enum wording_id label, const char *value, int typed)
{
    const struct style *st = &u->st;
    int wide = st->w - 2 * st->margin >= style_px(st, 600);
    int r = ui_add(u, page, &(struct lay_box){ .kind = wide ? LAY_ROW : LAY_COLUMN, .gap = wide ? st->gap : 0,
                                               .cross = LAY_START });
    int l = chrome_text(u, r, app_text(a, label), FONT_BODY_BOLD, INK_MUTED, UI_START);
    int v = chrome_text(u, r, value && value[0] ? value : app_text(a, MSG_REVIEW_NOT_GIVEN), FONT_BODY, INK_TEXT,
                        UI_START);

    ui_box(u, l)->w.weight = 36;
    ui_box(u, v)->w.weight = 64;
    if (typed && value && value[0])
        ui_set_client(u, v);
}

void screen_review(struct app *a, struct ui *u)
{
    static const struct chrome_bar bar = { MSG_BUTTON_EDIT, CHROME_START_OVER, MSG_BUTTON_SEND, ACT_SEND };
    const struct form *f = &a->form;
    enum screening_outcome o = app_outcome(a);
    struct chrome c;
    int page, rows;

    chrome_begin(a, u, &c, CHROME_TOP, &bar);
    page = chrome_page(u, c.body, &a->scroll[SCREEN_REVIEW], "review");
    chrome_text(u, page, app_text(a, MSG_REVIEW_TITLE), FONT_TITLE, INK_TEXT, UI_START);
    chrome_text(u, page, SAY(a, u, MSG_REVIEW_INTRO, WORDING_TEXT("send", app_text(a, MSG_BUTTON_SEND)),
                             WORDING_TEXT("edit", app_text(a, MSG_BUTTON_EDIT))), FONT_BODY, INK_TEXT, UI_START);
    rows = ui_add(u, page, &(struct lay_box){ .gap = u->st.gap, .pad = { 0, u->st.gap_small, 0, 0 } });
    row(a, u, rows, MSG_REVIEW_NAME, form_text(f, FORM_FIELD_NAME), 1);
    row(a, u, rows, MSG_REVIEW_PHONE, form_text(f, FORM_FIELD_PHONE), 1);
    row(a, u, rows, MSG_REVIEW_EMAIL, form_text(f, FORM_FIELD_EMAIL), 1);
    row(a, u, rows, MSG_REVIEW_TIME, f->contact_time ? app_text(a, chrome_time_words(f->contact_time)) : NULL, 0);
    row(a, u, rows, MSG_REVIEW_TREATMENT, app_treatment(a)->name, 0);
    if (app_has_checklist(a))
        row(a, u, rows, MSG_REVIEW_CHECKLIST, app_text(a, chrome_outcome_words(o, 0)), 0);
    if (o != SCREENING_NOT_TAKEN)
        row(a, u, rows, MSG_REVIEW_SHARE, app_text(a, f->consent_share_answers ? MSG_ANSWER_YES : MSG_ANSWER_NO), 0);
    row(a, u, rows, MSG_REVIEW_CONTACT, app_text(a, f->consent_contact ? MSG_ANSWER_YES : MSG_ANSWER_NO), 0);
    show_sending(a, u, &c);
    chrome_end(a, u, &c);
}

void screen_thanks(struct app *a, struct ui *u)
{
    const struct style *st = &u->st;
    uint64_t ends = a->screen_since + (uint64_t)a->cfg->thanks_timeout_s * 1000;
    int left = ends > a->now ? (int)((ends - a->now + 999) / 1000) : 0;
    struct chrome c;
    int page, ref, done_row, done;

    chrome_begin(a, u, &c, CHROME_TOP, NULL);
    page = chrome_page(u, c.body, &a->scroll[SCREEN_THANKS], "thanks");
    ui_box(u, page)->gap = st->gap_large;
    chrome_text(u, page, app_text(a, MSG_THANKS_TITLE), FONT_HUGE, INK_TEXT, UI_CENTRE);
    chrome_text(u, page, app_text(a, MSG_THANKS_SAVED), FONT_SUBHEADING, INK_TEXT, UI_CENTRE);
    ref = ui_add(u, page, &(struct lay_box){ 0 });
    chrome_text(u, ref, app_text(a, MSG_THANKS_REFERENCE), FONT_BODY, INK_MUTED, UI_CENTRE);
    ui_set_client(u, chrome_text(u, ref, a->receipt.ref, FONT_HUGE, INK_ACCENT, UI_CENTRE));    /* their request's */
    chrome_text(u, page, SAY(a, u, MSG_RESTART_COUNTDOWN, WORDING_NUMBER("seconds", left)), FONT_BODY, INK_TEXT,
                UI_CENTRE);
    /* "Done" in one place, under the words, whatever the screen. */
    done_row = ui_add(u, c.body, &(struct lay_box){ .w = { LAY_FILL, .max = st->body_w / 2 }, .self = LAY_CENTRE,
                                                    .pad = { st->margin, 0, st->margin, st->margin } });
    done = ui_add_button(u, done_row, app_text(a, MSG_THANKS_DONE), UI_PRIMARY);
    chrome_end(a, u, &c);
    if (ui_clicked(u, done))
        app_act(a, ACT_LEAVE);
}

void screen_save_error(struct app *a, struct ui *u)
{
    static const struct chrome_bar bar = { MSG_BUTTON_EDIT, CHROME_START_OVER, MSG_BUTTON_RETRY, ACT_SEND };
    struct chrome c;
    int page;

    chrome_begin(a, u, &c, CHROME_TOP, &bar);
    page = chrome_page(u, c.body, &a->scroll[SCREEN_SAVE_ERROR], "save-error");
    chrome_text(u, page, app_text(a, MSG_SAVE_ERROR_TITLE), FONT_TITLE, INK_DANGER, UI_START);
    chrome_text(u, page, SAY(a, u, MSG_SAVE_ERROR_TEXT, WORDING_TEXT("retry", app_text(a, MSG_BUTTON_RETRY))),
                FONT_BODY, INK_TEXT, UI_START);
    show_sending(a, u, &c);
    chrome_end(a, u, &c);
}
