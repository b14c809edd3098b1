/* test_shapes.c - random valid plans of every shape (issue 10), checked and
 * rendered, with invariants on the model, the roll-ups and the PDFs.
 *
 * Each plan comes from shapes_gen.h with one seed.  For each: it loads,
 * resolves and checks with no error and no warning (--strict); every
 * composer builds its document in this process (so `make asan` watches
 * them); every budget roll-up equals the sums of the generator's own budget
 * lines, and every total the sum of its parts; `phaen render --strict`
 * exits 0; qpdf --check finds nothing; and every indicator and project is in
 * the documents that should show it (pdftotext), every front-matter section
 * before the background chapter, every agency's chain on its sheet.
 *
 * Environment: SHAPES_SEED (first seed; default fixed, so runs repeat),
 * SHAPES_COUNT (how many plans), SHAPES_LARGE=1 (the larger shapes of
 * `make shapes`), SHAPES_STRESS=0 (leave out the long phase names that
 * once made the layout run forever; on by default).  A failure names its seed: SHAPES_SEED=<seed>
 * SHAPES_COUNT=1 replays it alone, and the plan stays in
 * $BUILD/tests/out/shapes/<seed>/plan.xml.
 */
#include "testutil.h"
#include "dumptext.h"

#include <sys/stat.h>
#include <time.h>

#include "budget.h"
#include "check.h"
#include "dump.h"
#include "fonts.h"
#include "load.h"
#include "plan.h"
#include "render.h"
#include "resolve.h"
#include "thai.h"
#include "template.h"
#include "shapes_gen.h"

static const char *phaen, *build;
static Template *tpl;

/* What went wrong with one plan (the first problem). */
typedef struct Fail {
    char msg[4096];
    int failed;
} Fail;

static void failf(Fail *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void failf(Fail *f, const char *fmt, ...)
{
    if (f->failed)
        return;
    f->failed = 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->msg, sizeof f->msg, fmt, ap);
    va_end(ap);
}

/* ---- the roll-ups --------------------------------------------------------- */

/* The generator's own sums: per fiscal year of the plan, over projects
 * whose lead is agency `lead` (-1: any) or whose lead's ministry is
 * `ministry` (-1: any). */
static int64_t expected(const ShapePlan *g, int year, int lead, int ministry, int *set)
{
    int64_t sum = 0;
    *set = 0;
    for (int k = 0; k < g->n_pj; k++) {
        const SgProject *pj = &g->pj[k];
        if (lead >= 0 && pj->lead != lead)
            continue;
        int top = pj->lead;
        while (g->ag[top].parent >= 0)
            top = g->ag[top].parent;
        if (ministry >= 0 && top != ministry)
            continue;
        for (int f = 0; f < pj->n_fy; f++)
            if (pj->fy[f].year == year) {
                sum += pj->fy[f].baht;
                *set = 1;
            }
    }
    return sum;
}

/* Sum of column y over `rows` rows of m (rows x ny). */
static int64_t column(const int64_t *m, size_t rows, size_t ny, size_t y)
{
    int64_t s = 0;
    for (size_t i = 0; i < rows; i++)
        s += m[i * ny + y];
    return s;
}

