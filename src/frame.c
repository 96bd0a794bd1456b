/* frame: the draw list, the touchable controls and the texts of one frame. */
#include "frame.h"

#include <string.h>

void frame_reset(struct frame *f)
{
    if (f->arena_used <= FRAME_ARENA)
        memset(f->arena, 0, f->arena_used);
    f->arena_used = 0;
    f->w = f->h = 0;
    f->background = 0;
    f->ncmds = f->nwidgets = f->ntexts = 0;
    f->overflow = 0;
}

void frame_begin(struct frame *f, int w, int h, unsigned background)
{
    memset(f->arena, 0, f->arena_used);
    f->arena_used = 0;
    f->w = w;
    f->h = h;
    f->background = background;
    f->ncmds = 0;
    f->nwidgets = 0;
    f->ntexts = 0;
    f->overflow = 0;
}

const char *frame_strdup(struct frame *f, const char *s, size_t len)
{
    char *copy;

    if (len + 1 > FRAME_ARENA - f->arena_used) {
        f->overflow = 1;
        return NULL;
    }
    copy = f->arena + f->arena_used;
    memcpy(copy, s, len);
    copy[len] = '\0';
    f->arena_used += len + 1;
    return copy;
}

struct draw_cmd *frame_push(struct frame *f, enum draw_kind kind)
{
    struct draw_cmd *c;

    if (f->ncmds == FRAME_MAX_CMDS) {
        f->overflow = 1;
        return NULL;
    }
    c = &f->cmds[f->ncmds++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    return c;
}

void frame_add_widget(struct frame *f, const char *label, struct rect r, struct rect full, unsigned id)
{
    frame_add_control(f, label, r, full, id, FRAME_ROLE_BUTTON, 0);
}

void frame_add_control(struct frame *f, const char *label, struct rect r, struct rect full, unsigned id,
                       enum frame_role role, unsigned state)
{
    const char *copy;

    if (f->nwidgets == FRAME_MAX_WIDGETS) {
        f->overflow = 1;
        return;
    }
    copy = frame_strdup(f, label, strlen(label));
    if (!copy)
        return;
    f->widgets[f->nwidgets].label = copy;
    f->widgets[f->nwidgets].r = r;
    f->widgets[f->nwidgets].full = full;
    f->widgets[f->nwidgets].id = id;
    f->widgets[f->nwidgets].role = role;
    f->widgets[f->nwidgets].state = r.w > 0 && r.h > 0 ? state & ~(unsigned)FRAME_STATE_HIDDEN
                                                       : state | FRAME_STATE_HIDDEN;
    f->nwidgets++;
}

int frame_widget_visible(const struct frame *f, int i)
{
    return !(f->widgets[i].state & FRAME_STATE_HIDDEN);
}

void frame_add_text(struct frame *f, const char *text, struct rect r, int cut)
{
    frame_add_text_as(f, text, r, cut, 0);
}

void frame_add_text_as(struct frame *f, const char *text, struct rect r, int cut, unsigned flags)
{
    size_t len = strlen(text);
    char *copy;

    if (f->ntexts == FRAME_MAX_TEXTS) {
        f->overflow = 1;
        return;
    }
    copy = (char *)frame_strdup(f, text, len);
    if (!copy)
        return;
    for (size_t i = 0; i < len; i++)
        if (copy[i] == '\n')
            copy[i] = ' ';
    f->texts[f->ntexts].text = copy;
    f->texts[f->ntexts].cut = cut;
    f->texts[f->ntexts].r = r;
    f->texts[f->ntexts].flags = flags;
    f->ntexts++;
}

void frame_add_picture_text(struct frame *f, const char *text, struct rect r)
{
    frame_add_text_as(f, text, r, 0, FRAME_TEXT_PICTURE);
}

int frame_find_widget(const struct frame *f, const char *label)
{
    int found = -1;

    for (int i = 0; i < f->nwidgets; i++) {
        if (!frame_widget_visible(f, i) || strcmp(f->widgets[i].label, label) != 0)
            continue;
        if (found >= 0)
            return -2;
        found = i;
    }
    return found;
}

int frame_has_text(const struct frame *f, const char *needle)
{
    for (int i = 0; i < f->ntexts; i++)
        if (!(f->texts[i].flags & FRAME_TEXT_HIDDEN) && strstr(f->texts[i].text, needle))
            return 1;
    return 0;
}

int rect_contains(struct rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

int rect_overlaps(struct rect a, struct rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

struct rect rect_intersect(struct rect a, struct rect b)
{
    int x0 = a.x > b.x ? a.x : b.x;
    int y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    struct rect r = { x0, y0, x1 - x0, y1 - y0 };

    if (r.w <= 0 || r.h <= 0)
        r = (struct rect){ 0, 0, 0, 0 };
    return r;
}
