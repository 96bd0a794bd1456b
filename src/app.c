/* app: the screen flow in one table, the timers (idle, countdowns, drift) and the client session. */
#include "app.h"

#include <assert.h>
#include <stddef.h>
#include <sodium.h>
#include <string.h>

#include "screens/screens.h"
#include "staff_actions.h"


#define ANY_SCREEN SCREEN_COUNT
#define FIRST_SCREEN (SCREEN_COUNT + 1)    /* the menu with several treatments, else home */
#define DRIFT_MS   4000     /* the attract screen moves a pixel or three this often */
#define CORNER_MS  3000     /* how long staff hold the top-left corner to reach the PIN pad */

static const char *const screen_names[SCREEN_COUNT] = {
    [SCREEN_ATTRACT] = "attract",       [SCREEN_HOME] = "home",           [SCREEN_INFO] = "info",
    [SCREEN_DOCTOR] = "doctor",         [SCREEN_IDLE_WARNING] = "idle-warning",
    [SCREEN_OUT_OF_ORDER] = "out-of-order", [SCREEN_SCREENING] = "screening", [SCREEN_RESULT] = "result",
    [SCREEN_FORM] = "form",             [SCREEN_REVIEW] = "review",       [SCREEN_THANKS] = "thanks",
    [SCREEN_SAVE_ERROR] = "save-error", [SCREEN_STAFF_PIN] = "staff-pin", [SCREEN_STAFF] = "staff",
    [SCREEN_PRIVACY] = "privacy",       [SCREEN_TREATMENTS] = "treatments",
};

typedef void (*screen_fn)(struct app *a, struct ui *u);

static const screen_fn screen_draw[SCREEN_COUNT] = {
    [SCREEN_ATTRACT] = screen_attract,      [SCREEN_HOME] = screen_home,
    [SCREEN_INFO] = screen_info,            [SCREEN_DOCTOR] = screen_doctor,
    [SCREEN_IDLE_WARNING] = screen_idle_warning, [SCREEN_OUT_OF_ORDER] = screen_out_of_order,
    [SCREEN_SCREENING] = screen_screening,  [SCREEN_RESULT] = screen_result,
    [SCREEN_FORM] = screen_form,            [SCREEN_REVIEW] = screen_review,
    [SCREEN_THANKS] = screen_thanks,        [SCREEN_SAVE_ERROR] = screen_save_error,
    [SCREEN_STAFF_PIN] = screen_staff_pin,  [SCREEN_STAFF] = screen_staff,
    [SCREEN_PRIVACY] = screen_privacy,      [SCREEN_TREATMENTS] = screen_treatments,
};

/* The whole screen flow: on this screen, this action leads there. First match wins. */
static const struct { enum screen from; enum action act; enum screen to; } flow[] = {
    { SCREEN_ATTRACT,   ACT_START,     FIRST_SCREEN },
    { SCREEN_TREATMENTS, ACT_CHOOSE,   SCREEN_HOME },
    { SCREEN_HOME,      ACT_ABOUT,     SCREEN_INFO },
    { SCREEN_HOME,      ACT_SCREENING, SCREEN_SCREENING },
    { SCREEN_HOME,      ACT_REQUEST,   SCREEN_FORM },
    { SCREEN_HOME,      ACT_DOCTOR,    SCREEN_DOCTOR },
    { SCREEN_HOME,      ACT_BACK,      FIRST_SCREEN },
    { SCREEN_INFO,      ACT_SCREENING, SCREEN_SCREENING },
    { SCREEN_DOCTOR,    ACT_REQUEST,   SCREEN_FORM },
    { SCREEN_SCREENING, ACT_RESULT,    SCREEN_RESULT },
    { SCREEN_RESULT,    ACT_REQUEST,   SCREEN_FORM },
    { SCREEN_RESULT,    ACT_ABOUT,     SCREEN_INFO },
    { SCREEN_RESULT,    ACT_BACK,      SCREEN_SCREENING },
    { SCREEN_FORM,      ACT_PRIVACY,   SCREEN_PRIVACY },
    { SCREEN_FORM,      ACT_REVIEW,    SCREEN_REVIEW },
    { SCREEN_PRIVACY,   ACT_BACK,      SCREEN_FORM },
    { SCREEN_REVIEW,    ACT_BACK,      SCREEN_FORM },
    { SCREEN_SAVE_ERROR, ACT_BACK,     SCREEN_FORM },
    { SCREEN_ATTRACT,   ACT_STAFF_PIN, SCREEN_STAFF_PIN },
    { SCREEN_HOME,      ACT_STAFF_PIN, SCREEN_STAFF_PIN },
    { SCREEN_TREATMENTS, ACT_STAFF_PIN, SCREEN_STAFF_PIN },
    { SCREEN_OUT_OF_ORDER, ACT_STAFF_PIN, SCREEN_STAFF_PIN },
    { SCREEN_STAFF_PIN, ACT_STAFF,     SCREEN_STAFF },
    { ANY_SCREEN,       ACT_BACK,      SCREEN_HOME },
    { ANY_SCREEN,       ACT_HOME,      FIRST_SCREEN },
};

