/* request: the consultation request form, its on-screen keyboard and the privacy notice.
 * With a field in focus the form shows just that field above the keyboard, so it is never hidden. */
#include "screens.h"


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

static const enum form_contact_time times[] = {
    FORM_CONTACT_MORNING, FORM_CONTACT_AFTERNOON, FORM_CONTACT_EVENING, FORM_CONTACT_ANY,
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
 * the pass's arena; NULL for MSG_NONE. */
static const char *field_words(struct app *a, struct ui *u, enum wording_id id, int field)
{
    int i = field_index(field);

    if (id == MSG_NONE)
        return NULL;
    return SAY(a, u, id, WORDING_NUMBER("max", i >= 0 ? text_fields[i].max : 0),
               WORDING_NUMBER("min-digits", FORM_PHONE_DIGITS_MIN), WORDING_NUMBER("max-digits", FORM_PHONE_DIGITS_MAX));
}

static void focus(struct app *a, int field)
{
    a->focus = field;
    a->field_note = MSG_NONE;
    if (field >= 0)
        keyboard_show(&a->kb, keyboard_start(a->kb.set, (enum form_field)field));
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

/* The keyboard's rows in parent, from the layout's data: keys as wide as their units, rows as
 * tall as there is room for (up to a key's most), at the bottom of parent. Returns the keys'
 * boxes in keys[] (LAY_NONE for gaps). */
static void keyboard(struct app *a, struct ui *u, int parent, int *keys)
{
    const struct style *st = &u->st;
    const struct keyboard_layout *l = keyboard_showing(&a->kb);
    int board = ui_add(u, parent, &(struct lay_box){ .h = { LAY_FILL }, .main = LAY_END, .gap = st->gap_small });
    int key = 0;

    /* Latin letters, the phone pad and email read left to right in any language; Arabic reads
     * right to left. */
    if (!l->rtl)
        ui_box(u, board)->flags |= LAY_KEEP_LTR;
    ui_push_id(u, l->name);
    for (int row = 0; row < l->nrows; row++) {
        int r = ui_add(u, board, &(struct lay_box){ .kind = LAY_ROW, .gap = st->gap_small,
                                                    .h = { LAY_FILL, .min = st->touch, .max = st->key_h_max } });
        for (int k = 0; k < l->row_keys[row]; k++, key++) {
            const struct keyboard_key *kk = &l->keys[key];
            enum ui_button_kind kind = kk->action == KEYBOARD_TYPE ? UI_SECONDARY
                                     : kk->action == KEYBOARD_DONE ? UI_PRIMARY : UI_TINTED;
            if (kk->action == KEYBOARD_GAP) {
                keys[key] = LAY_NONE;
                ui_add(u, r, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FILL, .weight = kk->width } });
                continue;
            }
            keys[key] = ui_add_button(u, r, keyboard_key_label(kk, a->words), kind);
            ui_set_role(u, keys[key], FRAME_ROLE_KEY);
            ui_set_selected(u, keys[key], kk->action == KEYBOARD_SHIFT && l->shifted);
            ui_box(u, keys[key])->w = (struct lay_size){ .kind = LAY_FILL, .weight = kk->width };
            ui_box(u, keys[key])->h = (struct lay_size){ .min = st->touch, .max = st->key_h_max };
            ui_box(u, keys[key])->pad.start = ui_box(u, keys[key])->pad.end = st->gap_tiny;
        }
    }
    ui_pop_id(u);
}

