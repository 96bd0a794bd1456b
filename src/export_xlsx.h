/* export_xlsx: the spreadsheet (.xlsx) writer of export.c, with libxlsxwriter in constant-memory mode.
 * Every value is a text cell except the submitted time, a date-time in local time; bold frozen header. */
#ifndef EXPORT_XLSX_H
#define EXPORT_XLSX_H

#include <stddef.h>
#include <time.h>

#include "queue.h"

struct export_xlsx;

/* Starts a workbook that export_xlsx_close() will write to path (which should exist, mode 0600:
 * it is truncated, keeping its mode), for batch, exported at now. libxlsxwriter keeps the rows in
 * an unlinked temporary file meanwhile ($TMPDIR, else /tmp), so nothing of them outlives a kill.
 * Returns the writer, owned by the caller until export_xlsx_close() or export_xlsx_abort(), or
 * NULL with err. */
struct export_xlsx *export_xlsx_open(const char *path, long long batch, time_t now, char *err, size_t errlen);

/* Adds one request as a row. Returns 0, or -1 with err. */
int export_xlsx_row(struct export_xlsx *x, const struct queue_row *row, char *err, size_t errlen);

/* Sets the column widths and writes the file. Frees x whatever happens. Returns 0, or -1 with err. */
int export_xlsx_close(struct export_xlsx *x, char *err, size_t errlen);

/* Frees x without writing anything. Safe on NULL. */
void export_xlsx_abort(struct export_xlsx *x);

#endif
