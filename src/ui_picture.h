/* ui_picture: a content picture as a widget: fitted to its box with its aspect kept, rounded like
 * the cards, its words recorded for speech; and the monogram that stands in for a missing photo. */
#ifndef UI_PICTURE_H
#define UI_PICTURE_H

#include "content.h"
#include "ui.h"

/* The corner radius of pictures: the cards' (24 at 1280x800). */
int ui_picture_radius(const struct ui *u);

/* The rectangle pic takes when fitted into box (centred, aspect kept). */
struct rect ui_picture_rect(struct rect box, const struct content_picture *pic);

/* Draws pic fitted into box with corners of radius, and records its text (FRAME_TEXT_PICTURE).
 * Returns the rectangle it took. Nothing is drawn for a picture without a file. */
struct rect ui_picture(struct ui *u, struct rect box, const struct content_picture *pic, int radius);

/* The initials of name in a circle as large as fits box, centred: accent ground, accent text.
 * Decorative: nothing is recorded for speech (the name is written beside it). */
struct rect ui_monogram(struct ui *u, struct rect box, const char *name);

#endif