static void check_rollups(const ShapePlan *g, const Plan *p, Fail *f)
{
    Rollup *r = rollup_new(p);
    if (!r) {
        failf(f, "rollup_new failed");
        return;
    }
    size_t ny = r->n_years;
    int64_t grand = 0;
    for (size_t y = 0; y < ny; y++) {
        int set;
        int64_t want = expected(g, r->years[y], -1, -1, &set);
        grand += want;
        if (r->year[y] != want || !r->year_set[y] || !set)
            failf(f, "fiscal year %d: total %lld, the plan's lines add up to %lld",
                  r->years[y], (long long)r->year[y], (long long)want);
        /* every total is the sum of its parts, whichever way it is cut */
        if (column(r->program, p->n_programs, ny, y) != r->year[y])
            failf(f, "fiscal year %d: programs do not add up to the total", r->years[y]);
        if (column(r->issue, p->n_issues, ny, y) != r->year[y])
            failf(f, "fiscal year %d: issues do not add up to the total", r->years[y]);
        if (column(r->lead, p->n_agencies, ny, y) != r->year[y])
            failf(f, "fiscal year %d: lead agencies do not add up to the total", r->years[y]);
        if (column(r->ministry, p->n_agencies, ny, y) != r->year[y])
            failf(f, "fiscal year %d: ministries do not add up to the total", r->years[y]);
        for (int a = 0; a < g->n_ag; a++) {
            int s1, s2;
            int64_t l = expected(g, r->years[y], a, -1, &s1);
            int64_t m = expected(g, r->years[y], -1, a, &s2);
            if (r->lead[(size_t)a * ny + y] != l || r->lead_set[(size_t)a * ny + y] != s1)
                failf(f, "agency %s, fiscal year %d: lead total %lld (set %d), expected "
                      "%lld (set %d)", g->ag[a].id, r->years[y],
                      (long long)r->lead[(size_t)a * ny + y], r->lead_set[(size_t)a * ny + y],
                      (long long)l, s1);
            if (r->ministry[(size_t)a * ny + y] != m || r->ministry_set[(size_t)a * ny + y] != s2)
                failf(f, "ministry %s, fiscal year %d: total %lld, expected %lld",
                      g->ag[a].id, r->years[y], (long long)r->ministry[(size_t)a * ny + y],
                      (long long)m);
        }
    }
    if (r->grand != grand || r->grand_set != (ny > 0))
        failf(f, "grand total %lld, the plan's lines add up to %lld", (long long)r->grand,
              (long long)grand);
    /* the shown millions add up too (rows, columns, grand total) */
    Rounded rd;
    if (rounded_millions(&rd, r->issue, p->n_issues, ny, 2) != 0) {
        failf(f, "rounded_millions failed");
    } else {
        int64_t sum = 0;
        for (size_t y = 0; y < ny; y++) {
            sum += rd.col_total[y];
            if (column(rd.cell, rd.rows, ny, y) != rd.col_total[y])
                failf(f, "millions: column %zu does not add up to its total", y);
        }
        for (size_t i = 0; i < rd.rows; i++) {
            int64_t row = 0;
            for (size_t y = 0; y < ny; y++)
                row += rd.cell[i * ny + y];
            if (row != rd.row_total[i])
                failf(f, "millions: row %zu does not add up to its total", i);
        }
        if (sum != rd.grand)
            failf(f, "millions: the columns do not add up to the grand total");
        rounded_free(&rd);
    }
    /* every composer, in this process (sanitizers see them) */
    Doc *d = compose_master_plan(p, tpl);
    if (!d)
        failf(f, "compose_master_plan failed");
    doc_free(d);
    d = compose_action_plan(p, tpl, r);
    if (!d)
        failf(f, "compose_action_plan failed");
    doc_free(d);
    d = compose_agency_sheets(p, tpl, r);
    if (!d)
        failf(f, "compose_agency_sheets failed");
    doc_free(d);
    rollup_free(r);
}

/* ---- the documents -------------------------------------------------------- */

/* Where the documents' text comes from: the PDFs in `dir` read back by
 * pdftotext, or (dir NULL) the page dumps (dump.h) of the plan's documents
 * composed and laid out in this process, which costs a fraction of a
 * render and of the readers.  The layout and its invariants are the same;
 * what only a PDF shows (qpdf --check, text extraction) is checked on the
 * plans rendered to PDF. */
typedef struct Docs {
    const char *dir;
    const Plan *plan;
} Docs;

static FontSet *shape_fonts;

static int dump_invariants(const char *dump, const char *file, Fail *f)
{
    const char *bad = dump_bad_line(dump); /* dumptext.h */
    if (bad) {
        failf(f, "%s: %s", file, bad);
        return -1;
    }
    return 0;
}

