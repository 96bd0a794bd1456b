/* staff: the hidden corner, the PIN pad with its lockout, and the staff screen's figures and
 * actions (export to USB, mark received, check content, exit). No personal data, only counts. */
#include "screens.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "export.h"

#define CORNER_ID 0xc0a7e4u

void chrome_staff_corner(struct app *a, struct ui *u)
{
    int size = ui_px(u, 120);
    enum ui_press st = ui_hidden_area(u, CORNER_ID, (struct rect){ 0, 0, size, size });

    if (st == UI_HELD && !a->corner_since)
        a->corner_since = a->now;
    else if (st != UI_HELD)
        a->corner_since = 0;
}

static long long wall(const struct app *a)
{
    return (long long)a->now + a->wall_offset;
}

static void save_lock(struct app *a)
{
    char err[256];

    if (a->queue && (queue_state_set_int(a->queue, "staff_pin_failures", a->lock.failures, err, sizeof err) != 0 ||
                     queue_state_set_int(a->queue, "staff_locked_until", a->lock.locked_until, err, sizeof err) != 0))
        fprintf(stderr, "kiosk: cannot save the staff lockout: %s\n", err);
}

static void try_pin(struct app *a)
{
    if (staff_lock_left(&a->lock, wall(a)) > 0) {
        a->pin_note = MSG_PIN_WAIT;
    } else if (!a->cfg->pin_hash[0]) {
        a->pin_note = MSG_PIN_NOT_SET;
    } else if (staff_pin_matches(a->cfg->pin_hash, a->pin)) {
        staff_lock_passed(&a->lock);
        save_lock(a);
        a->pin_note = MSG_NONE;
        app_act(a, ACT_STAFF);
    } else {
        staff_lock_failed(&a->lock, wall(a));
        save_lock(a);
        fprintf(stderr, "kiosk: wrong staff PIN (%lld in a row)\n", a->lock.failures);
        a->pin_note = MSG_PIN_WRONG;
    }
    sodium_memzero(a->pin, sizeof a->pin);
    a->dirty = 1;
}

/* The pad's keys: the digits, then Delete (PIN_DELETE) and OK (PIN_OK) from the wording. */
enum { PIN_DELETE = 9, PIN_OK = 11 };

static void pin_key(struct app *a, int i, const char *key)
{
    size_t n = strlen(a->pin);

    if (i == PIN_OK) {
        try_pin(a);
    } else if (i == PIN_DELETE) {
        if (n)
            a->pin[n - 1] = '\0';
    } else if (n < STAFF_PIN_MAX) {
        a->pin[n] = key[0];
        a->pin[n + 1] = '\0';
        a->pin_note = MSG_NONE;
    }
    a->dirty = 1;
}

void screen_staff_pin(struct app *a, struct ui *u)
{
    const char *const keys[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", app_text(a, MSG_PIN_DELETE), "0",
                                   app_text(a, MSG_PIN_OK) };
    long long left = staff_lock_left(&a->lock, wall(a));
    int m = chrome_margin(u), gap = ui_px(u, 14);
    int bottom = chrome_bottom(a, u, NULL, CHROME_NONE, app_text(a, MSG_PIN_CANCEL), ACT_LEAVE);
    int w = ui_px(u, 480) < u->f->w - 2 * m ? ui_px(u, 480) : u->f->w - 2 * m, x = (u->f->w - w) / 2;
    int y = m, dot = ui_px(u, 22), n = (int)strlen(a->pin), kw = (w - 2 * gap) / 3;
    int kh = (bottom - gap - y) / 8;
    char line[WORDING_TEXT_BYTES];

    if (kh < ui_px(u, 64))
        kh = ui_px(u, 64);
    if (kh > ui_px(u, 96))
        kh = ui_px(u, 96);
    y += ui_text(u, x, y, w, app_text(a, MSG_PIN_TITLE), UI_HEADING, u->th.text, UI_CENTRE) + gap;
    /* One dot a digit typed: the digits themselves are never shown. */
    for (int i = 0; i < n; i++)
        ui_rect(u, (struct rect){ x + w / 2 - (n * (dot + gap) - gap) / 2 + i * (dot + gap), y, dot, dot },
                u->th.text, dot / 2, 0, 0);
    y += dot + gap;
    if (left > 0) {
        WORDING_FORMAT(a->words, MSG_PIN_LOCKED, line, WORDING_NUMBER("seconds", (left + 999) / 1000));
        y += ui_text(u, x, y, w, line, UI_BODY_BOLD, u->th.danger, UI_CENTRE) + gap;
    } else if (a->pin_note) {
        y += ui_text(u, x, y, w, app_text(a, a->pin_note), UI_BODY_BOLD, u->th.danger, UI_CENTRE) + gap;
    } else {
        y += ui_line_h(u, UI_BODY_BOLD) + gap;
    }
    for (int i = 0; i < 12; i++) {
        struct rect r = { x + (i % 3) * (kw + gap), y + (i / 3) * (kh + gap), kw, kh };
        if (ui_button(u, keys[i], r, i == PIN_OK ? UI_PRIMARY : i == PIN_DELETE ? UI_TINTED : UI_SECONDARY) &&
            left == 0)
            pin_key(a, i, keys[i]);
    }
}

