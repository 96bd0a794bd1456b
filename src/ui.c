/* ui: widgets declared as boxes of the layout, measured once, then behaviour and painting per
 * control in reading order. Behaviour functions are pure; drawing functions only paint. */
#include "ui.h"

#include <assert.h>
#include <sodium.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_picture.h"

#define ONE_LINE (1 << 28)      /* a width no text reaches: wrapping at it gives one line */

static const struct rect no_rect = { 0, 0, 0, 0 };

/* ---------------------------------------------------------------- a pass */

void ui_reset(struct ui *u)
{
    memset(u, 0, offsetof(struct ui, lay) + offsetof(struct lay, nodes));
}

void ui_forget(struct ui *u)
{
    for (int i = 0; i < UI_WIDTH_SLOTS; i++)
        if (!u->widths[i].public)
            sodium_memzero(&u->widths[i], sizeof u->widths[i]);
}

void ui_style(struct ui *u, int w, int h, int large_text)
{
    if (u->st.w != w || u->st.h != h || u->st.large_text != large_text || u->st.font[FONT_BODY].px == 0)
        style_init(&u->st, w, h, large_text, u->tm);
}

static void measure_width(void *ctx, int node, int *min, int *pref);
static int measure_height(void *ctx, int node, int w, int max_h);

void ui_begin(struct ui *u, struct frame *f, int w, int h)
{
    if (u->st.w != w || u->st.h != h)
        ui_style(u, w, h, u->st.large_text);
    frame_begin(f, w, h, u->th.bg);
    u->f = f;
    u->id_depth = 0;
    u->nlines = 0;
    u->overflow = 0;
    u->measurer = (struct lay_measurer){ u, measure_width, measure_height };
    lay_begin(&u->lay, &u->measurer, u->rtl);
    ui_drag_behave(&u->drag, &u->active, &u->ptr, u->st.drag_slop);
}

void ui_end(struct ui *u)
{
    ui_release_behave(&u->drag, &u->active, &u->ptr);
    if (u->lay.overflow || u->overflow)
        u->f->overflow = 1;
    sodium_memzero(u->arena, u->arena_used);    /* it may hold what a client typed */
    u->arena_used = 0;
}

const char *ui_fmt(struct ui *u, const char *fmt, ...)
{
    size_t room = UI_ARENA - u->arena_used;
    char *out = u->arena + u->arena_used;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = room > 1 ? vsnprintf(out, room, fmt, ap) : -1;
    va_end(ap);
    if (n < 0 || (size_t)n >= room) {
        u->overflow = 1;
        if (room > 0)
            out[0] = '\0';
        return room > 0 ? out : "";
    }
    u->arena_used += (size_t)n + 1;
    return out;
}

/* ---------------------------------------------------------------- identity */

static unsigned scope(const struct ui *u)
{
    return u->id_depth > 0 ? u->id_stack[u->id_depth - 1] : 0x9e3779b9u;
}

unsigned ui_id_of(const struct ui *u, const char *label)
{
    return (unsigned)text_hash(label, (int)strlen(label), scope(u)) | 1u;
}

void ui_push_id(struct ui *u, const char *name)
{
    assert(u->id_depth < UI_ID_DEPTH && "ui_push_id nests too deep");
    u->id_stack[u->id_depth] = (unsigned)text_hash(name, (int)strlen(name), scope(u));
    u->id_depth++;
}

void ui_push_id_int(struct ui *u, int n)
{
    char s[16];

    snprintf(s, sizeof s, "#%d", n);
    ui_push_id(u, s);
}

void ui_pop_id(struct ui *u)
{
    assert(u->id_depth > 0 && "ui_pop_id without ui_push_id");
    u->id_depth--;
}

/* ---------------------------------------------------------------- declaring */

static struct ui_item *item_new(struct ui *u, int node, enum ui_kind kind)
{
    struct ui_item *it = &u->items[node];

    *it = (struct ui_item){ .kind = kind, .lines = -1, .hit = -1 };
    return it;
}

static int leaf(struct ui *u, int parent, enum ui_kind kind, struct lay_box b)
{
    int n;

    b.kind = LAY_LEAF;
    b.flags |= LAY_MEASURED;
    n = lay_add(&u->lay, parent, &b);
    item_new(u, n, kind);
    return n;
}

