/* staff: the staff PIN's check and its lockout: five free tries, then 60 s that doubles each time.
 * Pure apart from the hash check; the app keeps the lock in the database so it survives a restart,
 * and while it cannot, the lock fails closed: past the free tries the pad stays locked. */
#ifndef STAFF_H
#define STAFF_H

#define STAFF_FREE_TRIES  5
#define STAFF_LOCK_MS     60000LL
#define STAFF_LOCK_MAX_MS (24LL * 3600 * 1000)
#define STAFF_PIN_MIN     4
#define STAFF_PIN_MAX     8

struct staff_lock {
    long long failures;         /* wrong PINs since the last right one */
    long long locked_until;     /* wall-clock ms; 0 when not locked */
    int unsaved;                /* the database does not hold this lock: a restart would forget it */
};

/* Milliseconds of lockout left at wall-clock time now (0 when a PIN may be tried). */
long long staff_lock_left(const struct staff_lock *l, long long now);
/* 1 when the pad is locked until the lock can be saved: the free tries are used up and the
 * database does not hold that, so a restart would give another five. */
int staff_lock_held(const struct staff_lock *l);
/* The lock as the database holds it (stored) and as this process counted it (*l): the stricter
 * of the two, so that reloading never lowers a count the database could not take. */
void staff_lock_merge(struct staff_lock *l, const struct staff_lock *stored);
/* A wrong PIN at now: counts it and, from the fifth on, locks for 60 s, 120 s, 240 s ... */
void staff_lock_failed(struct staff_lock *l, long long now);
/* The right PIN: forgets the failures. */
void staff_lock_passed(struct staff_lock *l);

/* 1 when pin is a PIN at all: 4 to 8 digits. */
int staff_pin_valid(const char *pin);

/* 1 when pin matches hash (libsodium's crypto_pwhash_str format), 0 otherwise, also when no
 * hash is set or pin is not 4 to 8 digits. */
int staff_pin_matches(const char *hash, const char *pin);

#endif