const char *app_screen_name(enum screen s)
{
    assert(s >= 0 && s < SCREEN_COUNT);
    return screen_names[s];
}

const char *app_text(const struct app *a, enum wording_id id)
{
    return wording_text(a->words, id);
}

const struct content_treatment *app_treatment(const struct app *a)
{
    assert(a->content && a->content->ntreatments > 0);
    return &a->content->treatments[a->treatment];
}

int app_has_checklist(const struct app *a)
{
    return a->content && app_treatment(a)->nquestions > 0;
}

void app_act(struct app *a, enum action act)
{
    if (a->pending == ACT_NONE)
        a->pending = act;
}

static void go(struct app *a, enum screen s)
{
    if (s != SCREEN_IDLE_WARNING && a->screen != SCREEN_IDLE_WARNING)
        memset(&a->scroll[s], 0, sizeof a->scroll[s]);
    a->picking = 0;
    a->screen = s;
    a->screen_since = a->now;
    a->dirty = 1;
    if (a->trace) {
        fprintf(a->trace, "screen %s\n", screen_names[s]);
        fflush(a->trace);
    }
    access_screen(a);
}

/* The language shown and what follows from it: words, direction, the keyboard's letters. */
static void show_language(struct app *a)
{
    const char *code = app_language(a);

    a->words = &a->content->wording;
    a->ui.rtl = language_rtl(code);
    a->kb.set = keyboard_set_for(code);
    if (a->focus == FORM_FIELD_NAME)
        keyboard_show(&a->kb, keyboard_start(a->kb.set, FORM_FIELD_NAME));
}

