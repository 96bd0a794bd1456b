/* json: the one way the kiosk writes a JSON string (the export's JSON Lines, the checklist's
 * answers): quotes, backslashes and control characters escaped, UTF-8 as it is. */
#ifndef JSON_H
#define JSON_H

#include <stddef.h>

/* Where the bytes go: put(ctx, p, n) appends n bytes. */
typedef void (*json_put)(void *ctx, const char *p, size_t n);

/* Writes s (NUL-terminated) as a JSON string, with its quotes, through put. */
void json_string(const char *s, json_put put, void *ctx);

#endif
