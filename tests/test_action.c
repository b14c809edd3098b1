/* test_action.c - the action plan (action.c): the sample's action plan is
 * composed and laid out, and its text read from the layout (dumptext.h);
 * the PDF `phaen render` makes of it (the shared render, testutil.h) is
 * checked with qpdf and pdfinfo; its roll-up is checked against a direct sum
 * over the XML's budget lines. */
#include "testutil.h"

#include <ctype.h>

#include "budget.h"
#include "check.h"
#include "fonts.h"
#include "load.h"
#include "plan.h"
#include "render.h"
#include "resolve.h"
#include "thai.h"

#include "dumptext.h"

static const char SAMPLE[] = "samples/trafficking-2561-2580.xml";

typedef struct Fixture {
    DiagCapture c;
    Plan *p;
    Template *t;
    FontSet *fs;
    Rollup *r;
    char pdf[512];
    char *text;      /* the laid-out text, white space squeezed out */
} Fixture;

/* The text with every ASCII white space removed: Thai lines wrap anywhere,
 * so a title is searched for without its spaces. */
static char *squeeze(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    assert_non_null(out);
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            *o++ = *s;
    *o = '\0';
    return out;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    diag_capture_init(&f->c);
    f->p = plan_load(SAMPLE, NULL, &f->c.d);
    assert_non_null(f->p);
    plan_resolve(f->p, &f->c.d);
    plan_check(f->p, &f->c.d);
    assert_int_equal(f->c.d.errors, 0);
    f->t = template_load("templates/official.conf", &f->c.d);
    assert_non_null(f->t);
    f->fs = fonts_open("fonts", f->t->font_family, &f->c.d);
    assert_non_null(f->fs);
    f->r = rollup_new(f->p);
    assert_non_null(f->r);
    snprintf(f->pdf, sizeof f->pdf, "%s/action-plan.pdf", shared_render(SAMPLE, NULL));
    Doc *doc = compose_action_plan(f->p, f->t, f->r);
    assert_non_null(doc);
    char *raw = layout_text(doc, f->t, f->fs, NULL);
    doc_free(doc);
    f->text = squeeze(raw);
    free(raw);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    free(f->text);
    rollup_free(f->r);
    fonts_close(f->fs);
    template_free(f->t);
    plan_free(f->p);
    diag_capture_free(&f->c);
    free(f);
    return 0;
}

/* What `plain` looks like in the tables: digits in the table style, no
 * white space. */
static char *as_shown(const Fixture *f, const char *plain)
{
    size_t n = strlen(plain) * 3 + 1;
    char *buf = malloc(n);
    assert_non_null(buf);
    thai_digits(buf, n, plain, f->t->numerals_tables);
    char *s = squeeze(buf);
    free(buf);
    return s;
}

static void assert_shown(const Fixture *f, const char *plain)
{
    char *s = as_shown(f, plain);
    if (!strstr(f->text, s))
        fail_msg("'%s' is not in the action plan's text", s);
    free(s);
}

static void assert_baht_shown(const Fixture *f, int64_t v)
{
    char buf[96];
    thai_baht(buf, sizeof buf, v, f->t->numerals_tables);
    assert_shown(f, buf);
}

/* ---- the PDF -------------------------------------------------------------- */

static void test_every_project_title_appears(void **state)
{
    Fixture *f = *state;
    size_t n = 0;
    for (size_t g = 0; g < f->p->n_programs; g++)
        for (size_t j = 0; j < f->p->programs[g].n_projects; j++, n++) {
            assert_shown(f, f->p->programs[g].projects[j].title);
            /* ids are written as they are */
            assert_contains(f->text, f->p->programs[g].projects[j].id);
        }
    assert_int_equal(n, 48);
    /* fiscal years as Thai budget documents label them */
    for (size_t y = 0; y < f->p->n_fiscal_years; y++) {
        char raw[64], want[192];
        snprintf(raw, sizeof raw, "ปีงบประมาณพ.ศ.%d", f->p->fiscal_years[y]);
        thai_digits(want, sizeof want, raw, NUMERALS_THAI);
        assert_contains(f->text, want);
    }
}

static void test_grand_and_issue_totals_appear(void **state)
{
    Fixture *f = *state;
    assert_true(f->r->grand > 0);
    assert_baht_shown(f, f->r->grand);
    for (size_t i = 0; i < f->p->n_issues; i++) {
        int64_t sum = 0;
        for (size_t y = 0; y < f->r->n_years; y++)
            sum += f->r->issue[i * f->r->n_years + y];
        assert_true(sum > 0);
        assert_baht_shown(f, sum);
    }
    for (size_t y = 0; y < f->r->n_years; y++)
        assert_baht_shown(f, f->r->year[y]);
    assert_shown(f, template_label(f->t, "rounding_note"));
}

/* A rounded figure (2 decimals) as the summary tables write it. */
static void assert_units_shown(const Fixture *f, int64_t units)
{
    char ip[64], raw[96];
    thai_baht(ip, sizeof ip, units / 100, NUMERALS_ARABIC);
    snprintf(raw, sizeof raw, "%s.%02lld", ip, (long long)(units % 100));
    assert_shown(f, raw);
}

