/* test_check.c - the rules checked after resolve. */
#include "testutil.h"

#include "check.h"
#include "load.h"
#include "plan.h"
#include "resolve.h"

/* A small valid plan with one-line slots: a test replaces a slot with one
 * line of its own, so every line number below stays fixed.  NULL keeps the
 * default.  (The same fixture is in test_resolve.c and test_check.c.) */
#include "planfixture.h"
}

/* Resolves and checks the fixture with `parts`; asserts that `text` (whole
 * diagnostic lines) was reported and that there were `errors` errors and
 * `warnings` warnings in all. */
static void expect(Parts parts, const char *text, int errors, int warnings)
{
    DiagCapture c;
    Plan *p = run_parts(&c, parts, 1);
    const char *t = diag_capture_text(&c);
    assert_contains(t, text);
    if (c.d.errors != errors || c.d.warnings != warnings)
        fail_msg("expected %d errors, %d warnings; got %d, %d:\n%s", errors, warnings,
                 c.d.errors, c.d.warnings, t);
    plan_free(p);
    diag_capture_free(&c);
}

/* ---- the period and the phases ------------------------------------------- */

static void test_period_backwards(void **state)
{
    expect((Parts){ .period = "from=\"2580\" to=\"2561\"" },
           "plan.xml:7: error: plan period 2580–2561 ends before it begins\n", 1, 0);
}

static void test_phase_backwards(void **state)
{
    expect((Parts){ .phase2 = "<phase id=\"PH2\" from=\"2580\" to=\"2566\">ระยะ 20 ปี</phase>" },
           "plan.xml:10: error: phase 'PH2' (2580–2566) ends before it begins\n", 2, 0);
}

static void test_phase_outside_period(void **state)
{
    expect((Parts){ .phase2 = "<phase id=\"PH2\" from=\"2566\" to=\"2581\">ระยะ 20 ปี</phase>" },
           "plan.xml:10: error: phase 'PH2' (2566–2581) falls outside the plan period 2561–2580\n",
           1, 0);
}

static void test_phases_overlap(void **state)
{
    expect((Parts){ .phase2 = "<phase id=\"PH2\" from=\"2565\" to=\"2580\">ระยะ 20 ปี</phase>" },
           "plan.xml:10: error: phases 'PH1' (2561–2565) and 'PH2' (2565–2580) overlap\n", 1, 0);
}

static void test_gap_between_phases(void **state)
{
    expect((Parts){ .phase2 = "<phase id=\"PH2\" from=\"2568\" to=\"2580\">ระยะ 20 ปี</phase>" },
           "plan.xml:10: error: no phase covers 2566–2567 (between phase 'PH1' and phase 'PH2')\n",
           1, 0);
}

static void test_gap_at_the_ends(void **state)
{
    expect((Parts){ .phase1 = "<phase id=\"PH1\" from=\"2562\" to=\"2565\">ระยะ 5 ปี</phase>",
                    .phase2 = "<phase id=\"PH2\" from=\"2566\" to=\"2578\">ระยะ 20 ปี</phase>" },
           "plan.xml:7: error: no phase covers 2561 (before phase 'PH1')\n"
           "plan.xml:7: error: no phase covers 2579–2580 (after phase 'PH2')\n", 2, 0);
}

/* ---- indicators ------------------------------------------------------------ */

static void test_indicator_without_goal(void **state)
{
    expect((Parts){ .ind_attrs = "" },
           "plan.xml:19: error: indicator 'IND-1.1' belongs to no goal: add goal=\"...\" "
           "naming the goal it measures\n", 1, 1);
}

static void test_indicator_goal_in_another_issue(void **state)
{
    expect((Parts){ .ind_attrs = "goal=\"G-2.1\"" },
           "plan.xml:19: error: indicator 'IND-1.1' measures goal 'G-2.1' of strategic issue "
           "'SI-2', but is defined in strategic issue 'SI-1'\n"
           "plan.xml:26: note: 'G-2.1' is defined here\n", 1, 1);
}

