/* test_golden.c - the text dumps (dump.h) of every document of every sample
 * and of small hand-made plans, against tests/golden/<plan>.<kind>.expected,
 * and the layout invariants (no line out of its box, no broken number) on
 * each of them.  Every document phaen makes from the samples: the rendered
 * ones, each agency's reporting form (`phaen forms`, the default year), the
 * progress report of the sample's results (`phaen report`, samples/results/)
 * and the change documents: `phaen diff` between the sample's revisions in
 * order (v0.9 -> 1.0 -> 2.0), its text report and the blocks of its PDF in
 * <name>.blocks.expected, the PDF's pages in <name>.pages.expected.
 *
 * A change to a composer or to the layout shows here as a readable diff:
 * the first lines of `diff -u` are printed, and the dump that was made is
 * left in $BUILD/tests/out/golden/.  When the change is meant, `make golden`
 * writes every expected file again (PHAEN_GOLDEN=write; also
 * tests/data/bad-refs.expected); review them with git diff.
 */
#include "testutil.h"
#include "dumptext.h"

#include <errno.h>
#include <sys/stat.h>

#include "check.h"
#include "diff.h"
#include "dump.h"
#include "fonts.h"
#include "forms.h"
#include "load.h"
#include "resolve.h"
#include "results.h"
#include "template.h"

typedef struct Case {
    const char *plan;   /* path from the repository root */
    const char *name;   /* expected file: tests/golden/<name>.<kind>.expected */
    int pages;          /* 0: blocks, 1: pages */
    const char *old;    /* not NULL: the changes from this plan to `plan` */
    int forms;          /* the plan's reporting forms (its default year) */
    const char *results[3]; /* not NULL: the progress report of these */
} Case;

static Template *tmpl;
static FontSet *fonts;

/* The plans loaded so far, by path, each once for all the cases that
 * dump it (a checked plan is not changed by what reads it: the composers
 * and the diff take it const); freed by the teardown. */
static struct {
    const char *path;
    Plan *plan;
} loaded[16];
static size_t n_loaded;

static int group_setup(void **state)
{
    Diag d;
    diag_init(&d, stderr, 0);
    tmpl = template_load("templates/official.conf", &d);
    fonts = tmpl ? fonts_open("fonts", tmpl->font_family, &d) : NULL;
    return fonts ? 0 : -1;
}

static int group_teardown(void **state)
{
    while (n_loaded)
        plan_free(loaded[--n_loaded].plan);
    fonts_close(fonts);
    template_free(tmpl);
    fonts_cleanup();
    load_cleanup();
    return 0;
}

