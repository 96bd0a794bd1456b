/* treatments: the menu, shown first when the clinic offers more than one treatment. A card per
 * treatment in a grid of as many columns as the screen holds, grouped under their categories in
 * the order each category first comes; the whole menu scrolls when it must. */
#include "screens.h"

#include <string.h>

#include "ui_picture.h"

/* Whether treatment i is the first of its category (or the first without one). */
static int first_of_category(const struct content *c, int i)
{
    const char *cat = c->treatments[i].category;

    for (int k = 0; k < i; k++) {
        const char *other = c->treatments[k].category;
        if (cat ? other && strcmp(cat, other) == 0 : !other)
            return 0;
    }
    return 1;
}

static int in_category(const struct content_treatment *t, const char *cat)
{
    return cat ? t->category && strcmp(t->category, cat) == 0 : !t->category;
}

void screen_treatments(struct app *a, struct ui *u)
{
    const struct style *st = &u->st;
    const struct content *c = a->content;
    int cards[CONTENT_MAX_TREATMENTS], grouped = 0, view, menu;
    struct chrome ch;

    for (int i = 0; i < c->ntreatments; i++)
        grouped |= c->treatments[i].category != NULL;
    chrome_begin(a, u, &ch, CHROME_TOP | CHROME_CORNER, NULL);
    view = ui_add_scroll(u, ch.body, &(struct lay_box){ .h = { LAY_FILL }, .pad = { st->margin, 0, st->margin, 0 } },
                         &a->scroll[SCREEN_TREATMENTS], "menu");
    menu = ui_add(u, view, &(struct lay_box){ .pad = { 0, st->gap_section, 0, st->margin }, .gap = st->gap_large });
    chrome_text(u, menu, app_text(a, MSG_MENU_TITLE), FONT_TITLE, INK_TEXT, UI_START);
    chrome_text(u, menu, app_text(a, MSG_MENU_INTRO), FONT_BODY, INK_MUTED, UI_START);
    for (int i = 0; i < c->ntreatments; i++) {
        const char *cat = c->treatments[i].category;
        int grid;
        if (!first_of_category(c, i))
            continue;
        if (grouped)
            chrome_text(u, menu, cat ? cat : app_text(a, MSG_MENU_OTHER), FONT_HEADING, INK_ACCENT, UI_START);
        grid = ui_add(u, menu, &(struct lay_box){ .kind = LAY_GRID, .gap = st->gap, .min_column = st->menu_card_w,
                                                  .flags = LAY_UNIFORM });
        for (int k = i; k < c->ntreatments; k++) {
            const struct content_treatment *t = &c->treatments[k];
            if (!in_category(t, cat))
                continue;
            ui_push_id(u, t->id);
            if (t->picture.file) {
                /* The picture above the name; a finger anywhere on the card chooses it. */
                int card = ui_add_panel(u, grid, &(struct lay_box){ .gap = st->gap_small,
                                                                    .pad = { st->pad, st->pad, st->pad, st->pad } },
                                        UI_CARD);
                chrome_picture(u, card, &t->picture, st->menu_picture_h);
                cards[k] = ui_add_button(u, card, t->name, UI_QUIET);
                ui_set_hit(u, cards[k], card);
            } else {
                cards[k] = ui_add_button(u, grid, t->name, UI_SECONDARY);
            }
            ui_pop_id(u);
            ui_box(u, cards[k])->h.min = st->choice_h;
        }
    }
    chrome_end(a, u, &ch);
    for (int i = 0; i < c->ntreatments; i++)
        if (ui_clicked(u, cards[i])) {
            a->chosen = i;
            app_act(a, ACT_CHOOSE);
        }
}