int ui_add(struct ui *u, int parent, const struct lay_box *b)
{
    int n = lay_add(&u->lay, parent, b);

    item_new(u, n, UI_ITEM_BOX);
    return n;
}

int ui_add_panel(struct ui *u, int parent, const struct lay_box *b, enum ui_surface surface)
{
    int n = lay_add(&u->lay, parent, b);

    item_new(u, n, UI_ITEM_PANEL)->surface = surface;
    return n;
}

int ui_add_scroll(struct ui *u, int parent, const struct lay_box *b, struct ui_scroll *s, const char *name)
{
    struct lay_box box = *b;
    struct ui_item *it;
    int n;

    assert(box.kind == LAY_COLUMN && s && name);
    box.flags |= LAY_SCROLL;
    n = lay_add(&u->lay, parent, &box);
    it = item_new(u, n, UI_ITEM_SCROLL);
    it->scroll = s;
    it->id = ui_id_of(u, name);
    u->lay.nodes[n].scroll = s->offset;
    return n;
}

int ui_add_text(struct ui *u, int parent, const char *s, enum style_font font, enum ui_ink ink, enum ui_align align)
{
    int n = leaf(u, parent, UI_ITEM_TEXT, (struct lay_box){ 0 });
    struct ui_item *it = &u->items[n];

    it->label = s ? s : "";
    it->font = font;
    it->ink = ink;
    it->align = align;
    return n;
}

int ui_add_button(struct ui *u, int parent, const char *label, enum ui_button_kind kind)
{
    const struct style *st = &u->st;
    int n = leaf(u, parent, UI_ITEM_BUTTON, (struct lay_box){
        .pad = { st->pad, st->pad, st->pad, st->pad },
        .w = { .min = st->touch }, .h = { .min = st->button_h } });
    struct ui_item *it = &u->items[n];

    it->label = label;
    it->font = FONT_BUTTON;
    it->button = kind;
    it->align = UI_CENTRE;
    it->role = FRAME_ROLE_BUTTON;
    it->id = ui_id_of(u, label);
    return n;
}

int ui_add_toggle(struct ui *u, int parent, const char *label, int on)
{
    const struct style *st = &u->st;
    int n = leaf(u, parent, UI_ITEM_TOGGLE, (struct lay_box){
        .pad = { st->toggle_pad, st->pad, st->toggle_pad, st->pad },
        .w = { .min = st->touch }, .h = { .min = st->button_h } });
    struct ui_item *it = &u->items[n];

    it->label = label;
    it->font = FONT_BUTTON;
    it->on = on;
    it->role = FRAME_ROLE_CHECKBOX;
    it->id = ui_id_of(u, label);
    return n;
}

int ui_add_field(struct ui *u, int parent, const char *label, const char *value, const char *placeholder,
                 int focused, int error)
{
    const struct style *st = &u->st;
    int n = leaf(u, parent, UI_ITEM_FIELD, (struct lay_box){
        .pad = { st->field_pad, st->field_pad, st->field_pad, st->field_pad },
        .w = { .min = st->touch }, .h = { .min = st->field_h } });
    struct ui_item *it = &u->items[n];

    it->label = label;
    /* The caret is part of the text so that it follows the last character. */
    it->caption = value[0] ? ui_fmt(u, "%s%s", value, focused ? "|" : "") : placeholder;
    it->font = FONT_BODY;
    it->ink = value[0] ? INK_TEXT : INK_MUTED;
    it->focused = focused;
    it->error = error;
    it->empty = value[0] == '\0';
    it->client = !it->empty;    /* what the client typed (the placeholder is the wording's) */
    it->role = FRAME_ROLE_FIELD;
    it->id = ui_id_of(u, label);
    return n;
}

int ui_add_area(struct ui *u, int parent, const char *label, const char *name)
{
    int n = lay_add(&u->lay, parent, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FILL }, .h = { LAY_FILL } });
    struct ui_item *it = item_new(u, n, UI_ITEM_AREA);

    assert(label || name);
    it->label = label;
    it->role = FRAME_ROLE_AREA;
    it->id = ui_id_of(u, label ? label : name);
    return n;
}

