/* screens: one function per screen, each a single immediate-mode pass that draws and asks for actions.
 * chrome.c holds what they share: the top bar, the bottom bar, the body area and rich text. */
#ifndef SCREENS_H
#define SCREENS_H

#include "app.h"
#include "content.h"
#include "ui.h"

/* The readable column between the bars. */
struct body { int x, w; };

/* Top bar (clinic name, text size and contrast toggles). Returns its bottom edge. */
int chrome_top(struct app *a, struct ui *u);
/* Bottom bar: a back button labelled back (it asks for ACT_BACK; NULL for none), "Home" or
 * "Start over", and an optional primary button (label NULL for none) asking for act.
 * Returns its top edge. */
enum chrome_second { CHROME_NONE, CHROME_HOME, CHROME_START_OVER };
int chrome_bottom(struct app *a, struct ui *u, const char *back, enum chrome_second second, const char *primary,
                  enum action act);
/* The readable column: centred, at most 1000 px wide at 1280x800. */
struct body chrome_body(const struct ui *u);
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
void screen_screening(struct app *a, struct ui *u);
void screen_result(struct app *a, struct ui *u);
void screen_form(struct app *a, struct ui *u);
void screen_privacy(struct app *a, struct ui *u);
void screen_review(struct app *a, struct ui *u);
void screen_thanks(struct app *a, struct ui *u);
void screen_save_error(struct app *a, struct ui *u);
void screen_staff_pin(struct app *a, struct ui *u);
void screen_staff(struct app *a, struct ui *u);

/* The hidden top-left corner that staff hold for 3 s on attract and home. Call before any control. */
void chrome_staff_corner(struct app *a, struct ui *u);

/* A key of a physical keyboard, or typed text, for the field being edited on the form. */
void form_screen_key(struct app *a, const struct input_event *ev);

#endif
