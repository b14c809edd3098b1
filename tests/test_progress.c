/* test_progress.c - results and the progress report (issue 14): yearly
 * targets, the share and status rules, every check of a results file with
 * its line, the charts' geometry (data drawn = data given), and the report
 * rendered by the real binary and read back with pdftotext and qpdf.
 *
 * Fixtures: tests/data/results/ (a small format-2 plan and its results for
 * 2563 and 2564; the expected shares are worked out in their comments). */
#include "testutil.h"

#include <math.h>

#include "chart.h"
#include "check.h"
#include "load.h"
#include "progress.h"
#include "resolve.h"
#include "results.h"
#include "sha256.h"
#include "target.h"

#define DATA "tests/data/results/"
#define PLAN DATA "plan.xml"

static char outdir[512];

static const char *build_dir(void)
{
    const char *b = getenv("BUILD");
    return b && *b ? b : "build";
}

static const char *phaen(void)
{
    const char *p = getenv("PHAEN");
    return p && *p ? p : "build/phaen";
}

static int setup(void **state)
{
    (void)state;
    snprintf(outdir, sizeof outdir, "%s/tests/out/progress", build_dir());
    return mkdir_parents(outdir) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    load_cleanup();
    return 0;
}

/* The fixture plan, loaded, resolved and checked without a problem. */
static Plan *plan_ok(void)
{
    DiagCapture dc;
    diag_capture_init(&dc);
    Plan *p = plan_load(PLAN, NULL, &dc.d);
    assert_non_null(p);
    plan_resolve(p, &dc.d);
    plan_check(p, &dc.d);
    assert_string_equal(diag_capture_text(&dc), "");
    diag_capture_free(&dc);
    return p;
}

static const Indicator *indicator(const Plan *p, const char *id)
{
    ObjKind k;
    const Indicator *in = plan_find(p, id, &k);
    assert_non_null(in);
    assert_int_equal(k, KIND_INDICATOR);
    return in;
}

/* ---- the rules ------------------------------------------------------------ */

static double share(Direction dir, int has_base, double base, double target, double actual)
{
    double s = -1;
    assert_true(progress_share(dir, has_base, base, target, actual, &s));
    return s;
}

static void share_increase(void **state)
{
    (void)state;
    /* from 60 towards 75, at 70: two thirds of the way, not 70/75 */
    assert_true(fabs(share(DIR_INCREASE, 1, 60, 75, 70) - 66.6667) < 0.001);
    assert_true(fabs(share(DIR_INCREASE, 1, 60, 75, 75) - 100) < 1e-9);
    assert_true(share(DIR_INCREASE, 1, 60, 75, 55) < 0); /* worse than the baseline */
    /* no baseline: actual / target */
    assert_true(fabs(share(DIR_INCREASE, 0, 0, 200, 150) - 75) < 1e-9);
    /* a target not above the baseline: the ratio again */
    assert_true(fabs(share(DIR_INCREASE, 1, 80, 80, 40) - 50) < 1e-9);
    double s;
    assert_false(progress_share(DIR_INCREASE, 0, 0, 0, 5, &s));
}

static void share_decrease(void **state)
{
    (void)state;
    /* from 120 down to 80, at 90: three quarters of the way */
    assert_true(fabs(share(DIR_DECREASE, 1, 120, 80, 90) - 75) < 1e-9);
    /* less than the target is more than 100 % */
    assert_true(fabs(share(DIR_DECREASE, 1, 120, 80, 70) - 125) < 1e-9);
    /* no baseline: target / actual, and 0 reaches it */
    assert_true(fabs(share(DIR_DECREASE, 0, 0, 50, 100) - 50) < 1e-9);
    assert_true(fabs(share(DIR_DECREASE, 0, 0, 50, 0) - 100) < 1e-9);
}

static void share_maintain(void **state)
{
    (void)state;
    assert_true(fabs(share(DIR_MAINTAIN, 1, 100, 100, 98) - 98) < 1e-9);
    /* "no cases" is kept only by none */
    assert_true(fabs(share(DIR_MAINTAIN, 1, 0, 0, 0) - 100) < 1e-9);
    assert_true(fabs(share(DIR_MAINTAIN, 1, 0, 0, 1) - 0) < 1e-9);
}

static void status_thresholds(void **state)
{
    (void)state;
    assert_int_equal(progress_status(100, 100, 80), PROG_ACHIEVED);
    assert_int_equal(progress_status(125, 100, 80), PROG_ACHIEVED);
    /* what is printed (one decimal) decides: 99.96 shows as 100.0 */
    assert_int_equal(progress_status(99.96, 100, 80), PROG_ACHIEVED);
    assert_int_equal(progress_status(99.9, 100, 80), PROG_CLOSE);
    assert_int_equal(progress_status(80, 100, 80), PROG_CLOSE);
    assert_int_equal(progress_status(79.9, 100, 80), PROG_BELOW);
    assert_int_equal(progress_status(-20, 100, 80), PROG_BELOW);
    /* the template's thresholds, not fixed ones */
    assert_int_equal(progress_status(92, 95, 90), PROG_CLOSE);
    assert_int_equal(progress_status(89, 95, 90), PROG_BELOW);
}

