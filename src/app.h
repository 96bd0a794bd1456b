/* app: the kiosk's screen flow, timers and client session, driven by plain input events and time.
 * It knows nothing of SDL: kiosk.c feeds it events from the platform or the replay driver. */
#ifndef APP_H
#define APP_H

#include <stdint.h>
#include <stdio.h>

#include "access.h"
#include "config.h"
#include "content.h"
#include "form.h"
#include "frame.h"
#include "input.h"
#include "keyboard.h"
#include "language.h"
#include "queue.h"
#include "screening.h"
#include "speech.h"
#include "staff.h"
#include "text.h"
#include "ui.h"
#include "wording.h"

/* Screen names are an interface: --trace prints them and replay scripts expect them. */
enum screen {
    SCREEN_ATTRACT, SCREEN_HOME, SCREEN_INFO, SCREEN_DOCTOR, SCREEN_IDLE_WARNING, SCREEN_OUT_OF_ORDER,
    SCREEN_SCREENING, SCREEN_RESULT, SCREEN_FORM, SCREEN_REVIEW, SCREEN_THANKS, SCREEN_SAVE_ERROR,
    SCREEN_STAFF_PIN, SCREEN_STAFF, SCREEN_PRIVACY, SCREEN_TREATMENTS,
    SCREEN_COUNT
};

/* How the kiosk ends: its exit status. The service is not restarted after APP_EXIT_STAFF. */
enum app_exit {
    APP_EXIT_OK = 0,
    APP_EXIT_ERROR = 1,
    APP_EXIT_USAGE = 2,
    APP_EXIT_STAFF = 3              /* staff chose "Exit kiosk" */
};

/* What a screen asks for; app.c's flow table turns (screen, action) into the next screen. */
enum action {
    ACT_NONE, ACT_START, ACT_HOME, ACT_BACK, ACT_ABOUT, ACT_SCREENING, ACT_REQUEST, ACT_DOCTOR,
    ACT_CONTINUE, ACT_PRIVACY, ACT_REVIEW, ACT_SEND, ACT_RESULT, ACT_STAFF_PIN,
    ACT_STAFF,
    ACT_LEAVE,          /* forget the client's session and go back to attract */
    ACT_CHOOSE,         /* the menu's treatment a->chosen becomes the one shown */
    ACT_EXPORT, ACT_MARK_RECEIVED, ACT_CHECK_CONTENT,   /* the staff screen's buttons */
    ACT_EXIT,           /* staff chose "Exit kiosk": the app stops with APP_EXIT_STAFF */
    ACT_LANGUAGE,       /* the language a->picked is shown from now on, on the same screen */
    ACT_COUNT
};

/* Where a "Send request" is: the tap's frame shows "Sending…" at once, and the commit comes after
 * that frame is presented (app_send), so that the tap is answered without waiting for the disk. */
enum app_send {
    APP_SEND_NONE,
    APP_SEND_ASKED,     /* tapped: the next frame drawn shows "Sending…" */
    APP_SEND_SHOWN      /* that frame is drawn: app_send() is due */
};

struct app {
    /* Wiring, not owned. content is NULL when it could not be loaded (out-of-order). */
    const struct content *content;  /* in the language shown */
    const struct wording *words;    /* every sentence shown: the content's, or for out-of-order what
                                     * wording could be read (NULL: messages show their names) */
    struct languages *langs;        /* the languages offered; NULL: the content's alone */
    const struct config *cfg;
    const struct text_measurer *measurer;
    FILE *trace;                    /* --trace: "screen NAME" lines; NULL when off */
    struct queue *queue;            /* NULL when the database could not be opened */
    char queue_error[256];          /* why not, for staff (never personal data) */
    char db_problem[256];           /* why requests cannot be saved now, "" when they can: clients
                                     * see out-of-order, and the runtime tries again at db_retry_at */
    uint64_t db_retry_at;           /* 0 when not waiting to try the database again */
    int db_suspect;                 /* a write failed: check the database when the visit ends */

