/* ui: immediate-mode widgets. Behaviour (ui_press_behave) is pure; drawing only reads its result. */
#include "ui.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { float px; int bold; } roles[] = {
    [UI_TITLE] = { 44, 1 },      [UI_HEADING] = { 34, 1 },   [UI_SUBHEADING] = { 28, 1 },
    [UI_BODY] = { 26, 0 },       [UI_BODY_BOLD] = { 26, 1 }, [UI_SMALL] = { 22, 0 },
    [UI_BUTTON] = { 27, 1 },     [UI_HUGE] = { 64, 1 },      [UI_BUTTON_SMALL] = { 21, 1 },
};

int ui_px(const struct ui *u, float design)
{
    return (int)(design * u->scale + 0.5f);
}

int ui_font_px(const struct ui *u, enum ui_role role)
{
    return (int)(roles[role].px * u->scale * u->text_scale + 0.5f);
}

int ui_line_h(const struct ui *u, enum ui_role role)
{
    return u->tm->line_height(u->tm->ctx, ui_font_px(u, role), roles[role].bold);
}

unsigned ui_id(const char *label, unsigned salt)
{
    return (unsigned)text_hash(label, (int)strlen(label), salt) | 1u;
}

void ui_begin(struct ui *u, struct frame *f, int w, int h)
{
    int slop = ui_px(u, 14);

    frame_begin(f, w, h, u->th.bg);
    u->f = f;
    u->clip = (struct rect){ 0, 0, 0, 0 };
    if (u->ptr.went_down) {
        u->active = 0;
        u->dragging = 0;
        u->scroll_id = 0;
        u->press_x = u->ptr.x;
        u->press_y = u->ptr.y;
    } else if (u->ptr.down && !u->dragging &&
               (abs(u->ptr.y - u->press_y) > slop || abs(u->ptr.x - u->press_x) > slop)) {
        u->dragging = 1;
    }
}

void ui_end(struct ui *u)
{
    if (u->ptr.went_up || !u->ptr.down) {
        u->active = 0;
        u->dragging = 0;
        u->scroll_id = 0;
    }
}

enum ui_press ui_press_behave(unsigned *active, const struct ui_pointer *p, int cancelled,
                              unsigned id, struct rect r)
{
    int inside = rect_contains(r, p->x, p->y);

    if (p->went_down && inside && *active == 0)
        *active = id;
    if (*active != id)
        return UI_IDLE;
    if (cancelled) {
        *active = 0;
        return UI_IDLE;
    }
    if (p->went_up) {
        *active = 0;
        return inside ? UI_CLICKED : UI_IDLE;
    }
    return p->down && inside ? UI_HELD : UI_IDLE;
}

/* The part of r that can be seen and touched, given the current clip. */
static struct rect visible(const struct ui *u, struct rect r)
{
    return u->clip.w ? rect_intersect(r, u->clip) : r;
}

void ui_rect(struct ui *u, struct rect r, unsigned colour, int radius, unsigned border, int border_px)
{
    struct draw_cmd *c;

    if (visible(u, r).w == 0)
        return;
    c = frame_push(u->f, DRAW_RECT);
    if (!c)
        return;
    c->r = r;
    c->clip = u->clip;
    c->colour = colour;
    c->radius = radius;
    c->border_colour = border;
    c->border_px = border_px;
}

static void draw_line(struct ui *u, int x, int y, const char *s, int len, int w, int h, int px, int bold,
                      unsigned colour)
{
    struct rect r = { x, y, w, h };
    struct draw_cmd *c;
    const char *copy;

    if (len == 0 || visible(u, r).w == 0)
        return;
    copy = frame_strdup(u->f, s, (size_t)len);
    c = copy ? frame_push(u->f, DRAW_TEXT) : NULL;
    if (!c)
        return;
    c->r = r;
    c->clip = u->clip;
    c->colour = colour;
    c->font_px = px;
    c->bold = bold;
    c->text = copy;
    c->len = len;
}

static void layout(struct ui *u, const char *s, enum ui_role role, int maxw, struct text_lines *out)
{
    text_wrap(u->tc, u->tm, ui_font_px(u, role), roles[role].bold, s, (int)strlen(s),
              maxw > 1 ? maxw : 1, out);
}

int ui_text_height(struct ui *u, int maxw, const char *s, enum ui_role role)
{
    struct text_lines lines;

    layout(u, s, role, maxw, &lines);
    return lines.h;
}

/* 1 when s fits maxw x maxh without cutting a word. */
static int fits(struct ui *u, int maxw, int maxh, const char *s, enum ui_role role)
{
    struct text_lines lines;

    layout(u, s, role, maxw, &lines);
    return lines.h <= maxh && !lines.cut;
}

int ui_text_width(struct ui *u, const char *s, enum ui_role role)
{
    return u->tm->width(u->tm->ctx, ui_font_px(u, role), roles[role].bold, s, (int)strlen(s));
}