static void numbers_in_targets(void **state)
{
    (void)state;
    double v;
    assert_true(target_number("75", &v) && v == 75);
    assert_true(target_number("≥ 80", &v) && v == 80);
    assert_true(target_number("1,200", &v) && v == 1200);
    assert_true(target_number("-3.5", &v) && v == -3.5);
    assert_true(target_number("ร้อยละ ๗๕.๕", &v) && v == 75.5);
    assert_false(target_number("มีระบบ", &v));
    assert_false(target_number(NULL, &v));
}

/* The target of a year is the year's own where the plan gives one, else
 * its phase's. */
static void target_of_a_year(void **state)
{
    (void)state;
    Plan *p = plan_ok();
    const Indicator *up = indicator(p, "IND-UP");
    const Phase *ph = NULL;
    const Target *t = target_for_year(p, up, 2563, &ph);
    assert_non_null(t);
    assert_string_equal(t->value, "70");
    assert_null(ph);
    t = target_for_year(p, up, 2562, &ph);
    assert_string_equal(t->value, "75");
    assert_string_equal(ph->id, "PH1");
    t = target_for_year(p, up, 2564, &ph);
    assert_string_equal(t->value, "90");
    assert_null(target_for_year(p, up, 2570, &ph)); /* past every phase */
    plan_free(p);
}

/* ---- yearly targets in the plan: every check with its line ---------------- */

static char *check_plan_text(const char *xml)
{
    char path[600];
    snprintf(path, sizeof path, "%s/yearly.xml", outdir);
    write_file(path, xml);
    DiagCapture dc;
    diag_capture_init(&dc);
    Plan *p = plan_load(path, NULL, &dc.d);
    if (p) {
        plan_resolve(p, &dc.d);
        plan_check(p, &dc.d);
    }
    plan_free(p);
    char *out = strdup(diag_capture_text(&dc));
    diag_capture_free(&dc);
    return out;
}

/* The fixture plan with `extra` in place of IND-UP's yearly target (line 27). */
static char *plan_with_targets(const char *extra)
{
    FILE *f = fopen(PLAN, "rb");
    assert_non_null(f);
    static char buf[16384];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *old = "        <target year=\"2563\">70</target>\n";
    char *at = strstr(buf, old);
    assert_non_null(at);
    size_t len = strlen(buf) + strlen(extra) + 1;
    char *out = malloc(len);
    snprintf(out, len, "%.*s%s%s", (int)(at - buf), buf, extra, at + strlen(old));
    return out;
}

static void yearly_target_errors(void **state)
{
    (void)state;
    char *xml = plan_with_targets("        <target year=\"2563\">70</target>\n"
                                  "        <target year=\"2563\">71</target>\n"
                                  "        <target year=\"2570\">80</target>\n"
                                  "        <target year=\"2564\">สูงขึ้น</target>\n"
                                  "        <target phase=\"PH2\" year=\"2565\">85</target>\n"
                                  "        <target>85</target>\n");
    char *out = check_plan_text(xml);
    assert_contains(out, "yearly.xml:28: error: indicator 'IND-UP' has more than one "
                         "target for year 2563\n");
    assert_contains(out, "yearly.xml:27: note: the first target for year 2563 is here\n");
    assert_contains(out, "yearly.xml:29: error: target of indicator 'IND-UP' for year 2570 "
                         "is outside the plan's period 2561-2565\n");
    assert_contains(out, "yearly.xml:30: error: target of indicator 'IND-UP' for year 2564 "
                         "has no number: 'สูงขึ้น'\n");
    assert_contains(out, "yearly.xml:31: error: target of indicator 'IND-UP' names both "
                         "phase 'PH2' and year 2565");
    assert_contains(out, "yearly.xml:32: error: target of indicator 'IND-UP' names neither "
                         "a phase nor a year");
    free(out);
    free(xml);
}

/* A qualitative indicator's yearly target is words; format 1 has none. */
static void yearly_target_accepted(void **state)
{
    (void)state;
    char *xml = plan_with_targets("        <target year=\"2563\">70</target>\n");
    char *out = check_plan_text(xml);
    assert_string_equal(out, "");
    free(out);
    free(xml);
    xml = plan_with_targets("");
    char *one = strstr(xml, "format=\"2\"");
    one[8] = '1';
    /* format 1: a yearly target does not exist (the schema says so) */
    char *with = malloc(strlen(xml) + 64);
    char *at = strstr(xml, "<target phase=\"PH1\">75</target>");
    sprintf(with, "%.*s<target year=\"2563\">70</target>%s", (int)(at - xml), xml, at);
    out = check_plan_text(with);
    assert_contains(out, "yearly.xml:");
    assert_contains(out, "error:");
    free(out);
    free(with);
    free(xml);
}

/* ---- results files: every check with its line ------------------------------ */

static char plan_hex[65];

static void plan_sha(const Plan *p)
{
    sha256_hex(p->sha256, plan_hex);
}

/* Writes a results file with the given body (after line 2, <results>) and
 * returns its path (static). */
static const char *results_file(const char *name, int year, const char *sha, const char *body)
{
    static char paths[4][600];
    static int next;
    char *path = paths[next++ % 4];
    snprintf(path, 600, "%s/%s", outdir, name);
    char xml[8192];
    snprintf(xml, sizeof xml,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<results format=\"1\" fiscal-year=\"%d\" plan-sha256=\"%s\">\n%s</results>\n",
             year, sha, body);
    write_file(path, xml);
    return path;
}

/* Loads and checks the files; returns the diagnostics (malloc'd) and the
 * error count in *errors. */
