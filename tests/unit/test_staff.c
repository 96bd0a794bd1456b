/* The staff PIN: lockout after five wrong tries, doubling, and the hash check. */
#include <sodium.h>
#include <string.h>

#include "harness.h"
#include "staff.h"

TEST(a_pin_is_four_to_eight_digits)
{
    ASSERT(staff_pin_valid("2468"));
    ASSERT(staff_pin_valid("12345678"));
    ASSERT(!staff_pin_valid("246"));
    ASSERT(!staff_pin_valid("123456789"));
    ASSERT(!staff_pin_valid("24 68"));
    ASSERT(!staff_pin_valid("24a8"));
    ASSERT(!staff_pin_valid(""));
}

TEST(four_wrong_pins_do_not_lock)
{
    struct staff_lock l = { 0, 0, 0 };

    for (int i = 0; i < 4; i++)
        staff_lock_failed(&l, 1000);
    ASSERT_INT_EQ(0, staff_lock_left(&l, 1000));
}

TEST(the_fifth_locks_for_a_minute_then_doubles)
{
    struct staff_lock l = { 0, 0, 0 };

    for (int i = 0; i < 5; i++)
        staff_lock_failed(&l, 1000);
    ASSERT_INT_EQ(60000, staff_lock_left(&l, 1000));
    ASSERT_INT_EQ(1, staff_lock_left(&l, 60999));
    ASSERT_INT_EQ(0, staff_lock_left(&l, 61000));
    staff_lock_failed(&l, 61000);
    ASSERT_INT_EQ(120000, staff_lock_left(&l, 61000));
    staff_lock_failed(&l, 181000);
    ASSERT_INT_EQ(240000, staff_lock_left(&l, 181000));
}

TEST(lockout_is_capped_at_a_day)
{
    struct staff_lock l = { 0, 0, 0 };

    for (int i = 0; i < 200; i++)
        staff_lock_failed(&l, 0);
    ASSERT_INT_EQ(STAFF_LOCK_MAX_MS, staff_lock_left(&l, 0));
}

TEST(right_pin_forgets_failures)
{
    struct staff_lock l = { 7, 99999, 0 };

    staff_lock_passed(&l);
    ASSERT_INT_EQ(0, l.failures);
    ASSERT_INT_EQ(0, staff_lock_left(&l, 0));
}

TEST(an_unsaved_lock_stays_locked_past_the_free_tries)
{
    struct staff_lock l = { 0, 0, 1 };
    struct staff_lock stored = { 0, 0, 0 };

    for (int i = 0; i < 4; i++)
        staff_lock_failed(&l, 1000);
    ASSERT_INT_EQ(0, staff_lock_held(&l));      /* the free tries are free even unsaved */
    staff_lock_failed(&l, 1000);
    ASSERT_INT_EQ(1, staff_lock_held(&l));
    staff_lock_merge(&l, &stored);              /* what the database still says: never lower */
    ASSERT_INT_EQ(5, l.failures);
    ASSERT_INT_EQ(61000, l.locked_until);
    l.unsaved = 0;                              /* saved at last: the pause counts as usual */
    ASSERT_INT_EQ(0, staff_lock_held(&l));
    ASSERT_INT_EQ(0, staff_lock_left(&l, 61000));
    stored.failures = 9;
    stored.locked_until = 99000;
    staff_lock_merge(&l, &stored);
    ASSERT_INT_EQ(9, l.failures);
    ASSERT_INT_EQ(99000, l.locked_until);
}

TEST(pin_matches_only_its_hash)
{
    char hash[crypto_pwhash_STRBYTES];

    ASSERT(sodium_init() >= 0);
    ASSERT(crypto_pwhash_str(hash, "2468", 4, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN) == 0);
    ASSERT_INT_EQ(1, staff_pin_matches(hash, "2468"));
    ASSERT_INT_EQ(0, staff_pin_matches(hash, "2469"));
    ASSERT_INT_EQ(0, staff_pin_matches(hash, "24680"));
    ASSERT_INT_EQ(0, staff_pin_matches(hash, ""));
    ASSERT_INT_EQ(0, staff_pin_matches("", "2468"));
    ASSERT_INT_EQ(0, staff_pin_matches(hash, "24a8"));
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    RUN(a_pin_is_four_to_eight_digits);
    RUN(four_wrong_pins_do_not_lock);
    RUN(the_fifth_locks_for_a_minute_then_doubles);
    RUN(lockout_is_capped_at_a_day);
    RUN(right_pin_forgets_failures);
    RUN(an_unsaved_lock_stays_locked_past_the_free_tries);
    RUN(pin_matches_only_its_hash);
    END();
}