/* With a field in focus: its name, the field, why a key was refused (or its mistake), the keyboard. */
static void edit_view(struct app *a, struct ui *u, struct chrome *c)
{
    const struct style *st = &u->st;
    int i = field_index(a->focus), keys[64], view, field;
    const char *label = app_text(a, text_fields[i].label);
    const char *note = field_words(a, u, a->field_note ? a->field_note
                                             : a->show_errors ? a->errors.message[a->focus] : MSG_NONE, a->focus);

    view = ui_add(u, c->body, &(struct lay_box){ .h = { LAY_FILL }, .gap = st->gap_small,
                                                 .pad = { st->margin, st->gap, st->margin, st->margin } });
    chrome_text(u, view, label, FONT_SUBHEADING, INK_TEXT, UI_START);
    field = ui_add_field(u, view, label, form_text(&a->form, (enum form_field)a->focus), "", 1, note != NULL);
    if (note)
        chrome_text(u, view, note, FONT_BODY_BOLD, INK_DANGER, UI_START);
    keyboard(a, u, view, keys);
    chrome_end(a, u, c);
    if (ui_clicked(u, field))
        a->dirty = 1;
    for (int k = 0; k < keyboard_showing(&a->kb)->nkeys; k++)
        if (keys[k] != LAY_NONE && ui_clicked(u, keys[k])) {
            press_key(a, k);
            break;
        }
}

/* The three text fields, with their mistakes, in parent; their boxes in fields[]. */
static void text_part(struct app *a, struct ui *u, int parent, int *fields)
{
    const struct style *st = &u->st;
    int part = ui_add(u, parent, &(struct lay_box){ .w = { LAY_FILL }, .gap = st->gap_large });

    for (int i = 0; i < NFIELDS; i++) {
        enum form_field f = text_fields[i].field;
        const char *err = field_words(a, u, a->show_errors ? a->errors.message[f] : MSG_NONE, f);
        const char *label = app_text(a, text_fields[i].label);
        int one = ui_add(u, part, &(struct lay_box){ .gap = st->gap_small });
        chrome_text(u, one, label, FONT_BODY_BOLD, INK_TEXT, UI_START);
        fields[i] = ui_add_field(u, one, label, form_text(&a->form, f), app_text(a, text_fields[i].placeholder), 0,
                                 err != NULL);
        if (err)
            chrome_text(u, one, err, FONT_BODY_BOLD, INK_DANGER, UI_START);
    }
}

/* What the form's choices are, declared. */
struct choices { int times[4], consent, share, privacy; };

/* Contact time, consents and the privacy notice, in parent. */
static void choice_part(struct app *a, struct ui *u, int parent, struct choices *ch)
{
    const struct style *st = &u->st;
    int part = ui_add(u, parent, &(struct lay_box){ .w = { LAY_FILL }, .gap = st->gap_large }), when, grid, group;
    const char *err;

    when = ui_add(u, part, &(struct lay_box){ .gap = st->gap_small });
    chrome_text(u, when, app_text(a, MSG_FORM_WHEN), FONT_BODY_BOLD, INK_TEXT, UI_START);
    /* Four in a row where they fit, else two by two. */
    grid = ui_add(u, when, &(struct lay_box){ .kind = LAY_GRID, .gap = st->gap, .min_column = st->bar_button_w,
                                              .flags = LAY_UNIFORM | LAY_BALANCED });
    ui_push_id(u, "contact-time");
    for (int i = 0; i < 4; i++) {
        ch->times[i] = ui_add_button(u, grid, app_text(a, chrome_time_words(times[i])), UI_SECONDARY);
        ui_set_selected(u, ch->times[i], a->form.contact_time == times[i]);
    }
    ui_pop_id(u);
    err = field_words(a, u, a->show_errors ? a->errors.message[FORM_FIELD_CONTACT_TIME] : MSG_NONE,
                      FORM_FIELD_CONTACT_TIME);
    if (err)
        chrome_text(u, when, err, FONT_BODY_BOLD, INK_DANGER, UI_START);

    group = ui_add(u, part, &(struct lay_box){ .gap = st->gap_small });
    ch->consent = ui_add_toggle(u, group, app_text(a, MSG_FORM_CONSENT), a->form.consent_contact);
    err = field_words(a, u, a->show_errors ? a->errors.message[FORM_FIELD_CONSENT_CONTACT] : MSG_NONE,
                      FORM_FIELD_CONSENT_CONTACT);
    if (err)
        chrome_text(u, group, err, FONT_BODY_BOLD, INK_DANGER, UI_START);
    ch->share = LAY_NONE;
    if (app_outcome(a) != SCREENING_NOT_TAKEN) {
        group = ui_add(u, part, &(struct lay_box){ .gap = st->gap_small });
        ch->share = ui_add_toggle(u, group, app_text(a, MSG_FORM_SHARE), a->form.consent_share_answers);
        chrome_text(u, group, app_text(a, MSG_FORM_SHARE_NOTE), FONT_SMALL, INK_MUTED, UI_START);
    }
    ch->privacy = ui_add_button(u, part, app_text(a, MSG_FORM_PRIVACY), UI_QUIET);
}