static char *check_results(const Plan *p, const char *const *paths, size_t n, int *errors)
{
    DiagCapture dc;
    diag_capture_init(&dc);
    ResultSet *rs = results_load(paths, n, NULL, &dc.d);
    *errors = rs ? results_check(p, rs, &dc.d) : -1;
    results_free(rs);
    char *out = strdup(diag_capture_text(&dc));
    diag_capture_free(&dc);
    return out;
}

static void results_fixtures_clean(void **state)
{
    (void)state;
    Plan *p = plan_ok();
    const char *paths[] = {DATA "r2563.xml", DATA "r2564.xml"};
    int errors;
    char *out = check_results(p, paths, 2, &errors);
    assert_string_equal(out, "");
    assert_int_equal(errors, 0);
    free(out);
    plan_free(p);
}

static void results_errors(void **state)
{
    (void)state;
    Plan *p = plan_ok();
    plan_sha(p);
    const char *path = results_file(
        "bad.xml", 2563, plan_hex,
        "  <reporter agency=\"A1\" date=\"2020-10-15\"/>\n"                      /* 3 */
        "  <reporter agency=\"A9\" date=\"2020-10-15\"/>\n"                      /* 4 */
        "  <indicator ref=\"IND-UPP\" agency=\"A1\" date=\"2020-09-30\">"        /* 5 */
        "<actual>1</actual></indicator>\n"
        "  <indicator ref=\"PJ-1\" agency=\"A1\" date=\"2020-09-30\">"           /* 6 */
        "<actual>1</actual></indicator>\n"
        "  <indicator ref=\"IND-DOWN\" agency=\"A1\" date=\"2020-09-30\">"       /* 7 */
        "<actual>1</actual></indicator>\n"
        "  <indicator ref=\"IND-UP\" agency=\"A1\" date=\"2020-09-30\">"         /* 8 */
        "<actual-text>ดีขึ้นมาก</actual-text></indicator>\n"
        "  <indicator ref=\"IND-DOWN\" agency=\"A2\" date=\"2020-09-30\">"       /* 9 */
        "<actual>1</actual></indicator>\n"
        "  <indicator ref=\"IND-Q\" agency=\"A1\" date=\"2020-09-30\">"          /* 10 */
        "<actual-text>มีระบบ</actual-text></indicator>\n"
        "  <indicator ref=\"IND-Q\" agency=\"A1\" date=\"2020-09-30\">"          /* 11 */
        "<actual-text>มีระบบ</actual-text></indicator>\n"
        "  <project ref=\"PJ-2\" agency=\"A1\" status=\"done\"/>\n"              /* 12 */
        "  <project ref=\"PJ-1\" agency=\"A3\" status=\"done\"/>\n");            /* 13 */
    int errors;
    char *out = check_results(p, &path, 1, &errors);
    assert_contains(out, "bad.xml:4: error: agency 'A9' is not in the plan " PLAN "\n");
    assert_contains(out, "bad.xml:4: note: did you mean 'A1'?\n");
    assert_contains(out, "bad.xml:5: error: indicator 'IND-UPP' is not in the plan");
    assert_contains(out, "bad.xml:5: note: did you mean 'IND-UP'?\n");
    assert_contains(out, "bad.xml:6: error: indicator 'PJ-1' is a project in the plan, "
                         "not an indicator\n");
    assert_contains(out, "bad.xml:7: error: agency 'A1' is not answerable for indicator "
                         "'IND-DOWN' (the plan names: A2)\n");
    assert_contains(out, "bad.xml:8: error: indicator 'IND-UP' is quantitative: report its "
                         "value as <actual>a number</actual>");
    assert_contains(out, "bad.xml:9: error: agency 'A2' reports here but is not a <reporter> "
                         "of this file");
    assert_contains(out, "bad.xml:11: error: 'IND-Q' is reported twice by agency 'A1' for "
                         "fiscal year 2563\n");
    assert_contains(out, "bad.xml:10: note: first reported here\n");
    assert_contains(out, "bad.xml:12: error: agency 'A1' does not lead project 'PJ-2' (its "
                         "lead is 'A2'): a project is reported by its lead agency\n");
    assert_contains(out, "bad.xml:13: error: agency 'A3' is not in the plan");
    assert_int_equal(errors, 10); /* line 13: unknown, and no reporter */
    free(out);
    plan_free(p);
}

static void results_year_and_sha(void **state)
{
    (void)state;
    Plan *p = plan_ok();
    const char *path = results_file("year.xml", 2570, "0000000000000000000000000000000000000"
                                                      "000000000000000000000000000",
                                    "  <reporter agency=\"A1\" date=\"2020-10-15\"/>\n");
    int errors;
    char *out = check_results(p, &path, 1, &errors);
    assert_contains(out, "year.xml:2: error: fiscal year 2570 is outside the plan's period "
                         "2561-2565\n");
    assert_contains(out, "year.xml:2: warning: plan-sha256 is not the SHA-256 of " PLAN);
    assert_int_equal(errors, 1);
    free(out);
    plan_free(p);
}

/* A supporter does not report a project: its lead does, once, for all
 * (collect holds the forms to the same rule). */
