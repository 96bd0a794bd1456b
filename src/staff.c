/* staff: PIN lockout arithmetic and the salted slow hash check (libsodium). */
#include "staff.h"

#include <sodium.h>
#include <string.h>

long long staff_lock_left(const struct staff_lock *l, long long now)
{
    return l->locked_until > now ? l->locked_until - now : 0;
}

int staff_lock_held(const struct staff_lock *l)
{
    return l->unsaved && l->failures >= STAFF_FREE_TRIES;
}

void staff_lock_merge(struct staff_lock *l, const struct staff_lock *stored)
{
    if (stored->failures > l->failures)
        l->failures = stored->failures;
    if (stored->locked_until > l->locked_until)
        l->locked_until = stored->locked_until;
}

void staff_lock_failed(struct staff_lock *l, long long now)
{
    long long over, ms = STAFF_LOCK_MS;

    l->failures++;
    if (l->failures < STAFF_FREE_TRIES)
        return;
    for (over = l->failures - STAFF_FREE_TRIES; over > 0 && ms < STAFF_LOCK_MAX_MS; over--)
        ms *= 2;
    l->locked_until = now + (ms < STAFF_LOCK_MAX_MS ? ms : STAFF_LOCK_MAX_MS);
}

void staff_lock_passed(struct staff_lock *l)
{
    l->failures = 0;
    l->locked_until = 0;
}

int staff_pin_valid(const char *pin)
{
    size_t n = strlen(pin);

    return n >= STAFF_PIN_MIN && n <= STAFF_PIN_MAX && strspn(pin, "0123456789") == n;
}

int staff_pin_matches(const char *hash, const char *pin)
{
    size_t n = strlen(pin);

    if (!hash[0] || !staff_pin_valid(pin))
        return 0;
    if (sodium_init() < 0)
        return 0;
    return crypto_pwhash_str_verify(hash, pin, n) == 0;
}
