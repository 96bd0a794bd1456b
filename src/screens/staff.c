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
        a->pin_note = "Please wait until the pause is over.";
    } else if (!a->cfg->pin_hash[0]) {
        a->pin_note = "No staff PIN is set. Set one with: kioskctl set-pin";
    } else if (staff_pin_matches(a->cfg->pin_hash, a->pin)) {
        staff_lock_passed(&a->lock);
        save_lock(a);
        a->pin_note = NULL;
        app_act(a, ACT_STAFF);
    } else {
        staff_lock_failed(&a->lock, wall(a));
        save_lock(a);
        fprintf(stderr, "kiosk: wrong staff PIN (%lld in a row)\n", a->lock.failures);
        a->pin_note = "That PIN is not right.";
    }
    sodium_memzero(a->pin, sizeof a->pin);
    a->dirty = 1;
}

static void pin_key(struct app *a, const char *key)
{
    size_t n = strlen(a->pin);

    if (strcmp(key, "OK") == 0) {
        try_pin(a);
    } else if (strcmp(key, "Delete") == 0) {
        if (n)
            a->pin[n - 1] = '\0';
    } else if (n < STAFF_PIN_MAX) {
        a->pin[n] = key[0];
        a->pin[n + 1] = '\0';
        a->pin_note = NULL;
    }
    a->dirty = 1;
}

void screen_staff_pin(struct app *a, struct ui *u)
{
    static const char *const keys[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "Delete", "0", "OK" };
    long long left = staff_lock_left(&a->lock, wall(a));
    int m = chrome_margin(u), gap = ui_px(u, 14);
    int bottom = chrome_bottom(a, u, NULL, CHROME_NONE, "Cancel", ACT_LEAVE);
    int w = ui_px(u, 480) < u->f->w - 2 * m ? ui_px(u, 480) : u->f->w - 2 * m, x = (u->f->w - w) / 2;
    int y = m, dot = ui_px(u, 22), n = (int)strlen(a->pin), kw = (w - 2 * gap) / 3;
    int kh = (bottom - gap - y) / 8;
    char line[160];

    if (kh < ui_px(u, 64))
        kh = ui_px(u, 64);
    if (kh > ui_px(u, 96))
        kh = ui_px(u, 96);
    y += ui_text(u, x, y, w, "Staff access: enter the PIN", UI_HEADING, u->th.text, UI_CENTRE) + gap;
    /* One dot a digit typed: the digits themselves are never shown. */
    for (int i = 0; i < n; i++)
        ui_rect(u, (struct rect){ x + w / 2 - (n * (dot + gap) - gap) / 2 + i * (dot + gap), y, dot, dot },
                u->th.text, dot / 2, 0, 0);
    y += dot + gap;
    if (left > 0) {
        snprintf(line, sizeof line, "Too many wrong PINs. Please try again in %lld seconds.", (left + 999) / 1000);
        y += ui_text(u, x, y, w, line, UI_BODY_BOLD, u->th.danger, UI_CENTRE) + gap;
    } else if (a->pin_note) {
        y += ui_text(u, x, y, w, a->pin_note, UI_BODY_BOLD, u->th.danger, UI_CENTRE) + gap;
    } else {
        y += ui_line_h(u, UI_BODY_BOLD) + gap;
    }
    for (int i = 0; i < 12; i++) {
        struct rect r = { x + (i % 3) * (kw + gap), y + (i / 3) * (kh + gap), kw, kh };
        if (ui_button(u, keys[i], r, i == 11 ? UI_PRIMARY : i == 9 ? UI_TINTED : UI_SECONDARY) && left == 0)
            pin_key(a, keys[i]);
    }
}

static void format_age(char *out, size_t len, long long s)
{
    if (s < 0)
        snprintf(out, len, "none waiting");
    else if (s < 3600)
        snprintf(out, len, "%lld min", s / 60);
    else if (s < 86400 * 2)
        snprintf(out, len, "%lld h %lld min", s / 3600, s % 3600 / 60);
    else
        snprintf(out, len, "%lld days", s / 86400);
}

static void format_time(char *out, size_t len, const char *utc)
{
    if (!utc[0])
        snprintf(out, len, "never");
    else
        snprintf(out, len, "%.10s %.5s UTC", utc, utc + 11);
}