/* Shows language i of a->langs, keeping the screen and everything the client did. */
static void use_language(struct app *a, int i)
{
    struct languages *L = a->langs;
    char err[1024];

    if (!L || i == L->current)
        return;
    if (languages_pick(L, i, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: language no longer offered: %s\n", err);
        a->dirty = 1;
        return;
    }
    a->content = languages_content(L);
    show_language(a);
    /* The same screen from its top: the words run to other lengths now. */
    memset(a->scroll, 0, sizeof a->scroll);
    memset(&a->nav_scroll, 0, sizeof a->nav_scroll);
    a->dirty = 1;
    a->prepare_text = 1;
    if (a->trace) {
        fprintf(a->trace, "language %s\n", app_language(a));
        fflush(a->trace);
    }
}

void app_set_languages(struct app *a, struct languages *L)
{
    a->langs = L;
    if (L && a->content) {
        a->content = languages_content(L);
        show_language(a);
    }
}

const struct languages *app_languages(const struct app *a)
{
    return a->langs && a->langs->n > 1 && a->content ? a->langs : NULL;
}

const char *app_language(const struct app *a)
{
    if (a->langs)
        return languages_current(a->langs)->code;
    return a->content ? a->content->language : CONTENT_LANGUAGE;
}

void app_pick_language(struct app *a, int i)
{
    a->picked = i;
    app_act(a, ACT_LANGUAGE);
}

void app_forget_client(struct app *a)
{
    if (a->langs)
        use_language(a, a->langs->def_index);
    a->picking = 0;
    access_off(a);
    a->renew_queue = 1;     /* queue_forget(): done by the runtime once the next frame is shown */
    sodium_memzero(a->pin, sizeof a->pin);
    a->pin_note = MSG_NONE;
    a->staff_note[0] = '\0';
    a->corner_since = 0;
    screening_wipe(&a->screening);
    a->screening_of = -1;
    form_wipe(&a->form);
    memset(&a->errors, 0, sizeof a->errors);        /* static messages, no personal data */
    sodium_memzero(&a->receipt, sizeof a->receipt);
    a->show_errors = 0;
    a->submitted = 0;
    a->sending = APP_SEND_NONE;
    a->focus = -1;
    a->field_note = MSG_NONE;
    memset(a->scroll, 0, sizeof a->scroll);
    memset(&a->nav_scroll, 0, sizeof a->nav_scroll);
    memset(a->section_y, 0, sizeof a->section_y);
    text_cache_forget_private(&a->text_cache);     /* the content's and the wording's words stay */
    ui_forget(&a->ui);
    a->treatment = 0;
    a->large_text = a->cfg->large_text;
    a->high_contrast = a->cfg->high_contrast;
    a->forget_text = 1;
    a->dirty = 1;
}

void app_staff_save_lock(struct app *a)
{
    char err[256] = "no database";

    if (a->queue && queue_state_set_int(a->queue, "staff_pin_failures", a->lock.failures, err, sizeof err) == 0 &&
        queue_state_set_int(a->queue, "staff_locked_until", a->lock.locked_until, err, sizeof err) == 0) {
        a->lock.unsaved = 0;
        return;
    }
    if (!a->lock.unsaved)
        fprintf(stderr, "kiosk: cannot save the staff lockout: %s\n", err);
    a->lock.unsaved = 1;
    a->db_suspect = a->queue != NULL;
}

void app_set_db_problem(struct app *a, const char *problem)
{
    int had = a->db_problem[0] != '\0';

    if (!problem)
        problem = "";
    if (*problem && strcmp(problem, a->db_problem) != 0)
        fprintf(stderr, "kiosk: %s; clients see out-of-order until requests can be saved again "
                "(tried every %d s)\n", problem, APP_DB_RETRY_MS / 1000);
    else if (!*problem && had)
        fprintf(stderr, "kiosk: the database works again\n");
    snprintf(a->db_problem, sizeof a->db_problem, "%s", problem);
    a->db_retry_at = *problem ? a->now + APP_DB_RETRY_MS : 0;
    if (*problem && a->screen == SCREEN_ATTRACT)
        go(a, SCREEN_OUT_OF_ORDER);
    else if (!*problem && had && a->screen == SCREEN_OUT_OF_ORDER && a->content)
        go(a, SCREEN_ATTRACT);
}

int app_is_resting(const struct app *a)
{
    return a->screen == SCREEN_ATTRACT || a->screen == SCREEN_OUT_OF_ORDER;
}

/* Where a visit ends: attract, or out-of-order while the content or the database cannot serve a
 * client. After a failed write the database is tried first, so the next client does not fill in
 * a form that cannot be saved. */
static enum screen rest_screen(struct app *a)
{
    char err[256];

    if (a->db_suspect && a->queue && !a->db_problem[0] && queue_check_writable(a->queue, err, sizeof err) != 0)
        app_set_db_problem(a, err);
    a->db_suspect = 0;
    return a->content && !a->db_problem[0] ? SCREEN_ATTRACT : SCREEN_OUT_OF_ORDER;
}

/* The PIN lockout as the database keeps it. A lock it could not take stays as counted here (and is
 * saved now if it can be); reading never lowers the count. */
static void staff_load_lock(struct app *a)
{
    struct staff_lock stored = { 0, 0, 0 };
    char err[256];

    sodium_memzero(a->pin, sizeof a->pin);
    a->pin_note = MSG_NONE;
    if (a->lock.unsaved) {
        app_staff_save_lock(a);
        return;
    }
    if (!a->queue)
        return;
    if (queue_state_get_int(a->queue, "staff_pin_failures", &stored.failures, err, sizeof err) != 0 ||
        queue_state_get_int(a->queue, "staff_locked_until", &stored.locked_until, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: cannot read the staff lockout: %s\n", err);
        return;
    }
    a->lock = stored;
}

void app_staff_refresh(struct app *a)
{
    a->status_error[0] = '\0';
    if (!a->queue)
        snprintf(a->status_error, sizeof a->status_error, "%s",
                 a->queue_error[0] ? a->queue_error : app_text(a, MSG_STAFF_NO_DATABASE));
    else if (queue_status(a->queue, &a->status, a->status_error, sizeof a->status_error) != 0)
        fprintf(stderr, "kiosk: %s\n", a->status_error);
    else if (a->cfg->sync_url[0] &&
             queue_delivery_status(a->queue, &a->delivery, a->status_error, sizeof a->status_error) != 0)
        fprintf(stderr, "kiosk: %s\n", a->status_error);
}

enum screening_outcome app_outcome(const struct app *a)
{
    const struct content_treatment *t = app_treatment(a);

    if (a->screening_of != a->treatment || a->screening.nquestions != t->nquestions)
        return SCREENING_NOT_TAKEN;     /* not started, or started on another treatment */
    return screening_outcome(&a->screening, t->questions, t->nquestions);
}

/* The request form starts on the current treatment; a checklist that said "stop" shows why instead.
 * An id the form cannot hold (content that was never checked) opens no form: a request must
 * never be stored under another treatment's id. */
static enum screen open_form(struct app *a)
{
    if (app_outcome(a) == SCREENING_STOP)
        return SCREEN_RESULT;
    if (strcmp(a->form.treatment_id, app_treatment(a)->id) != 0) {
        if (form_set_treatment(&a->form, app_treatment(a)->id) != 0) {
            fprintf(stderr, "kiosk: cannot take a request for '%.*s...': its id is longer than %d bytes\n", 40,
                    app_treatment(a)->id, FORM_TREATMENT_MAX);
            form_set_treatment(&a->form, "");
            return a->screen;
        }
        a->submitted = 0;
    }
    return SCREEN_FORM;
}

static void apply(struct app *a, enum action act)
{
    switch (act) {
    case ACT_CONTINUE:
        if (a->screen == SCREEN_IDLE_WARNING)
            go(a, a->under);
        return;
    case ACT_SEND:
        app_submit(a);
        return;
    case ACT_LEAVE:
        app_forget_client(a);
        go(a, rest_screen(a));
        return;
    case ACT_SCREENING:
        if (!app_has_checklist(a))
            return;     /* nothing to screen: no screen offers it, and none opens empty */
        screening_start(&a->screening, app_treatment(a)->nquestions);
        a->screening_of = a->treatment;
        break;
    case ACT_CHOOSE:
        a->treatment = a->chosen;
        break;
    case ACT_EXPORT:
        staff_export_usb(a->queue, a->cfg->export_dir, (unsigned)a->cfg->export_formats, a->words, a->staff_note,
                         sizeof a->staff_note);
        app_staff_refresh(a);
        a->dirty = 1;
        return;
    case ACT_MARK_RECEIVED:
        staff_mark_received(a->queue, a->status.newest_unacked_batch, a->words, a->staff_note, sizeof a->staff_note);
        app_staff_refresh(a);
        a->dirty = 1;
        return;
    case ACT_CHECK_CONTENT:
        staff_check_content(a->content_dir, a->picture_decoder, a->words, a->staff_note, sizeof a->staff_note);
        app_staff_refresh(a);
        a->dirty = 1;
        return;
    case ACT_EXIT:
        a->quit = 1;
        a->exit_code = APP_EXIT_STAFF;  /* the service does not restart on this one */
        return;
    case ACT_REQUEST: {
        enum screen to = open_form(a);
        if (to != a->screen)
            go(a, to);
        return;
    }
    case ACT_STAFF_PIN:
        if (a->langs)
            use_language(a, a->langs->def_index);     /* staff read the clinic's own language */
        staff_load_lock(a);
        break;
    case ACT_LANGUAGE:
        a->picking = 0;
        use_language(a, a->picked);
        a->dirty = 1;
        return;
    case ACT_STAFF:
        app_staff_refresh(a);
        break;
    case ACT_REVIEW:
        a->show_errors = form_validate(&a->form, &a->errors) > 0;
        a->focus = -1;
        if (a->show_errors) {
            a->dirty = 1;
            return;
        }
        break;
    default:
        break;
    }
    for (size_t i = 0; i < sizeof flow / sizeof flow[0]; i++) {
        enum screen to = flow[i].to;
        if (flow[i].act != act || (flow[i].from != a->screen && flow[i].from != ANY_SCREEN))
            continue;
        if (to == FIRST_SCREEN)
            to = a->content && a->content->ntreatments > 1 ? SCREEN_TREATMENTS : SCREEN_HOME;
        go(a, to);
        return;
    }
}

/* One immediate-mode pass over the current screen with the pointer as it is now. */
static void pass(struct app *a)
{
    struct ui *u = &a->ui;
    enum action act;

    u->th = a->high_contrast ? theme_high_contrast() : theme_standard(a->content ? &a->content->clinic : NULL);
    ui_style(u, a->w, a->h, a->large_text);
    ui_begin(u, &a->frame, a->w, a->h);
    u->private_screen = a->screen == SCREEN_STAFF_PIN || a->screen == SCREEN_STAFF ||
                        (a->screen == SCREEN_IDLE_WARNING && (a->under == SCREEN_STAFF_PIN || a->under == SCREEN_STAFF));
    if (a->screen == SCREEN_IDLE_WARNING) {
        /* The screen beneath is drawn but cannot be touched. */
        struct ui_pointer real = u->ptr;
        struct theme th = u->th;
        u->ptr = (struct ui_pointer){ -1, -1, 0, 0, 0 };
        u->th = theme_dimmed(&th);
        a->frame.background = u->th.bg;
        screen_draw[a->under](a, u);
        u->th = th;
        u->ptr = real;
        a->frame.nwidgets = 0;
    }
    a->access.first_text = a->frame.ntexts;
    if (a->picking && app_languages(a)) {
        /* The list of languages over the screen, which is drawn but cannot be touched (nor is it
         * read aloud: the list is). */
        struct ui_pointer real = u->ptr;
        struct theme th = u->th;
        u->ptr = (struct ui_pointer){ -1, -1, 0, 0, 0 };
        u->th = theme_dimmed(&th);
        a->frame.background = u->th.bg;
        screen_draw[a->screen](a, u);
        u->th = th;
        u->ptr = real;
        a->frame.nwidgets = 0;
        a->pending = ACT_NONE;
        a->access.first_text = a->frame.ntexts;
        screen_languages(a, u);
    } else {
        a->picking = 0;
        screen_draw[a->screen](a, u);
    }
    ui_end(u);
    act = a->pending;
    a->pending = ACT_NONE;
    if (act != ACT_NONE)
        apply(a, act);
}

void app_init(struct app *a, const struct content *content, const char *reason, const struct config *cfg,
              const struct text_measurer *m, FILE *trace, uint64_t now)
{
    /* All zero but the widgets' storage and the frame's arrays, which need none and would only
     * take memory (what a pass writes is all it reads). */
    memset(a, 0, offsetof(struct app, ui));
    ui_reset(&a->ui);
    text_cache_clear(&a->text_cache);
    frame_reset(&a->frame);
    memset(&a->frame + 1, 0, sizeof *a - offsetof(struct app, frame) - sizeof a->frame);
    a->content = content && content->ntreatments > 0 ? content : NULL;
    a->words = a->content ? &a->content->wording : NULL;
    if (a->content) {
        a->ui.rtl = language_rtl(a->content->language);
        a->kb.set = keyboard_set_for(a->content->language);
    }
    a->cfg = cfg;
    a->measurer = m;
    a->trace = trace;
    a->now = a->last_input = now;
    a->ui.tm = m;
    a->ui.tc = &a->text_cache;
    a->w = 1280;
    a->h = 800;
    a->large_text = cfg->large_text;
    a->high_contrast = cfg->high_contrast;
    a->focus = -1;
    a->screening_of = -1;
    a->forget_text = 1;     /* as at the end of a visit: the home screen's text is made ready */
    speech_init(&a->speech, NULL, trace, cfg->speech_headphones, cfg->speech_volume);
    if (!a->content)
        snprintf(a->out_of_order, sizeof a->out_of_order, "%s", reason ? reason : "no treatments");
    go(a, a->content ? SCREEN_ATTRACT : SCREEN_OUT_OF_ORDER);
}

void app_event(struct app *a, const struct input_event *ev, uint64_t now)
{
    struct ui_pointer *p = &a->ui.ptr;

    a->now = now;
    if (app_send_due(a))
        app_send(a);    /* a request shown being sent is committed before anything else is taken */
    switch (ev->kind) {
    case INPUT_POINTER_DOWN:
    case INPUT_POINTER_MOVE:
    case INPUT_POINTER_UP:
        if (access_pointer(a, ev)) {
            /* Read aloud explores by touch: the screen does not see the finger. */
            enum action act = a->pending;
            a->last_input = now;
            a->pending = ACT_NONE;
            if (act != ACT_NONE)
                apply(a, act);
            break;
        }
        if (ev->kind == INPUT_POINTER_MOVE && !p->down)
            return;
        p->x = ev->x;
        p->y = ev->y;
        p->went_down = ev->kind == INPUT_POINTER_DOWN;
        p->went_up = ev->kind == INPUT_POINTER_UP && p->down;
        p->down = ev->kind != INPUT_POINTER_UP;
        a->last_input = now;
        pass(a);
        p->went_down = p->went_up = 0;
        a->dirty = 1;
        break;
    case INPUT_TEXT:
    case INPUT_KEY:
        a->last_input = now;
        if (access_key(a, ev)) {
            enum action act = a->pending;
            a->pending = ACT_NONE;
            if (act != ACT_NONE)
                apply(a, act);
            a->dirty = 1;
            break;
        }
        if (a->screen == SCREEN_FORM)
            form_screen_key(a, ev);
        a->dirty = 1;
        break;
    case INPUT_EXPOSE:
        a->dirty = 1;
        break;
    case INPUT_QUIT:
        a->quit = 1;
        break;
    case INPUT_NONE:
        break;
    }
}

static int staff_screen(enum screen s)
{
    return s == SCREEN_STAFF_PIN || s == SCREEN_STAFF;
}

static int client_screen(enum screen s)
{
    return s != SCREEN_ATTRACT && s != SCREEN_OUT_OF_ORDER && s != SCREEN_IDLE_WARNING && !staff_screen(s);
}

void app_tick(struct app *a, uint64_t now)
{
    uint64_t idle_ms = (uint64_t)a->cfg->idle_timeout_s * 1000;
    uint64_t warn_ms = (uint64_t)a->cfg->idle_warning_s * 1000;
    uint64_t before = a->now;

    a->now = now;
    if (a->corner_since && a->ui.ptr.down && now >= a->corner_since + CORNER_MS) {
        /* The finger stays down: the PIN pad opens under it, with nothing pressed. */
        a->corner_since = 0;
        a->ui.active = 0;
        apply(a, ACT_STAFF_PIN);
        return;
    }
    if (a->screen == SCREEN_ATTRACT) {
        if (now / DRIFT_MS != before / DRIFT_MS)
            a->dirty = 1;
        if (a->langs && a->langs->current != a->langs->def_index && now >= a->last_input + idle_ms)
            use_language(a, a->langs->def_index);   /* a passer-by's choice, left on the welcome screen */
    } else if (staff_screen(a->screen)) {
        if (now >= a->last_input + (uint64_t)a->cfg->staff_timeout_s * 1000) {
            app_forget_client(a);
            go(a, rest_screen(a));
        } else if (a->screen == SCREEN_STAFF_PIN &&
                   staff_lock_left(&a->lock, (long long)before + a->wall_offset) > 0) {
            a->dirty = 1;   /* a lockout's countdown: its timer fires as the seconds shown change */
        }
    } else if (a->screen == SCREEN_IDLE_WARNING) {
        if (now >= a->screen_since + warn_ms) {
            app_forget_client(a);
            go(a, rest_screen(a));
        } else if ((now - a->screen_since) / 1000 != (before - a->screen_since) / 1000) {
            a->dirty = 1;
        }
    } else if (a->screen == SCREEN_THANKS && now >= a->screen_since + (uint64_t)a->cfg->thanks_timeout_s * 1000) {
        app_forget_client(a);
        go(a, rest_screen(a));
    } else if (a->screen == SCREEN_THANKS && (now - a->screen_since) / 1000 != (before - a->screen_since) / 1000) {
        a->dirty = 1;   /* the countdown shows whole seconds */
    } else if (client_screen(a->screen) && now >= a->last_input + idle_ms) {
        a->under = a->screen;
        go(a, SCREEN_IDLE_WARNING);
    }
}

static uint64_t earliest(uint64_t x, uint64_t y)
{
    return x < y ? x : y;
}

/* The next timer of the screen itself. */
static uint64_t screen_deadline(const struct app *a)
{
    uint64_t warn_ms = (uint64_t)a->cfg->idle_warning_s * 1000;

    switch (a->screen) {
    case SCREEN_ATTRACT:
        if (a->langs && a->langs->current != a->langs->def_index)
            return earliest((a->now / DRIFT_MS + 1) * DRIFT_MS, a->last_input + (uint64_t)a->cfg->idle_timeout_s * 1000);
        return (a->now / DRIFT_MS + 1) * DRIFT_MS;
    case SCREEN_OUT_OF_ORDER:
        return UINT64_MAX;
    case SCREEN_IDLE_WARNING:
    case SCREEN_THANKS: {
        /* A countdown in whole seconds, then the end of the screen. */
        uint64_t next_second = a->screen_since + ((a->now - a->screen_since) / 1000 + 1) * 1000;
        uint64_t end = a->screen_since + (a->screen == SCREEN_THANKS ? (uint64_t)a->cfg->thanks_timeout_s * 1000
                                                                     : warn_ms);
        return next_second < end ? next_second : end;
    }
    case SCREEN_STAFF_PIN:
    case SCREEN_STAFF: {
        uint64_t leave = a->last_input + (uint64_t)a->cfg->staff_timeout_s * 1000;
        long long left = staff_lock_left(&a->lock, (long long)a->now + a->wall_offset);
        if (a->screen == SCREEN_STAFF_PIN && left > 0)
            return earliest(leave, a->now + (uint64_t)(left % 1000 ? left % 1000 : 1000));
        return leave;
    }
    default:
        return a->last_input + (uint64_t)a->cfg->idle_timeout_s * 1000;
    }
}

uint64_t app_next_deadline(const struct app *a)
{
    uint64_t next = screen_deadline(a);

    if (a->sending != APP_SEND_NONE)
        return a->now;      /* the commit of a request shown being sent: at once */

    if (a->db_retry_at)
        next = earliest(next, a->db_retry_at);
    return a->corner_since ? earliest(next, a->corner_since + CORNER_MS) : next;
}

const struct frame *app_preview(struct app *a, enum screen s, int w, int h)
{
    enum screen was = a->screen;
    struct ui_pointer ptr = a->ui.ptr;
    unsigned active = a->ui.active;
    int dirty = a->dirty;

    a->screen = s;
    a->ui.ptr = (struct ui_pointer){ -1, -1, 0, 0, 0 };
    a->w = w;
    a->h = h;
    pass(a);
    a->pending = ACT_NONE;
    a->screen = was;
    a->ui.ptr = ptr;
    a->ui.active = active;
    a->dirty = dirty;
    return &a->frame;
}

const struct frame *app_draw(struct app *a, int w, int h)
{
    a->w = w;
    a->h = h;
    pass(a);
    a->dirty = 0;
    if (a->sending == APP_SEND_ASKED)
        a->sending = APP_SEND_SHOWN;    /* this frame shows it being sent: the commit may come */
    access_drawn(a);
    return &a->frame;
}

void app_submit(struct app *a)
{
    if (a->submitted || a->sending != APP_SEND_NONE)
        return;     /* already in the queue, or on its way: a second tap must not make a second row */
    if (form_validate(&a->form, &a->errors) > 0) {
        a->show_errors = 1;
        go(a, SCREEN_FORM);
        return;
    }
    a->sending = APP_SEND_ASKED;
    a->dirty = 1;
}

int app_send_due(const struct app *a)
{
    return a->sending == APP_SEND_SHOWN;
}

void app_send(struct app *a)
{
    const struct content_treatment *t = app_treatment(a);
    struct queue_request r;
    char answers[QUEUE_ANSWERS_MAX], err[256];
    enum screening_outcome outcome = app_outcome(a);

    a->sending = APP_SEND_NONE;
    a->dirty = 1;
    if (a->submitted || (a->screen != SCREEN_REVIEW && a->screen != SCREEN_SAVE_ERROR))
        return;
    answers[0] = '\0';
    /* The answers read in the clinic's own language, whichever the client read the questions in:
     * a translation asks the same questions (content_load_translation() makes sure of it). */
    if (a->langs)
        t = &a->langs->def->treatments[a->treatment];
    if (a->form.consent_share_answers && outcome != SCREENING_NOT_TAKEN &&
        screening_answers_json(&a->screening, t->questions, t->nquestions, answers, sizeof answers) < 0)
        answers[0] = '\0';
    r = (struct queue_request){
        .kiosk_id = a->cfg->kiosk_id,
        .treatment_id = a->form.treatment_id,
        .name = form_text(&a->form, FORM_FIELD_NAME),
        .phone = form_text(&a->form, FORM_FIELD_PHONE),
        .email = form_text(&a->form, FORM_FIELD_EMAIL),
        .contact_time = form_contact_time_name(a->form.contact_time),
        .screening = screening_outcome_name(outcome),
        .answers = answers[0] ? answers : NULL,
        .consent_contact = a->form.consent_contact,
        .consent_share_answers = a->form.consent_share_answers,
        .notice_version = a->content->clinic.privacy_version,
        .language = app_language(a),
    };
    if (!a->queue) {
        fprintf(stderr, "kiosk: cannot save the request: no database: %s\n", a->queue_error[0] ? a->queue_error : "not opened");
        go(a, SCREEN_SAVE_ERROR);
    } else if (queue_submit(a->queue, &r, &a->receipt, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        a->db_suspect = 1;
        go(a, SCREEN_SAVE_ERROR);
    } else {
        a->submitted = 1;
        if (a->trace) {
            fprintf(a->trace, "submitted %s %s\n", a->receipt.uuid, a->receipt.ref);
            fflush(a->trace);
        }
        go(a, SCREEN_THANKS);
    }
    sodium_memzero(answers, sizeof answers);    /* the client's answers: health data */
}

enum screen app_screen(const struct app *a)
{
    return a->screen;
}

const struct frame *app_frame(const struct app *a)
{
    return &a->frame;
}

const struct wording *app_wording(const struct app *a)
{
    return a->words;
}

uint64_t app_clock(const struct app *a)
{
    return a->now;
}

const struct keyboard *app_keyboard(const struct app *a)
{
    return &a->kb;
}

int app_typing(const struct app *a, enum keyboard_kind *kind)
{
    if (a->screen != SCREEN_FORM || a->focus < 0)
        return 0;
    *kind = a->kb.kind;
    return 1;
}

int app_stopping(const struct app *a, int *status)
{
    if (a->quit)
        *status = a->exit_code;
    return a->quit;
}

int app_db_fault(struct app *a, enum queue_fault fault, char *err, size_t errlen)
{
    if (!a->queue) {
        snprintf(err, errlen, "no database is open: %s", a->queue_error[0] ? a->queue_error : "not opened");
        return -1;
    }
    queue_fault_set(a->queue, fault);
    return 0;
}