static void test_missing_target(void **state)
{
    expect((Parts){ .ind_body = "<target phase=\"PH1\">75</target>" },
           "plan.xml:19: error: indicator 'IND-1.1' has no target for phase 'PH2' (ระยะ 20 ปี)\n",
           1, 0);
}

static void test_two_targets_for_a_phase(void **state)
{
    expect((Parts){ .ind_body = "<target phase=\"PH1\">75</target><target phase=\"PH2\">8</target>"
                                "<target phase=\"PH1\">80</target>" },
           "plan.xml:20: error: indicator 'IND-1.1' has more than one target for phase 'PH1'\n"
           "plan.xml:20: note: the first target for phase 'PH1' is here\n", 1, 0);
}

static void test_values_without_digits(void **state)
{
    expect((Parts){ .ind_body = "<baseline year=\"2560\">ไม่มีข้อมูล</baseline><target phase="
                                "\"PH1\">สูงขึ้น</target><target phase=\"PH2\">≥ ๘๐</target>" },
           "plan.xml:20: warning: baseline of indicator 'IND-1.1' has no number: 'ไม่มีข้อมูล'\n"
           "plan.xml:20: warning: target of indicator 'IND-1.1' for phase 'PH1' has no number: "
           "'สูงขึ้น'\n", 0, 2);
}

/* Cross-issue strategies are allowed (issue 10): no error, no warning. */
static void test_strategy_goal_in_another_issue(void **state)
{
    expect((Parts){ .st_goals = "G-1.1 G-2.1" }, "", 0, 0);
}

static void test_goal_without_indicator(void **state)
{
    expect((Parts){ .issue1 = "<goal id=\"G-1.2\">เป้าหมายเสริม</goal>" },
           "plan.xml:23: warning: goal 'G-1.2' has no indicator\n", 0, 1);
}

/* ---- budgets ----------------------------------------------------------------- */

static void test_fiscal_year_outside_period(void **state)
{
    expect((Parts){ .budget = "<budget><fy year=\"2590\" status=\"requested\">5</fy></budget>" },
           "plan.xml:38: error: fiscal year 2590 of project 'PJ-1' is outside the plan period "
           "2561–2580\n", 1, 0);
}

static void test_fiscal_year_repeated(void **state)
{
    expect((Parts){ .budget = "<budget><fy year=\"2563\" status=\"requested\">5</fy><fy "
                              "year=\"2564\" status=\"requested\">5</fy><fy year=\"2563\" "
                              "status=\"approved\">6</fy></budget>" },
           "plan.xml:38: error: fiscal year 2563 appears twice in the budget of project 'PJ-1'\n"
           "plan.xml:38: note: fiscal year 2563 is first given here\n", 1, 0);
}

static void test_amount_not_whole_baht(void **state)
{
    expect((Parts){ .budget = "<budget><fy year=\"2563\" status=\"requested\">12,5OO</fy></budget>" },
           "plan.xml:38: error: budget of project 'PJ-1' for fiscal year 2563 is not a whole "
           "number of baht: '12,5OO'\n", 1, 0);
}

static void test_amount_negative(void **state)
{
    expect((Parts){ .budget = "<budget><fy year=\"2563\" status=\"requested\">-500</fy></budget>" },
           "plan.xml:38: error: budget of project 'PJ-1' for fiscal year 2563 is negative: "
           "'-500'\n", 1, 0);
}

/* ---- projects ------------------------------------------------------------------ */

static void test_project_without_lead(void **state)
{
    expect((Parts){ .lead = "" },
           "plan.xml:34: error: project 'PJ-1' has no lead agency\n", 1, 0);
}

static void test_lead_also_supports(void **state)
{
    expect((Parts){ .support = "<support agencies=\"DSI RTP\"/>" },
           "plan.xml:37: error: agency 'RTP' is both lead and supporting agency of project "
           "'PJ-1'\n", 1, 0);
}

static void test_supporter_listed_twice(void **state)
{
    expect((Parts){ .support = "<support agencies=\"DSI OPS DSI\"/>" },
           "plan.xml:37: warning: agency 'DSI' is listed twice as a supporting agency of "
           "project 'PJ-1'\n", 0, 1);
}