/* Records s as one piece of text, its line breaks as spaces. */
static void record_text(struct ui *u, const char *s, struct rect r, int cut)
{
    struct rect seen = visible(u, r);

    if (seen.w > 0)
        frame_add_text(u->f, s, seen, cut);
}

int ui_text(struct ui *u, int x, int y, int maxw, const char *s, enum ui_role role,
            unsigned colour, enum ui_align align)
{
    struct text_lines lines;
    int px = ui_font_px(u, role), bold = roles[role].bold;
    int left = x + maxw;

    layout(u, s, role, maxw, &lines);
    for (int i = 0; i < lines.n; i++) {
        int lx = align == UI_CENTRE ? x + (maxw - lines.width[i]) / 2 : x;
        const char *line = s + lines.start[i];
        int len = lines.len[i];
        if (lx < left)
            left = lx;
        if (lines.truncated && i == lines.n - 1) {
            char buf[1024];
            int n = len < (int)sizeof buf - 4 ? len : (int)sizeof buf - 4;
            memcpy(buf, line, (size_t)n);
            memcpy(buf + n, "\xE2\x80\xA6", 3);
            draw_line(u, lx, y + i * lines.line_h, buf, n + 3, lines.width[i], lines.line_h, px, bold, colour);
        } else {
            draw_line(u, lx, y + i * lines.line_h, line, len, lines.width[i], lines.line_h, px, bold, colour);
        }
    }
    if (lines.n)
        record_text(u, s, (struct rect){ align == UI_CENTRE ? left : x, y, lines.w, lines.h }, lines.cut);
    return lines.h;
}

int ui_button_ex(struct ui *u, const char *label, const char *caption, struct rect r,
                 enum ui_button_kind kind, int selected)
{
    unsigned id = ui_id(label, 0x5eed);
    struct rect vis = visible(u, r);
    enum ui_press st = ui_press_behave(&u->active, &u->ptr, u->dragging && u->scroll_id, id, vis);
    unsigned fill, ink, border = 0;
    int pad = ui_px(u, 12), border_px = 0, th;
    enum ui_role role = UI_BUTTON;
    float scale = 0;

    if (vis.w == 0)
        return 0;
    frame_add_widget(u->f, label, vis, r, id);
    switch (kind) {
    case UI_PRIMARY:
        fill = u->th.accent;
        ink = u->th.accent_text;
        break;
    case UI_SECONDARY:
        fill = u->th.surface;
        ink = u->th.text;
        border = u->th.border;
        border_px = ui_px(u, 2) > 1 ? ui_px(u, 2) : 1;
        break;
    case UI_TINTED:
        fill = u->th.track;
        ink = u->th.text;
        break;
    default:
        fill = u->th.bg;
        ink = u->th.text;
        break;
    }
    if (selected) {
        fill = u->th.selected;
        ink = u->th.selected_text;
    }
    if (st == UI_HELD) {
        fill = u->th.pressed;
        ink = u->th.pressed_text;
    }
    ui_rect(u, r, fill, ui_px(u, 16), border, border_px);
    /* A caption that does not fit its button is set smaller rather than cut. */
    if (!fits(u, r.w - 2 * pad, r.h - pad, caption, role))
        role = UI_BUTTON_SMALL;
    if (!fits(u, r.w - 2 * pad, r.h - pad, caption, role)) {
        /* Still too big (a narrow key with large text): the smallest size, unscaled. */
        scale = u->text_scale;
        u->text_scale = 1.0f;
        pad /= 2;
    }
    th = ui_text_height(u, r.w - 2 * pad, caption, role);
    ui_text(u, r.x + pad, r.y + (r.h - th) / 2, r.w - 2 * pad, caption, role, ink, UI_CENTRE);
    if (scale > 0)
        u->text_scale = scale;
    return st == UI_CLICKED;
}

int ui_button(struct ui *u, const char *label, struct rect r, enum ui_button_kind kind)
{
    return ui_button_ex(u, label, label, r, kind, 0);
}

int ui_toggle(struct ui *u, const char *label, struct rect r, int on)
{
    unsigned id = ui_id(label, 0x7063);
    struct rect vis = visible(u, r);
    enum ui_press st = ui_press_behave(&u->active, &u->ptr, u->dragging && u->scroll_id, id, vis);
    int box = ui_px(u, 28), pad = ui_px(u, 14), tw;
    unsigned fill = st == UI_HELD ? u->th.pressed : on ? u->th.selected : u->th.surface;
    unsigned ink = st == UI_HELD ? u->th.pressed_text : on ? u->th.selected_text : u->th.text;
    struct rect tick = { r.x + pad, r.y + (r.h - box) / 2, box, box };

    if (vis.w == 0)
        return 0;
    frame_add_widget(u->f, label, vis, r, id);
    ui_rect(u, r, fill, ui_px(u, 16), u->th.border, ui_px(u, 2) > 1 ? ui_px(u, 2) : 1);
    ui_rect(u, tick, on ? ink : fill, ui_px(u, 6), ink, ui_px(u, 3) > 1 ? ui_px(u, 3) : 1);
    if (on) {
        int inset = box / 4;
        ui_rect(u, (struct rect){ tick.x + inset, tick.y + inset, box - 2 * inset, box - 2 * inset },
                fill, ui_px(u, 3), 0, 0);
    }
    tw = r.w - box - 3 * pad;
    ui_text(u, tick.x + box + pad, r.y + (r.h - ui_text_height(u, tw, label, UI_BUTTON)) / 2, tw, label,
            UI_BUTTON, ink, UI_LEFT);
    return st == UI_CLICKED;
}