    /* Screen flow. */
    enum screen screen;
    enum screen under;              /* the screen beneath the idle warning */
    enum action pending;            /* asked for during this pass, applied after it */
    int treatment;                  /* index into content->treatments */
    int chosen;                     /* ACT_CHOOSE: the treatment tapped on the menu */
    uint64_t now;                   /* the clock, in ms, as last given */
    uint64_t last_input;            /* for the idle timeout */
    uint64_t screen_since;          /* when the current screen was entered */
    char out_of_order[512];         /* why, for the log (not shown to clients) */
    int picking;                    /* the list of languages is open over the screen */
    int picked;                     /* ACT_LANGUAGE: the index in langs->list tapped */

    /* Look. */
    int large_text, high_contrast;
    int w, h;

    /* Per-screen state. */
    struct ui_scroll scroll[SCREEN_COUNT];
    struct ui_scroll nav_scroll;    /* info's column of section buttons */
    int section_y[32];              /* info: where each section starts in the scrolled text */

    /* The client's session: personal and health data, wiped by app_forget_client(). */
    struct screening screening;     /* answers to the checklist of screening_of */
    int screening_of;               /* the treatment whose checklist it is, -1 for none */
    struct form form;
    struct form_errors errors;
    int show_errors;                /* "Review" was tapped with mistakes: show them by the fields */
    int focus;                      /* the text field being typed in (enum form_field), -1 for none */
    struct keyboard kb;
    enum wording_id field_note;     /* why the last keystroke was refused, or MSG_NONE */
    struct queue_receipt receipt;   /* the committed request, for the thank-you screen */
    int submitted;                  /* this form is in the queue: a second "Send request" does nothing */
    enum app_send sending;          /* "Send request" was tapped: the commit waits for its frame */

    /* Staff. */
    const char *content_dir;        /* for "Check content"; not owned */
    const struct content_decoder *picture_decoder;  /* "Check content" decodes pictures with it; may be NULL */
    int64_t wall_offset;            /* wall-clock ms = now + wall_offset (the lockout survives restarts) */
    uint64_t corner_since;          /* the hidden corner is held since then; 0 when not */
    char pin[STAFF_PIN_MAX + 1];    /* digits typed on the PIN pad, zeroed after each try */
    struct staff_lock lock;
    enum wording_id pin_note;       /* why the last PIN was refused, or MSG_NONE */
    struct queue_status status;     /* the figures on the staff screen, as last read */
    struct queue_delivery_status delivery;  /* and kioskctl sync's, when sync-url is set */
    char status_error[256];         /* why they could not be read, or "" */
    char staff_note[WORDING_TEXT_BYTES];    /* what the last staff action did */

    /* Read aloud. */
    struct speech speech;           /* its out is wired by runtime.c */
    struct access access;

    /* Drawing. */
    struct ui ui;
    struct text_cache text_cache;
    struct frame frame;
    int dirty;                      /* something changed since the last frame drawn */
    int forget_text;                /* the platform must drop its text textures (client data) */
    int renew_queue;                /* the database connection must be renewed (its caches held the client's row) */
    int prepare_text;               /* the language changed: make home's and info's text ready */

    int quit;                       /* the app should stop; exit_code says how */
    int exit_code;
};

/* Sets a up, every field zero but storage that is written before it is read. content may be NULL,
 * with why in reason. Keeps the pointers. */
void app_init(struct app *a, const struct content *content, const char *reason, const struct config *cfg,
              const struct text_measurer *m, FILE *trace, uint64_t now);

/* One input event at time now: one pass over the current screen. */
void app_event(struct app *a, const struct input_event *ev, uint64_t now);
/* Fires the timers that are due at now. */
void app_tick(struct app *a, uint64_t now);
/* The absolute time in ms of the next timer, or UINT64_MAX when none. */
uint64_t app_next_deadline(const struct app *a);
/* The frame to show for the screen size w x h; a->dirty is cleared. The frame lives in a. */
const struct frame *app_draw(struct app *a, int w, int h);

