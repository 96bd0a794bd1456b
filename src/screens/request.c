/* request: the consultation request form, its on-screen keyboard and the privacy notice.
 * With a field in focus the form shows just that field above the keyboard, so it is never hidden. */
#include "screens.h"

#include <stdio.h>
#include <string.h>

static const struct {
    enum form_field field;
    enum wording_id label;
    enum wording_id placeholder;
    int max;                    /* the {max} of its "too long" note */
} text_fields[] = {
    { FORM_FIELD_NAME, MSG_FORM_NAME, MSG_FORM_NAME_HINT, FORM_NAME_MAX },
    { FORM_FIELD_PHONE, MSG_FORM_PHONE, MSG_FORM_PHONE_HINT, FORM_PHONE_MAX },
    { FORM_FIELD_EMAIL, MSG_FORM_EMAIL, MSG_FORM_EMAIL_HINT, FORM_EMAIL_MAX },
};

static const struct { enum form_contact_time t; enum wording_id label; } times[] = {
    { FORM_CONTACT_MORNING, MSG_TIME_MORNING }, { FORM_CONTACT_AFTERNOON, MSG_TIME_AFTERNOON },
    { FORM_CONTACT_EVENING, MSG_TIME_EVENING }, { FORM_CONTACT_ANY, MSG_TIME_ANY },
};

#define NFIELDS ((int)(sizeof text_fields / sizeof text_fields[0]))

static int field_index(int field)
{
    for (int i = 0; i < NFIELDS; i++)
        if ((int)text_fields[i].field == field)
            return i;
    return -1;
}

/* The words of message id about field (a mistake or a note), with the limits it may quote, in
 * buf; NULL for MSG_NONE. */
static const char *field_words(struct app *a, enum wording_id id, int field, char *buf, size_t len)
{
    int i = field_index(field);

    if (id == MSG_NONE)
        return NULL;
    return wording_format(a->words, id, buf, len, (const struct wording_arg[]){
                              WORDING_NUMBER("max", i >= 0 ? text_fields[i].max : 0),
                              WORDING_NUMBER("min-digits", FORM_PHONE_DIGITS_MIN),
                              WORDING_NUMBER("max-digits", FORM_PHONE_DIGITS_MAX) }, 3);
}

static void focus(struct app *a, int field)
{
    a->focus = field;
    a->field_note = MSG_NONE;
    if (field >= 0)
        keyboard_show(&a->kb, keyboard_for_field((enum form_field)field));
    a->dirty = 1;
}

/* After any change, mistakes already shown are judged again, so a fixed one disappears. */
static void changed(struct app *a)
{
    if (a->show_errors)
        a->show_errors = form_validate(&a->form, &a->errors) > 0;
    a->dirty = 1;
}

static void insert(struct app *a, const char *text)
{
    enum form_insert_result r = form_insert(&a->form, (enum form_field)a->focus, text, NULL);

    a->field_note = form_insert_message((enum form_field)a->focus, r);
    changed(a);
}

static void next_field(struct app *a)
{
    int i = field_index(a->focus);

    focus(a, i >= 0 && i + 1 < NFIELDS ? (int)text_fields[i + 1].field : -1);
}

/* What a tap on key number key of the showing keyboard does to the field in focus. */
static void press_key(struct app *a, int key)
{
    struct keyboard_event e;

    if (a->focus < 0)
        return;
    e = keyboard_press(&a->kb, key);
    switch (e.action) {
    case KEYBOARD_TYPE:
        insert(a, e.text);
        break;
    case KEYBOARD_BACKSPACE:
        form_backspace(&a->form, (enum form_field)a->focus);
        a->field_note = MSG_NONE;
        changed(a);
        break;
    case KEYBOARD_CLEAR:
        form_clear_field(&a->form, (enum form_field)a->focus);
        a->field_note = MSG_NONE;
        changed(a);
        break;
    case KEYBOARD_NEXT:
        next_field(a);
        break;
    case KEYBOARD_DONE:
        focus(a, -1);
        break;
    default:
        a->dirty = 1;
        break;
    }
}

void form_screen_key(struct app *a, const struct input_event *ev)
{
    if (ev->kind == INPUT_TEXT) {
        if (a->focus < 0)
            focus(a, FORM_FIELD_NAME);
        insert(a, ev->text);
        return;
    }
    switch (ev->key) {
    case KEY_BACKSPACE:
        if (a->focus >= 0) {
            form_backspace(&a->form, (enum form_field)a->focus);
            changed(a);
        }
        break;
    case KEY_TAB:
    case KEY_RETURN:
        if (a->focus >= 0)
            next_field(a);
        break;
    case KEY_ESCAPE:
        focus(a, -1);
        break;
    default:
        break;
    }
}

