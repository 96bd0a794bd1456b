/* staff_actions: the staff screen's export, acknowledgement and content check, in plain words. */
#include "staff_actions.h"

#include <stdio.h>
#include <string.h>

#include "content.h"
#include "export.h"

void staff_export_usb(struct queue *q, const char *dir, const struct wording *w, char *note, size_t len)
{
    struct export_result res;
    char err[512];

    if (!q) {
        snprintf(note, len, "%s", wording_text(w, MSG_STAFF_EXPORT_NO_DB));
        return;
    }
    if (export_to_dir(q, dir, &res, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        wording_format(w, MSG_STAFF_EXPORT_FAILED, note, len, &WORDING_TEXT("reason", err), 1);
    } else if (res.batch.count == 0) {
        snprintf(note, len, "%s", wording_text(w, MSG_STAFF_EXPORT_EMPTY));
    } else {
        const char *csv = strrchr(res.csv_path, '/'), *jsonl = strrchr(res.jsonl_path, '/');
        wording_format(w, MSG_STAFF_EXPORTED, note, len, (const struct wording_arg[]){
                           WORDING_NUMBER("count", res.batch.count), WORDING_NUMBER("batch", res.batch.id),
                           WORDING_TEXT("csv", csv ? csv + 1 : res.csv_path),
                           WORDING_TEXT("jsonl", jsonl ? jsonl + 1 : res.jsonl_path) }, 4);
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

void staff_check_content(const char *dir, const struct wording *w, char *note, size_t len)
{
    char first[512] = "";
    FILE *report = fmemopen(first, sizeof first - 1, "w");
    int problems = content_check(dir, report);

    if (report)
        fclose(report);
    first[strcspn(first, "\n")] = '\0';
    if (problems == 0)
        snprintf(note, len, "%s", wording_text(w, MSG_STAFF_CONTENT_GOOD));
    else
        wording_format(w, MSG_STAFF_CONTENT_BAD, note, len, (const struct wording_arg[]){
                           WORDING_NUMBER("count", problems), WORDING_TEXT("problem", first) }, 2);
}
