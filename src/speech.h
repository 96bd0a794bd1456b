/* speech: the kiosk's voice as the app sees it: on or off, how fast and how loud, utterances handed
 * one by one to an output (the synthesiser); what was said since the screen changed; the trace's
 * "say" lines, which never hold what a client typed, whether or not it was spoken. */
#ifndef SPEECH_H
#define SPEECH_H

#include <stddef.h>
#include <stdio.h>

#define SPEECH_TEXT_MAX     1024    /* bytes of one utterance with its NUL; longer ones are cut between characters */
#define SPEECH_SAID_MAX     160     /* utterances kept since the last screen change */
#define SPEECH_SAID_BYTES   (32 * 1024)
#define SPEECH_LANGUAGE_MAX 16

#define SPEECH_WPM_DEFAULT  165
#define SPEECH_WPM_MIN      100
#define SPEECH_WPM_MAX      310
#define SPEECH_WPM_STEP     35
#define SPEECH_VOLUME_MIN   10      /* per cent */
#define SPEECH_VOLUME_MAX   100
#define SPEECH_VOLUME_STEP  10

/* Where utterances go: the synthesiser (runtime.c), or a test's recorder. Any member may be NULL. */
struct speech_out {
    void *ctx;
    /* Speak text (UTF-8) in language (BCP 47) at wpm words a minute, after what is already queued;
     * spelled: character by character, signs by name. */
    void (*say)(void *ctx, const char *language, const char *text, int wpm, int spelled);
    /* The attention tone (the idle warning), after what is already queued. */
    void (*tone)(void *ctx);
    /* Drop what is queued and cut short what is being said. */
    void (*stop)(void *ctx);
    void (*volume)(void *ctx, int percent);
    /* Speech was turned off: the synthesiser may let its memory go. */
    void (*rest)(void *ctx);
};

/* Changing the voice: what speech_adjust() does. */
enum speech_adjust { SPEECH_SLOWER, SPEECH_FASTER, SPEECH_QUIETER, SPEECH_LOUDER };

struct speech {
    struct speech_out out;
    FILE *trace;                /* --trace: "say TEXT" lines; NULL when off */
    int on;
    int headphones;             /* speech-output = headphones: a client's details may be spoken */
    int wpm, volume;            /* now */
    int volume_default;         /* speech-volume from the config, where each visit starts */
    char language[SPEECH_LANGUAGE_MAX];

    /* What was said since the screen last changed: each utterance as spoken (which, with
     * headphones, may hold a client's details: wiped at each change) and as shown in the trace. */
    struct { unsigned spoken, shown; } said[SPEECH_SAID_MAX];
    int nsaid;
    char arena[SPEECH_SAID_BYTES];
    size_t used;
};

/* Sets s up, off, with the config's output and volume. Keeps out (may be NULL) and trace. */
void speech_init(struct speech *s, const struct speech_out *out, FILE *trace, int headphones, int volume);

/* Turns speech on (at the default speed and the config's volume) or off (stopping it, wiping
 * what was said). Both are no-ops when already so. */
void speech_start(struct speech *s);
void speech_end(struct speech *s);

/* The language of what follows (BCP 47, "en", "zh-Hans"). */
void speech_language(struct speech *s, const char *language);

/* A new screen: stops what is being said and forgets (wipes) what was said. */
void speech_new_screen(struct speech *s);
/* Stops what is being said (a key or a tap interrupts), keeping the record of it. */
void speech_stop(struct speech *s);

/* Says spoken after what is queued. shown is what the trace prints and expect-said's failure
 * message quotes: the same words with a client's details replaced (NULL: spoken is public). Does
 * nothing when speech is off. */
void speech_say(struct speech *s, const char *spoken, const char *shown);
/* The same, spelled character by character, signs by name (a key, a reference, a typed letter). */
void speech_spell(struct speech *s, const char *spoken, const char *shown);
/* The attention tone, when speech is on. */
void speech_tone(struct speech *s);

/* Slower, faster, quieter, louder by one step. Returns 1, or 0 at the limit (nothing changed). */
int speech_adjust(struct speech *s, enum speech_adjust how);

/* 1 when an utterance said since the last screen change contains needle (as spoken). */
int speech_said(const struct speech *s, const char *needle);
/* The i-th utterance since the last screen change as the trace shows it, or NULL. */
const char *speech_said_shown(const struct speech *s, int i);

#endif