/* The keyboard's rows in r, from the layout's data. */
static void keyboard(struct app *a, struct ui *u, struct rect r)
{
    const struct keyboard_layout *l = keyboard_layout(a->kb.kind);
    int gap = ui_px(u, 8), key = 0;
    int kh = (r.h - gap * (l->nrows - 1)) / l->nrows;

    if (kh > ui_px(u, 96))
        kh = ui_px(u, 96);
    r.y += r.h - (kh * l->nrows + gap * (l->nrows - 1));
    for (int row = 0; row < l->nrows; row++) {
        int x = r.x, y = r.y + row * (kh + gap);
        for (int k = 0; k < l->row_keys[row]; k++, key++) {
            const struct keyboard_key *kk = &l->keys[key];
            const char *label = keyboard_key_label(kk, a->words);
            int w = (r.w + gap) * kk->width / l->units - gap;
            int selected = kk->action == KEYBOARD_SHIFT && l->shifted;
            enum ui_button_kind kind = kk->action == KEYBOARD_TYPE ? UI_SECONDARY
                                     : kk->action == KEYBOARD_DONE ? UI_PRIMARY : UI_TINTED;
            if (kk->action != KEYBOARD_GAP &&
                ui_button_ex(u, label, label, (struct rect){ x, y, w, kh }, kind, selected))
                press_key(a, key);
            x += w + gap;
        }
    }
}

static void edit_view(struct app *a, struct ui *u, int top)
{
    int i = field_index(a->focus), m = chrome_margin(u), gap = ui_px(u, 16);
    int w = u->f->w - 2 * m, y = top + gap;
    int fh = ui_field_height(u, w, form_text(&a->form, (enum form_field)a->focus), "", 1);
    const char *label = app_text(a, text_fields[i].label);
    char words[WORDING_TEXT_BYTES];
    const char *note = field_words(a, a->field_note ? a->field_note
                                      : a->show_errors ? a->errors.message[a->focus] : MSG_NONE,
                                   a->focus, words, sizeof words);

    y += ui_text(u, m, y, w, label, UI_SUBHEADING, u->th.text, UI_LEFT) + ui_px(u, 8);
    if (ui_field(u, label, form_text(&a->form, (enum form_field)a->focus), "", (struct rect){ m, y, w, fh },
                 1, note != NULL))
        a->dirty = 1;
    y += fh + ui_px(u, 8);
    y += (note ? ui_text(u, m, y, w, note, UI_BODY_BOLD, u->th.danger, UI_LEFT) : ui_line_h(u, UI_BODY)) + gap;
    keyboard(a, u, (struct rect){ m, y, w, u->f->h - m - y });
}

/* The title and what the form is for; returns the height used. */
static int heading(struct app *a, struct ui *u, int x, int y0, int w)
{
    int y = y0 + ui_px(u, 28), gap = ui_px(u, 14);
    char line[WORDING_TEXT_BYTES];

    y += ui_text(u, x, y, w, app_text(a, MSG_FORM_TITLE), UI_TITLE, u->th.text, UI_LEFT) + ui_px(u, 4);
    WORDING_FORMAT(a->words, MSG_FORM_TREATMENT, line, WORDING_TEXT("treatment", app_treatment(a)->name));
    y += ui_text(u, x, y, w, line, UI_SUBHEADING, u->th.accent, UI_LEFT) + gap;
    y += ui_text(u, x, y, w, app_text(a, MSG_FORM_INTRO), UI_BODY, u->th.text, UI_LEFT) + gap * 2;
    return y - y0;
}

/* The three text fields, with their mistakes; returns the height used. */
static int text_part(struct app *a, struct ui *u, int x, int y0, int w)
{
    int y = y0, gap = ui_px(u, 14);

    for (int i = 0; i < NFIELDS; i++) {
        enum form_field f = text_fields[i].field;
        char words[WORDING_TEXT_BYTES];
        const char *err = field_words(a, a->show_errors ? a->errors.message[f] : MSG_NONE, f, words, sizeof words);
        const char *label = app_text(a, text_fields[i].label), *placeholder = app_text(a, text_fields[i].placeholder);
        int fh = ui_field_height(u, w, form_text(&a->form, f), placeholder, 0);
        y += ui_text(u, x, y, w, label, UI_BODY_BOLD, u->th.text, UI_LEFT) + ui_px(u, 6);
        if (ui_field(u, label, form_text(&a->form, f), placeholder,
                     (struct rect){ x, y, w, fh }, 0, err != NULL))
            focus(a, (int)f);
        y += fh + ui_px(u, 6);
        if (err)
            y += ui_text(u, x, y, w, err, UI_BODY_BOLD, u->th.danger, UI_LEFT);
        y += gap;
    }
    return y - y0;
}

