/* Tests of the self-screening checklist: answering, going back, outcomes and stored answers. */
#include "harness.h"
#include "screening.h"

#define STOP_QUESTION 2

static char q_infection[] = "Do you have an infection where the treatment would be?";
static char q_neuro[] = "Do you have a neuromuscular disorder?";
static char q_under18[] = "Are you younger than 18?";
static char q_pregnant[] = "Are you pregnant or breast-feeding?";
static char q_swallowing[] = "Do you have a swallowing disorder?";
static char q_breathing[] = "Do you have breathing difficulties?";

/* The calf-slimming set: every "Yes" is discuss except being under 18, which is stop. */
static const struct content_question questions[6] = {
    { q_infection, CONTENT_OUTCOME_DISCUSS, NULL, 0, 0, 0 },
    { q_neuro, CONTENT_OUTCOME_DISCUSS, NULL, 0, 0, 0 },
    { q_under18, CONTENT_OUTCOME_STOP, NULL, 0, 0, 0 },
    { q_pregnant, CONTENT_OUTCOME_DISCUSS, NULL, 0, 0, 0 },
    { q_swallowing, CONTENT_OUTCOME_DISCUSS, NULL, 0, 0, 0 },
    { q_breathing, CONTENT_OUTCOME_DISCUSS, NULL, 0, 0, 0 },
};

/* Answers all six: bit i of yes_bits set means "Yes" to question i. */
static void answer_all(struct screening *s, unsigned yes_bits)
{
    screening_start(s, 6);
    for (int i = 0; i < 6; i++)
        screening_answer(s, (yes_bits >> i & 1) ? SCREENING_YES : SCREENING_NO);
}

TEST(start_accepts_one_to_twenty_questions)
{
    struct screening s;

    ASSERT_INT_EQ(0, screening_start(&s, 1));
    ASSERT_INT_EQ(0, screening_start(&s, SCREENING_MAX_QUESTIONS));
    ASSERT_INT_EQ(SCREENING_MAX_QUESTIONS, s.nquestions);
    ASSERT_INT_EQ(-1, screening_start(&s, 0));
    ASSERT_INT_EQ(0, s.nquestions);
    ASSERT_INT_EQ(-1, screening_start(&s, SCREENING_MAX_QUESTIONS + 1));
    ASSERT_INT_EQ(-1, screening_start(&s, -1));
    ASSERT(!screening_complete(&s));
}

TEST(answers_advance_one_question_at_a_time)
{
    struct screening s;

    screening_start(&s, 6);
    ASSERT_INT_EQ(0, s.current);
    for (int i = 0; i < 5; i++) {
        ASSERT(!screening_answer(&s, SCREENING_NO));
        ASSERT_INT_EQ(i + 1, s.current);
        ASSERT_INT_EQ(SCREENING_UNANSWERED, s.answers[i + 1]);
    }
    ASSERT(screening_answer(&s, SCREENING_YES));
    ASSERT(screening_complete(&s));
    ASSERT_INT_EQ(SCREENING_YES, s.answers[5]);

    ASSERT(screening_answer(&s, SCREENING_NO));     /* ignored once complete */
    ASSERT_INT_EQ(6, s.current);
    ASSERT_INT_EQ(SCREENING_YES, s.answers[5]);
}

TEST(back_lets_the_previous_answer_change)
{
    struct screening s;

    screening_start(&s, 6);
    ASSERT(!screening_back(&s));                    /* nothing before the first question */
    ASSERT_INT_EQ(0, s.current);
    screening_answer(&s, SCREENING_NO);
    screening_answer(&s, SCREENING_NO);
    screening_answer(&s, SCREENING_YES);            /* under 18: stop */
    ASSERT(screening_back(&s));
    ASSERT_INT_EQ(2, s.current);
    ASSERT_INT_EQ(SCREENING_YES, s.answers[2]);     /* still shown as chosen */
    screening_answer(&s, SCREENING_NO);
    ASSERT_INT_EQ(SCREENING_NO, s.answers[2]);
    ASSERT_INT_EQ(3, s.current);
    ASSERT(screening_back(&s));
    ASSERT(screening_back(&s));
    ASSERT(screening_back(&s));
    ASSERT(!screening_back(&s));
    ASSERT_INT_EQ(0, s.current);
}

TEST(every_combination_of_six_answers_has_the_right_outcome)
{
    struct screening s;

    for (unsigned yes = 0; yes < 64; yes++) {
        enum screening_outcome want = yes == 0 ? SCREENING_CLEAR
                                    : (yes >> STOP_QUESTION & 1) ? SCREENING_STOP
                                    : SCREENING_DISCUSS;

        answer_all(&s, yes);
        if (screening_outcome(&s, questions, 6) != want)
            FAIL_AT("answers 0x%02x: outcome %s, expected %s", yes,
                    screening_outcome_name(screening_outcome(&s, questions, 6)),
                    screening_outcome_name(want));
    }
}

