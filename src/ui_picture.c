/* ui_picture: pictures and monograms as draw commands; the platform turns them into pixels. */
#include "ui_picture.h"

#include <string.h>

#include "picture.h"

int ui_picture_radius(const struct ui *u)
{
    return ui_px(u, 24);
}

struct rect ui_picture_rect(struct rect box, const struct content_picture *pic)
{
    return picture_fit(box, pic->width, pic->height);
}

struct rect ui_picture(struct ui *u, struct rect box, const struct content_picture *pic, int radius)
{
    struct rect r, seen;
    struct draw_cmd *c;
    const char *path;

    if (!pic || !pic->file || !pic->path)
        return (struct rect){ box.x, box.y, 0, 0 };
    r = ui_picture_rect(box, pic);
    seen = u->clip.w ? rect_intersect(r, u->clip) : r;
    if (seen.w == 0)
        return r;
    path = frame_strdup(u->f, pic->path, strlen(pic->path));
    c = path ? frame_push(u->f, DRAW_PICTURE) : NULL;
    if (!c)
        return r;
    c->r = r;
    c->clip = u->clip;
    c->colour = u->th.track;
    c->radius = radius;
    c->text = path;
    c->len = (int)strlen(path);
    frame_add_picture_text(u->f, pic->text ? pic->text : "", seen);
    return r;
}

struct rect ui_monogram(struct ui *u, struct rect box, const char *name)
{
    int d = box.w < box.h ? box.w : box.h, px, w, lh;
    struct rect r = { box.x + (box.w - d) / 2, box.y + (box.h - d) / 2, d, d };
    char initials[16];
    struct draw_cmd *c;
    const char *copy;

    if (d <= 0)
        return r;
    ui_rect(u, r, u->th.accent, d / 2, 0, 0);
    picture_initials(name ? name : "", initials, sizeof initials);
    if (!initials[0])
        return r;
    /* Letters about 0.42 of the circle, bold, centred by their measured width and line. */
    px = d * 42 / 100;
    w = u->tm->width(u->tm->ctx, px, 1, initials, (int)strlen(initials));
    lh = u->tm->line_height(u->tm->ctx, px, 1);
    copy = frame_strdup(u->f, initials, strlen(initials));
    c = copy ? frame_push(u->f, DRAW_TEXT) : NULL;
    if (!c)
        return r;
    c->r = (struct rect){ r.x + (d - w) / 2, r.y + (d - lh) / 2, w, lh };
    c->clip = u->clip;
    c->colour = u->th.accent_text;
    c->font_px = px;
    c->bold = 1;
    c->text = copy;
    c->len = (int)strlen(copy);
    return r;
}