static void format_age(const struct app *a, char *out, size_t len, long long s)
{
    const struct wording_arg args[] = { WORDING_NUMBER("minutes", s < 3600 ? s / 60 : s % 3600 / 60),
                                        WORDING_NUMBER("hours", s / 3600), WORDING_NUMBER("days", s / 86400) };

    if (s < 0)
        snprintf(out, len, "%s", app_text(a, MSG_STAFF_AGE_NONE));
    else
        wording_format(a->words, s < 3600 ? MSG_STAFF_AGE_MINUTES : s < 86400 * 2 ? MSG_STAFF_AGE_HOURS
                                 : MSG_STAFF_AGE_DAYS, out, len, args, 3);
}

static void format_time(const struct app *a, char *out, size_t len, const char *utc)
{
    char date[16], time[8];

    if (!utc[0]) {
        snprintf(out, len, "%s", app_text(a, MSG_STAFF_NEVER));
        return;
    }
    snprintf(date, sizeof date, "%.10s", utc);
    snprintf(time, sizeof time, "%.5s", utc + 11);
    wording_format(a->words, MSG_STAFF_TIME, out, len,
                   (const struct wording_arg[]){ WORDING_TEXT("date", date), WORDING_TEXT("time", time) }, 2);
}

/* "enquiries-1-20261125T150405Z.xlsx and .jsonl": the first file by its name, the others by their
 * extension, joined as the wording joins a list (export_files_named() in English). Returns out. */
static const char *files_named(const struct app *a, const struct export_result *res, char *out, size_t len)
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
        wording_format(a->words, i + 1 < res->nfiles ? MSG_LIST_MORE : MSG_LIST_LAST, out, len,
                       (const struct wording_arg[]){ WORDING_TEXT("list", list), WORDING_TEXT("item", item) }, 2);
    }
    return out;
}