/* The frame screen s would show now, built without touching the app's state (the pointer is
 * away, no action is taken). The frame lives in a until the next pass. */
const struct frame *app_preview(struct app *a, enum screen s, int w, int h);

/* Screen names for --trace and replay. */
const char *app_screen_name(enum screen s);
/* Asks for an action; applied after the current pass. */
void app_act(struct app *a, enum action act);
/* Forgets everything the client did: answers, typed text, scroll positions; the language shown
 * is the default again. */
void app_forget_client(struct app *a);

/* Offers the languages of L (kept, not owned; its current one is shown). */
void app_set_languages(struct app *a, struct languages *L);
/* The languages a client may choose between, or NULL when there is only one. */
const struct languages *app_languages(const struct app *a);
/* The BCP 47 code of the language shown ("en", "zh-Hans"). */
const char *app_language(const struct app *a);
/* Asks for language i of app_languages() to be shown (after the pass, on the same screen). */
void app_pick_language(struct app *a, int i);

/* "Send request": a form with mistakes goes back to the form; else the request is to be sent, the
 * next frame drawn shows it being sent, and once that frame is drawn app_send_due() says so. */
void app_submit(struct app *a);
/* 1 when the request asked for is shown being sent and its commit is due: call app_send() before
 * anything else happens (the runtime does, in its next update; no input is taken in between). */
int app_send_due(const struct app *a);
/* Commits the request (BEGIN IMMEDIATE ... COMMIT, synchronous=FULL); on to thanks once COMMIT has
 * returned, or to save-error. The one place a request is stored. */
void app_send(struct app *a);
#define APP_DB_RETRY_MS 10000   /* how often a database that cannot be written is tried again */

/* Sets why requests cannot be saved now (problem NULL or "": they can again). While there is a
 * problem, a visit ends on out-of-order rather than attract, and attract gives way to it at once;
 * once it is gone, out-of-order gives way to attract (if the content is good). Logs each new
 * problem once, and the recovery. */
void app_set_db_problem(struct app *a, const char *problem);
/* 1 when no client is in the middle of a visit (attract, out-of-order): the database may change. */
int app_is_resting(const struct app *a);

/* Saves the PIN lockout in the database; when it cannot, a->lock stays marked unsaved (fail closed). */
void app_staff_save_lock(struct app *a);
/* Reads the queue's figures for the staff screen into a->status (or a->status_error). */
void app_staff_refresh(struct app *a);
/* The current checklist outcome. */
enum screening_outcome app_outcome(const struct app *a);

/* The words of message id (which takes no placeholders) in the kiosk's wording; never NULL. */
const char *app_text(const struct app *a, enum wording_id id);

/* The current treatment (content must be loaded). */
const struct content_treatment *app_treatment(const struct app *a);
/* Whether the current treatment has a checklist: without one, no screen offers "Am I suitable?"
 * and a request is stored as not-taken. */
int app_has_checklist(const struct app *a);

/* What the replay driver and the benchmark may read of the app, instead of its fields. */
enum screen app_screen(const struct app *a);
/* The frame last built; it lives in a until the next pass. */
const struct frame *app_frame(const struct app *a);
/* The wording the app speaks in. */
const struct wording *app_wording(const struct app *a);
/* The clock as the app was last given it, in ms. */
uint64_t app_clock(const struct app *a);
/* The on-screen keyboard: its language's set and the page showing. */
const struct keyboard *app_keyboard(const struct app *a);
/* 1 when a text field of the form is being typed in, with the keyboard showing in *kind. */
int app_typing(const struct app *a, enum keyboard_kind *kind);
/* 1 when the app asks to stop, with its exit status (enum app_exit) in *status. */
int app_stopping(const struct app *a, int *status);
/* Makes the database's writes or syncs fail (tests). Returns 0, or -1 with why in err. */
int app_db_fault(struct app *a, enum queue_fault fault, char *err, size_t errlen);

#endif
