/* languages: the language picker. On attract, a row with a button for each language; on every
 * other client screen the top bar's button (chrome.c) opens the list below over the screen. Each
 * language is named in its own script; choosing one keeps the client where they are. The
 * languages stand in the same places in every language, so that one picked by mistake is found
 * again where it was. */
#include "screens.h"

int picker_row(struct app *a, struct ui *u, int parent, int *buttons)
{
    const struct style *st = &u->st;
    const struct languages *L = app_languages(a);
    int row = ui_add(u, parent, &(struct lay_box){ .kind = LAY_ROW, .flags = LAY_WRAP | LAY_KEEP_LTR,
                                                   .main = LAY_CENTRE, .gap = st->gap, .line_gap = st->gap_small });

    ui_push_id(u, "languages");
    for (int i = 0; L && i < L->n; i++) {
        buttons[i] = ui_add_button(u, row, L->list[i].name, UI_SECONDARY);
        ui_set_selected(u, buttons[i], i == L->current);
        ui_box(u, buttons[i])->pad.start = ui_box(u, buttons[i])->pad.end = st->gap_large;
        ui_box(u, buttons[i])->w.min = st->bar_button_w * 7 / 8;     /* four in a row in portrait */
    }
    ui_pop_id(u);
    return row;
}

void picker_clicked(struct app *a, struct ui *u, const int *buttons)
{
    const struct languages *L = app_languages(a);

    for (int i = 0; L && i < L->n; i++)
        if (ui_clicked(u, buttons[i]))
            app_pick_language(a, i);
}

void screen_languages(struct app *a, struct ui *u)
{
    const struct style *st = &u->st;
    const struct languages *L = app_languages(a);
    int buttons[LANGUAGE_MAX], pad = st->dialog_pad, root, card, grid, back, outside;

    root = ui_add(u, LAY_NONE, &(struct lay_box){ .kind = LAY_STACK, .main = LAY_CENTRE, .cross = LAY_CENTRE,
                                                 .pad = { st->margin, st->margin, st->margin, st->margin } });
    card = ui_add_panel(u, root, &(struct lay_box){ .w = { LAY_FILL, .max = st->dialog_w }, .gap = st->gap_large,
                                                    .pad = { pad, pad, pad, pad } }, UI_DIALOG);
    /* Two columns where they fit, so that every language is in view at once. */
    grid = ui_add(u, card, &(struct lay_box){ .kind = LAY_GRID, .gap = st->gap, .min_column = st->menu_card_w * 3 / 4,
                                              .flags = LAY_UNIFORM | LAY_BALANCED | LAY_KEEP_LTR });
    ui_push_id(u, "language-list");
    for (int i = 0; i < L->n; i++) {
        buttons[i] = ui_add_button(u, grid, L->list[i].name, UI_SECONDARY);
        ui_set_selected(u, buttons[i], i == L->current);
        ui_box(u, buttons[i])->h.min = st->choice_h;
    }
    back = ui_add_button(u, card, app_text(a, MSG_BUTTON_BACK), UI_QUIET);
    ui_pop_id(u);
    /* A tap beside the list closes it too. Last, so that the list's buttons take their taps first. */
    outside = ui_add_area(u, root, NULL, "language-list-outside");
    ui_layout(u, root, (struct rect){ 0, 0, st->w, st->h });
    for (int i = 0; i < L->n; i++)
        if (ui_clicked(u, buttons[i])) {
            app_pick_language(a, i);
            a->picking = 0;
        }
    if (ui_clicked(u, back) || ui_clicked(u, outside)) {
        a->picking = 0;
        a->dirty = 1;
    }
}