static char *dump_text(const Docs *dc, const char *file, Fail *f)
{
    const Plan *p = dc->plan;
    Rollup *r = rollup_new(p);
    assert_non_null(r);
    Doc *doc = NULL;
    if (!strcmp(file, "master-plan.pdf"))
        doc = compose_master_plan(p, tpl);
    else if (!strcmp(file, "action-plan.pdf"))
        doc = compose_action_plan(p, tpl, r);
    else if (!strcmp(file, "sheets/all-sheets.pdf"))
        doc = compose_agency_sheets(p, tpl, r);
    else
        for (size_t i = 0; i < p->n_agencies; i++)
            if (!strncmp(file, "sheets/", 7) && !strncmp(file + 7, p->agencies[i].id,
                                                         strlen(p->agencies[i].id)) &&
                !strcmp(file + 7 + strlen(p->agencies[i].id), ".pdf"))
                doc = compose_agency_sheet(p, tpl, r, &p->agencies[i]);
    assert_non_null(doc);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    fputc('\n', out);
    DiagCapture cap;
    diag_capture_init(&cap);
    if (dump_pages(doc, tpl, shape_fonts, out, &cap.d) != 0)
        failf(f, "the layout of %s failed:\n%s", file, diag_capture_text(&cap));
    diag_capture_free(&cap);
    assert_int_equal(fclose(out), 0);
    dump_invariants(buf, file, f);
    doc_free(doc);
    rollup_free(r);
    return buf;
}

static char *pdf_text(const Docs *dc, const char *file, Fail *f)
{
    if (!dc->dir)
        return dump_text(dc, file, f);
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dc->dir, file);
    char *t;
    int st = run_argv(&t, 1, (const char *[]){"pdftotext", "-raw", path, "-", NULL});
    if (st != 0)
        failf(f, "pdftotext %s failed: %.200s", file, t);
    return t;
}

static void qpdf_clean(const Docs *dc, const char *file, Fail *f)
{
    if (!dc->dir)
        return;
    char path[1200], *t;
    snprintf(path, sizeof path, "%s/%s", dc->dir, file);
    int st = run_argv(&t, 1, (const char *[]){"qpdf", "--check", path, NULL});
    if (st != 0)
        failf(f, "qpdf --check %s: %.300s", file, t);
    free(t);
}

static void must_show(const char *text, const char *what, const char *doc, Fail *f)
{
    if (!strstr(text, what))
        failf(f, "%s does not show '%s'", doc, what);
}

/* Layout invariants seen from the documents' text (the engine checks ink
 * against its boxes and the margins itself, and fails the render): every
 * yearly amount of every project comes out of the action plan whole, so no
 * number was broken across lines however many digits it has.  `action` is
 * the action plan's text (read back from its PDF, or its page dump). */
static void layout_checks(const ShapePlan *g, const char *action, Fail *f)
{
    for (int k = 0; k < g->n_pj; k++)
        for (int y = 0; y < g->pj[k].n_fy; y++) {
            char amount[64];
            if (g->pj[k].fy[y].baht <= 0)
                continue;
            thai_baht(amount, sizeof amount, g->pj[k].fy[y].baht, NUMERALS_THAI);
            if (!strstr(action, amount))
                failf(f, "action-plan.pdf does not show project %s's amount %s whole",
                      g->pj[k].id, amount);
        }
}

