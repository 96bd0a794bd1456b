/* ui_picture: pictures and monograms as draw commands; the platform turns them into pixels. */
#include "ui_picture.h"

#include <string.h>

#include "picture.h"

int ui_add_picture(struct ui *u, int parent, const struct content_picture *pic, int aspect_w, int aspect_h)
{
    struct ui_item *it;
    int n;

    if (!pic || !pic->file || !pic->path || pic->width <= 0 || pic->height <= 0)
        return LAY_NONE;
    n = ui_add(u, parent, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FILL },
                                             .aspect_w = aspect_w > 0 ? aspect_w : pic->width,
                                             .aspect_h = aspect_h > 0 ? aspect_h : pic->height });
    it = &u->items[n];
    it->kind = UI_ITEM_PICTURE;
    it->label = pic->text ? pic->text : "";
    it->caption = pic->path;
    it->pic_w = pic->width;
    it->pic_h = pic->height;
    return n;
}

int ui_add_monogram(struct ui *u, int parent, const char *name, int side)
{
    char initials[16];
    int n = ui_add(u, parent, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FIXED, side },
                                                 .h = { LAY_FIXED, side } });

    picture_initials(name ? name : "", initials, sizeof initials);
    u->items[n].kind = UI_ITEM_MONOGRAM;
    u->items[n].label = ui_fmt(u, "%s", initials);
    return n;
}

int ui_add_portrait(struct ui *u, int parent, const struct content_picture *pic, const char *name, int side)
{
    int n = ui_add_picture(u, parent, pic, 0, 0);

    if (n == LAY_NONE)
        return ui_add_monogram(u, parent, name, side);
    ui_box(u, n)->w = (struct lay_size){ .kind = LAY_FIXED, .px = side };
    return n;
}

void ui_paint_picture(struct ui *u, const struct ui_item *it, const struct lay_node *n)
{
    struct rect r = picture_fit(n->r, it->pic_w, it->pic_h), vis;
    struct draw_cmd *c;
    const char *path;

    vis = n->clipped ? rect_intersect(r, n->clip) : r;
    if (vis.w == 0 || n->r.w <= 0 || n->r.h <= 0)
        return;
    path = frame_strdup(u->f, it->caption, strlen(it->caption));
    c = path ? frame_push(u->f, DRAW_PICTURE) : NULL;
    if (!c)
        return;
    c->r = r;
    c->clip = n->clipped ? n->clip : (struct rect){ 0, 0, 0, 0 };
    c->colour = u->th.track;
    c->radius = u->st.radius_card;
    c->text = path;
    c->len = (int)strlen(path);
    frame_add_picture_text(u->f, it->label, vis);
}

void ui_paint_monogram(struct ui *u, const struct ui_item *it, const struct lay_node *n)
{
    int d = n->r.w < n->r.h ? n->r.w : n->r.h, px = d * 42 / 100, w, lh;
    struct rect r = { n->r.x + (n->r.w - d) / 2, n->r.y + (n->r.h - d) / 2, d, d };
    struct draw_cmd *c;
    const char *copy;
    int len = (int)strlen(it->label);

    if (d <= 0)
        return;
    ui_draw_rect(u, r, n->clipped, n->clip, u->th.accent, d / 2, 0, 0);
    if (len == 0)
        return;
    /* The letters about 0.42 of the circle, bold, centred by their measured width and line. */
    w = u->tm->width(u->tm->ctx, px, 1, it->label, len);
    lh = u->tm->line_height(u->tm->ctx, px, 1);
    copy = frame_strdup(u->f, it->label, (size_t)len);
    c = copy ? frame_push(u->f, DRAW_TEXT) : NULL;
    if (!c)
        return;
    c->r = (struct rect){ r.x + (d - w) / 2, r.y + (d - lh) / 2, w, lh };
    c->clip = n->clipped ? n->clip : (struct rect){ 0, 0, 0, 0 };
    c->colour = u->th.accent_text;
    c->font_px = px;
    c->bold = 1;
    c->text = copy;
    c->len = len;
}
