/* staff_actions: what the staff screen's buttons do: export to USB, mark the last export as
 * received, check the content. The flow runs them after the pass that asked for them. */
#ifndef STAFF_ACTIONS_H
#define STAFF_ACTIONS_H

#include <stddef.h>

#include "content.h"
#include "queue.h"
#include "wording.h"

/* Each writes what it did, for the staff screen, into note (len bytes), in the words of w.
 * q may be NULL (no database); errors also go to stderr. */

/* Exports the pending requests as a new batch into dir, one file for each of formats (EXPORT_SET bits). */
void staff_export_usb(struct queue *q, const char *dir, unsigned formats, const struct wording *w, char *note,
                      size_t len);
/* Acknowledges batch (0: there is none waiting). */
void staff_mark_received(struct queue *q, long long batch, const struct wording *w, char *note, size_t len);
/* Checks the content files in dir (decoding pictures with dec, when not NULL) and says how many
 * problems, and the first. */
void staff_check_content(const char *dir, const struct content_decoder *dec, const struct wording *w, char *note,
                         size_t len);

#endif