static void check_documents(const ShapePlan *g, const Docs *dir, Fail *f)
{
    char *master = pdf_text(dir, "master-plan.pdf", f);
    char *action = pdf_text(dir, "action-plan.pdf", f);
    for (int i = 0; i < g->n_ind; i++)
        must_show(master, g->ind[i].tag, "master-plan.pdf", f);
    for (int k = 0; k < g->n_pj; k++) {
        must_show(action, g->pj[k].id, "action-plan.pdf", f);
        for (int q = 0; q < g->pj[k].n_ind; q++)
            must_show(action, g->ind[g->pj[k].ind[q]].no, "action-plan.pdf", f);
    }
    /* front matter first: every preface and executive summary before any
     * section of the background chapter (and so before chapter 1) */
    const char *first_bg = NULL;
    for (int i = 0; i < g->n_sec; i++) {
        const char *at = strstr(master, g->sec[i].tag);
        if (!at) {
            failf(f, "master-plan.pdf does not show section '%s'", g->sec[i].tag);
            continue;
        }
        int front = !strcmp(g->sec[i].role, "preface") ||
                    !strcmp(g->sec[i].role, "executive-summary");
        if (!front && (!first_bg || at < first_bg))
            first_bg = at;
    }
    for (int i = 0; i < g->n_sec; i++) {
        const char *at = strstr(master, g->sec[i].tag);
        int front = !strcmp(g->sec[i].role, "preface") ||
                    !strcmp(g->sec[i].role, "executive-summary");
        if (front && at && first_bg && at > first_bg)
            failf(f, "front-matter section '%s' comes after the background chapter",
                  g->sec[i].tag);
    }
    /* the sheets: what each agency leads, supports, answers for, and its
     * whole chain up to its ministry.  Every agency's items are in
     * all-sheets.pdf; a few sheets are read one by one (each reader run
     * costs time): the first two and the deepest agency. */
    char *all = pdf_text(dir, "sheets/all-sheets.pdf", f);
    for (int k = 0; k < g->n_pj; k++)
        must_show(all, g->pj[k].id, "sheets/all-sheets.pdf", f);
    for (int i = 0; i < g->n_ind; i++)
        if (g->ind[i].n_answerable)
            must_show(all, g->ind[i].tag, "sheets/all-sheets.pdf", f);
    free(all);
    int deepest = 0;
    for (int a = 0; a < g->n_ag; a++)
        if (g->ag[a].depth > g->ag[deepest].depth)
            deepest = a;
    for (int a = 0; a < g->n_ag && !f->failed; a++) {
        if (a >= 2 && a != deepest)
            continue;
        char file[64];
        snprintf(file, sizeof file, "sheets/%s.pdf", g->ag[a].id);
        char *sheet = pdf_text(dir, file, f);
        for (int up = g->ag[a].parent; up >= 0; up = g->ag[up].parent)
            must_show(sheet, g->ag[up].abbr, file, f);
        for (int k = 0; k < g->n_pj; k++) {
            int mine = g->pj[k].lead == a;
            for (int s = 0; s < g->pj[k].n_support; s++)
                mine |= g->pj[k].support[s] == a;
            if (mine)
                must_show(sheet, g->pj[k].id, file, f);
        }
        for (int i = 0; i < g->n_ind; i++)
            for (int s = 0; s < g->ind[i].n_answerable; s++)
                if (g->ind[i].answerable[s] == a)
                    must_show(sheet, g->ind[i].tag, file, f);
        free(sheet);
        if (a == 0) /* all-sheets.pdf holds every one */
            qpdf_clean(dir, file, f);
    }
    qpdf_clean(dir, "master-plan.pdf", f);
    qpdf_clean(dir, "action-plan.pdf", f);
    qpdf_clean(dir, "sheets/all-sheets.pdf", f);
    layout_checks(g, action, f); /* the same text: not laid out or read twice */
    free(master);
    free(action);
}

/* ---- one plan ------------------------------------------------------------- */

/* The plan's XML into dir/plan.xml (dir made afresh). */
static void save_plan(const ShapePlan *g, const char *dir, const char *path)
{
    assert_int_equal(remove_tree(dir), 0);
    assert_int_equal(mkdir_parents(dir), 0);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(g->xml, 1, g->len, fp), g->len);
    assert_int_equal(fclose(fp), 0);
}

