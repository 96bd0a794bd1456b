/* staff: the hidden corner, the PIN pad with its lockout, and the staff screen's figures and
 * actions (export to USB, mark received, check content, exit). No personal data, only counts. */
#include "screens.h"

#include "age.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>


static long long wall(const struct app *a)
{
    return (long long)a->now + a->wall_offset;
}

static void try_pin(struct app *a)
{
    if (staff_lock_held(&a->lock) || staff_lock_left(&a->lock, wall(a)) > 0) {
        a->pin_note = MSG_PIN_WAIT;
    } else if (!a->cfg->pin_hash[0]) {
        a->pin_note = MSG_PIN_NOT_SET;
    } else if (staff_pin_matches(a->cfg->pin_hash, a->pin)) {
        staff_lock_passed(&a->lock);
        app_staff_save_lock(a);
        a->pin_note = MSG_NONE;
        app_act(a, ACT_STAFF);
    } else {
        staff_lock_failed(&a->lock, wall(a));
        app_staff_save_lock(a);
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
    static const struct chrome_bar bar = { MSG_NONE, CHROME_NONE, MSG_PIN_CANCEL, ACT_LEAVE };
    const struct style *st = &u->st;
    const char *const keys[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", app_text(a, MSG_PIN_DELETE), "0",
                                   app_text(a, MSG_PIN_OK) };
    int held = staff_lock_held(&a->lock);
    long long left = held ? 0 : staff_lock_left(&a->lock, wall(a));
    int n = (int)strlen(a->pin), pad, dots, message, keypad, row = LAY_NONE, buttons[12];
    struct chrome c;

    chrome_begin(a, u, &c, 0, &bar);
    /* Title, dots, room for a message of two lines, then the keys: a message never moves them. */
    pad = ui_add(u, c.body, &(struct lay_box){ .w = { LAY_FILL, .max = st->body_w + 2 * st->margin },
                                               .self = LAY_CENTRE, .h = { LAY_FILL }, .gap = st->gap, .main = LAY_CENTRE,
                                               .pad = { st->margin, st->margin, st->margin, st->margin } });
    chrome_text(u, pad, app_text(a, MSG_PIN_TITLE), FONT_HEADING, INK_TEXT, UI_CENTRE);
    /* One dot a digit typed: the digits themselves are never shown. */
    dots = ui_add(u, pad, &(struct lay_box){ .kind = LAY_ROW, .main = LAY_CENTRE, .gap = st->gap,
                                             .h = { LAY_FIXED, st->pin_dot } });
    for (int i = 0; i < n; i++)
        ui_add_dot(u, dots, st->pin_dot, INK_TEXT);
    message = ui_add(u, pad, &(struct lay_box){ .h = { LAY_FIXED, 2 * style_line_h(st, FONT_BODY_BOLD) },
                                                .main = LAY_END });
    if (held)
        chrome_text(u, message, app_text(a, MSG_PIN_HELD), FONT_BODY_BOLD, INK_DANGER, UI_CENTRE);
    else if (left > 0)
        chrome_text(u, message, SAY(a, u, MSG_PIN_LOCKED, WORDING_NUMBER("seconds", (left + 999) / 1000)),
                    FONT_BODY_BOLD, INK_DANGER, UI_CENTRE);
    else if (a->pin_note)
        chrome_text(u, message, app_text(a, a->pin_note), FONT_BODY_BOLD, INK_DANGER, UI_CENTRE);
    keypad = ui_add(u, pad, &(struct lay_box){ .gap = st->gap, .flags = LAY_KEEP_LTR, .h = { LAY_FILL },
                                               .w = { LAY_FILL, .max = st->pin_w }, .self = LAY_CENTRE,
                                               .main = LAY_CENTRE });
    ui_push_id(u, "pin-pad");
    for (int i = 0; i < 12; i++) {
        if (i % 3 == 0)
            row = ui_add(u, keypad, &(struct lay_box){ .kind = LAY_ROW, .gap = st->gap,
                                                       .h = { LAY_FILL, .min = st->touch, .max = st->pin_key_h_max } });
        buttons[i] = ui_add_button(u, row, keys[i], i == PIN_OK ? UI_PRIMARY : i == PIN_DELETE ? UI_TINTED
                                                                                               : UI_SECONDARY);
        ui_set_role(u, buttons[i], FRAME_ROLE_KEY);
        ui_box(u, buttons[i])->w.kind = LAY_FILL;
        ui_box(u, buttons[i])->h = (struct lay_size){ .min = st->touch, .max = st->pin_key_h_max };
    }
    ui_pop_id(u);
    chrome_end(a, u, &c);
    for (int i = 0; i < 12 && left == 0 && !held; i++)
        if (ui_clicked(u, buttons[i]))
            pin_key(a, i, keys[i]);
}

static void format_age(const struct app *a, char *out, size_t len, long long s)
{
    struct age age;

    if (s < 0) {
        snprintf(out, len, "%s", app_text(a, MSG_STAFF_AGE_NONE));
        return;
    }
    age = age_of(s);
    wording_format(a->words, age.unit == AGE_MINUTES ? MSG_STAFF_AGE_MINUTES : age.unit == AGE_HOURS
                             ? MSG_STAFF_AGE_HOURS : MSG_STAFF_AGE_DAYS, out, len, (const struct wording_arg[]){
                       WORDING_NUMBER("minutes", age.minutes), WORDING_NUMBER("hours", age.hours),
                       WORDING_NUMBER("days", age.days) }, 3);
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

/* One "label: value" line of the figures. */
static void figure(struct ui *u, int parent, const char *label, const char *value, int alarm)
{
    int row = ui_add(u, parent, &(struct lay_box){ .kind = LAY_ROW, .gap = u->st.gap, .cross = LAY_START });

    ui_box(u, chrome_text(u, row, label, FONT_BODY, INK_MUTED, UI_START))->w.weight = 50;
    ui_box(u, chrome_text(u, row, value, FONT_BODY_BOLD, alarm ? INK_DANGER : INK_TEXT, UI_START))->w.weight = 50;
}

/* A time of today as its hours and minutes alone, any other as format_time() writes it. */
static void format_time_today(const struct app *a, char *out, size_t len, const char *utc)
{
    time_t now = (time_t)(wall(a) / 1000);
    char today[16], hm[8];
    struct tm tm;

    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    if (strlen(utc) < 16 || strncmp(utc, today, 10) != 0) {
        format_time(a, out, len, utc);
        return;
    }
    snprintf(hm, sizeof hm, "%.5s", utc + 11);
    wording_format(a->words, MSG_STAFF_TIME_TODAY, out, len, (const struct wording_arg[]){ WORDING_TEXT("time", hm) }, 1);
}

/* What kioskctl sync reports, when it is set up: how many wait, the last delivery, and since when
 * and why delivery fails (kioskctl status says the same). */
static void delivery_figures(struct app *a, struct ui *u, int list)
{
    const struct queue_delivery_status *d = &a->delivery;
    char v[WORDING_TEXT_BYTES];

    figure(u, list, app_text(a, MSG_STAFF_SYNC_WAITING), ui_fmt(u, "%lld", d->waiting), 0);
    format_time(a, v, sizeof v, d->last_delivery_utc);
    figure(u, list, app_text(a, MSG_STAFF_SYNC_LAST), ui_fmt(u, "%s", v), 0);
    if (d->failing_since_utc[0]) {
        format_time_today(a, v, sizeof v, d->failing_since_utc);
        chrome_text(u, list, SAY(a, u, MSG_STAFF_SYNC_FAILING, WORDING_TEXT("time", v), WORDING_TEXT("reason", d->last_error)),
                    FONT_BODY_BOLD, INK_DANGER, UI_START);
    }
    if (d->rejected)
        chrome_text(u, list, SAY(a, u, MSG_STAFF_SYNC_REJECTED, WORDING_NUMBER("count", d->rejected),
                                 WORDING_TEXT("status", d->last_rejection)), FONT_BODY_BOLD, INK_DANGER, UI_START);
}

static void figures(struct app *a, struct ui *u, int parent)
{
    const struct queue_status *s = &a->status;
    int list = ui_add(u, parent, &(struct lay_box){ .w = { LAY_FILL, .weight = 3 }, .gap = u->st.gap_small });
    char v[256], size[32];

    if (a->db_problem[0]) {     /* clients see out-of-order meanwhile */
        chrome_text(u, list, app_text(a, MSG_STAFF_CANNOT_SAVE), FONT_BODY_BOLD, INK_DANGER, UI_START);
        chrome_text(u, list, a->db_problem, FONT_BODY, INK_DANGER, UI_START);
        if (!a->queue)
            return;             /* no figures to show, and status_error says the same */
    }
    if (a->status_error[0]) {
        chrome_text(u, list, app_text(a, MSG_STAFF_DB_PROBLEM), FONT_BODY_BOLD, INK_DANGER, UI_START);
        chrome_text(u, list, a->status_error, FONT_BODY, INK_DANGER, UI_START);
        return;
    }
    figure(u, list, app_text(a, MSG_STAFF_PENDING), ui_fmt(u, "%lld", s->pending), 0);
    format_age(a, v, sizeof v, s->oldest_pending_age_s);
    figure(u, list, app_text(a, MSG_STAFF_OLDEST), ui_fmt(u, "%s", v), s->oldest_pending_age_s > 7 * 86400);
    figure(u, list, app_text(a, MSG_STAFF_UNACKED), ui_fmt(u, "%lld", s->unacked_batches), 0);
    format_time(a, v, sizeof v, s->last_export_utc);
    figure(u, list, app_text(a, MSG_STAFF_LAST_EXPORT), ui_fmt(u, "%s", v), 0);
    format_time(a, v, sizeof v, s->last_ack_utc);
    figure(u, list, app_text(a, MSG_STAFF_LAST_ACK), ui_fmt(u, "%s", v), 0);
    snprintf(size, sizeof size, "%.1f", (double)s->db_bytes / 1e6);
    figure(u, list, app_text(a, MSG_STAFF_DB_SIZE), SAY(a, u, MSG_STAFF_MEGABYTES, WORDING_TEXT("size", size)), 0);
    /* SQLite says "ok" in English; anything else is its own report of what is wrong. */
    figure(u, list, app_text(a, MSG_STAFF_DB_CHECK),
           !s->quick_check[0] ? app_text(a, MSG_STAFF_NOT_CHECKED)
           : strcmp(s->quick_check, "ok") == 0 ? app_text(a, MSG_STAFF_CHECK_OK) : s->quick_check,
           s->quick_check[0] && strcmp(s->quick_check, "ok") != 0);
    if (s->damaged_moved_to[0]) {
        const char *file = strrchr(s->damaged_moved_to, '/');     /* beside the database: its name */
        chrome_text(u, list, SAY(a, u, s->damaged_wal ? MSG_STAFF_DAMAGED_WAL : MSG_STAFF_DAMAGED,
                                 WORDING_TEXT("time", s->damaged_utc),
                                 WORDING_TEXT("path", file ? file + 1 : s->damaged_moved_to)),
                    FONT_BODY_BOLD, INK_DANGER, UI_START);
    }
    if (a->cfg->sync_url[0])
        delivery_figures(a, u, list);
}

void screen_staff(struct app *a, struct ui *u)
{
    static const struct chrome_bar bar = { MSG_NONE, CHROME_NONE, MSG_STAFF_LEAVE, ACT_LEAVE };
    static const struct { enum wording_id label; enum action act; enum ui_button_kind kind; } actions[] = {
        { MSG_STAFF_EXPORT, ACT_EXPORT, UI_SECONDARY }, { MSG_STAFF_MARK, ACT_MARK_RECEIVED, UI_SECONDARY },
        { MSG_STAFF_CHECK, ACT_CHECK_CONTENT, UI_SECONDARY }, { MSG_STAFF_EXIT, ACT_EXIT, UI_TINTED },
    };
    const struct style *st = &u->st;
    int page, parts, side, buttons[4];
    struct chrome c;

    chrome_begin(a, u, &c, 0, &bar);
    page = chrome_page(u, c.body, &a->scroll[SCREEN_STAFF], "staff");
    ui_box(u, page)->w.max = 0;
    chrome_text(u, page, app_text(a, MSG_STAFF_TITLE), FONT_TITLE, INK_TEXT, UI_START);
    /* Landscape: the figures on the left, the actions and what they did on the right. */
    parts = ui_add(u, page, &(struct lay_box){ .kind = st->w > st->h ? LAY_ROW : LAY_COLUMN, .gap = st->gap_section,
                                               .cross = st->w > st->h ? LAY_START : LAY_STRETCH });
    figures(a, u, parts);
    side = ui_add(u, parts, &(struct lay_box){ .w = { LAY_FILL, .weight = 2 }, .gap = st->gap });
    ui_push_id(u, "staff-actions");
    for (int i = 0; i < 4; i++)
        buttons[i] = ui_add_button(u, side, app_text(a, actions[i].label), actions[i].kind);
    ui_pop_id(u);
    /* What the last action did, across the page: file names are long words. */
    if (a->staff_note[0])
        chrome_text(u, page, a->staff_note, FONT_BODY, INK_TEXT, UI_START);
    chrome_end(a, u, &c);
    /* The flow carries them out after the pass. */
    for (int i = 0; i < 4; i++)
        if (ui_clicked(u, buttons[i]))
            app_act(a, actions[i].act);
}