int ui_add_dot(struct ui *u, int parent, int size, enum ui_ink ink)
{
    int n = lay_add(&u->lay, parent, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FIXED, size },
                                                        .h = { LAY_FIXED, size } });

    item_new(u, n, UI_ITEM_DOT)->ink = ink;
    return n;
}

int ui_add_badge(struct ui *u, int parent, const char *s, enum style_font font)
{
    int side = style_line_h(&u->st, font);
    int n = leaf(u, parent, UI_ITEM_BADGE, (struct lay_box){ .w = { LAY_FIXED, side }, .h = { LAY_FIXED, side } });
    struct ui_item *it = &u->items[n];

    it->label = s;
    it->font = font;
    it->ink = INK_ACCENT_TEXT;
    it->align = UI_CENTRE;
    return n;
}

struct lay_box *ui_box(struct ui *u, int node)
{
    assert(node >= 0 && node < LAY_MAX_NODES);
    return &u->lay.nodes[node].box;
}

void ui_set_client(struct ui *u, int node)
{
    u->items[node].client = 1;
}

void ui_set_caption(struct ui *u, int node, const char *caption)
{
    u->items[node].caption = caption;
}

void ui_set_selected(struct ui *u, int node, int selected)
{
    u->items[node].selected = selected;
}

void ui_set_role(struct ui *u, int node, enum frame_role role)
{
    u->items[node].role = role;
}

void ui_set_font(struct ui *u, int node, enum style_font font)
{
    u->items[node].font = font;
}

void ui_set_same_font(struct ui *u, int node)
{
    u->items[node].same_font = 1;
}

void ui_set_hit(struct ui *u, int node, int hit)
{
    u->items[node].hit = hit;
}

void ui_set_dir(struct ui *u, int node, enum ui_dir dir)
{
    u->items[node].dir = dir;
}

/* ---------------------------------------------------------------- measuring */

static const char *shown(const struct ui_item *it)
{
    return it->caption ? it->caption : it->label ? it->label : "";
}

/* The measurer's flags for the item's text in its font on u's screen: bold; right to left on a
 * right-to-left screen, left to right when asked, else the direction of its first letter; and
 * public unless it is a client's own or the screen is not for clients. */
static int text_flags(const struct ui *u, const struct ui_item *it)
{
    enum ui_dir dir = it->dir;
    int way = dir == UI_DIR_LTR ? TEXT_LTR : dir == UI_DIR_SCREEN && u->rtl ? TEXT_RTL : 0;

    return (u->st.font[it->font].bold ? TEXT_BOLD : 0) | way | (it->client || u->private_screen ? 0 : TEXT_PUBLIC);
}

/* The item's text wrapped to maxw in its font. */
static void wrap(struct ui *u, const struct ui_item *it, int maxw, struct text_lines *out)
{
    const char *s = shown(it);

    text_wrap(u->tc, u->tm, u->st.font[it->font].px, text_flags(u, it), s, (int)strlen(s), maxw > 1 ? maxw : 1, out);
}

/* The widest word of the item's text: the least width that cuts none. Words end at spaces and line breaks. */
static int widest_word(struct ui *u, const struct ui_item *it)
{
    const struct style_font_metrics *f = &u->st.font[it->font];
    const char *s = shown(it);
    int widest = 0;

    while (*s) {
        size_t n = strcspn(s, " \n");
        if (n > 0) {
            int w = u->tm->width(u->tm->ctx, f->px, text_flags(u, it), s, (int)n);
            widest = w > widest ? w : widest;
        }
        s += n;
        while (*s == ' ' || *s == '\n')
            s++;
    }
    return widest;
}

static int one_line(struct ui *u, const struct ui_item *it)
{
    struct text_lines l;

    wrap(u, it, ONE_LINE, &l);
    return l.w;
}

/* The widest word and the one-line width of the item's text in its font, from u->widths when known. */
static void text_widths(struct ui *u, const struct ui_item *it, int *min, int *pref)
{
    const struct style_font_metrics *f = &u->st.font[it->font];
    const char *s = shown(it);
    int flags = text_flags(u, it);
    uint64_t h = text_hash(s, (int)strlen(s), ((uint64_t)f->px << 4 | (uint64_t)flags) + 1) | 1;
    struct ui_width_slot *slot = &u->widths[h % UI_WIDTH_SLOTS];

    if (slot->hash != h) {
        slot->hash = h;
        slot->min = widest_word(u, it);
        slot->pref = one_line(u, it);
        slot->public = (flags & TEXT_PUBLIC) != 0;
    }
    *min = slot->min;
    *pref = slot->pref;
}