static void results_supporter_refused(void **state)
{
    (void)state;
    Plan *p = plan_ok();
    plan_sha(p);
    const char *path = results_file(
        "support.xml", 2563, plan_hex,
        "  <reporter agency=\"A2\" date=\"2020-10-15\"/>\n"                      /* 3 */
        "  <project ref=\"PJ-1\" agency=\"A2\" status=\"done\"/>\n");           /* 4 */
    int errors;
    char *out = check_results(p, &path, 1, &errors);
    assert_contains(out, "support.xml:4: error: agency 'A2' supports project 'PJ-1': a project "
                         "is reported once, by its lead 'A1', which gathers what its "
                         "supporters spent\n");
    assert_int_equal(errors, 1);
    free(out);
    plan_free(p);
}

/* The same year, ref and agency in two files: the second is refused and
 * says where the first is. */
static void results_duplicate_across_files(void **state)
{
    (void)state;
    Plan *p = plan_ok();
    plan_sha(p);
    const char *body = "  <reporter agency=\"A2\" date=\"2020-10-15\"/>\n"
                       "  <project ref=\"PJ-2\" agency=\"A2\" status=\"done\"/>\n";
    const char *paths[2];
    paths[0] = results_file("one.xml", 2563, plan_hex, body);
    paths[1] = results_file("two.xml", 2563, plan_hex, body);
    int errors;
    char *out = check_results(p, paths, 2, &errors);
    assert_contains(out, "two.xml:4: error: 'PJ-2' is reported twice by agency 'A2' for "
                         "fiscal year 2563 (first in ");
    assert_contains(out, "one.xml:4)\n");
    assert_not_contains(out, "one.xml:4: error");
    assert_int_equal(errors, 1);
    free(out);
    /* another year is not a repeat */
    paths[1] = results_file("three.xml", 2564, plan_hex, body);
    out = check_results(p, paths, 2, &errors);
    assert_int_equal(errors, 0);
    free(out);
    plan_free(p);
}

/* The schema's messages and the safe parser are the plan's. */
static void results_schema_errors(void **state)
{
    (void)state;
    Plan *p = plan_ok();
    plan_sha(p);
    const char *path = results_file("schema.xml", 2563, plan_hex,
                                    "  <reporter agency=\"A1\" date=\"2020-10-15\"/>\n"
                                    "  <project ref=\"PJ-1\" agency=\"A1\" status=\"late\"/>\n");
    int errors;
    char *out = check_results(p, &path, 1, &errors);
    assert_contains(out, "schema.xml:4: error: attribute 'status' of <project> cannot be "
                         "'late'");
    assert_int_equal(errors, -1);
    free(out);
    char bad[600];
    snprintf(bad, sizeof bad, "%s/doctype.xml", outdir);
    write_file(bad, "<?xml version=\"1.0\"?>\n<!DOCTYPE results [<!ENTITY x \"y\">]>\n"
                    "<results/>\n");
    const char *bp = bad;
    out = check_results(p, &bp, 1, &errors);
    assert_contains(out, "doctype.xml:2: error: DOCTYPE declarations are not allowed in a "
                         "results file");
    free(out);
    plan_free(p);
}

/* ---- one indicator, one project: what the report shows ------------------ */

static void progress_of_fixtures(void **state)
{
    (void)state;
    Plan *p = plan_ok();
    const char *paths[] = {DATA "r2563.xml", DATA "r2564.xml"};
    DiagCapture dc;
    diag_capture_init(&dc);
    ResultSet *rs = results_load(paths, 2, NULL, &dc.d);
    assert_non_null(rs);
    assert_int_equal(results_check(p, rs, &dc.d), 0);
    IndicatorProgress ip;
    const Indicator *up = indicator(p, "IND-UP"), *down = indicator(p, "IND-DOWN"),
                    *q = indicator(p, "IND-Q");
    progress_indicator(p, up, 2563, progress_find_indicator(rs, 2563, up, NULL), 100, 80, &ip);
    assert_true(ip.has_share && fabs(ip.share - 80) < 1e-9); /* (68-60)/(70-60) */
    assert_int_equal(ip.status, PROG_CLOSE);
    assert_null(ip.phase); /* the yearly target */
    progress_indicator(p, down, 2563, progress_find_indicator(rs, 2563, down, NULL), 100, 80,
                       &ip);
    assert_true(fabs(ip.share - 125) < 1e-9); /* (120-70)/(120-80) */
    assert_int_equal(ip.status, PROG_ACHIEVED);
    progress_indicator(p, up, 2564, progress_find_indicator(rs, 2564, up, NULL), 100, 80, &ip);
    assert_true(fabs(ip.share - 20) < 1e-9); /* (66-60)/(90-60) */
    assert_int_equal(ip.status, PROG_BELOW);
    progress_indicator(p, q, 2563, progress_find_indicator(rs, 2563, q, NULL), 100, 80, &ip);
    assert_int_equal(ip.status, PROG_REPORTED);
    assert_false(ip.has_share);
    progress_indicator(p, q, 2564, progress_find_indicator(rs, 2564, q, NULL), 100, 80, &ip);
    assert_int_equal(ip.status, PROG_NOT_REPORTED);
    ObjKind k;
    const Project *pj2 = plan_find(p, "PJ-2", &k);
    ProjectProgress pp;
    progress_project(pj2, 2563, progress_find_project(rs, 2563, pj2), &pp);
    assert_true(pp.has_budget && pp.budget == 500000);
    assert_true(fabs(pp.spent_share - 20.0001) < 1e-9);
    assert_int_equal(pp.res->status, PJS_DELAYED);
    const Agency *a2 = plan_find(p, "A2", &k);
    assert_true(progress_reported(rs, 2563, a2));
    assert_false(progress_reported(rs, 2564, a2));
    results_free(rs);
    diag_capture_free(&dc);
    plan_free(p);
}

