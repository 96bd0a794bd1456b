/* age: seconds split into the units a person reads. */
#include "age.h"

#include <assert.h>

struct age age_of(long long s)
{
    struct age a = { AGE_MINUTES, 0, 0, 0 };

    assert(s >= 0);
    if (s < 3600) {
        a.minutes = s / 60;
    } else if (s < 2 * 86400) {
        a.unit = AGE_HOURS;
        a.hours = s / 3600;
        a.minutes = s % 3600 / 60;
    } else {
        a.unit = AGE_DAYS;
        a.days = s / 86400;
        a.hours = s % 86400 / 3600;
    }
    return a;
}
