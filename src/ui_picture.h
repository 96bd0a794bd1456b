/* ui_picture: a content picture as a box of the layout: fitted into its place with its aspect
 * kept, rounded like the cards, its words recorded for speech; and the monogram that stands in
 * for a missing photo. ui.c paints both kinds of item through the two paint functions. */
#ifndef UI_PICTURE_H
#define UI_PICTURE_H

#include "content.h"
#include "ui.h"

/* A picture box under parent, as wide as its parent gives it and as tall as its aspect makes it
 * (the picture's own, or aspect_w:aspect_h with the picture fitted inside); callers limit it with
 * ui_box(). Returns the node, or LAY_NONE (nothing added) when pic has no file. */
int ui_add_picture(struct ui *u, int parent, const struct content_picture *pic, int aspect_w, int aspect_h);

/* The initials of name in a circle of side px, accent ground, accent text. Decorative: nothing
 * is recorded for speech (the name is written beside it). */
int ui_add_monogram(struct ui *u, int parent, const char *name, int side);

/* The photo of pic if it has one, else the monogram of name, side px wide. */
int ui_add_portrait(struct ui *u, int parent, const struct content_picture *pic, const char *name, int side);

/* Painting, called by ui.c for UI_ITEM_PICTURE and UI_ITEM_MONOGRAM. */
void ui_paint_picture(struct ui *u, const struct ui_item *it, const struct lay_node *n);
void ui_paint_monogram(struct ui *u, const struct ui_item *it, const struct lay_node *n);

#endif