/* ---- charts: data drawn = data given ------------------------------------ */

static void chart_bars_heights(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *cats[] = {"ก", "ข", "ค"};
    const double budget[] = {130e6, 163e6, 0}, spent[] = {108e6, 115.5e6, 0};
    const char *keys[2] = {"งบ", "จ่าย"};
    ChartGeom *g = chart_bars(a, 400, 200, cats, 3, budget, spent, keys, 1, NUMERALS_ARABIC, 11);
    size_t bars = 0;
    for (size_t i = 0; i < g->n; i++) {
        const ChartMark *m = &g->marks[i];
        if (m->kind != CM_BAR)
            continue;
        bars++;
        const double *v = m->series == 0 ? budget : spent;
        /* the height drawn is the value given, in millions, on the scale */
        assert_true(fabs((m->y2 - m->y) / g->scale - v[m->category] / 1e6) < 1e-9);
        assert_true(fabs(m->y2 - g->y0) < 1e-9); /* from the zero line */
        assert_true(m->x >= 0 && m->x2 <= g->w && m->y >= 0 && m->y2 <= g->h);
    }
    assert_int_equal(bars, 6);
    /* each bar is labelled with its value (whole millions on this scale) */
    int labelled = 0;
    for (size_t i = 0; i < g->n; i++)
        labelled += g->marks[i].kind == CM_LABEL && (!strcmp(g->marks[i].text, "163") ||
                                                     !strcmp(g->marks[i].text, "108"));
    assert_int_equal(labelled, 2);
    arena_free(a);
}

static void chart_lines_points(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const double target[] = {NAN, 75, 75, 70, 90, 90};
    const double actual[] = {NAN, NAN, NAN, 68, 66, NAN};
    const char *keys[3] = {"ฐาน", "เป้า", "ผล"};
    ChartGeom *g = chart_lines(a, 400, 160, 2560, 2565, target, actual, 1, 2560, 60, keys,
                               NUMERALS_ARABIC, 11);
    size_t pts[3] = {0, 0, 0};
    for (size_t i = 0; i < g->n; i++) {
        const ChartMark *m = &g->marks[i];
        if (m->kind != CM_POINT)
            continue;
        pts[m->series]++;
        const double want = m->series == 0 ? 60 : m->series == 1 ? target[m->category]
                                                                    : actual[m->category];
        assert_true(fabs((g->y0 - m->y) / g->scale - want) < 1e-9);
        assert_true(fabs(m->value - want) < 1e-9);
    }
    assert_int_equal(pts[0], 1);
    assert_int_equal(pts[1], 5);
    assert_int_equal(pts[2], 2);
    /* one segment joins the two actuals, four the five targets */
    size_t segs[3] = {0, 0, 0};
    for (size_t i = 0; i < g->n; i++)
        if (g->marks[i].kind == CM_SEGMENT)
            segs[g->marks[i].series]++;
    assert_int_equal(segs[2], 1);
    assert_int_equal(segs[1], 4);
    arena_free(a);
}

/* ---- the report, rendered and read back ---------------------------------- */

/* `phaen report` of the plan and results into outdir/name: what it
 * printed, *status its exit status.  The same results were reported by
 * several tests (four of six runs were repeats): a repeat is not run
 * again unless fresh; the name then stands for the first run's folder
 * (report_dir) and its text is read once (pdftotext). */
static struct { char name[64], results[1400], *msg, *text; int status; } seen[8];
static struct { char name[64]; size_t of; } alias[8];

static char *report_run(const char *name, const char *results, int fresh, int *status)
{
    size_t i = 0;
    while (i < 8 && seen[i].msg && strcmp(seen[i].results, results) != 0)
        i++;
    char *out;
    if (!fresh && i < 8 && seen[i].msg) {
        size_t k = 0;
        while (k < 8 && alias[k].name[0] && strcmp(alias[k].name, name) != 0)
            k++;
        assert_true(k < 8);
        snprintf(alias[k].name, sizeof alias[k].name, "%s", name);
        alias[k].of = i;
        *status = seen[i].status;
        out = strdup(seen[i].msg);
        assert_non_null(out);
        return out;
    }
    /* rm -rf and the run without a shell: the results are words */
    char dir[700], words[1400];
    const char *argv[16] = {phaen(), "report", PLAN};
    size_t n = 3;
    snprintf(dir, sizeof dir, "%s/%s", outdir, name);
    assert_int_equal(remove_tree(dir), 0);
    snprintf(words, sizeof words, "%s", results);
    for (char *save = NULL, *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        assert_true(n < 12);
        argv[n++] = w;
    }
    argv[n++] = "-o";
    argv[n++] = dir;
    *status = run_argv(&out, 1, argv);
    if (i < 8 && !seen[i].msg && *status == 0) {
        snprintf(seen[i].name, sizeof seen[i].name, "%s", name);
        snprintf(seen[i].results, sizeof seen[i].results, "%s", results);
        seen[i].status = *status;
        seen[i].msg = strdup(out);
    }
    return out;
}

