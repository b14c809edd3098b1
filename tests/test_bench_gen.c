/* test_bench_gen.c - the benchmark's plan generator (tests/bench/gen.c)
 * cannot rot: its small plans pass `phaen check --strict`, come out the same
 * every time, and their master plan renders. */
#include "testutil.h"

#define GEN_NO_MAIN
#include "bench/gen.c"

static char phaen[512], outdir[512];

static int setup(void **state)
{
    (void)state;
    const char *p = getenv("PHAEN"), *b = getenv("BUILD");
    snprintf(phaen, sizeof phaen, "%s", p && *p ? p : "build/phaen");
    snprintf(outdir, sizeof outdir, "%s/tests/out/bench-gen", b && *b ? b : "build");
    return remove_tree(outdir) == 0 && mkdir_parents(outdir) == 0 ? 0 : -1;
}

/* Generates the plan of n projects into the out folder; returns its path. */
static const char *generate(size_t n, const char *name)
{
    static char path[700];
    snprintf(path, sizeof path, "%s/%s", outdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(gen_plan(f, n), 0);
    assert_int_equal(fclose(f), 0);
    return path;
}

static void assert_checks(size_t n)
{
    char name[64], cmd[2048];
    snprintf(name, sizeof name, "plan-%zu.xml", n);
    snprintf(cmd, sizeof cmd, "%s check --strict %s 2>&1", phaen, generate(n, name));
    int st;
    char *out = run_capture(cmd, &st);
    if (st != 0 || *out)
        fail_msg("%s: status %d\n%s", cmd, st, out);
    free(out);
}

static void test_small_plan_checks_strict(void **state)
{
    (void)state;
    assert_checks(10);
}

static void test_medium_plan_checks_strict(void **state)
{
    (void)state;
    assert_checks(100);
}

static void test_same_bytes_every_time(void **state)
{
    (void)state;
    char a[800], b[800];
    snprintf(a, sizeof a, "%s", generate(100, "again-1.xml"));
    snprintf(b, sizeof b, "%s", generate(100, "again-2.xml"));
    struct stat sa;
    assert_int_equal(stat(a, &sa), 0);
    assert_true(sa.st_size > 10000);
    assert_same_tree(a, b); /* byte for byte, without a shell and cmp */
}

static void test_master_plan_renders(void **state)
{
    (void)state;
    char dir[800], pdf[900];
    const char *plan = generate(100, "render.xml");
    snprintf(dir, sizeof dir, "%s/render", outdir);
    snprintf(pdf, sizeof pdf, "%s/master-plan.pdf", dir);
    char *out, *info = NULL;
    int st = run_argv(&out, 1, (const char *const[]){phaen, "render", plan, "-o", dir, "--only",
                                                     "master-plan", NULL});
    if (st == 0)
        st = run_argv(&info, 0, (const char *const[]){"pdfinfo", pdf, NULL});
    const char *pages = info ? strstr(info, "\nPages:") : NULL;
    if (st != 0 || !pages || atoi(pages + strlen("\nPages:")) < 10)
        fail_msg("render %s, pdfinfo: status %d\n%s%s", plan, st, out, info ? info : "");
    free(out);
    free(info);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_plan_checks_strict),
        cmocka_unit_test(test_medium_plan_checks_strict),
        cmocka_unit_test(test_same_bytes_every_time),
        cmocka_unit_test(test_master_plan_renders),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
