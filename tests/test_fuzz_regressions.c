/* test_fuzz_regressions.c - every input the fuzzer (tests/fuzz/fuzz_load.c)
 * made interesting, replayed through load, resolve and check.
 *
 * Each file in tests/data/fuzz-regressions/ is one case, named after the
 * file; it passes when the pipeline survives (under `make asan`: no memory
 * error, no leak, no undefined behaviour) and either loads the plan or says
 * why not.  As in the fuzzer, a plan with no errors goes on to the budget
 * roll-ups (budget.c), the first thing rendering computes.  A crash the fuzzer finds is fixed at its root and its minimized
 * input added to the folder: nothing else needs to change here. */
#include "testutil.h"

#include <dirent.h>

#include "budget.h"
#include "check.h"
#include "load.h"
#include "plan.h"
#include "resolve.h"

#define DIR_PATH "tests/data/fuzz-regressions"

/* The bytes of a file (malloc'd; *len set; at most 1 MiB + 1 read). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t cap = (1 << 20) + 1;
    char *buf = malloc(cap);
    assert_non_null(buf);
    *len = fread(buf, 1, cap, f);
    fclose(f);
    return buf;
}

/* Replays one file exactly as the fuzzer ran it: from memory, 1 MiB limit;
 * a plan with no errors also gets its budget roll-ups. */
static void test_replay(void **state)
{
    const char *path = *state;
    size_t len;
    char *buf = slurp(path, &len);
    DiagCapture c;
    diag_capture_init(&c);
    LoadOptions opt = {.max_bytes = 1 << 20};
    Plan *p = plan_load_memory(buf, len, path, &opt, &c.d);
    if (p) {
        plan_resolve(p, &c.d);
        plan_check(p, &c.d);
        if (c.d.errors == 0) {
            Rollup *r = rollup_new(p);
            assert_non_null(r);
            Rounded rd;
            assert_int_equal(rounded_millions(&rd, r->issue, p->n_issues,
                                              r->n_years, 2), 0);
            rounded_free(&rd);
            rollup_free(r);
        }
    } else if (c.d.errors == 0) {
        fail_msg("%s: not loaded, but no error was reported", path);
    } else {
        assert_contains(diag_capture_text(&c), path);
    }
    plan_free(p);
    diag_capture_free(&c);
    free(buf);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static int teardown_all(void **state)
{
    load_cleanup();
    return 0;
}

int main(void)
{
    DIR *dir = opendir(DIR_PATH);
    if (!dir) {
        fprintf(stderr, "test_fuzz_regressions: cannot open " DIR_PATH
                " (run from the repository root)\n");
        return 1;
    }
    char **paths = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".xml") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            paths = realloc(paths, cap * sizeof *paths);
            if (!paths)
                return 1;
        }
        size_t sz = sizeof DIR_PATH + 1 + l;
        paths[n] = malloc(sz);
        if (!paths[n])
            return 1;
        snprintf(paths[n++], sz, DIR_PATH "/%s", e->d_name);
    }
    closedir(dir);
    if (n == 0) {
        fprintf(stderr, "test_fuzz_regressions: no .xml file in " DIR_PATH "\n");
        return 1;
    }
    qsort(paths, n, sizeof *paths, cmp_str);

    struct CMUnitTest *tests = calloc(n, sizeof *tests);
    if (!tests)
        return 1;
    for (size_t i = 0; i < n; i++) {
        tests[i].name = paths[i] + sizeof DIR_PATH; /* the file name */
        tests[i].test_func = test_replay;
        tests[i].initial_state = paths[i];
    }
    int rc = _cmocka_run_group_tests("fuzz_regressions", tests, n, NULL,
                                     teardown_all);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    free(tests);
    return rc;
}
