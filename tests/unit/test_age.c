/* age: the units an age is read in, the same for the staff screen and kioskctl. */
#include "age.h"
#include "harness.h"

TEST(minutes_under_an_hour)
{
    struct age a = age_of(59);

    ASSERT_INT_EQ(AGE_MINUTES, a.unit);
    ASSERT_INT_EQ(0, a.minutes);
    a = age_of(3599);
    ASSERT_INT_EQ(AGE_MINUTES, a.unit);
    ASSERT_INT_EQ(59, a.minutes);
}

TEST(hours_and_minutes_under_two_days)
{
    struct age a = age_of(3600);

    ASSERT_INT_EQ(AGE_HOURS, a.unit);
    ASSERT_INT_EQ(1, a.hours);
    ASSERT_INT_EQ(0, a.minutes);
    a = age_of(47 * 3600 + 59 * 60 + 59);
    ASSERT_INT_EQ(AGE_HOURS, a.unit);
    ASSERT_INT_EQ(47, a.hours);
    ASSERT_INT_EQ(59, a.minutes);
}

TEST(days_and_hours_from_two_days)
{
    struct age a = age_of(2 * 86400 + 5 * 3600 + 7);

    ASSERT_INT_EQ(AGE_DAYS, a.unit);
    ASSERT_INT_EQ(2, a.days);
    ASSERT_INT_EQ(5, a.hours);
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    RUN(minutes_under_an_hour);
    RUN(hours_and_minutes_under_two_days);
    RUN(days_and_hours_from_two_days);
    END();
}