static void write_all(const char *path, const char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        fail_msg("%s: cannot write: %s", path, strerror(errno));
    assert_int_equal(fwrite(buf, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* The plan at path loaded, resolved and checked with no error (owned by
 * `loaded`). */
static const Plan *load_ok(const char *path, DiagCapture *cap)
{
    for (size_t i = 0; i < n_loaded; i++)
        if (!strcmp(loaded[i].path, path))
            return loaded[i].plan;
    Plan *p = plan_load(path, NULL, &cap->d);
    if (!p)
        fail_msg("%s", diag_capture_text(cap));
    plan_resolve(p, &cap->d);
    plan_check(p, &cap->d);
    if (cap->d.errors)
        fail_msg("%s", diag_capture_text(cap));
    assert_true(n_loaded < sizeof loaded / sizeof *loaded);
    loaded[n_loaded].path = path;
    loaded[n_loaded++].plan = p;
    return p;
}

/* The changes from old to p as `phaen diff` shows them: the text report
 * and the blocks of its PDF, or the PDF's pages. */
static int dump_changes(const Plan *old, const Plan *p, int pages, FILE *out, Diag *d)
{
    PlanDiff *df = plan_diff(old, p);
    assert_non_null(df);
    Doc *doc = compose_diff(df, old, p, tmpl);
    assert_non_null(doc);
    int rc = 0;
    fputs("# changes.pdf\n", out);
    if (pages) {
        rc = dump_pages(doc, tmpl, fonts, out, d);
    } else {
        plan_diff_print(df, tmpl, out);
        fputs("# blocks\n", out);
        dump_blocks(doc, out);
    }
    doc_free(doc);
    plan_diff_free(df);
    return rc;
}

/* The progress report of c->results, which check against p with no error
 * (a warning is allowed: a sample plan edited since its results were made
 * draws the plan-sha256 warning, which is what the warning is for). */
static int dump_results(const Plan *p, const Case *c, FILE *out, DiagCapture *cap)
{
    size_t n = 0;
    while (n < sizeof c->results / sizeof *c->results && c->results[n])
        n++;
    ResultSet *rs = results_load(c->results, n, NULL, &cap->d);
    if (!rs || results_check(p, rs, &cap->d) != 0 || cap->d.errors)
        fail_msg("%s", diag_capture_text(cap));
    int rc = dump_report(p, tmpl, fonts, rs, c->pages, out, &cap->d);
    results_free(rs);
    return rc;
}

static void golden(void **state)
{
    const Case *c = *state;
    DiagCapture cap;
    diag_capture_init(&cap);
    const Plan *p = load_ok(c->plan, &cap);
    const Plan *old = c->old ? load_ok(c->old, &cap) : NULL;

    char *got = NULL;
    size_t got_len = 0;
    FILE *out = open_memstream(&got, &got_len);
    assert_non_null(out);
    int rc;
    if (c->results[0])
        rc = dump_results(p, c, out, &cap);
    else if (c->forms)
        rc = dump_forms(p, tmpl, fonts, form_default_year(p), c->pages, out, &cap.d);
    else if (old)
        rc = dump_changes(old, p, c->pages, out, &cap.d);
    else
        rc = dump_plan(p, tmpl, fonts, DUMP_ALL, c->pages, out, &cap.d);
    assert_int_equal(fclose(out), 0);
    if (rc != 0)
        fail_msg("%s", diag_capture_text(&cap));
    /* the progress report draws two budget charts and one chart for each
     * indicator (this was test_progress's sample_report_fits) */
    if (c->results[0] && !c->pages) {
        size_t want = 2, figures = 0;
        for (size_t i = 0; i < p->n_issues; i++)
            want += p->issues[i].n_indicators;
        for (const char *at = got; (at = strstr(at, "\nfigure ")); at++)
            figures++;
        assert_int_equal(figures, want);
    }

    /* The layout's invariants hold on every document (LayoutStats; this
     * was test_layout's test_sample_keeps_the_invariants), and no line
     * breaks a rule every document keeps (dumptext.h), whatever the
     * expected file says. */
    const char *bad = c->pages ? dump_bad_line(got) : NULL;
    if (bad)
        fail_msg("%s: %s", c->plan, bad);

    char expected[512], actual[512];
    const char *kind = c->pages ? "pages" : "blocks";
    snprintf(expected, sizeof expected, "tests/golden/%s.%s.expected", c->name, kind);
    const char *mode = getenv("PHAEN_GOLDEN");
    if (mode && !strcmp(mode, "write")) {
        write_all(expected, got, got_len);
    } else {
        size_t want_len = 0;
        char *want = read_whole(expected, &want_len);
        if (!want || want_len != got_len || memcmp(want, got, got_len) != 0) {
            const char *b = getenv("BUILD");
            char dir[300];
            snprintf(dir, sizeof dir, "%s/tests/out/golden", b && *b ? b : "build");
            char mk[400];
            snprintf(mk, sizeof mk, "mkdir -p %s", dir);
            assert_int_equal(system(mk), 0);
            snprintf(actual, sizeof actual, "%s/%s.%s", dir, c->name, kind);
            write_all(actual, got, got_len);
            free(want);
            free(got);
            char cmd[2200];
            snprintf(cmd, sizeof cmd, "diff -u --label %s --label %s %s %s | head -n 40", expected,
                     actual, expected, actual);
            char *diff = run_capture(cmd, NULL);
            fail_msg("the %s of %s differ from %s (the first lines; all of it: "
                     "diff -u %s %s):\n%s"
                     "(if the change is meant: make golden, then review git diff)\n",
                     kind, c->plan, expected, expected, actual, diff);
        }
        free(want);
    }
    free(got);
    diag_capture_free(&cap);
}

#define V0_9 "samples/history/trafficking-2561-2580-v0.9-draft.xml"
#define V1_0 "samples/trafficking-2561-2580.xml"
#define V2_0 "samples/history/trafficking-2561-2580-v2.0-revised.xml"

/* `phaen dump` from the command line prints what the golden cases compare:
 * the progress report with results files, the forms with --only forms; and
 * it refuses what it cannot do with status 2 (results with --only, a year
 * outside the plan; --only forms is dump's alone). */
static void dump_command(void **state)
{
    (void)state;
    const char *ph = getenv("PHAEN");
    ph = ph && *ph ? ph : "build/phaen";
    static const struct {
        const char *argv[8];
        const char *expected; /* the whole stdout; NULL: exit 2 */
    } runs[] = {
        {{"dump", "--blocks", V1_0, "samples/results/results-2563.xml",
          "samples/results/results-2564.xml"}, "tests/golden/trafficking_report.blocks.expected"},
        {{"dump", "--blocks", V2_0, "--only", "forms"},
         "tests/golden/trafficking_v2_0_forms.blocks.expected"},
        {{"dump", "--blocks", V1_0, "samples/results/results-2563.xml", "--only", "sheets"},
         NULL},
        {{"dump", "--blocks", V1_0, "--only", "forms", "--year", "2700"}, NULL},
        {{"render", V1_0, "-o", "build/tests/out/golden-cli", "--only", "forms"}, NULL},
    };
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        const char *argv[10] = {ph};
        for (size_t k = 0; runs[i].argv[k]; k++)
            argv[k + 1] = runs[i].argv[k];
        char *out;
        int st = run_argv(&out, runs[i].expected == NULL, argv);
        if (!runs[i].expected) {
            if (st != 2 || !strstr(out, "phaen: "))
                fail_msg("%s %s: exit %d, want 2 and a message:\n%s", argv[1], argv[3], st, out);
        } else {
            size_t len = 0;
            char *want = read_whole(runs[i].expected, &len);
            assert_non_null(want);
            assert_int_equal(st, 0);
            if (strlen(out) != len || memcmp(out, want, len) != 0)
                fail_msg("phaen %s %s %s: stdout is not %s", argv[1], argv[2], argv[3],
                         runs[i].expected);
            free(want);
        }
        free(out);
    }
}

#define CASE(suffix, kind, ...) \
    {suffix, golden, NULL, NULL, &(Case){.pages = kind, __VA_ARGS__}}

#define GOLDEN(file, id)                                                      \
    CASE(#id "_blocks", 0, .plan = file, .name = #id),                       \
    CASE(#id "_pages", 1, .plan = file, .name = #id)

/* The reporting forms of a plan. */
#define GOLDEN_FORMS(file, id)                                                \
    CASE(#id "_blocks", 0, .plan = file, .name = #id, .forms = 1),           \
    CASE(#id "_pages", 1, .plan = file, .name = #id, .forms = 1)

/* The progress report of a plan's results files. */
#define GOLDEN_REPORT(file, id, ...)                                          \
    CASE(#id "_blocks", 0, .plan = file, .name = #id, .results = {__VA_ARGS__}), \
    CASE(#id "_pages", 1, .plan = file, .name = #id, .results = {__VA_ARGS__})

/* The changes from plan `from` to plan `to`. */
#define GOLDEN_DIFF(from, to, id)                                             \
    CASE(#id "_blocks", 0, .plan = to, .name = #id, .old = from),            \
    CASE(#id "_pages", 1, .plan = to, .name = #id, .old = from)

int main(void)
{
    const struct CMUnitTest tests[] = {
        GOLDEN(V1_0, trafficking),
        GOLDEN(V0_9, trafficking_v0_9),
        GOLDEN(V2_0, trafficking_v2_0),
        GOLDEN_FORMS(V1_0, trafficking_forms),
        GOLDEN_FORMS(V0_9, trafficking_v0_9_forms),
        GOLDEN_FORMS(V2_0, trafficking_v2_0_forms),
        GOLDEN_REPORT(V1_0, trafficking_report, "samples/results/results-2563.xml",
                      "samples/results/results-2564.xml"),
        GOLDEN_DIFF(V0_9, V1_0, changes_v0_9_to_v1_0),
        GOLDEN_DIFF(V1_0, V2_0, changes_v1_0_to_v2_0),
        GOLDEN("tests/data/minimal.xml", minimal),
        GOLDEN("tests/data/no-role.xml", no_role),
        GOLDEN("tests/data/shapes-v2.xml", shapes_v2),
        GOLDEN("tests/golden/many-projects.xml", many_projects),
        cmocka_unit_test(dump_command),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
