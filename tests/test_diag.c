/* test_diag.c - diagnostics: GCC form, notes, the cap on what is shown. */
#include "testutil.h"

static void test_gcc_form_with_and_without_line(void **state)
{
    (void)state;
    DiagCapture c;
    diag_capture_init(&c);
    diag_error(&c.d, "plan.xml", 120, "project '%s' names unknown lead agency '%s'", "P-2.3", "DSI2");
    diag_note(&c.d, "plan.xml", 40, "did you mean '%s'?", "DSI");
    diag_warning(&c.d, "plan.xml", 0, "no line");
    diag_error(&c.d, NULL, 0, "no place");
    assert_string_equal(diag_capture_text(&c),
                        "plan.xml:120: error: project 'P-2.3' names unknown lead agency 'DSI2'\n"
                        "plan.xml:40: note: did you mean 'DSI'?\n"
                        "plan.xml: warning: no line\n"
                        "phaen: error: no place\n");
    assert_int_equal(c.d.errors, 2);
    assert_int_equal(c.d.warnings, 1);
    diag_capture_free(&c);
}

/* Past the cap, problems are counted, not shown; their notes are dropped;
 * the count of the rest is said once at the end. */
static void test_cap_counts_the_rest(void **state)
{
    (void)state;
    DiagCapture c;
    diag_capture_init(&c);
    c.d.max_shown = 2;
    for (int i = 1; i <= 5; i++) {
        diag_error(&c.d, "p.xml", i, "error %d", i);
        diag_note(&c.d, "p.xml", 100 + i, "note %d", i);
    }
    diag_warning(&c.d, "p.xml", 9, "a warning");
    diag_finish(&c.d);
    const char *out = diag_capture_text(&c);
    assert_contains(out, "p.xml:2: error: error 2\np.xml:102: note: note 2\n");
    assert_not_contains(out, "error 3");
    assert_not_contains(out, "note 3");
    assert_contains(out, "phaen: note: 4 more problems not shown (5 errors, 1 warning in all)\n");
    assert_int_equal(c.d.errors, 5);
    diag_capture_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gcc_form_with_and_without_line),
        cmocka_unit_test(test_cap_counts_the_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