static void test_project_strategy_in_another_issue(void **state)
{
    expect((Parts){ .pj_attrs = "strategy=\"ST-2.1\" indicators=\"IND-1.1\"" },
           "plan.xml:34: error: project 'PJ-1' follows strategy 'ST-2.1' of strategic issue "
           "'SI-2', but its program 'PG-1' is under strategic issue 'SI-1'\n"
           "plan.xml:28: note: 'ST-2.1' is defined here\n", 1, 0);
}

static void test_project_indicator_in_another_issue(void **state)
{
    expect((Parts){ .pj_attrs = "strategy=\"ST-1.1\" indicators=\"IND-1.1 IND-2.1\"" },
           "plan.xml:34: warning: project 'PJ-1' moves indicator 'IND-2.1' of strategic issue "
           "'SI-2', outside its own strategic issue 'SI-1'\n", 0, 1);
}

/* ---- agencies -------------------------------------------------------------------- */

static void test_agency_is_its_own_parent(void **state)
{
    expect((Parts){ .rtp_parent = "parent=\"RTP\"" },
           "plan.xml:46: error: agency 'RTP' is its own ancestor: RTP → RTP\n", 1, 0);
}

static void test_parent_cycle_reported_once(void **state)
{
    DiagCapture c;
    Plan *p = run_parts(&c, (Parts){ .rtp_parent = "parent=\"MOJ\"",
        .agencies = "<agency id=\"X\" abbr=\"ก.\" parent=\"RTP\"><name>กรมหนึ่ง</name></agency>"
                    "<agency id=\"MOJ\" abbr=\"ยธ.\" parent=\"X\"><name>กระทรวงยุติธรรม</name>"
                    "</agency><agency id=\"Y\" abbr=\"ข.\" parent=\"X\"><name>กรมสอง</name></agency>" },
                        1);
    const char *t = diag_capture_text(&c);
    assert_string_equal(t, "plan.xml:46: error: agency 'RTP' is its own ancestor: "
                           "RTP → MOJ → X → RTP\n"
                           "plan.xml:48: warning: agency 'Y' has no role in the plan\n");
    plan_free(p);
    diag_capture_free(&c);
}

static void test_agency_without_role(void **state)
{
    expect((Parts){ .agencies = "<agency id=\"MOJ\" abbr=\"ยธ.\"><name>กระทรวงยุติธรรม</name></agency>" },
           "plan.xml:48: warning: agency 'MOJ' has no role in the plan\n", 0, 1);
}

static void test_parent_agency_has_a_role(void **state)
{
    expect((Parts){ .rtp_parent = "parent=\"MOJ\"",
                    .agencies = "<agency id=\"MOJ\" abbr=\"ยธ.\"><name>กระทรวงยุติธรรม</name></agency>" },
           "", 0, 0);
}

/* ---- Thai text ---------------------------------------------------------------------- */

static void test_latin_project_title(void **state)
{
    expect((Parts){ .pj_title = "Training" },
           "plan.xml:34: warning: title of project 'PJ-1' has no Thai letters: 'Training'\n", 0, 1);
}

static void test_latin_names(void **state)
{
    expect((Parts){ .rtp_name = "Royal Thai Police", .ind_name = "Share of cases (%)",
                    .st_title = "Better investigation" },
           "plan.xml:19: warning: name of indicator 'IND-1.1' has no Thai letters: "
           "'Share of cases (%)'\n"
           "plan.xml:22: warning: title of strategy 'ST-1.1' has no Thai letters: "
           "'Better investigation'\n"
           "plan.xml:46: warning: name of agency 'RTP' has no Thai letters: 'Royal Thai Police'\n",
           0, 3);
}

static void test_mixed_and_digit_text_is_fine(void **state)
{
    expect((Parts){ .pj_title = "โครงการ ICT 2565", .rtp_name = "2565" }, "", 0, 0);
}

/* ---- together -------------------------------------------------------------------------- */