TEST(named_cases)
{
    struct screening s;

    answer_all(&s, 0);
    ASSERT_INT_EQ(SCREENING_CLEAR, screening_outcome(&s, questions, 6));
    answer_all(&s, 1u << STOP_QUESTION);
    ASSERT_INT_EQ(SCREENING_STOP, screening_outcome(&s, questions, 6));
    answer_all(&s, 1u << 0);
    ASSERT_INT_EQ(SCREENING_DISCUSS, screening_outcome(&s, questions, 6));
    answer_all(&s, 1u << 5);
    ASSERT_INT_EQ(SCREENING_DISCUSS, screening_outcome(&s, questions, 6));
    answer_all(&s, 0x3F);                           /* stop wins over discuss */
    ASSERT_INT_EQ(SCREENING_STOP, screening_outcome(&s, questions, 6));
}

TEST(an_unfinished_checklist_is_not_taken)
{
    struct screening s;

    screening_wipe(&s);
    ASSERT_INT_EQ(SCREENING_NOT_TAKEN, screening_outcome(&s, questions, 0));
    screening_start(&s, 6);
    for (int i = 0; i < 6; i++) {
        ASSERT_INT_EQ(SCREENING_NOT_TAKEN, screening_outcome(&s, questions, 6));
        screening_answer(&s, i == STOP_QUESTION ? SCREENING_YES : SCREENING_NO);
    }
    ASSERT_INT_EQ(SCREENING_STOP, screening_outcome(&s, questions, 6));

    /* Going back from the last answer reopens the checklist. */
    ASSERT(screening_back(&s));
    ASSERT(!screening_complete(&s));
    ASSERT_INT_EQ(SCREENING_NOT_TAKEN, screening_outcome(&s, questions, 6));
}

TEST(outcome_names_are_as_stored)
{
    ASSERT_STR_EQ("not-taken", screening_outcome_name(SCREENING_NOT_TAKEN));
    ASSERT_STR_EQ("clear", screening_outcome_name(SCREENING_CLEAR));
    ASSERT_STR_EQ("discuss", screening_outcome_name(SCREENING_DISCUSS));
    ASSERT_STR_EQ("stop", screening_outcome_name(SCREENING_STOP));
}

TEST(answers_as_json)
{
    static char q1[] = "Plain?";
    static char q2[] = "Say \"yes\" or \\no\\\nplease\t";
    static char q3[] = "Über 18?";
    const struct content_question qs[3] = {
        { q1, CONTENT_OUTCOME_DISCUSS, NULL, 0, 0, 0 },
        { q2, CONTENT_OUTCOME_STOP, NULL, 0, 0, 0 },
        { q3, CONTENT_OUTCOME_DISCUSS, NULL, 0, 0, 0 },
    };
    const char *want = "[{\"question\":\"Plain?\",\"answer\":\"yes\"},"
                       "{\"question\":\"Say \\\"yes\\\" or \\\\no\\\\\\u000aplease\\u0009\",\"answer\":\"no\"},"
                       "{\"question\":\"Über 18?\",\"answer\":null}]";
    struct screening s;
    char buf[512];

    screening_start(&s, 3);
    screening_answer(&s, SCREENING_YES);
    screening_answer(&s, SCREENING_NO);
    ASSERT_INT_EQ(strlen(want), screening_answers_json(&s, qs, 3, buf, sizeof buf));
    ASSERT_STR_EQ(want, buf);

    screening_wipe(&s);
    ASSERT_INT_EQ(2, screening_answers_json(&s, qs, 0, buf, sizeof buf));
    ASSERT_STR_EQ("[]", buf);
}

TEST(answers_json_needs_room_for_all_of_it)
{
    struct screening s;
    char buf[1024];
    int need;

    answer_all(&s, 0x05);
    need = screening_answers_json(&s, questions, 6, buf, sizeof buf);
    ASSERT(need > 0);
    ASSERT_INT_EQ(need, screening_answers_json(&s, questions, 6, buf, (size_t)need + 1));
    ASSERT_INT_EQ(-1, screening_answers_json(&s, questions, 6, buf, (size_t)need));
    for (int i = 0; i < need; i++)
        if (buf[i])
            FAIL_AT("byte %d of a refused answers buffer is not zero", i);
    ASSERT_INT_EQ(-1, screening_answers_json(&s, questions, 6, buf, 1));
}

TEST(wipe_zeroes_every_byte)
{
    struct screening s;
    const unsigned char *b = (const unsigned char *)&s;

    answer_all(&s, 0x2A);
    screening_wipe(&s);
    for (size_t i = 0; i < sizeof s; i++)
        if (b[i])
            FAIL_AT("byte %zu is not zero after a wipe", i);
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    RUN(start_accepts_one_to_twenty_questions);
    RUN(answers_advance_one_question_at_a_time);
    RUN(back_lets_the_previous_answer_change);
    RUN(every_combination_of_six_answers_has_the_right_outcome);
    RUN(named_cases);
    RUN(an_unfinished_checklist_is_not_taken);
    RUN(outcome_names_are_as_stored);
    RUN(answers_as_json);
    RUN(answers_json_needs_room_for_all_of_it);
    RUN(wipe_zeroes_every_byte);
    END();
}