static void measure_width(void *ctx, int node, int *min, int *pref)
{
    struct ui *u = ctx;
    const struct ui_item *it = &u->items[node];
    int before = 0;

    switch (it->kind) {
    case UI_ITEM_TOGGLE:
        before = u->st.toggle_box + u->st.toggle_pad;
        /* fall through */
    case UI_ITEM_TEXT:
    case UI_ITEM_BUTTON:
    case UI_ITEM_BADGE:
        text_widths(u, it, min, pref);
        if (it->kind == UI_ITEM_BUTTON && it->caption && it->label) {
            struct ui_item labelled = *it;
            int lmin, lpref;
            labelled.caption = NULL;
            text_widths(u, &labelled, &lmin, &lpref);
            *min = lmin > *min ? lmin : *min;
            *pref = lpref > *pref ? lpref : *pref;
        }
        *min += before;
        *pref += before;
        break;
    case UI_ITEM_FIELD:
        *min = 0;
        *pref = one_line(u, it);
        break;
    default:
        *min = *pref = 0;
        break;
    }
}

/* The lines kept for it (a spare when the pass keeps too many: then the frame says so). */
static struct text_lines *lines_of(struct ui *u, struct ui_item *it)
{
    if (it->lines < 0) {
        if (u->nlines == UI_MAX_TEXTS - 1) {
            u->overflow = 1;
            return &u->lines[UI_MAX_TEXTS - 1];
        }
        it->lines = u->nlines++;
    }
    return &u->lines[it->lines];
}

/* A caption set in its font or, when a word would be cut or it would not fit max_h, smaller. */
static int caption_height(struct ui *u, struct ui_item *it, int w, int max_h)
{
    static const enum style_font smaller[] = { FONT_BUTTON_SMALL, FONT_KEY_MIN };
    struct text_lines *l = lines_of(u, it);

    wrap(u, it, w, l);
    for (size_t i = 0; i < sizeof smaller / sizeof smaller[0] && (l->cut || (max_h > 0 && l->h > max_h)); i++) {
        if (u->st.font[smaller[i]].px >= u->st.font[it->font].px)
            continue;
        it->font = smaller[i];
        wrap(u, it, w, l);
    }
    return l->h;
}

static int measure_height(void *ctx, int node, int w, int max_h)
{
    struct ui *u = ctx;
    struct ui_item *it = &u->items[node];
    int h, box;

    switch (it->kind) {
    case UI_ITEM_TEXT:
    case UI_ITEM_FIELD:
    case UI_ITEM_BADGE: {
        struct text_lines *l = lines_of(u, it);
        wrap(u, it, w, l);
        return l->h;
    }
    case UI_ITEM_BUTTON:
        return caption_height(u, it, w, max_h);
    case UI_ITEM_TOGGLE:
        box = u->st.toggle_box;
        h = caption_height(u, it, w - box - u->st.toggle_pad, max_h);
        return h > box ? h : box;
    default:
        return 0;
    }
}

/* ---------------------------------------------------------------- behaviour */

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

int ui_drag_behave(struct ui_drag *d, unsigned *active, const struct ui_pointer *p, int slop)
{
    if (p->went_down) {
        *active = 0;
        d->dragging = 0;
        d->scroll_id = 0;
        d->press_x = p->x;
        d->press_y = p->y;
    } else if (p->down && !d->dragging && (abs(p->y - d->press_y) > slop || abs(p->x - d->press_x) > slop)) {
        d->dragging = 1;
    }
    return d->dragging;
}

int ui_scroll_behave(struct ui_drag *d, const struct ui_pointer *p, unsigned id, struct rect view, int offset)
{
    if (p->went_down && rect_contains(view, p->x, p->y)) {
        d->scroll_id = id;
        d->scroll_start = offset;
    }
    if (d->scroll_id == id && d->dragging && p->down)
        return d->scroll_start - (p->y - d->press_y);
    return offset;
}

