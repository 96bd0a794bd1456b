/* driver: the replay driver runs a parsed script against the real app headlessly, on a virtual clock.
 * Input goes in through the platform exactly as a touchscreen's would; frames come out as PNGs. */
#ifndef DRIVER_H
#define DRIVER_H

#include <stdio.h>

#include "replay.h"
#include "runtime.h"

struct driver_options {
    const char *script_name;    /* for messages: "SCRIPT:LINE: ..." */
    const char *shots_dir;      /* where `shot NAME` writes NAME.png */
    const char *golden_dir;     /* where `expect-golden NAME` finds NAME.png */
    int update_golden;          /* write the references instead of comparing */
    FILE *out;                  /* `widgets` and `texts` print here */
};

/* Runs s on rt. Returns 0 when every line ran and every expectation held, or when the app was
 * told to stop (app_stopping() says with which status); otherwise 1 after printing
 * "SCRIPT:LINE: what was expected and what was found" to stderr. */
int driver_run(struct runtime *rt, const struct replay_script *s, const struct driver_options *o);

#endif