static void one_plan(uint64_t seed, const SgLimits *lim, int as_pdf, Fail *f)
{
    ShapePlan *g = calloc(1, sizeof *g);
    assert_non_null(g);
    shape_generate(g, seed, lim);

    char dir[1024], path[1100];
    snprintf(dir, sizeof dir, "%s/tests/out/shapes/%llu", build, (unsigned long long)seed);
    snprintf(path, sizeof path, "%s/plan.xml", dir);
    if (as_pdf) /* else written only if it fails */
        save_plan(g, dir, path);

    DiagCapture dc;
    diag_capture_init(&dc);
    Plan *p = plan_load_memory(g->xml, g->len, "plan.xml", NULL, &dc.d);
    if (p) {
        plan_resolve(p, &dc.d);
        plan_check(p, &dc.d);
    }
    if (!p || dc.d.errors || dc.d.warnings)
        failf(f, "the plan does not pass check --strict:\n%s", diag_capture_text(&dc));
    else
        check_rollups(g, p, f);
    if (!f->failed && !as_pdf)
        check_documents(g, &(Docs){.plan = p}, f);
    plan_free(p);
    diag_capture_free(&dc);

    if (!f->failed && as_pdf) {
        /* a time limit: a layout that never ends is a failure with a seed */
        char limit[16], pdfdir[1100], *out;
        snprintf(limit, sizeof limit, "%d", UNDER_ASAN ? 600 : 120);
        snprintf(pdfdir, sizeof pdfdir, "%s/pdf", dir);
        int st = run_argv(&out, 1, (const char *[]){"timeout", limit, phaen, "render", "--strict",
                                                    "-j1", path, "-o", pdfdir, NULL});
        if (st != 0)
            failf(f, "phaen render exited %d:\n%.2000s", st, out);
        free(out);
    }
    if (!f->failed && as_pdf) {
        char pdfdir[1100];
        snprintf(pdfdir, sizeof pdfdir, "%s/pdf", dir);
        check_documents(g, &(Docs){.dir = pdfdir}, f);
    }
    if (!f->failed && as_pdf) /* keep only what a failure needs */
        assert_int_equal(remove_tree(dir), 0);
    if (f->failed && !as_pdf)
        save_plan(g, dir, path);
    free(g->xml);
    free(g);
}

static uint64_t env_u64(const char *name, uint64_t dflt)
{
    const char *v = getenv(name);
    return v && *v ? strtoull(v, NULL, 10) : dflt;
}

/* Every plan of the run; the failures are listed with their seeds at the
 * end, each with the line that replays it. */