void ui_release_behave(struct ui_drag *d, unsigned *active, const struct ui_pointer *p)
{
    if (p->went_up || !p->down) {
        *active = 0;
        d->dragging = 0;
        d->scroll_id = 0;
    }
}

/* ---------------------------------------------------------------- drawing */

unsigned ui_ink_colour(const struct ui *u, enum ui_ink ink)
{
    switch (ink) {
    case INK_MUTED:       return u->th.muted;
    case INK_ACCENT:      return u->th.accent;
    case INK_DANGER:      return u->th.danger;
    case INK_ACCENT_TEXT: return u->th.accent_text;
    case INK_SURFACE:     return u->th.surface;
    case INK_BORDER:      return u->th.border;
    case INK_TRACK:       return u->th.track;
    default:              return u->th.text;
    }
}

static struct rect seen(struct rect r, int clipped, struct rect clip)
{
    return clipped ? rect_intersect(r, clip) : r;
}

void ui_draw_rect(struct ui *u, struct rect r, int clipped, struct rect clip, unsigned colour, int radius,
                  unsigned border, int border_px)
{
    struct draw_cmd *c;

    if (seen(r, clipped, clip).w == 0)
        return;
    c = frame_push(u->f, DRAW_RECT);
    if (!c)
        return;
    c->r = r;
    c->clip = clipped ? clip : no_rect;
    c->colour = colour;
    c->radius = radius;
    c->border_colour = border;
    c->border_px = border_px;
}

static void draw_line(struct ui *u, struct rect r, int clipped, struct rect clip, const char *s, int len,
                      const struct style_font_metrics *f, int flags, unsigned colour)
{
    struct draw_cmd *c;
    const char *copy;

    if (len == 0 || seen(r, clipped, clip).w == 0)
        return;
    copy = frame_strdup(u->f, s, (size_t)len);
    c = copy ? frame_push(u->f, DRAW_TEXT) : NULL;
    if (!c)
        return;
    c->r = r;
    c->clip = clipped ? clip : no_rect;
    c->colour = colour;
    c->font_px = f->px;
    c->bold = flags;        /* as measured: bold and the paragraph's direction */
    c->text = copy;
    c->len = len;
}

/* Where line i of lines starts in a box at x of width w; align is already the screen's (UI_START
 * is the left edge here, the right edge once a right-to-left screen has resolved it to UI_END). */
static int line_x(const struct text_lines *lines, int i, int x, int w, enum ui_align align)
{
    return text_line_x(lines, i, x, w, align == UI_CENTRE ? TEXT_ALIGN_CENTRE
                                     : align == UI_END ? TEXT_ALIGN_RIGHT : TEXT_ALIGN_LEFT);
}

void ui_draw_lines(struct ui *u, const struct text_lines *lines, const char *s, struct rect r, int clipped,
                   struct rect clip, enum style_font font, unsigned colour, enum ui_align align)
{
    const struct style_font_metrics *f = &u->st.font[font];

    for (int i = 0; i < lines->n; i++) {
        struct rect lr = { line_x(lines, i, r.x, r.w, align), r.y + i * lines->line_h, lines->width[i],
                           lines->line_h };
        const char *line = s + lines->start[i];
        int len = lines->len[i];
        if (lines->truncated && i == lines->n - 1) {
            char buf[1024];
            int n = len < (int)sizeof buf - 4 ? len : (int)sizeof buf - 4;
            memcpy(buf, line, (size_t)n);
            memcpy(buf + n, "\xE2\x80\xA6", 3);
            draw_line(u, lr, clipped, clip, buf, n + 3, f, lines->flags, colour);
            sodium_memzero(buf, sizeof buf);
        } else {
            draw_line(u, lr, clipped, clip, line, len, f, lines->flags, colour);
        }
    }
}

/* Records s as one piece of text drawn as lines in r, the part seen. */
static void record_lines(struct ui *u, const char *s, const struct text_lines *lines, struct rect r, int clipped,
                         struct rect clip, enum ui_align align, unsigned flags)
{
    struct rect box;
    int left = r.x + r.w;

