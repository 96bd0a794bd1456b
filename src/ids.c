/* ids: random UUIDs and references (see ids.h). */
#include "ids.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <sys/types.h>

/* 32 symbols, none of which can be misread: no 0/O, no 1/I. */
static const char ref_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/* Fills buf from the kernel's random source. Returns 0, or -1 (errno set). */
static int random_fill(unsigned char *buf, size_t len)
{
    size_t got = 0;

    while (got < len) {
        ssize_t n = getrandom(buf + got, len - got, 0);
        if (n < 0 && errno != EINTR)
            return -1;
        if (n > 0)
            got += (size_t)n;
    }
    return 0;
}

int ids_uuid(char out[IDS_UUID_LEN + 1])
{
    unsigned char b[16];
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;

    if (random_fill(b, sizeof b) != 0)
        return -1;
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);  /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);  /* variant 10 */
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = hex[b[i] >> 4];
        out[o++] = hex[b[i] & 0x0f];
    }
    out[o] = '\0';
    return 0;
}

/* "FT-7K3Q" (Fast Track): four symbols of ref_alphabet, which has 32, so the low five bits of a
 * random byte pick one fairly. About a million references; the queue skips those in use. */
int ids_ref(char out[IDS_REF_LEN + 1])
{
    unsigned char b[4];

    if (random_fill(b, sizeof b) != 0)
        return -1;
    memcpy(out, "FT-", 3);
    for (int i = 0; i < 4; i++)
        out[3 + i] = ref_alphabet[b[i] & 31];
    out[IDS_REF_LEN] = '\0';
    return 0;
}