enum ui_press ui_hidden_area(struct ui *u, unsigned id, struct rect r)
{
    return ui_press_behave(&u->active, &u->ptr, 0, id, visible(u, r));
}

int ui_scroll_begin(struct ui *u, struct ui_scroll *s, struct rect view, unsigned id)
{
    int max;

    assert(u->clip.w == 0 && "scroll areas do not nest");
    s->view_h = view.h;
    max = s->content_h > view.h ? s->content_h - view.h : 0;
    if (u->ptr.went_down && rect_contains(view, u->ptr.x, u->ptr.y)) {
        u->scroll_id = id;
        u->scroll_start = s->offset;
    }
    if (u->scroll_id == id && u->dragging && u->ptr.down)
        s->offset = u->scroll_start - (u->ptr.y - u->press_y);
    if (s->offset > max)
        s->offset = max;
    if (s->offset < 0)
        s->offset = 0;
    u->clip = view;
    return view.y - s->offset;
}

void ui_scroll_end(struct ui *u, struct ui_scroll *s, struct rect view, int content_h)
{
    int bar = ui_px(u, 10), max;

    u->clip = (struct rect){ 0, 0, 0, 0 };
    s->content_h = content_h;
    max = content_h > view.h ? content_h - view.h : 0;
    if (s->offset > max)
        s->offset = max;
    if (max > 0) {
        int thumb = view.h * view.h / content_h;
        int minimum = ui_px(u, 60);
        struct rect track = { view.x + view.w - bar, view.y, bar, view.h };
        if (thumb < minimum)
            thumb = minimum;
        ui_rect(u, track, u->th.track, bar / 2, 0, 0);
        ui_rect(u, (struct rect){ track.x, view.y + (view.h - thumb) * s->offset / max, bar, thumb },
                u->th.muted, bar / 2, 0, 0);
    }
}

/* What a field shows: its value with a caret when focused, or the placeholder. Writes out. */
static void field_caption(char *out, size_t len, const char *value, const char *placeholder, int focused)
{
    snprintf(out, len, "%s%s", value[0] ? value : placeholder, focused && value[0] ? "|" : "");
}

int ui_field_height(struct ui *u, int w, const char *value, const char *placeholder, int focused)
{
    char caption[UI_FIELD_SHOWN];
    int pad = ui_px(u, 18), h;

    field_caption(caption, sizeof caption, value, placeholder, focused);
    h = ui_text_height(u, w - 2 * pad, caption, UI_BODY) + 2 * pad;
    memset(caption, 0, sizeof caption);
    return h > ui_line_h(u, UI_BODY) + ui_px(u, 36) ? h : ui_line_h(u, UI_BODY) + ui_px(u, 36);
}

int ui_field(struct ui *u, const char *label, const char *value, const char *placeholder, struct rect r,
             int focused, int error)
{
    unsigned id = ui_id(label, 0xf1e1d);
    struct rect vis = visible(u, r);
    enum ui_press st = ui_press_behave(&u->active, &u->ptr, u->dragging && u->scroll_id, id, vis);
    int pad = ui_px(u, 18), bw = ui_px(u, focused || error ? 4 : 2), th;
    unsigned border = error ? u->th.danger : focused ? u->th.focus : u->th.muted;
    char caret[UI_FIELD_SHOWN];

    if (vis.w == 0)
        return 0;
    frame_add_widget(u->f, label, vis, r, id);
    ui_rect(u, r, st == UI_HELD ? u->th.track : u->th.surface, ui_px(u, 12), border, bw > 1 ? bw : 1);
    /* The caret is drawn as part of the text so that it follows the last character. */
    field_caption(caret, sizeof caret, value, placeholder, focused);
    th = ui_text_height(u, r.w - 2 * pad, caret, UI_BODY);
    ui_text(u, r.x + pad, r.y + (r.h - th) / 2, r.w - 2 * pad, caret, UI_BODY,
            value[0] ? u->th.text : u->th.muted, UI_LEFT);
    memset(caret, 0, sizeof caret);     /* it held what the client typed */
    return st == UI_CLICKED;
}