static void test_unresolved_links_are_tolerated(void **state)
{
    DiagCapture c;
    Plan *p = run_parts(&c, (Parts){ .ind_attrs = "goal=\"G-X\"", .st_goals = "G-Y",
                                     .pg_issue = "SI-X",
                                     .pj_attrs = "strategy=\"ST-X\" indicators=\"IND-X\"",
                                     .lead = "<lead agency=\"AG-X\"/>",
                                     .support = "<support agencies=\"AG-Y AG-Y\"/>",
                                     .rtp_parent = "parent=\"AG-Z\"",
                                     .ind_body = "<target phase=\"PH-X\">1</target>" }, 1);
    assert_true(c.d.errors >= 9);
    plan_free(p);
    diag_capture_free(&c);
}

static void test_many_problems_in_one_run_in_line_order(void **state)
{
    DiagCapture c;
    Plan *p = run_parts(&c, (Parts){
        .phase2 = "<phase id=\"PH2\" from=\"2565\" to=\"2580\">ระยะ 20 ปี</phase>",
        .ind_attrs = "",
        .pj_attrs = "strategy=\"ST-2.1\" indicators=\"IND-1.1\"",
        .support = "<support agencies=\"RTP\"/>",
        .budget = "<budget><fy year=\"2599\" status=\"requested\">x</fy></budget>",
        .rtp_parent = "parent=\"RTP\"" }, 1);
    assert_string_equal(diag_capture_text(&c),
        "plan.xml:10: error: phases 'PH1' (2561–2565) and 'PH2' (2565–2580) overlap\n"
        "plan.xml:18: warning: goal 'G-1.1' has no indicator\n"
        "plan.xml:19: error: indicator 'IND-1.1' belongs to no goal: add goal=\"...\" naming "
        "the goal it measures\n"
        "plan.xml:34: error: project 'PJ-1' follows strategy 'ST-2.1' of strategic issue "
        "'SI-2', but its program 'PG-1' is under strategic issue 'SI-1'\n"
        "plan.xml:28: note: 'ST-2.1' is defined here\n"
        "plan.xml:37: error: agency 'RTP' is both lead and supporting agency of project 'PJ-1'\n"
        "plan.xml:38: error: fiscal year 2599 of project 'PJ-1' is outside the plan period "
        "2561–2580\n"
        "plan.xml:38: error: budget of project 'PJ-1' for fiscal year 2599 is not a whole "
        "number of baht: 'x'\n"
        "plan.xml:46: error: agency 'RTP' is its own ancestor: RTP → RTP\n");
    plan_free(p);
    diag_capture_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period_backwards),
        cmocka_unit_test(test_phase_backwards),
        cmocka_unit_test(test_phase_outside_period),
        cmocka_unit_test(test_phases_overlap),
        cmocka_unit_test(test_gap_between_phases),
        cmocka_unit_test(test_gap_at_the_ends),
        cmocka_unit_test(test_indicator_without_goal),
        cmocka_unit_test(test_indicator_goal_in_another_issue),
        cmocka_unit_test(test_missing_target),
        cmocka_unit_test(test_two_targets_for_a_phase),
        cmocka_unit_test(test_values_without_digits),
        cmocka_unit_test(test_strategy_goal_in_another_issue),
        cmocka_unit_test(test_goal_without_indicator),
        cmocka_unit_test(test_fiscal_year_outside_period),
        cmocka_unit_test(test_fiscal_year_repeated),
        cmocka_unit_test(test_amount_not_whole_baht),
        cmocka_unit_test(test_amount_negative),
        cmocka_unit_test(test_project_without_lead),
        cmocka_unit_test(test_lead_also_supports),
        cmocka_unit_test(test_supporter_listed_twice),
        cmocka_unit_test(test_project_strategy_in_another_issue),
        cmocka_unit_test(test_project_indicator_in_another_issue),
        cmocka_unit_test(test_agency_is_its_own_parent),
        cmocka_unit_test(test_parent_cycle_reported_once),
        cmocka_unit_test(test_agency_without_role),
        cmocka_unit_test(test_parent_agency_has_a_role),
        cmocka_unit_test(test_latin_project_title),
        cmocka_unit_test(test_latin_names),
        cmocka_unit_test(test_mixed_and_digit_text_is_fine),
        cmocka_unit_test(test_unresolved_links_are_tolerated),
        cmocka_unit_test(test_many_problems_in_one_run_in_line_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
