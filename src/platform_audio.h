/* platform_audio: the kiosk's sound out through SDL audio (speech and tones), at one volume; no other
 * file touches audio. The device is opened when there is sound to play and let go after a quiet while. */
#ifndef PLATFORM_AUDIO_H
#define PLATFORM_AUDIO_H

#include <stddef.h>

#define PLATFORM_AUDIO_LINGER_MS 2000   /* quiet this long, the device is let go */

struct platform_audio;

/* Sound for mono 16-bit samples at rate, after platform_open(). Nothing is opened yet: SDL's audio
 * starts with the device, when there is sound to play. Returns 0 and *out, released with
 * platform_audio_close() before platform_close(); or -1 with a message in err. */
int platform_audio_open(struct platform_audio **out, int rate, char *err, size_t errlen);
void platform_audio_close(struct platform_audio *a);

/* The tts_sink functions (tts.h), callable from any thread. play() blocks while the buffer is full and
 * opens the device if it is closed (a device that cannot be opened is said once in the log, and its
 * sound dropped); it returns -1 when drop() was told of a later token. */
int platform_audio_play(void *a, const short *pcm, int n, unsigned token);
void platform_audio_drop(void *a, unsigned token);
int platform_audio_settle(void *a);

/* Lets the device go now, with whatever it had not played (Read aloud was turned off, the
 * synthesiser stopped). */
void platform_audio_release(struct platform_audio *a);
/* Volume in per cent, 100 the loudest (3 dB a step of 10). Heard from the next buffer on. */
void platform_audio_volume(struct platform_audio *a, int percent);
/* 1 while sound waits to be handed to the device, or the device still plays the last of it. */
int platform_audio_playing(struct platform_audio *a);
/* For the benchmark: when (CLOCK_MONOTONIC, in ms) the last sound began, that is its first non-silent
 * sample was handed to the device after a quiet spell or a drop; 0 before any. And the device's
 * buffer in ms, the most that sample may wait further before it is heard. */
double platform_audio_sound_began(struct platform_audio *a);
double platform_audio_buffer_ms(struct platform_audio *a);

#endif