    if (lines->n == 0)
        return;
    for (int i = 0; i < lines->n; i++) {
        int x = line_x(lines, i, r.x, r.w, align);
        left = x < left ? x : left;
    }
    box = seen((struct rect){ left, r.y, lines->w, lines->h }, clipped, clip);
    if (box.w > 0)
        frame_add_text_as(u->f, s, box, lines->cut, flags);
    else    /* scrolled out of view: still there for whoever reads the screen aloud */
        frame_add_text_as(u->f, s, (struct rect){ left, r.y, lines->w, lines->h }, lines->cut, flags | FRAME_TEXT_HIDDEN);
}

void ui_draw_button(struct ui *u, struct rect r, int clipped, struct rect clip, enum ui_button_kind kind,
                    int selected, enum ui_press st, unsigned *ink)
{
    unsigned fill, border = 0;
    int border_px = 0, radius = kind == UI_PILL ? r.h / 2 : u->st.radius;

    switch (kind) {
    case UI_PRIMARY:
    case UI_PILL:
        fill = u->th.accent;
        *ink = u->th.accent_text;
        break;
    case UI_SECONDARY:
        fill = u->th.surface;
        *ink = u->th.text;
        border = u->th.border;
        border_px = u->st.border;
        break;
    case UI_TINTED:
        fill = u->th.track;
        *ink = u->th.text;
        break;
    default:
        fill = u->th.bg;
        *ink = u->th.text;
        break;
    }
    if (selected) {
        fill = u->th.selected;
        *ink = u->th.selected_text;
    }
    if (st == UI_HELD) {
        fill = u->th.pressed;
        *ink = u->th.pressed_text;
    }
    ui_draw_rect(u, r, clipped, clip, fill, radius, border, border_px);
}

void ui_draw_toggle(struct ui *u, struct rect r, int clipped, struct rect clip, int on, enum ui_press st,
                    int rtl, unsigned *ink)
{
    int box = u->st.toggle_box, pad = u->st.toggle_pad;
    unsigned fill = st == UI_HELD ? u->th.pressed : on ? u->th.selected : u->th.surface;
    struct rect tick = { rtl ? r.x + r.w - pad - box : r.x + pad, r.y + (r.h - box) / 2, box, box };

    *ink = st == UI_HELD ? u->th.pressed_text : on ? u->th.selected_text : u->th.text;
    ui_draw_rect(u, r, clipped, clip, fill, u->st.radius, u->th.border, u->st.border);
    ui_draw_rect(u, tick, clipped, clip, on ? *ink : fill, u->st.radius_box, *ink, u->st.border_box);
    if (on) {
        int inset = box / 4;
        ui_draw_rect(u, (struct rect){ tick.x + inset, tick.y + inset, box - 2 * inset, box - 2 * inset }, clipped,
                     clip, fill, u->st.border_box, 0, 0);
    }
}

void ui_draw_field(struct ui *u, struct rect r, int clipped, struct rect clip, int focused, int error,
                   enum ui_press st)
{
    unsigned border = error ? u->th.danger : focused ? u->th.focus : u->th.muted;

    ui_draw_rect(u, r, clipped, clip, st == UI_HELD ? u->th.track : u->th.surface, u->st.radius_field, border,
                 focused || error ? u->st.border_focus : u->st.border);
}

void ui_draw_scrollbar(struct ui *u, struct rect view, int offset, int content_h, int rtl)
{
    int bar = u->st.scrollbar, max = content_h > view.h ? content_h - view.h : 0, thumb;
    struct rect track = { rtl ? view.x : view.x + view.w - bar, view.y, bar, view.h };

    if (max <= 0)
        return;
    thumb = (int)((long long)view.h * view.h / content_h);
    if (thumb < u->st.scroll_thumb_min)
        thumb = u->st.scroll_thumb_min;
    ui_draw_rect(u, track, 0, no_rect, u->th.track, bar / 2, 0, 0);
    ui_draw_rect(u, (struct rect){ track.x, view.y + (int)((long long)(view.h - thumb) * offset / max), bar, thumb },
                 0, no_rect, u->th.muted, bar / 2, 0, 0);
}

/* ---------------------------------------------------------------- laying out */

static enum ui_align resolved(enum ui_align a, int rtl)
{
    if (!rtl || a == UI_CENTRE)
        return a;
    return a == UI_START ? UI_END : UI_START;
}

