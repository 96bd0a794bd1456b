/* style: the kiosk's lengths and fonts, designed at 800 px on the shorter side and scaled once. */
#include "style.h"

#include <assert.h>

#define LARGE_TEXT_SCALE 1.3f

/* Font sizes at the design size, before the text scale. */
static const struct { float px; int bold; int scaled; } fonts[FONT_COUNT] = {
    [FONT_TITLE] = { 44, 1, 1 },   [FONT_HEADING] = { 34, 1, 1 },     [FONT_SUBHEADING] = { 28, 1, 1 },
    [FONT_BODY] = { 26, 0, 1 },    [FONT_BODY_BOLD] = { 26, 1, 1 },   [FONT_SMALL] = { 22, 0, 1 },
    [FONT_BUTTON] = { 27, 1, 1 },  [FONT_HUGE] = { 64, 1, 1 },        [FONT_BUTTON_SMALL] = { 21, 1, 1 },
    [FONT_KEY_MIN] = { 21, 1, 0 },
};

int style_line_h(const struct style *s, enum style_font font)
{
    assert(font >= 0 && font < FONT_COUNT && s->m);
    return s->m->line_height(s->m->ctx, s->font[font].px, s->font[font].bold);
}

int style_px(const struct style *s, float design)
{
    int px = (int)(design * s->scale + 0.5f);

    return design > 0 && px < 1 ? 1 : px;
}

static int larger(int a, int b)
{
    return a > b ? a : b;
}

void style_init(struct style *s, int w, int h, int large_text, const struct text_measurer *m)
{
    int shorter = w < h ? w : h;

    assert(w > 0 && h > 0 && m);
    *s = (struct style){ .w = w, .h = h, .large_text = large_text, .m = m };
    s->scale = (float)shorter / 800.0f;
    s->text_scale = large_text ? LARGE_TEXT_SCALE : 1.0f;
    for (int i = 0; i < FONT_COUNT; i++) {
        float t = fonts[i].scaled ? s->text_scale : 1.0f;
        s->font[i].px = (int)(fonts[i].px * s->scale * t + 0.5f);
        s->font[i].bold = fonts[i].bold;
    }

    s->touch = style_px(s, 64);
    s->pad = style_px(s, 12);
    s->button_h = larger(style_px(s, 80), style_line_h(s, FONT_BUTTON) + 2 * s->pad);
    s->choice_h = larger(style_px(s, 104), s->button_h);
    s->answer_h = larger(style_px(s, 120), s->button_h);
    s->key_h_max = style_px(s, 96);
    s->pin_key_h_max = style_px(s, 96);
    s->drag_slop = style_px(s, 14);
    s->corner = style_px(s, 120);

    s->margin = style_px(s, 32);
    s->gap = style_px(s, 16);
    s->gap_small = style_px(s, 8);
    s->gap_tiny = style_px(s, 4);
    s->gap_large = style_px(s, 24);
    s->gap_section = style_px(s, 32);
    s->field_pad = style_px(s, 18);
    s->field_h = style_line_h(s, FONT_BODY) + style_px(s, 36);
    s->toggle_pad = style_px(s, 14);
    s->bar_pad = style_px(s, 16);
    s->card_pad = style_px(s, 36);
    s->dialog_pad = style_px(s, 40);
    s->indent = style_px(s, 44);

    s->radius = style_px(s, 16);
    s->radius_card = style_px(s, 24);
    s->radius_dialog = style_px(s, 28);
    s->radius_field = style_px(s, 12);
    s->radius_box = style_px(s, 6);
    s->border = style_px(s, 2);
    s->border_focus = style_px(s, 4);
    s->border_box = style_px(s, 3);
    s->toggle_box = style_px(s, 28);
    s->dot = style_px(s, 12);
    s->pin_dot = style_px(s, 22);
    s->scrollbar = style_px(s, 10);
    s->scroll_thumb_min = style_px(s, 60);

    s->body_w = style_px(s, 1000);
    s->dialog_w = style_px(s, 720);
    s->notice_w = style_px(s, 800);
    s->nav_w = style_px(s, 400);
    s->pin_w = style_px(s, 480);
    s->bar_button_w = style_px(s, 160);
    s->menu_card_w = style_px(s, 340);
    s->pill_pad = style_px(s, 60);
    s->drift = style_px(s, 36);

    s->logo_w = style_px(s, 640);
    s->logo_h = style_px(s, 200);
    s->picture_h = style_px(s, 280);
    s->card_picture_h = style_px(s, large_text ? 130 : 180);   /* large text needs the room */
    s->menu_picture_h = style_px(s, 150);
    s->photo_w = style_px(s, 200);
    s->avatar = style_px(s, 56);
}