static void test_random_plans(void **state)
{
    int large = env_u64("SHAPES_LARGE", 0) != 0;
    SgLimits lim = large ? (SgLimits){8, 20, 60, 6, 0} : (SgLimits){3, 20, 10, 3, 0};
    lim.stress = env_u64("SHAPES_STRESS", 1) != 0;
    uint64_t first = env_u64("SHAPES_SEED", 20261202);
    /* `make test` checks a dozen small plans (two of them through PDFs:
     * SHAPES_PDF_EVERY); `make shapes` sweeps hundreds of large ones, one
     * in four through PDFs */
    uint64_t count = env_u64("SHAPES_COUNT", UNDER_ASAN ? 6 : 12);
    /* One plan in SHAPES_PDF_EVERY is rendered to PDF by phaen and read
     * back; the others are checked on their page dumps (see Docs).  A plan
     * through PDFs costs 0.6 s CPU (a render, six pdftotext and four qpdf
     * runs), one on its dumps 0.13 s. */
    uint64_t every = env_u64("SHAPES_PDF_EVERY", large ? 4 : 6);
    int failures = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (uint64_t i = 0; i < count; i++) {
        Fail f = {.failed = 0};
        one_plan(first + i, &lim, every <= 1 || i % every == 0, &f);
        if (f.failed) {
            failures++;
            print_message("shapes: seed %llu failed (replay: SHAPES_SEED=%llu SHAPES_COUNT=1%s; "
                          "plan in %s/tests/out/shapes/%llu/plan.xml):\n  %s\n",
                          (unsigned long long)(first + i), (unsigned long long)(first + i),
                          large ? " SHAPES_LARGE=1" : "", build,
                          (unsigned long long)(first + i), f.msg);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    print_message("shapes: %llu %s plans from seed %llu in %.1f s, %d failed\n",
                  (unsigned long long)count, large ? "large" : "small",
                  (unsigned long long)first,
                  (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, failures);
    if (failures)
        fail_msg("%d of %llu random plans failed (seeds above)", failures,
                 (unsigned long long)count);
}

/* Large plans `make shapes` once failed on, replayed (page dumps): a
 * chapter's contents entry at the foot of a page went past it (the space
 * above a chapter's entry was not counted), and a bold right-aligned
 * total label too wide for its columns started left of its box. */
static void test_seeds_that_failed(void **state)
{
    static const uint64_t seeds[] = {20261255, 20261268};
    SgLimits lim = {8, 20, 60, 6, 0};
    lim.stress = 1;
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        Fail f = {.failed = 0};
        one_plan(seeds[i], &lim, 0, &f);
        if (f.failed)
            fail_msg("seed %llu: %s", (unsigned long long)seeds[i], f.msg);
    }
}

/* The generator itself: one seed, one plan, byte for byte (replays are
 * real), and different seeds give different plans. */
static void test_generator_is_replayable(void **state)
{
    SgLimits lim = {8, 20, 60, 6, 1};
    ShapePlan *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    shape_generate(a, 7, &lim);
    shape_generate(b, 7, &lim);
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->xml, b->xml, a->len);
    free(b->xml);
    shape_generate(b, 8, &lim);
    assert_true(a->len != b->len || memcmp(a->xml, b->xml, a->len) != 0);
    free(a->xml);
    free(b->xml);
    free(a);
    free(b);
}

/* Over many seeds the generator reaches every shape the issue names. */
static void test_generator_covers_the_shapes(void **state)
{
    SgLimits lim = {8, 20, 60, 6, 1};
    int one_phase = 0, many_phases = 0, qualitative = 0, cross = 0, deep = 0, zero = 0,
        billions = 0, front = 0, many_issues = 0;
    ShapePlan *g = calloc(1, sizeof *g);
    assert_non_null(g);
    for (uint64_t s = 1; s <= 300; s++) {
        shape_generate(g, s, &lim);
        one_phase |= g->n_phases == 1;
        many_phases |= g->n_phases >= 13;
        many_issues |= g->n_issues == 8;
        cross |= g->cross_issue;
        for (int i = 0; i < g->n_ind; i++)
            qualitative |= g->ind[i].qualitative;
        for (int i = 0; i < g->n_ag; i++)
            deep |= g->ag[i].depth == 3;
        for (int k = 0; k < g->n_pj; k++)
            for (int y = 0; y < g->pj[k].n_fy; y++) {
                zero |= g->pj[k].fy[y].baht == 0;
                billions |= g->pj[k].fy[y].baht >= INT64_C(100000000000);
            }
        for (int i = 0; i < g->n_sec; i++)
            front |= !strcmp(g->sec[i].role, "preface");
        free(g->xml);
    }
    free(g);
    assert_true(one_phase && many_phases && many_issues);
    assert_true(qualitative && cross && deep && zero && billions && front);
}

/* ---- the fixed format-2 plan (tests/data/shapes-v2.xml) ------------------- */

#define SHAPES_V2 "tests/data/shapes-v2.xml"

/* pdftotext -raw of a PDF with all white space removed (Thai wraps
 * anywhere in a cell), malloc'd; each PDF read once (the tests below read
 * some of them two or three times). */
static char *squeezed(const char *path)
{
    static struct { char path[1100]; char *text; } seen[8];
    size_t i = 0;
    while (i < 8 && seen[i].text && strcmp(seen[i].path, path) != 0)
        i++;
    assert_true(i < 8);
    if (!seen[i].text) {
        char *raw;
        assert_int_equal(run_argv(&raw, 1, (const char *[]){"pdftotext", "-raw", path, "-", NULL}),
                         0);
        char *w = raw;
        for (const char *c = raw; *c; c++)
            if (*c != ' ' && *c != '\n' && *c != '\t' && *c != '\f' && *c != '\r')
                *w++ = *c;
        *w = '\0';
        snprintf(seen[i].path, sizeof seen[i].path, "%s", path);
        seen[i].text = raw;
    }
    return strdup(seen[i].text);
}

static const char *v2_dir(void)
{
    static char dir[1024];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "%s/tests/out/shapes-v2", build);
        assert_int_equal(remove_tree(dir), 0);
        char *o;
        int st = run_argv(&o, 1, (const char *[]){phaen, "render", "-j1", SHAPES_V2, "-o", dir, NULL});
        if (st != 0)
            fail_msg("render %s: %s", SHAPES_V2, o);
        free(o);
    }
    return dir;
}