/* The summary tables: the shown totals add up, and every shown total is in
 * the PDF. */
static void check_summary(const Fixture *f, const int64_t *m, size_t rows)
{
    Rounded rd;
    assert_int_equal(rounded_millions(&rd, m, rows, f->r->n_years, 2), 0);
    int64_t grand = 0;
    for (size_t i = 0; i < rows; i++) {
        int64_t s = 0;
        for (size_t y = 0; y < rd.cols; y++)
            s += rd.cell[i * rd.cols + y];
        assert_int_equal(s, rd.row_total[i]);
        if (s)
            assert_units_shown(f, s);
    }
    for (size_t y = 0; y < rd.cols; y++) {
        int64_t s = 0;
        for (size_t i = 0; i < rows; i++)
            s += rd.cell[i * rd.cols + y];
        assert_int_equal(s, rd.col_total[y]);
        assert_units_shown(f, s);
        grand += s;
    }
    assert_int_equal(grand, rd.grand);
    assert_units_shown(f, rd.grand);
    /* the exact grand total in baht rounds to the shown grand total */
    assert_int_equal(rd.grand, (f->r->grand + 5000) / 10000);
    rounded_free(&rd);
}

static void test_summary_totals_add_up(void **state)
{
    Fixture *f = *state;
    const Plan *p = f->p;
    size_t ny = f->r->n_years;
    check_summary(f, f->r->issue, p->n_issues);
    /* by lead agency: only the agencies that lead something, as composed */
    int64_t *m = calloc(p->n_agencies * ny + 1, sizeof *m);
    assert_non_null(m);
    size_t n = 0;
    for (size_t i = 0; i < p->n_agencies; i++)
        if (p->agencies[i].n_leads)
            memcpy(m + n++ * ny, f->r->lead + i * ny, ny * sizeof *m);
    assert_true(n > 0);
    check_summary(f, m, n);
    free(m);
}

static void test_qpdf_check_and_landscape(void **state)
{
    Fixture *f = *state;
    char *out;
    int st = shared_tool(&out, 1, (const char *[]){"qpdf", "--check", f->pdf, NULL});
    if (st != 0)
        fail_msg("qpdf --check failed:\n%s", out);
    free(out);
    /* the cover and the contents are portrait; the body landscape */
    assert_int_equal(run_argv(&out, 0, (const char *[]){"pdfinfo", "-f", "1", "-l", "3", f->pdf, NULL}),
                     0);
    assert_contains(out, "Page    1 size:  595.276 x 841.89");
    assert_contains(out, "Page    2 size:  595.276 x 841.89");
    assert_contains(out, "Page    3 size:  841.89 x 595.276");
    free(out);
}

/* ---- the roll-up against the XML ----------------------------------------- */

/* Sums every <fy year="Y" ...>digits</fy> of the sample by a plain text
 * scan, independent of the loader: per year and in all. */
static int64_t xml_sum(int year)
{
    FILE *fp = fopen(SAMPLE, "rb");
    assert_non_null(fp);
    char line[4096];
    int64_t sum = 0;
    while (fgets(line, sizeof line, fp)) {
        const char *s = strstr(line, "<fy year=\"");
        if (!s)
            continue;
        int y = atoi(s + 10);
        const char *v = strchr(s, '>');
        assert_non_null(v);
        v++;
        int64_t a = 0;
        const char *e = v;
        for (; *e >= '0' && *e <= '9'; e++)
            a = a * 10 + (*e - '0');
        if (e == v || strncmp(e, "</fy>", 5) != 0) /* not a valid amount */
            continue;
        if (year == 0 || y == year)
            sum += a;
    }
    fclose(fp);
    return sum;
}

static void test_rollup_matches_xml(void **state)
{
    Fixture *f = *state;
    const Rollup *r = f->r;
    assert_int_equal(r->grand, xml_sum(0));
    int64_t sum = 0;
    for (size_t y = 0; y < r->n_years; y++) {
        assert_int_equal(r->year[y], xml_sum(r->years[y]));
        sum += r->year[y];
    }
    assert_int_equal(sum, r->grand);
    /* programs, issues and leads each add up to the grand total */
    const int64_t *ms[] = {r->program, r->issue, r->lead};
    size_t rows[] = {f->p->n_programs, f->p->n_issues, f->p->n_agencies};
    for (size_t k = 0; k < 3; k++) {
        int64_t s = 0;
        for (size_t i = 0; i < rows[k] * r->n_years; i++)
            s += ms[k][i];
        assert_int_equal(s, r->grand);
    }
    /* and each project's total is its share */
    int64_t projects = 0;
    for (size_t g = 0; g < f->p->n_programs; g++)
        for (size_t j = 0; j < f->p->programs[g].n_projects; j++)
            projects += project_total(&f->p->programs[g].projects[j]);
    assert_int_equal(projects, r->grand);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_project_title_appears),
        cmocka_unit_test(test_grand_and_issue_totals_appear),
        cmocka_unit_test(test_summary_totals_add_up),
        cmocka_unit_test(test_qpdf_check_and_landscape),
        cmocka_unit_test(test_rollup_matches_xml),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    fonts_cleanup();
    load_cleanup();
    return rc;
}