static void panel(struct ui *u, const struct ui_item *it, const struct lay_node *n)
{
    struct rect r = n->r;

    switch (it->surface) {
    case UI_CARD:
        ui_draw_rect(u, r, n->clipped, n->clip, u->th.surface, u->st.radius_card, u->th.border, u->st.border);
        break;
    case UI_DIALOG:
        ui_draw_rect(u, r, n->clipped, n->clip, u->th.surface, u->st.radius_dialog, u->th.border, u->st.border);
        break;
    case UI_BAR_TOP:
        ui_draw_rect(u, r, n->clipped, n->clip, u->th.surface, 0, 0, 0);
        ui_draw_rect(u, (struct rect){ r.x, r.y + r.h - u->st.border, r.w, u->st.border }, n->clipped, n->clip,
                     u->th.border, 0, 0, 0);
        break;
    case UI_BAR:
        ui_draw_rect(u, r, n->clipped, n->clip, u->th.surface, 0, 0, 0);
        ui_draw_rect(u, (struct rect){ r.x, r.y, r.w, u->st.border }, n->clipped, n->clip, u->th.border, 0, 0, 0);
        break;
    }
}

/* A text or a caption: its lines in box r, drawn and recorded. */
static void text_in(struct ui *u, struct ui_item *it, const struct lay_node *n, struct rect r, unsigned colour)
{
    const struct text_lines *l;
    enum ui_align align = resolved(it->align, n->rtl);

    if (it->lines < 0)
        return;     /* never measured: its box was left out */
    l = &u->lines[it->lines];
    ui_draw_lines(u, l, shown(it), r, n->clipped, n->clip, it->font, colour, align);
    record_lines(u, shown(it), l, r, n->clipped, n->clip, align,
                 (it->kind == UI_ITEM_TEXT || it->kind == UI_ITEM_BADGE ? 0 : FRAME_TEXT_CAPTION) |
                 (it->font == FONT_TITLE || it->font == FONT_HUGE ? FRAME_TEXT_TITLE : 0));
}

/* A caption centred vertically in r. */
static void caption_in(struct ui *u, struct ui_item *it, const struct lay_node *n, struct rect r, unsigned ink)
{
    int h = it->lines >= 0 ? u->lines[it->lines].h : 0;

    r.y += (r.h - h) / 2;
    r.h = h;
    text_in(u, it, n, r, ink);
}

static unsigned control_state(const struct ui_item *it)
{
    unsigned s = 0;

    if (it->selected)
        s |= FRAME_STATE_SELECTED;
    if (it->kind == UI_ITEM_TOGGLE && it->on)
        s |= FRAME_STATE_CHECKED;
    if (it->focused)
        s |= FRAME_STATE_FOCUSED;
    if (it->error)
        s |= FRAME_STATE_INVALID;
    if (it->kind == UI_ITEM_FIELD && it->empty)
        s |= FRAME_STATE_EMPTY;
    if (it->state == UI_HELD)
        s |= FRAME_STATE_PRESSED;
    return s;
}

/* Behaviour, then the face, then the record of a control. */
static void control(struct ui *u, struct ui_item *it, int node)
{
    const struct lay_node *n = &u->lay.nodes[node];
    struct rect vis = lay_visible(&u->lay, node), content = lay_content(&u->lay, node);
    struct rect hit = it->hit >= 0 ? lay_visible(&u->lay, it->hit) : vis;
    struct rect full = it->hit >= 0 ? lay_rect(&u->lay, it->hit) : n->r;
    unsigned ink = u->th.text;

    it->state = ui_press_behave(&u->active, &u->ptr, u->drag.dragging && u->drag.scroll_id, it->id, hit);
    if (!it->label)
        return;     /* a hidden area: nobody finds it, nothing shows it */
    if (vis.w > 0) {
        switch (it->kind) {
        case UI_ITEM_BUTTON:
            ui_draw_button(u, n->r, n->clipped, n->clip, it->button, it->selected, it->state, &ink);
            caption_in(u, it, n, content, ink);
            break;
        case UI_ITEM_TOGGLE: {
            int skip = u->st.toggle_box + u->st.toggle_pad;
            ui_draw_toggle(u, n->r, n->clipped, n->clip, it->on, it->state, n->rtl, &ink);
            content.w -= skip;
            if (!n->rtl)
                content.x += skip;
            caption_in(u, it, n, content, ink);
            break;
        }
        case UI_ITEM_FIELD:
            ui_draw_field(u, n->r, n->clipped, n->clip, it->focused, it->error, it->state);
            caption_in(u, it, n, content, ui_ink_colour(u, it->ink));
            break;
        default:
            break;
        }
    }
    frame_add_control(u->f, it->label, hit, full, it->id, it->role, control_state(it));
}