static char *report(const char *name, const char *results, int *status)
{
    return report_run(name, results, 0, status);
}

/* The folder of report name's run (the first run's, for a repeat): its
 * index in seen, or -1 when it is no run kept there. */
static int report_dir(const char *name)
{
    for (size_t k = 0; k < 8 && alias[k].name[0]; k++)
        if (!strcmp(alias[k].name, name))
            return (int)alias[k].of;
    for (size_t i = 0; i < 8 && seen[i].msg; i++)
        if (!strcmp(seen[i].name, name))
            return (int)i;
    return -1;
}

/* pdftotext -layout of report name's PDF (malloc'd), run once a PDF. */
static char *pdftotext(const char *name)
{
    int i = report_dir(name);
    if (i >= 0 && seen[i].text)
        return strdup(seen[i].text);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "pdftotext -layout %s/%s/progress-report.pdf -", outdir,
             i >= 0 ? seen[i].name : name);
    int st;
    char *text = run_capture(cmd, &st);
    assert_int_equal(st, 0);
    if (i >= 0)
        seen[i].text = strdup(text);
    return text;
}

static void report_2563(void **state)
{
    (void)state;
    int st;
    char *msg = report("r2563", DATA "r2563.xml", &st);
    assert_string_equal(msg, "");
    assert_int_equal(st, 0);
    free(msg);
    char *text = pdftotext("r2563");
    assert_contains(text, "รายงานผลการดำเนินงาน");
    assert_contains(text, "ปีงบประมาณ พ.ศ. ๒๕๖๓");
    /* IND-UP: 68 against the yearly 70 from 60 is 80.0 %, close */
    assert_contains(text, "๘๐.๐");
    assert_contains(text, "เป้าหมายรายปี");
    assert_contains(text, "ใกล้เคียงเป้าหมาย");
    /* IND-DOWN: 70 against 80 from 120 is 125.0 %, achieved */
    assert_contains(text, "๑๒๕.๐");
    assert_contains(text, "บรรลุเป้าหมาย");
    /* IND-Q: reported, in words */
    assert_contains(text, "มีระบบติดตามครบทุกจังหวัด");
    /* PJ-2: 100,000.50 of 500,000 spent, delayed, its problem */
    assert_contains(text, "๑๐๐,๐๐๐.๕๐");
    assert_contains(text, "๒๐.๐");
    assert_contains(text, "ล่าช้า");
    assert_contains(text, "งบประมาณล่าช้า");
    /* spending of the year: 1,000,000.50 of 1,500,000 */
    assert_contains(text, "๑,๐๐๐,๐๐๐.๕๐");
    assert_contains(text, "๖๖.๗");
    /* when each agency reported, as a Thai date */
    assert_contains(text, "๑๕ ตุลาคม ๒๕๖๓");
    free(text);
    char *q;
    assert_int_equal(run_sh(&q, "qpdf --check %s/r2563/progress-report.pdf", outdir), 0);
    assert_contains(q, "No syntax or stream encoding errors");
    free(q);
}

/* With 2564 given too, the report is of 2564: IND-UP is below, and A2,
 * which sent nothing, owes IND-DOWN. */
static void report_latest_year_and_missing(void **state)
{
    (void)state;
    int st;
    char *msg = report("both", DATA "r2563.xml " DATA "r2564.xml", &st);
    assert_string_equal(msg, "");
    assert_int_equal(st, 0);
    free(msg);
    char *text = pdftotext("both");
    assert_contains(text, "ปีงบประมาณ พ.ศ. ๒๕๖๔");
    assert_contains(text, "๒๐.๐");             /* (66-60)/(90-60) */
    assert_contains(text, "ต่ำกว่าเป้าหมาย");
    assert_contains(text, "ยกเลิก");
    assert_contains(text, "ไม่ได้รายงาน");
    /* the agencies' table: A2 reported nothing and owes IND-DOWN, printed
     * by its number as every document prints it (issue 1, goal 1, second) */
    char *table = strstr(text, "การรายงานผลของหน่วยงาน\n");
    int owes = table && strstr(table, "๑.๑.๒") != NULL;
    free(text);
    assert_true(owes);
}

/* The line of `text` that holds `what` (up to its end), or NULL. */
static const char *line_with(const char *text, const char *what)
{
    const char *at = strstr(text, what);
    if (!at)
        return NULL;
    while (at > text && at[-1] != '\n')
        at--;
    return at;
}

/* Every year given is in the tables, each against its own target: a row
 * per indicator with the years as columns (2563 against the yearly 70,
 * 2564 against PH2's 90), per project each year's budget and spending;
 * the summary says how 2564 moved from 2563 (IND-UP fell from 68 to 66:
 * worse; IND-DOWN has no 2564 value and IND-Q no number: not
 * comparable). */