/* Contact time, consents and the privacy notice; returns the height used. */
static int choice_part(struct app *a, struct ui *u, int x, int y0, int w)
{
    int y = y0, gap = ui_px(u, 14), pad = ui_px(u, 24);
    int bh = chrome_button_h(u), cols = w >= ui_px(u, 900) ? 4 : 2, cw = (w - gap * (cols - 1)) / cols;
    const char *consent = app_text(a, MSG_FORM_CONSENT);
    const char *share = app_text(a, MSG_FORM_SHARE);
    char words[WORDING_TEXT_BYTES];

    y += ui_text(u, x, y, w, app_text(a, MSG_FORM_WHEN), UI_BODY_BOLD, u->th.text, UI_LEFT) + ui_px(u, 6);
    for (int i = 0; i < 4; i++) {
        struct rect r = { x + (i % cols) * (cw + gap), y + (i / cols) * (bh + gap), cw, bh };
        const char *label = app_text(a, times[i].label);
        if (ui_button_ex(u, label, label, r, UI_SECONDARY, a->form.contact_time == times[i].t)) {
            a->form.contact_time = times[i].t;
            changed(a);
        }
    }
    y += (4 / cols) * (bh + gap);
    if (a->show_errors && a->errors.message[FORM_FIELD_CONTACT_TIME])
        y += ui_text(u, x, y, w, field_words(a, a->errors.message[FORM_FIELD_CONTACT_TIME], FORM_FIELD_CONTACT_TIME,
                                             words, sizeof words), UI_BODY_BOLD, u->th.danger, UI_LEFT) + gap;
    y += gap;
    {
        int h = ui_text_height(u, w - ui_px(u, 28 + 3 * 14), consent, UI_BUTTON) + 2 * pad;
        if (ui_toggle(u, consent, (struct rect){ x, y, w, h > bh ? h : bh }, a->form.consent_contact)) {
            a->form.consent_contact = !a->form.consent_contact;
            changed(a);
        }
        y += (h > bh ? h : bh) + ui_px(u, 6);
        if (a->show_errors && a->errors.message[FORM_FIELD_CONSENT_CONTACT])
            y += ui_text(u, x, y, w, field_words(a, a->errors.message[FORM_FIELD_CONSENT_CONTACT],
                                                 FORM_FIELD_CONSENT_CONTACT, words, sizeof words),
                         UI_BODY_BOLD, u->th.danger, UI_LEFT);
        y += gap;
    }
    if (app_outcome(a) != SCREENING_NOT_TAKEN) {
        int h = ui_text_height(u, w - ui_px(u, 28 + 3 * 14), share, UI_BUTTON) + 2 * pad;
        if (ui_toggle(u, share, (struct rect){ x, y, w, h > bh ? h : bh }, a->form.consent_share_answers)) {
            a->form.consent_share_answers = !a->form.consent_share_answers;
            changed(a);
        }
        y += (h > bh ? h : bh) + ui_px(u, 6);
        y += ui_text(u, x, y, w, app_text(a, MSG_FORM_SHARE_NOTE), UI_SMALL, u->th.muted, UI_LEFT) + gap;
    }
    y += gap;
    if (ui_button(u, app_text(a, MSG_FORM_PRIVACY), (struct rect){ x, y, w, bh }, UI_QUIET))
        app_act(a, ACT_PRIVACY);
    y += bh + gap;
    return y - y0;
}

void screen_form(struct app *a, struct ui *u)
{
    int top = chrome_top(a, u), bottom;
    struct ui_scroll *s = &a->scroll[SCREEN_FORM];
    struct body b;
    struct rect view;
    int y0;

    if (a->focus >= 0) {
        edit_view(a, u, top);
        return;
    }
    bottom = chrome_bottom(a, u, app_text(a, MSG_BUTTON_BACK), CHROME_START_OVER, app_text(a, MSG_BUTTON_REVIEW),
                           ACT_REVIEW);
    b = chrome_body(u);
    view = (struct rect){ 0, top, u->f->w, bottom - top };
    y0 = ui_scroll_begin(u, s, view, ui_id("form", 1));
    if (u->f->w >= u->f->h * 5 / 4) {
        /* Landscape: the fields on the left, the choices on the right, so little needs scrolling. */
        int m = chrome_margin(u), gap = ui_px(u, 40), w = u->f->w - 2 * m;
        int cw = (w - gap) / 2, h = heading(a, u, m, y0, w);
        int left = text_part(a, u, m, y0 + h, cw), right = choice_part(a, u, m + cw + gap, y0 + h, cw);
        h += left > right ? left : right;
        ui_scroll_end(u, s, view, h + m);
    } else {
        int h = heading(a, u, b.x, y0, b.w);
        h += text_part(a, u, b.x, y0 + h, b.w);
        h += choice_part(a, u, b.x, y0 + h, b.w);
        ui_scroll_end(u, s, view, h + chrome_margin(u));
    }
}

void screen_privacy(struct app *a, struct ui *u)
{
    const struct content_clinic *c = &a->content->clinic;
    struct ui_scroll *s = &a->scroll[SCREEN_PRIVACY];
    int top = chrome_top(a, u), bottom = chrome_bottom(a, u, app_text(a, MSG_BUTTON_BACK), CHROME_NONE, NULL, ACT_NONE);
    struct body b = chrome_body(u);
    struct rect view = { 0, top, u->f->w, bottom - top };
    int y0 = ui_scroll_begin(u, s, view, ui_id("privacy", 1)), y = y0 + ui_px(u, 28);

    y += ui_text(u, b.x, y, b.w, c->privacy.title ? c->privacy.title : app_text(a, MSG_PRIVACY_TITLE), UI_TITLE, u->th.text,
                 UI_LEFT) + ui_px(u, 16);
    y += chrome_section(u, &c->privacy, b.x, y, b.w, 0);
    ui_scroll_end(u, s, view, y - y0 + chrome_margin(u));
}