static void paint(struct ui *u, int node)
{
    struct lay_node *n = &u->lay.nodes[node];
    struct ui_item *it = &u->items[node];

    if (n->dropped)
        return;
    switch (it->kind) {
    case UI_ITEM_PANEL:
        panel(u, it, n);
        break;
    case UI_ITEM_TEXT:
        text_in(u, it, n, lay_content(&u->lay, node), ui_ink_colour(u, it->ink));
        break;
    case UI_ITEM_DOT:
        ui_draw_rect(u, n->r, n->clipped, n->clip, ui_ink_colour(u, it->ink), n->r.w / 2, 0, 0);
        break;
    case UI_ITEM_BADGE:
        ui_draw_rect(u, n->r, n->clipped, n->clip, u->th.accent, n->r.w / 2, 0, 0);
        caption_in(u, it, n, n->r, ui_ink_colour(u, it->ink));
        break;
    case UI_ITEM_BUTTON:
    case UI_ITEM_TOGGLE:
    case UI_ITEM_FIELD:
    case UI_ITEM_AREA:
        control(u, it, node);
        break;
    case UI_ITEM_SCROLL: {
        struct ui_scroll *s = it->scroll;
        assert(!n->clipped && "scroll areas do not nest");
        lay_scroll_to(&u->lay, node, ui_scroll_behave(&u->drag, &u->ptr, it->id, n->r, n->scroll));
        s->offset = n->scroll;
        s->content_h = n->content_h;
        s->view_h = n->r.h;
        break;
    }
    case UI_ITEM_PICTURE:
        ui_paint_picture(u, it, n);
        break;
    case UI_ITEM_MONOGRAM:
        ui_paint_monogram(u, it, n);
        break;
    case UI_ITEM_BOX:
        break;
    }
    for (int c = n->first; c != LAY_NONE; c = u->lay.nodes[c].next)
        paint(u, c);
    if (it->kind == UI_ITEM_SCROLL)
        ui_draw_scrollbar(u, n->r, n->scroll, n->content_h, n->rtl);
}

/* The controls in box node in the smallest caption size any of them took, wrapped again in it. */
static void same_font(struct ui *u, int node)
{
    int px = 0;
    enum style_font font = FONT_BUTTON;

    for (int c = u->lay.nodes[node].first; c != LAY_NONE; c = u->lay.nodes[c].next) {
        const struct ui_item *it = &u->items[c];
        if ((it->kind == UI_ITEM_BUTTON || it->kind == UI_ITEM_TOGGLE) && it->lines >= 0 &&
            (px == 0 || u->st.font[it->font].px < px)) {
            px = u->st.font[it->font].px;
            font = it->font;
        }
    }
    for (int c = u->lay.nodes[node].first; c != LAY_NONE; c = u->lay.nodes[c].next) {
        struct ui_item *it = &u->items[c];
        int w;
        if ((it->kind != UI_ITEM_BUTTON && it->kind != UI_ITEM_TOGGLE) || it->lines < 0 ||
            u->st.font[it->font].px <= px)
            continue;
        it->font = font;
        w = lay_content(&u->lay, c).w;
        if (it->kind == UI_ITEM_TOGGLE)
            w -= u->st.toggle_box + u->st.toggle_pad;
        wrap(u, it, w, &u->lines[it->lines]);
    }
}

void ui_layout(struct ui *u, int root, struct rect area)
{
    lay_solve(&u->lay, root, area);
    for (int i = 0; i < u->lay.n; i++)
        if (u->items[i].same_font && !lay_dropped(&u->lay, i))
            same_font(u, i);
    paint(u, root);
}

int ui_clicked(const struct ui *u, int node)
{
    return u->items[node].state == UI_CLICKED;
}

enum ui_press ui_state(const struct ui *u, int node)
{
    return u->items[node].state;
}

struct rect ui_rect_of(const struct ui *u, int node)
{
    return lay_rect(&u->lay, node);
}