static void report_every_year(void **state)
{
    (void)state;
    int st;
    char *msg = report("years", DATA "r2563.xml " DATA "r2564.xml", &st);
    assert_string_equal(msg, "");
    assert_int_equal(st, 0);
    free(msg);
    char *text = pdftotext("years");
    /* IND-UP: a row with a column per year, in order, each with its
     * status, its actual, that year's target and the share of it */
    const char *up = line_with(text, "๑.๑.๑ ตัวชี้วัดที่ต้องเพิ่มขึ้น");
    const char *down = line_with(text, "๑.๑.๒ ตัวชี้วัดที่ต้องลดลง");
    assert_true(up && down && up < down);
    const char *close = strstr(up, "ใกล้เคียงเป้าหมาย"), *below = strstr(up, "ต่ำกว่าเป้าหมาย");
    assert_true(close && below && close < below && below < strchr(up, '\n'));
    const char *v = line_with(up, "๖๘");
    assert_true(v && v < down && strstr(v, "๖๖") < strchr(v, '\n'));
    /* 2563's own target, 2564's of its phase (kept whole: a no-break space) */
    const char *tg = line_with(up, "เป้าหมายรายปี\u00a0๗๐");
    assert_true(tg && tg < down && strstr(tg, "ค่าเป้าหมาย\u00a0๙๐") < strchr(tg, '\n'));
    /* the share of each year's target: (68-60)/(70-60), (66-60)/(90-60) */
    const char *sh = line_with(up, "ร้อยละ\u00a0๘๐.๐");
    assert_true(sh && sh < down && strstr(sh, "ร้อยละ\u00a0๒๐.๐") < strchr(sh, '\n'));
    /* IND-DOWN: 2563 achieved, 2564 not reported */
    const char *ach = strstr(down, "บรรลุเป้าหมาย"), *none = strstr(down, "ไม่ได้รายงาน");
    assert_true(ach && none && ach < none && none < strchr(down, '\n'));
    /* PJ-1: 1,000,000 in 2563 and 2,000,000 in 2564 on its row, what was
     * spent under each */
    const char *pj = line_with(text, "โครงการหนึ่ง");
    assert_non_null(pj);
    const char *b63 = strstr(pj, "๑,๐๐๐,๐๐๐"), *b64 = strstr(pj, "๒,๐๐๐,๐๐๐");
    assert_true(b63 && b64 && b63 < b64 && b64 < strchr(pj, '\n'));
    assert_non_null(strstr(pj, "๙๐๐,๐๐๐"));
    assert_non_null(strstr(pj, "ยกเลิก"));
    /* the totals of both years */
    const char *tot = line_with(text, "รวมทั้งสิ้น");
    assert_non_null(tot);
    assert_non_null(strstr(tot, "๑,๕๐๐,๐๐๐ ๑,๐๐๐,๐๐๐.๕๐"));
    assert_non_null(strstr(tot, "๒,๐๐๐,๐๐๐ ๐"));
    /* the summary: of 2564, then how it moved since 2563 */
    const char *sum = strstr(text, "สรุปผลการดำเนินงาน ปีงบประมาณ พ.ศ. ๒๕๖๔");
    const char *moves = strstr(text, "เทียบกับ ปีงบประมาณ พ.ศ. ๒๕๖๓");
    assert_true(sum && moves && sum < moves);
    const char *worse = line_with(moves, "ลดลง");
    assert_non_null(worse);
    assert_non_null(strstr(worse, "๑ ๑.๑.๑"));
    assert_non_null(strstr(line_with(moves, "ดีขึ้น"), "๐"));
    assert_non_null(strstr(line_with(moves, "เทียบไม่ได้"), "๒"));
    free(text);
}

/* Four years: three side by side, the fourth in a table of its own (more
 * make the names too narrow to read); each year is whole in one table. */
static void report_years_in_tables(void **state)
{
    (void)state;
    Plan *p = plan_ok();
    plan_sha(p);
    plan_free(p);
    const char *body = "  <reporter agency=\"A1\" date=\"2020-10-15\"/>\n"
                       "  <indicator ref=\"IND-UP\" agency=\"A1\" date=\"2020-09-30\">"
                       "<actual>61</actual></indicator>\n";
    char files[1400];
    snprintf(files, sizeof files, "%s ", results_file("y2561.xml", 2561, plan_hex, body));
    strcat(files, results_file("y2562.xml", 2562, plan_hex, body));
    strcat(files, " " DATA "r2563.xml " DATA "r2564.xml");
    int st;
    char *msg = report("four", files, &st);
    assert_int_equal(st, 0);
    free(msg);
    char *text = pdftotext("four");
    const char *first = line_with(text, "ปีงบประมาณ พ.ศ. ๒๕๖๑");
    assert_non_null(first);
    const char *eol = strchr(first, '\n');
    const char *y63 = strstr(first, "ปีงบประมาณ พ.ศ. ๒๕๖๓");
    assert_true(y63 && y63 < eol);                   /* 2561-2563 together */
    const char *y64 = strstr(first, "ปีงบประมาณ พ.ศ. ๒๕๖๔");
    assert_true(y64 && y64 > eol);                   /* 2564 in the next table */
    const char *second = line_with(y64, "ปีงบประมาณ พ.ศ. ๒๕๖๔");
    const char *again = strstr(second, "๒๕๖๑");
    assert_true(!again || again > strchr(second, '\n')); /* not 2561 again */
    /* IND-UP's row in the second table: 2564's status */
    const char *row = line_with(y64, "๑.๑.๑ ตัวชี้วัดที่ต้องเพิ่มขึ้น");
    assert_non_null(row);
    const char *below = strstr(row, "ต่ำกว่าเป้าหมาย");
    assert_true(below && below < strchr(row, '\n'));
    free(text);
}

/* One year given: no comparison in the summary. */
static void report_one_year_no_moves(void **state)
{
    (void)state;
    int st;
    free(report("one", DATA "r2563.xml", &st));
    assert_int_equal(st, 0);
    char *text = pdftotext("one");
    assert_null(strstr(text, "เทียบไม่ได้"));
    free(text);
}

