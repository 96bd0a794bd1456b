/* age: how long ago, in the units a person reads it (the staff screen and kioskctl status):
 * minutes under an hour, hours and minutes under two days, then days and hours. */
#ifndef AGE_H
#define AGE_H

enum age_unit { AGE_MINUTES, AGE_HOURS, AGE_DAYS };

struct age {
    enum age_unit unit;
    long long days, hours, minutes;     /* hours: 0-23 with days, all of them without */
};

/* The age of seconds (0 or more). */
struct age age_of(long long seconds);

#endif