/* Qualitative targets (text) draw no "has no number" warning, a strategy
 * may serve a goal of another issue, 14 phases check: the one warning is
 * the agency with no role. */
static void test_v2_checks(void **state)
{
    char *o;
    assert_int_equal(run_argv(&o, 1, (const char *[]){phaen, "check", SHAPES_V2, NULL}), 0);
    assert_string_equal(o, SHAPES_V2 ":117: warning: agency 'LONE' has no role in the plan\n");
    free(o);
}

/* 14 phases: the indicator tables are all there (a fixed array of 16
 * columns overflowed from 13 phases on, and the release build dropped every
 * indicator table); the qualitative one prints its text targets. */
static void test_v2_many_phases_and_qualitative(void **state)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/master-plan.pdf", v2_dir());
    char *t = squeezed(path);
    assert_contains(t, "Tquanttag");
    assert_contains(t, "Tqualtag");
    assert_not_contains(t, "การค้ามนุษย์(คงที่)"); /* no direction when qualitative */
    assert_contains(t, "มีความรู้(เพิ่มขึ้น)");
    assert_contains(t, "มีระบบติดตามครบทุกจังหวัด");
    assert_contains(t, "ยังไม่มีระบบติดตาม");
    /* the cross-issue strategy of issue 2 names goal 1.1 */
    assert_contains(t, "กลยุทธ์ที่๒.๑");
    assert_contains(t, "(เป้าประสงค์ที่๒.๑,๑.๑)");
    free(t);
}

/* The preface and the executive summary come before chapter 1, in that
 * order, unnumbered; the background chapter numbers its own sections from
 * 1.1. */
static void test_v2_front_matter_before_chapter_one(void **state)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/master-plan.pdf", v2_dir());
    char *t = squeezed(path);
    const char *body = strstr(t, "สารบัญ");
    assert_non_null(body);
    const char *pref = strstr(t, "คำนำSprefacetag"), *exec = strstr(t, "บทสรุปผู้บริหารSexectag");
    const char *ch1 = strstr(t, "บทที่๑ความเป็นมา");
    assert_non_null(pref);
    assert_non_null(exec);
    assert_non_null(ch1);
    assert_true(pref < exec && exec < ch1);
    assert_contains(t, "๑.๑ความเป็นมาSbgtag");
    assert_not_contains(t, "๑.๑คำนำ");
    assert_not_contains(t, "๑.๒บทสรุปผู้บริหาร");
    free(t);
}

/* A department under a department under a department under a ministry:
 * its sheet shows the whole chain up to the ministry. */
static void test_v2_sheet_shows_the_whole_chain(void **state)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/sheets/UNIT.pdf", v2_dir());
    char *t = squeezed(path);
    assert_contains(t, "กองทดสอบ(Bdivtag)กรมทดสอบ(Bdepttag)กระทรวงทดสอบ(Bmintag)");
    free(t);
}

/* A year of 0 baht and a year with no allocation are told apart the same
 * way in the action plan and on the sheet: ๐ and – (template labels
 * budget_zero and budget_none). */
static void test_v2_zero_and_no_allocation(void **state)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/sheets/UNIT.pdf", v2_dir());
    char *sheet = squeezed(path);
    /* its projects: 2563 is 0 baht, 2565 twelve digits */
    assert_contains(sheet, "๒๕๖๓๒๕๖๕รวม๐");
    /* the budget section: nothing is "no allocation" for its own years */
    snprintf(path, sizeof path, "%s/sheets/DIV.pdf", v2_dir());
    char *div = squeezed(path);
    /* DIV leads nothing: every figure of its budget is "no allocation" */
    assert_contains(div, "๒๕๖๓–");
    assert_not_contains(div, "๒๕๖๓๐");
    snprintf(path, sizeof path, "%s/action-plan.pdf", v2_dir());
    char *act = squeezed(path);
    assert_contains(act, "รวมแผนงาน๒.๑๐");
    free(sheet);
    free(div);
    free(act);
}

