/* screens: one function per screen, each a single immediate-mode pass that draws and asks for actions.
 * chrome.c holds what they share: the top bar, the bottom bar, the body area and rich text. */
#ifndef SCREENS_H
#define SCREENS_H

#include "app.h"
#include "content.h"
#include "ui.h"

/* The area between the bars, and the readable column inside it. */
struct body { struct rect area; int x, w; };

/* Top bar (clinic name, text size and contrast toggles). Returns its bottom edge. */
int chrome_top(struct app *a, struct ui *u);
/* Bottom bar with "Back" and "Home" (either may be omitted) and an optional primary button
 * (label NULL for none) asking for act. Returns its top edge. */
int chrome_bottom(struct app *a, struct ui *u, int back, int home, const char *primary, enum action act);
/* The body between top and bottom edges, with a readable column width. */
struct body chrome_body(struct app *a, struct ui *u, int top, int bottom);
/* Margin around everything. */
int chrome_margin(const struct ui *u);
/* Height of a standard button. */
int chrome_button_h(const struct ui *u);

/* Draws a content section (title, paragraphs, bullets, steps, FAQ) at x, y in width w.
 * Returns the height used. */
int chrome_section(struct ui *u, const struct content_section *s, int x, int y, int w, int with_title);

void screen_attract(struct app *a, struct ui *u);
void screen_home(struct app *a, struct ui *u);
void screen_info(struct app *a, struct ui *u);
void screen_doctor(struct app *a, struct ui *u);
void screen_idle_warning(struct app *a, struct ui *u);
void screen_out_of_order(struct app *a, struct ui *u);
void screen_placeholder(struct app *a, struct ui *u);

#endif
