/* kiosk-picture: main() of the helper that decodes one picture file for the kiosk and writes its
 * scaled copies into the cache, or only checks that it decodes. It runs as a process of its own so
 * that the ~50 MB of a decoded photo, and any crash of a decoder, never touch the kiosk. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "platform_image.h"

static const char usage[] =
    "usage: kiosk-picture FILE CACHE-DIR KEY WxH [WxH...]\n"
    "       kiosk-picture --check FILE\n"
    "Decodes a PNG, JPEG or WebP picture for the kiosk (run by the kiosk, not by hand).\n";

int main(int argc, char **argv)
{
    int sizes[PIMAGE_SIZES][2], n = 0, rc;
    char why[512];

    /* Second to the kiosk on a busy tablet (refused under a strict sandbox, which is fine). */
    if (nice(10) == -1)
        why[0] = '\0';
    if (argc == 3 && strcmp(argv[1], "--check") == 0) {
        rc = pimage_decode_check(argv[2], why, sizeof why) == 0 ? 0 : 1;
        if (rc)
            fprintf(stderr, "%s\n", why);     /* the last line: what the kiosk reports after the name */
        IMG_Quit();
        return rc;
    }
    if (argc < 5 || argc - 4 > PIMAGE_SIZES) {
        fputs(usage, stderr);
        return 2;
    }
    for (int i = 4; i < argc; i++, n++) {
        char tail;
        if (sscanf(argv[i], "%dx%d%c", &sizes[n][0], &sizes[n][1], &tail) != 2) {
            fprintf(stderr, "kiosk-picture: '%s' is not a size like 640x480\n", argv[i]);
            return 2;
        }
    }
    rc = pimage_make_copies(argv[1], argv[2], argv[3], (const int (*)[2])sizes, n, why, sizeof why);
    if (rc == 1)
        fprintf(stderr, "kiosk: picture '%s' %s\n", argv[1], why);
    else if (rc == 2)
        fprintf(stderr, "kiosk: picture '%s': %s\n", argv[1], why);
    IMG_Quit();
    return rc;
}