static void export_usb(struct app *a)
{
    struct export_result res;
    char err[512];

    if (!a->queue) {
        snprintf(a->staff_note, sizeof a->staff_note, "Cannot export: the database is not open.");
        return;
    }
    if (export_to_dir(a->queue, a->cfg->export_dir, 0, a->cfg->export_formats, &res, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        snprintf(a->staff_note, sizeof a->staff_note, "Export failed, nothing was marked: %s", err);
    } else if (res.batch.count == 0) {
        snprintf(a->staff_note, sizeof a->staff_note, "Nothing to export: no requests are waiting.");
    } else {
        char files[256];
        snprintf(a->staff_note, sizeof a->staff_note, "Exported %lld request%s as batch %lld: %s", res.batch.count,
                 res.batch.count == 1 ? "" : "s", res.batch.id, export_files_named(&res, files, sizeof files));
    }
}

static void mark_received(struct app *a)
{
    long long batch = a->status.newest_unacked_batch, count = 0;
    char err[512];

    if (!a->queue || batch == 0) {
        snprintf(a->staff_note, sizeof a->staff_note, "There is no export waiting to be marked as received.");
    } else if (queue_ack(a->queue, batch, NULL, &count, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        snprintf(a->staff_note, sizeof a->staff_note, "Could not mark batch %lld: %s", batch, err);
    } else {
        snprintf(a->staff_note, sizeof a->staff_note, "Batch %lld (%lld request%s) is marked as received.", batch,
                 count, count == 1 ? "" : "s");
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
        snprintf(a->staff_note, sizeof a->staff_note, "The content is good.");
    else
        snprintf(a->staff_note, sizeof a->staff_note, "%d problem%s in the content. The first: %s", problems,
                 problems == 1 ? "" : "s", first);
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
    char v[256];
    int y = y0;

    if (a->status_error[0]) {
        y += ui_text(u, x, y, w, "The database has a problem:", UI_BODY_BOLD, u->th.danger, UI_LEFT);
        return y - y0 + ui_text(u, x, y, w, a->status_error, UI_BODY, u->th.danger, UI_LEFT) + ui_px(u, 10);
    }
    snprintf(v, sizeof v, "%lld", s->pending);
    y += figure(u, x, y, w, "Requests waiting", v, 0);
    format_age(v, sizeof v, s->oldest_pending_age_s);
    y += figure(u, x, y, w, "Oldest waiting for", v, s->oldest_pending_age_s > 7 * 86400);
    snprintf(v, sizeof v, "%lld", s->unacked_batches);
    y += figure(u, x, y, w, "Exports not yet marked received", v, 0);
    format_time(v, sizeof v, s->last_export_utc);
    y += figure(u, x, y, w, "Last export", v, 0);
    format_time(v, sizeof v, s->last_ack_utc);
    y += figure(u, x, y, w, "Last marked received", v, 0);
    snprintf(v, sizeof v, "%.1f MB", (double)s->db_bytes / 1e6);
    y += figure(u, x, y, w, "Database size", v, 0);
    y += figure(u, x, y, w, "Database check", s->quick_check, strcmp(s->quick_check, "ok") != 0);
    if (s->damaged_moved_to[0]) {
        snprintf(v, sizeof v, "A damaged database was moved aside on %s to %s", s->damaged_utc, s->damaged_moved_to);
        y += ui_text(u, x, y, w, v, UI_BODY_BOLD, u->th.danger, UI_LEFT) + ui_px(u, 10);
    }
    return y - y0;
}

void screen_staff(struct app *a, struct ui *u)
{
    static const char *const actions[] = { "Export to USB", "Mark last export as received", "Check content",
                                           "Exit kiosk" };
    int m = chrome_margin(u), gap = ui_px(u, 16), bh = chrome_button_h(u);
    int bottom = chrome_bottom(a, u, NULL, CHROME_NONE, "Leave staff screen", ACT_LEAVE);
    int landscape = u->f->w > u->f->h, w = u->f->w - 2 * m, y = m;
    int cw = landscape ? (w - 2 * gap) / 2 : w, bx = landscape ? m + cw + 2 * gap : m, by;

    y += ui_text(u, m, y, w, "Staff", UI_TITLE, u->th.text, UI_LEFT) + gap;
    by = landscape ? y : y + figures(a, u, m, y, cw) + gap;
    if (landscape)
        figures(a, u, m, y, cw);
    for (int i = 0; i < 4; i++) {
        if (ui_button(u, actions[i], (struct rect){ bx, by, cw, bh }, i == 3 ? UI_TINTED : UI_SECONDARY)) {
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