static void export_usb(struct app *a)
{
    struct export_result res;
    char err[512];

    if (!a->queue) {
        snprintf(a->staff_note, sizeof a->staff_note, "%s", app_text(a, MSG_STAFF_EXPORT_NO_DB));
        return;
    }
    if (export_to_dir(a->queue, a->cfg->export_dir, 0, a->cfg->export_formats, &res, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        WORDING_FORMAT(a->words, MSG_STAFF_EXPORT_FAILED, a->staff_note, WORDING_TEXT("reason", err));
    } else if (res.batch.count == 0) {
        snprintf(a->staff_note, sizeof a->staff_note, "%s", app_text(a, MSG_STAFF_EXPORT_EMPTY));
    } else {
        char files[WORDING_TEXT_BYTES];
        WORDING_FORMAT(a->words, MSG_STAFF_EXPORTED, a->staff_note, WORDING_NUMBER("count", res.batch.count),
                       WORDING_NUMBER("batch", res.batch.id),
                       WORDING_TEXT("files", files_named(a, &res, files, sizeof files)));
    }
}

static void mark_received(struct app *a)
{
    long long batch = a->status.newest_unacked_batch, count = 0;
    char err[512];

    if (!a->queue || batch == 0) {
        snprintf(a->staff_note, sizeof a->staff_note, "%s", app_text(a, MSG_STAFF_MARK_NONE));
    } else if (queue_ack(a->queue, batch, NULL, &count, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        WORDING_FORMAT(a->words, MSG_STAFF_MARK_FAILED, a->staff_note, WORDING_NUMBER("batch", batch),
                       WORDING_TEXT("reason", err));
    } else {
        WORDING_FORMAT(a->words, MSG_STAFF_MARKED, a->staff_note, WORDING_NUMBER("batch", batch),
                       WORDING_NUMBER("count", count));
    }
}

static void check_content(struct app *a)
{
    char first[512] = "";
    FILE *report = fmemopen(first, sizeof first - 1, "w");
    int problems = content_check_with(a->content_dir, report, a->picture_decoder);

    if (report)
        fclose(report);
    first[strcspn(first, "\n")] = '\0';
    if (problems == 0)
        snprintf(a->staff_note, sizeof a->staff_note, "%s", app_text(a, MSG_STAFF_CONTENT_GOOD));
    else
        WORDING_FORMAT(a->words, MSG_STAFF_CONTENT_BAD, a->staff_note, WORDING_NUMBER("count", problems),
                       WORDING_TEXT("problem", first));
}

/* One "label: value" line of the figures; returns its height. */
static int figure(struct ui *u, int x, int y, int w, const char *label, const char *value, int alarm)
{
    int lw = w * 55 / 100, h = ui_text(u, x, y, lw - ui_px(u, 12), label, UI_BODY, u->th.muted, UI_LEFT);
    int vh = ui_text(u, x + lw, y, w - lw, value, UI_BODY_BOLD, alarm ? u->th.danger : u->th.text, UI_LEFT);

    return (h > vh ? h : vh) + ui_px(u, 10);
}

static int figures(struct app *a, struct ui *u, int x, int y0, int w)
{
    const struct queue_status *s = &a->status;
    char v[WORDING_TEXT_BYTES], size[32];
    int y = y0;

    if (a->status_error[0]) {
        y += ui_text(u, x, y, w, app_text(a, MSG_STAFF_DB_PROBLEM), UI_BODY_BOLD, u->th.danger, UI_LEFT);
        return y - y0 + ui_text(u, x, y, w, a->status_error, UI_BODY, u->th.danger, UI_LEFT) + ui_px(u, 10);
    }
    snprintf(v, sizeof v, "%lld", s->pending);
    y += figure(u, x, y, w, app_text(a, MSG_STAFF_PENDING), v, 0);
    format_age(a, v, sizeof v, s->oldest_pending_age_s);
    y += figure(u, x, y, w, app_text(a, MSG_STAFF_OLDEST), v, s->oldest_pending_age_s > 7 * 86400);
    snprintf(v, sizeof v, "%lld", s->unacked_batches);
    y += figure(u, x, y, w, app_text(a, MSG_STAFF_UNACKED), v, 0);
    format_time(a, v, sizeof v, s->last_export_utc);
    y += figure(u, x, y, w, app_text(a, MSG_STAFF_LAST_EXPORT), v, 0);
    format_time(a, v, sizeof v, s->last_ack_utc);
    y += figure(u, x, y, w, app_text(a, MSG_STAFF_LAST_ACK), v, 0);
    snprintf(size, sizeof size, "%.1f", (double)s->db_bytes / 1e6);
    WORDING_FORMAT(a->words, MSG_STAFF_MEGABYTES, v, WORDING_TEXT("size", size));
    y += figure(u, x, y, w, app_text(a, MSG_STAFF_DB_SIZE), v, 0);
    /* SQLite says "ok" in English; anything else is its own report of what is wrong. */
    y += figure(u, x, y, w, app_text(a, MSG_STAFF_DB_CHECK),
                strcmp(s->quick_check, "ok") == 0 ? app_text(a, MSG_STAFF_CHECK_OK) : s->quick_check,
                strcmp(s->quick_check, "ok") != 0);
    if (s->damaged_moved_to[0]) {
        WORDING_FORMAT(a->words, MSG_STAFF_DAMAGED, v, WORDING_TEXT("time", s->damaged_utc),
                       WORDING_TEXT("path", s->damaged_moved_to));
        y += ui_text(u, x, y, w, v, UI_BODY_BOLD, u->th.danger, UI_LEFT) + ui_px(u, 10);
    }
    return y - y0;
}

void screen_staff(struct app *a, struct ui *u)
{
    static const enum wording_id actions[] = { MSG_STAFF_EXPORT, MSG_STAFF_MARK, MSG_STAFF_CHECK, MSG_STAFF_EXIT };
    int m = chrome_margin(u), gap = ui_px(u, 16), bh = chrome_button_h(u);
    int bottom = chrome_bottom(a, u, NULL, CHROME_NONE, app_text(a, MSG_STAFF_LEAVE), ACT_LEAVE);
    int landscape = u->f->w > u->f->h, w = u->f->w - 2 * m, y = m;
    int cw = landscape ? (w - 2 * gap) / 2 : w, bx = landscape ? m + cw + 2 * gap : m, by;

    y += ui_text(u, m, y, w, app_text(a, MSG_STAFF_TITLE), UI_TITLE, u->th.text, UI_LEFT) + gap;
    by = landscape ? y : y + figures(a, u, m, y, cw) + gap;
    if (landscape)
        figures(a, u, m, y, cw);
    for (int i = 0; i < 4; i++) {
        if (ui_button(u, app_text(a, actions[i]), (struct rect){ bx, by, cw, bh }, i == 3 ? UI_TINTED : UI_SECONDARY)) {
            switch (i) {
            case 0: export_usb(a); break;
            case 1: mark_received(a); break;
            case 2: check_content(a); break;
            default:
                a->quit = 1;
                a->exit_code = 3;   /* the service does not restart on this one */
                break;
            }
            app_staff_refresh(a);
            a->dirty = 1;
        }
        by += bh + gap;
    }
    if (a->staff_note[0]) {
        int nx = landscape ? bx : m, nw = landscape ? cw : w;
        if (by + ui_text_height(u, nw, a->staff_note, UI_BODY) < bottom)
            ui_text(u, nx, by, nw, a->staff_note, UI_BODY, u->th.text, UI_LEFT);
    }
}
