/* staff_actions: the staff screen's export, acknowledgement and content check, in plain words. */
#include "staff_actions.h"

#include <stdio.h>
#include <string.h>

#include "content.h"
#include "export.h"

/* "enquiries-1-20261125T150405Z.xlsx and .jsonl": the first file by its name, the others by their
 * extension, joined as the wording joins a list (export_files_named() in English). Returns out. */
static const char *files_named(const struct wording *w, const struct export_result *res, char *out, size_t len)
{
    char list[WORDING_TEXT_BYTES];

    out[0] = '\0';
    for (int i = 0; i < res->nfiles; i++) {
        const char *slash = strrchr(res->paths[i], '/'), *dot = strrchr(res->paths[i], '.');
        const char *item = i == 0 ? (slash ? slash + 1 : res->paths[i]) : dot ? dot : res->paths[i];

        if (i == 0) {
            snprintf(out, len, "%s", item);
            continue;
        }
        snprintf(list, sizeof list, "%s", out);
        wording_format(w, i + 1 < res->nfiles ? MSG_LIST_MORE : MSG_LIST_LAST, out, len,
                       (const struct wording_arg[]){ WORDING_TEXT("list", list), WORDING_TEXT("item", item) }, 2);
    }
    return out;
}

void staff_export_usb(struct queue *q, const char *dir, unsigned formats, const struct wording *w, char *note,
                      size_t len)
{
    struct export_result res;
    char err[512];

    if (!q) {
        snprintf(note, len, "%s", wording_text(w, MSG_STAFF_EXPORT_NO_DB));
        return;
    }
    if (export_to_dir(q, dir, 0, formats, &res, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        wording_format(w, MSG_STAFF_EXPORT_FAILED, note, len, &WORDING_TEXT("reason", err), 1);
    } else if (res.batch.count == 0) {
        snprintf(note, len, "%s", wording_text(w, MSG_STAFF_EXPORT_EMPTY));
    } else {
        char files[WORDING_TEXT_BYTES];
        wording_format(w, MSG_STAFF_EXPORTED, note, len, (const struct wording_arg[]){
                           WORDING_NUMBER("count", res.batch.count), WORDING_NUMBER("batch", res.batch.id),
                           WORDING_TEXT("files", files_named(w, &res, files, sizeof files)) }, 3);
    }
}

void staff_mark_received(struct queue *q, long long batch, const struct wording *w, char *note, size_t len)
{
    long long count = 0;
    char err[512];

    if (!q || batch == 0) {
        snprintf(note, len, "%s", wording_text(w, MSG_STAFF_MARK_NONE));
    } else if (queue_ack(q, batch, NULL, &count, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        wording_format(w, MSG_STAFF_MARK_FAILED, note, len, (const struct wording_arg[]){
                           WORDING_NUMBER("batch", batch), WORDING_TEXT("reason", err) }, 2);
    } else {
        wording_format(w, MSG_STAFF_MARKED, note, len, (const struct wording_arg[]){
                           WORDING_NUMBER("batch", batch), WORDING_NUMBER("count", count) }, 2);
    }
}

void staff_check_content(const char *dir, const struct content_decoder *dec, const struct wording *w, char *note,
                         size_t len)
{
    char first[512] = "";
    FILE *report = fmemopen(first, sizeof first - 1, "w");
    int problems = content_check_with(dir, report, dec);

    if (report)
        fclose(report);
    first[strcspn(first, "\n")] = '\0';
    if (problems == 0)
        snprintf(note, len, "%s", wording_text(w, MSG_STAFF_CONTENT_GOOD));
    else
        wording_format(w, MSG_STAFF_CONTENT_BAD, note, len, (const struct wording_arg[]){
                           WORDING_NUMBER("count", problems), WORDING_TEXT("problem", first) }, 2);
}
