/* test_golden.c - the text dumps (dump.h) of every document of every sample
 * and of small hand-made plans, against tests/golden/<plan>.<kind>.expected,
 * and the layout invariants (no line out of its box, no broken number) on
 * each of them.  The change documents too: `phaen diff` between the sample's
 * revisions in order (v0.9 -> 1.0 -> 2.0), its text report and the blocks
 * of its PDF in <name>.blocks.expected, the PDF's pages in
 * <name>.pages.expected.
 *
 * A change to a composer or to the layout shows here as a readable diff:
 * the first lines of `diff -u` are printed, and the dump that was made is
 * left in $BUILD/tests/out/golden/.  When the change is meant, `make golden`
 * writes every expected file again (PHAEN_GOLDEN=write; also
 * tests/data/bad-refs.expected); review them with git diff.
 */
#include "testutil.h"

#include <errno.h>
#include <sys/stat.h>

#include "check.h"
#include "diff.h"
#include "dump.h"
#include "fonts.h"
#include "load.h"
#include "resolve.h"
#include "template.h"

typedef struct Case {
    const char *plan;   /* path from the repository root */
    const char *name;   /* expected file: tests/golden/<name>.<kind>.expected */
    int pages;          /* 0: blocks, 1: pages */
    const char *old;    /* not NULL: the changes from this plan to `plan` */
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

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (cap - *len < 65536) {
            cap = cap ? cap * 2 : 1 << 20;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        size_t n = fread(buf + *len, 1, cap - *len, f);
        *len += n;
        if (n == 0)
            break;
    }
    fclose(f);
    return buf;
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
    int rc = old ? dump_changes(old, p, c->pages, out, &cap.d)
                 : dump_plan(p, tmpl, fonts, DUMP_ALL, c->pages, out, &cap.d);
    assert_int_equal(fclose(out), 0);
    if (rc != 0)
        fail_msg("%s", diag_capture_text(&cap));

    /* The layout's invariants hold on every document (LayoutStats; this
     * was test_layout's test_sample_keeps_the_invariants), whatever the
     * expected file says. */
    for (const char *at = got; c->pages && (at = strstr(at, "\npages ")); at++) {
        int pages, overflows, broken;
        assert_int_equal(sscanf(at, "\npages %d overflows %d broken-numbers %d", &pages,
                                &overflows, &broken), 3);
        if (overflows || broken)
            fail_msg("%s: %d lines leave their box, %d numbers broken:\n%.300s", c->plan,
                     overflows, broken, at);
        const char *eol = strchr(at + 1, '\n');
        const char *lone = strstr(at + 1, " lone-headings ");
        if (lone && (!eol || lone < eol)) /* a page ends with a heading */
            fail_msg("%s: %.80s", c->plan, at + 1);
        assert_true(pages >= 1);
    }

    char expected[512], actual[512];
    const char *kind = c->pages ? "pages" : "blocks";
    snprintf(expected, sizeof expected, "tests/golden/%s.%s.expected", c->name, kind);
    const char *mode = getenv("PHAEN_GOLDEN");
    if (mode && !strcmp(mode, "write")) {
        write_all(expected, got, got_len);
    } else {
        size_t want_len = 0;
        char *want = read_all(expected, &want_len);
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

#define GOLDEN(plan, name)                                                    \
    {#name "_blocks", golden, NULL, NULL, &(Case){plan, #name, 0, NULL}},     \
    {#name "_pages", golden, NULL, NULL, &(Case){plan, #name, 1, NULL}}

/* The changes from plan `old` to plan `new`. */
#define GOLDEN_DIFF(old, new, name)                                           \
    {#name "_blocks", golden, NULL, NULL, &(Case){new, #name, 0, old}},       \
    {#name "_pages", golden, NULL, NULL, &(Case){new, #name, 1, old}}

#define V0_9 "samples/history/trafficking-2561-2580-v0.9-draft.xml"
#define V1_0 "samples/trafficking-2561-2580.xml"
#define V2_0 "samples/history/trafficking-2561-2580-v2.0-revised.xml"

int main(void)
{
    const struct CMUnitTest tests[] = {
        GOLDEN(V1_0, trafficking),
        GOLDEN(V0_9, trafficking_v0_9),
        GOLDEN(V2_0, trafficking_v2_0),
        GOLDEN_DIFF(V0_9, V1_0, changes_v0_9_to_v1_0),
        GOLDEN_DIFF(V1_0, V2_0, changes_v1_0_to_v2_0),
        GOLDEN("tests/data/minimal.xml", minimal),
        GOLDEN("tests/data/no-role.xml", no_role),
        GOLDEN("tests/data/shapes-v2.xml", shapes_v2),
        GOLDEN("tests/golden/many-projects.xml", many_projects),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