void screen_form(struct app *a, struct ui *u)
{
    static const struct chrome_bar bar = { MSG_BUTTON_BACK, CHROME_START_OVER, MSG_BUTTON_REVIEW, ACT_REVIEW };
    const struct style *st = &u->st;
    struct chrome c;
    struct choices ch;
    int page, heading, parts, fields[NFIELDS];

    if (a->focus >= 0) {
        chrome_begin(a, u, &c, CHROME_TOP, NULL);
        edit_view(a, u, &c);
        return;
    }
    chrome_begin(a, u, &c, CHROME_TOP, &bar);
    page = chrome_page(u, c.body, &a->scroll[SCREEN_FORM], "form");
    /* Landscape: the fields on the left, the choices on the right, so little needs scrolling. */
    if (st->w >= st->h * 5 / 4)
        ui_box(u, page)->w.max = 0;
    heading = ui_add(u, page, &(struct lay_box){ .gap = st->gap_small });
    chrome_text(u, heading, app_text(a, MSG_FORM_TITLE), FONT_TITLE, INK_TEXT, UI_START);
    chrome_text(u, heading, SAY(a, u, MSG_FORM_TREATMENT, WORDING_TEXT("treatment", app_treatment(a)->name)),
                FONT_SUBHEADING, INK_ACCENT, UI_START);
    chrome_text(u, heading, app_text(a, MSG_FORM_INTRO), FONT_BODY, INK_TEXT, UI_START);
    parts = ui_add(u, page, &(struct lay_box){ .kind = st->w >= st->h * 5 / 4 ? LAY_ROW : LAY_COLUMN,
                                               .gap = st->gap_section, .cross = LAY_START });
    if (st->w < st->h * 5 / 4)
        ui_box(u, parts)->cross = LAY_STRETCH;
    text_part(a, u, parts, fields);
    choice_part(a, u, parts, &ch);
    chrome_end(a, u, &c);
    for (int i = 0; i < NFIELDS; i++)
        if (ui_clicked(u, fields[i]))
            focus(a, (int)text_fields[i].field);
    for (int i = 0; i < 4; i++)
        if (ui_clicked(u, ch.times[i])) {
            a->form.contact_time = times[i];
            changed(a);
        }
    if (ui_clicked(u, ch.consent)) {
        a->form.consent_contact = !a->form.consent_contact;
        changed(a);
    }
    if (ch.share != LAY_NONE && ui_clicked(u, ch.share)) {
        a->form.consent_share_answers = !a->form.consent_share_answers;
        changed(a);
    }
    if (ui_clicked(u, ch.privacy))
        app_act(a, ACT_PRIVACY);
}

void screen_privacy(struct app *a, struct ui *u)
{
    static const struct chrome_bar bar = { MSG_BUTTON_BACK, CHROME_NONE, MSG_NONE, ACT_NONE };
    const struct content_clinic *c = &a->content->clinic;
    struct chrome ch;
    int page;

    chrome_begin(a, u, &ch, CHROME_TOP, &bar);
    page = chrome_page(u, ch.body, &a->scroll[SCREEN_PRIVACY], "privacy");
    /* The wording's title: the section's own, "== Privacy notice ==", is a keyword, in English in
     * every language's clinic.txt. */
    chrome_text(u, page, app_text(a, MSG_PRIVACY_TITLE), FONT_TITLE, INK_TEXT, UI_START);
    chrome_section(u, page, &c->privacy, 0);
    chrome_end(a, u, &ch);
}