static void report_same_bytes(void **state)
{
    (void)state;
    int st;
    free(report("same1", DATA "r2563.xml " DATA "r2564.xml", &st));
    assert_int_equal(st, 0);
    free(report_run("same2", DATA "r2563.xml " DATA "r2564.xml", 1, &st)); /* made again */
    assert_int_equal(st, 0);
    int i = report_dir("same1");
    assert_true(i >= 0);
    char a[900], b[900];
    snprintf(a, sizeof a, "%s/%s/progress-report.pdf", outdir, seen[i].name);
    snprintf(b, sizeof b, "%s/same2/progress-report.pdf", outdir);
    assert_same_tree(a, b);
}

/* A results file with errors writes nothing. */
static void report_refuses_bad_results(void **state)
{
    (void)state;
    Plan *p = plan_ok();
    plan_sha(p);
    plan_free(p);
    const char *path = results_file("refused.xml", 2563, plan_hex,
                                    "  <reporter agency=\"A1\" date=\"2020-10-15\"/>\n"
                                    "  <project ref=\"PJ-9\" agency=\"A1\" status=\"done\"/>\n");
    int st;
    char *msg = report("refused", path, &st);
    assert_int_equal(st, 1);
    assert_contains(msg, "refused.xml:4: error: project 'PJ-9' is not in the plan");
    free(msg);
    char pdf[900];
    snprintf(pdf, sizeof pdf, "%s/refused/progress-report.pdf", outdir);
    assert_int_not_equal(access(pdf, F_OK), 0);
    /* check takes results files too */
    assert_int_equal(run_sh(&msg, "%s check %s %s 2>&1", phaen(), PLAN, path), 1);
    assert_contains(msg, "refused.xml:4: error:");
    free(msg);
}

/* ---- the template's keys for statuses ------------------------------------- */

/* official.conf with `extra` lines appended (the progress keys it already
 * has are replaced by a second setting, which is an error, so they are
 * dropped first; so is the emblem, a file beside the template). */
static char *template_with(const char *extra, int *errors)
{
    FILE *f = fopen("templates/official.conf", "rb");
    assert_non_null(f);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *out = malloc(n + strlen(extra) + 2);
    size_t o = 0;
    for (char *line = buf; *line;) {
        char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line + 1) : strlen(line);
        /* the emblem is a file beside the template, and this one is in memory */
        if (strncmp(line, "progress.", 9) != 0 && strncmp(line, "cover.emblem =", 14) != 0) {
            memcpy(out + o, line, len);
            o += len;
        }
        line += len;
    }
    strcpy(out + o, extra);
    DiagCapture dc;
    diag_capture_init(&dc);
    Template *t = template_load_memory(out, strlen(out), "t.conf", &dc.d);
    *errors = dc.d.errors;
    free(out);
    out = strdup(diag_capture_text(&dc));
    if (t && !*extra) {
        assert_true(t->progress_achieved == 100 && t->progress_close == 80);
        assert_int_equal(t->colour_achieved, 0x1b7837);
    }
    template_free(t);
    diag_capture_free(&dc);
    return out;
}

static void template_progress_keys(void **state)
{
    (void)state;
    int errors;
    char *out = template_with("", &errors); /* absent: the defaults */
    assert_int_equal(errors, 0);
    free(out);
    out = template_with("progress.achieved = 95\nprogress.close = 95\n", &errors);
    assert_contains(out, "error: 'progress.close' (95) must be below 'progress.achieved' (95)");
    free(out);
    out = template_with("progress.achieved = 5000\n", &errors);
    assert_contains(out, "error: 'progress.achieved' is 5000, out of bounds");
    free(out);
    out = template_with("progress.colour.close = orange\n", &errors);
    assert_contains(out, "error: bad colour 'orange' for 'progress.colour.close': expected "
                         "#rrggbb");
    free(out);
    out = template_with("progress.colour.below = #B2182B\nprogress.close = 90\n", &errors);
    assert_int_equal(errors, 0);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(share_increase),
        cmocka_unit_test(share_decrease),
        cmocka_unit_test(share_maintain),
        cmocka_unit_test(status_thresholds),
        cmocka_unit_test(numbers_in_targets),
        cmocka_unit_test(target_of_a_year),
        cmocka_unit_test(yearly_target_errors),
        cmocka_unit_test(yearly_target_accepted),
        cmocka_unit_test(results_fixtures_clean),
        cmocka_unit_test(results_errors),
        cmocka_unit_test(results_year_and_sha),
        cmocka_unit_test(results_supporter_refused),
        cmocka_unit_test(results_duplicate_across_files),
        cmocka_unit_test(results_schema_errors),
        cmocka_unit_test(progress_of_fixtures),
        cmocka_unit_test(chart_bars_heights),
        cmocka_unit_test(chart_lines_points),
        cmocka_unit_test(report_2563),
        cmocka_unit_test(report_latest_year_and_missing),
        cmocka_unit_test(report_every_year),
        cmocka_unit_test(report_one_year_no_moves),
        cmocka_unit_test(report_years_in_tables),
        cmocka_unit_test(report_same_bytes),
        cmocka_unit_test(report_refuses_bad_results),
        cmocka_unit_test(template_progress_keys),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