/* The roll-up by ministry: UNIT's budget counts to the top of its chain. */
static void test_v2_summary_by_ministry(void **state)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/action-plan.pdf", v2_dir());
    char *t = squeezed(path);
    const char *toc = strstr(t, "สรุปงบประมาณจำแนกตามกระทรวง"); /* then the body */
    assert_non_null(toc);
    const char *body = strstr(toc + 1, "สรุปงบประมาณจำแนกตามกระทรวง");
    assert_non_null(body);
    /* 2563 is 0 baht: the template's zero, as in every table */
    assert_contains(body, "กระทรวงทดสอบ(Bmintag)๐๑๒๓,๔๕๖.๗๙๑๒๓,๔๕๖.๗๙");
    free(t);
}

/* "No role" means the same in check and on the sheets: LONE is warned
 * about and its sheet says so; the ministry, whose role is through the
 * agencies under it, is not, and its sheet lists them. */
static void test_v2_no_role_agrees_with_check(void **state)
{
    static const char *const ids[] = {"MIN", "DEPT", "DIV", "UNIT", "LONE"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char path[1100];
        snprintf(path, sizeof path, "%s/sheets/%s.pdf", v2_dir(), ids[i]);
        char *t = squeezed(path);
        int no_role = strstr(t, "หน่วยงานนี้ไม่มีบทบาทในแผนฉบับนี้") != NULL;
        if (no_role != !strcmp(ids[i], "LONE"))
            fail_msg("sheet of %s: 'no role' is %d", ids[i], no_role);
        free(t);
    }
    char path[1100];
    snprintf(path, sizeof path, "%s/sheets/MIN.pdf", v2_dir());
    char *t = squeezed(path);
    assert_contains(t, "Bdivtag");
    assert_contains(t, "Bunittag");
    free(t);
}

/* Format 1 keeps its own schema: no kind attribute, no front-matter role. */
static void test_format_one_refuses_format_two_words(void **state)
{
    FILE *f = fopen(SHAPES_V2, "rb");
    assert_non_null(f);
    char *buf = calloc(1, 1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    char *fmt = strstr(buf, "format=\"2\"");
    assert_non_null(fmt);
    fmt[8] = '1';
    DiagCapture dc;
    diag_capture_init(&dc);
    Plan *p = plan_load_memory(buf, n, "v1.xml", NULL, &dc.d);
    assert_null(p);
    const char *t = diag_capture_text(&dc);
    assert_contains(t, "cannot be 'executive-summary'");
    assert_contains(t, "<indicator> does not take an attribute 'kind'");
    diag_capture_free(&dc);
    free(buf);
}

static int setup(void **state)
{
    phaen = getenv("PHAEN");
    if (!phaen || !*phaen)
        phaen = "build/phaen";
    build = getenv("BUILD");
    if (!build || !*build)
        build = "build";
    DiagCapture dc;
    diag_capture_init(&dc);
    tpl = template_load("templates/official.conf", &dc.d);
    shape_fonts = tpl ? fonts_open("fonts", tpl->font_family, &dc.d) : NULL;
    diag_capture_free(&dc);
    return shape_fonts ? 0 : -1;
}

static int teardown(void **state)
{
    fonts_close(shape_fonts);
    template_free(tpl);
    fonts_cleanup();
    load_cleanup();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generator_is_replayable),
        cmocka_unit_test(test_generator_covers_the_shapes),
        cmocka_unit_test(test_v2_checks),
        cmocka_unit_test(test_v2_many_phases_and_qualitative),
        cmocka_unit_test(test_v2_front_matter_before_chapter_one),
        cmocka_unit_test(test_v2_sheet_shows_the_whole_chain),
        cmocka_unit_test(test_v2_zero_and_no_allocation),
        cmocka_unit_test(test_v2_summary_by_ministry),
        cmocka_unit_test(test_v2_no_role_agrees_with_check),
        cmocka_unit_test(test_format_one_refuses_format_two_words),
        cmocka_unit_test(test_random_plans),
        cmocka_unit_test(test_seeds_that_failed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
