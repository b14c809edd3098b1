/* test_sheet.c - the agency responsibility sheets and the render command's
 * options, end to end through the phaen binary (env PHAEN), checked with
 * pdftotext -raw and qpdf.
 *
 * What each sheet must say is computed from the plan loaded through the
 * library and checked against the sheet as the layout placed it
 * (dumptext.h: every sheet composed and laid out in this process, which
 * costs a fraction of 38 reader runs); the sheets' PDFs are the shared
 * render of the sample (-j2, testutil.h) and a second render with -j1
 * (sheets only), compared byte for byte, and all-sheets.pdf is read back by
 * qpdf here and by every reader in test_readers. */
#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "budget.h"
#include "load.h"
#include "outpath.h"
#include "plan.h"
#include "render.h"
#include "resolve.h"
#include "thai.h"

#include "typefixture.h"
#include "dumptext.h"

#define SAMPLE "samples/trafficking-2561-2580.xml"
#define NO_ROLE "tests/data/no-role.xml"

static char phaen[512], out_j1[512], out_j2[512], scratch[512];
static Plan *plan;
static DiagCapture dc;
static char **sheet_text; /* squeezed, one per agency in plan order */

static const char *build_dir(void)
{
    const char *b = getenv("BUILD");
    return b && *b ? b : "build";
}

/* `phaen render PLAN -o OUT ARGS...` (NULL-terminated) into an emptied OUT,
 * without a shell; its output (stdout and stderr) in *out. */
static int render(char **out, const char *plan_xml, const char *dir, ...)
{
    const char *argv[16] = {phaen, "render", plan_xml, "-o", dir};
    size_t n = 5;
    va_list ap;
    va_start(ap, dir);
    for (const char *a; n < 15 && (a = va_arg(ap, const char *));)
        argv[n++] = a;
    va_end(ap);
    argv[n] = NULL;
    assert_int_equal(remove_tree(dir), 0);
    return run_argv(out, 1, argv);
}

/* Adds the paths of the files under dir/rel to paths (g_strdup'd), going
 * down the folders under it. */
static void find_paths(GPtrArray *paths, const char *dir, const char *rel)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    DIR *d = opendir(path);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *sub = g_strdup_printf("%s/%s", rel, e->d_name);
        struct stat sb;
        snprintf(path, sizeof path, "%s/%s", dir, sub);
        assert_int_equal(lstat(path, &sb), 0);
        if (S_ISDIR(sb.st_mode)) {
            find_paths(paths, dir, sub);
            g_free(sub);
        } else {
            g_ptr_array_add(paths, sub);
        }
    }
    closedir(d);
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What `cd dir && find . -type f | sort` prints, in the C locale's order,
 * without the three processes (g_free). */
static char *find_sorted(const char *dir)
{
    GPtrArray *paths = g_ptr_array_new_with_free_func(g_free);
    find_paths(paths, dir, ".");
    qsort(paths->pdata, paths->len, sizeof(char *), by_bytes);
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < paths->len; i++)
        g_string_append_printf(s, "%s\n", (char *)paths->pdata[i]);
    g_ptr_array_free(paths, TRUE);
    return g_string_free(s, FALSE);
}

/* Runs a command (stderr joined to stdout); returns its output. */
static char *sh(int *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *sh(int *st, const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return run_capture(cmd, st);
}

/* Text without any white space: Thai lines wrap anywhere in a cell. */
static char *squeeze(const char *s)
{
    char *o = malloc(strlen(s) + 1), *w = o;
    for (; *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\f' && *s != '\r')
            *w++ = *s;
    *w = '\0';
    return o;
}

/* Plan text as a sheet prints it: Thai digits, no white space. */
static char *want(const char *plain)
{
    char buf[8192];
    thai_digits(buf, sizeof buf, plain, NUMERALS_THAI);
    return squeeze(buf);
}

/* The squeezed text of agency i's sheet as laid out. */
static const char *sheet_of(size_t i)
{
    return sheet_text[i];
}

/* The squeezed text of a PDF. */
static char *pdf_text(const char *path)
{
    char *raw;
    assert_int_equal(run_argv(&raw, 1, (const char *[]){"pdftotext", "-raw", path, "-", NULL}), 0);
    char *t = squeeze(raw);
    free(raw);
    return t;
}

static int setup(void **state)
{
    if (type_setup(state) != 0)
        return -1;
    const char *p = getenv("PHAEN");
    snprintf(phaen, sizeof phaen, "%s", p && *p ? p : "build/phaen");
    char *o;
    snprintf(out_j2, sizeof out_j2, "%s", shared_render(SAMPLE, &o)); /* -j2 */
    if (*o) {
        fprintf(stderr, "render printed: %s\n", o);
        free(o);
        return -1;
    }
    free(o);
    snprintf(out_j1, sizeof out_j1, "%s/tests/out/sheet-j1", build_dir());
    snprintf(scratch, sizeof scratch, "%s/tests/out/sheet-x", build_dir());
    int st = render(&o, SAMPLE, out_j1, "--only", "sheets", "-j1", NULL);
    if (st != 0 || *o) {
        fprintf(stderr, "render failed (%d): %s\n", st, o);
        free(o);
        return -1;
    }
    free(o);
    diag_capture_init(&dc);
    plan = plan_load(SAMPLE, NULL, &dc.d);
    if (!plan || plan_resolve(plan, &dc.d) != 0)
        return -1;
    Rollup *r = rollup_new(plan);
    sheet_text = calloc(plan->n_agencies, sizeof *sheet_text);
    if (!r || !sheet_text)
        return -1;
    for (size_t i = 0; i < plan->n_agencies; i++) {
        Doc *doc = compose_agency_sheet(plan, tpl, r, &plan->agencies[i]);
        char *text = layout_text(doc, tpl, fonts, NULL);
        sheet_text[i] = squeeze(text);
        free(text);
        doc_free(doc);
    }
    rollup_free(r);
    return 0;
}

static int teardown(void **state)
{
    for (size_t i = 0; sheet_text && i < plan->n_agencies; i++)
        free(sheet_text[i]);
    free(sheet_text);
    plan_free(plan);
    diag_capture_free(&dc);
    return type_teardown(state);
}

/* The part of `text` from `from` up to `to` (or the end), malloc'd. */
static char *between(const char *text, const char *from, const char *to)
{
    const char *a = strstr(text, from);
    assert_non_null(a);
    const char *b = to ? strstr(a, to) : NULL;
    size_t n = b ? (size_t)(b - a) : strlen(a);
    char *s = malloc(n + 1);
    memcpy(s, a, n);
    s[n] = '\0';
    return s;
}

/* Each sheet names its agency, and its lead section holds exactly the
 * titles of the projects the XML says it leads. */
static void test_sheet_lists_exactly_its_lead_projects(void **state)
{
    (void)state;
    for (size_t i = 0; i < plan->n_agencies; i++) {
        const Agency *a = &plan->agencies[i];
        const char *text = sheet_of(i);
        char *name = want(a->name);
        assert_contains(text, name);
        char *leads = between(text, "๑.โครงการที่เป็นหน่วยงานหลัก", "๒.โครงการที่เป็นหน่วยงานสนับสนุน");
        for (size_t g = 0; g < plan->n_programs; g++)
            for (size_t k = 0; k < plan->programs[g].n_projects; k++) {
                const Project *pj = &plan->programs[g].projects[k];
                char *title = want(pj->title);
                int is_lead = pj->lead.id && !strcmp(pj->lead.id, a->id);
                if (is_lead != (strstr(leads, title) != NULL))
                    fail_msg("sheet %s: project %s (%s) %s", a->id, pj->id, pj->title,
                             is_lead ? "missing" : "listed but not led");
                free(title);
            }
        free(leads);
        free(name);
    }
}

/* Its total in baht is the sum, over the XML, of its lead projects; with
 * no budget line at all it is "no allocation" (–), as in the action plan,
 * not ๐ (issue 10: the documents disagreed). */
static void test_sheet_total_is_sum_of_lead_projects(void **state)
{
    (void)state;
    for (size_t i = 0; i < plan->n_agencies; i++) {
        const Agency *a = &plan->agencies[i];
        int64_t sum = 0;
        int any = 0;
        for (size_t g = 0; g < plan->n_programs; g++)
            for (size_t k = 0; k < plan->programs[g].n_projects; k++) {
                const Project *pj = &plan->programs[g].projects[k];
                if (pj->lead.id && !strcmp(pj->lead.id, a->id)) {
                    sum += project_total(pj);
                    any |= project_has_budget(pj);
                }
            }
        char baht[64], line[128];
        char *totals = between(sheet_of(i), "๔.งบประมาณ", NULL);
        thai_baht(baht, sizeof baht, sum, NUMERALS_THAI);
        snprintf(line, sizeof line, "รวมทั้งสิ้น%s", any ? baht : "–");
        assert_contains(totals, line);
        free(totals);
    }
}

/* The ล้านบาท figures agree with the action plan's summary: rounding every
 * agency's row, or only the rows of agencies that lead something, gives
 * each agency the same figures. */
static void test_millions_agree_with_action_plan_rows(void **state)
{
    (void)state;
    Rollup *r = rollup_new(plan);
    assert_non_null(r);
    size_t ny = r->n_years, n = 0;
    int64_t *m = calloc(plan->n_agencies * ny + 1, sizeof *m);
    size_t *row_of = calloc(plan->n_agencies + 1, sizeof *row_of);
    for (size_t i = 0; i < plan->n_agencies; i++)
        if (plan->agencies[i].n_leads) {
            memcpy(m + n * ny, r->lead + i * ny, ny * sizeof *m);
            row_of[i] = n++;
        }
    Rounded all, leads;
    assert_int_equal(rounded_millions(&all, r->lead, plan->n_agencies, ny, 2), 0);
    assert_int_equal(rounded_millions(&leads, m, n, ny, 2), 0);
    for (size_t i = 0; i < plan->n_agencies; i++) {
        if (!plan->agencies[i].n_leads) {
            assert_int_equal(all.row_total[i], 0);
            continue;
        }
        for (size_t y = 0; y < ny; y++)
            assert_int_equal(all.cell[i * ny + y], leads.cell[row_of[i] * ny + y]);
        assert_int_equal(all.row_total[i], leads.row_total[row_of[i]]);
    }
    assert_int_equal(all.grand, leads.grand);
    rounded_free(&all);
    rounded_free(&leads);
    free(m);
    free(row_of);
    rollup_free(r);
}

/* The combined PDF: one bookmark per agency, in plan order. */
static void test_combined_one_bookmark_per_agency(void **state)
{
    (void)state;
    int st;
    char *json = sh(&st, "qpdf --json --json-key=outlines %s/sheets/all-sheets.pdf", out_j2);
    assert_int_equal(st, 0);
    size_t n = 0;
    for (const char *s = json; (s = strstr(s, "\"title\":")); s++)
        n++;
    assert_int_equal(n, plan->n_agencies);
    const char *at = json;
    for (size_t i = 0; i < plan->n_agencies; i++) {
        char bm[1024];
        snprintf(bm, sizeof bm, "\"title\": \"%s %s\"", plan->agencies[i].abbr,
                 plan->agencies[i].name);
        const char *found = strstr(at, bm);
        if (!found)
            fail_msg("bookmark %s not found in order", bm);
        at = found + 1;
    }
    free(json);
    char all[600], *chk;
    snprintf(all, sizeof all, "%s/sheets/all-sheets.pdf", out_j2);
    assert_int_equal(shared_tool(&chk, 1, (const char *[]){"qpdf", "--check", all, NULL}), 0);
    free(chk);
}

static void test_no_role_agency_gets_a_sheet_saying_so(void **state)
{
    (void)state;
    char *o;
    assert_int_equal(render(&o, NO_ROLE, scratch, "--only", "sheets", NULL), 0);
    assert_contains(o, "warning: agency 'NSC' has no role"); /* check.c says so too */
    free(o);
    char path[1024];
    snprintf(path, sizeof path, "%s/sheets/NSC.pdf", scratch);
    char *text = pdf_text(path);
    assert_contains(text, "สำนักงานสภาความมั่นคงแห่งชาติ");
    assert_contains(text, "หน่วยงานนี้ไม่มีบทบาทในแผนฉบับนี้");
    assert_not_contains(text, "โครงการที่เป็นหน่วยงานหลัก");
    free(text);
    snprintf(path, sizeof path, "%s/sheets/RTP.pdf", scratch);
    text = pdf_text(path);
    assert_not_contains(text, "หน่วยงานนี้ไม่มีบทบาทในแผนฉบับนี้");
    free(text);
}

static void test_outpath_refuses_hostile_ids(void **state)
{
    (void)state;
    static const char *const good[] = {"RTP", "OPS-MSDHS", "a.b_c-1", "x..y"};
    static const char *const bad[] = {"", ".", "..", ".hidden", "../etc", "a/b", "/abs",
                                      "a b", "ก", "a\\b", "a:b", "a\nb", "%2e%2e"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_true(outpath_name_ok(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (outpath_name_ok(bad[i]))
            fail_msg("'%s' accepted as a file name", bad[i]);
    assert_false(outpath_name_ok(NULL));
    char long_id[300];
    memset(long_id, 'a', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    assert_false(outpath_name_ok(long_id));
}

static void test_unknown_agency_exits_2(void **state)
{
    (void)state;
    char *o;
    assert_int_equal(render(&o, SAMPLE, scratch, "--agency", "RTP", "--agency", "NOSUCH", NULL), 2);
    assert_contains(o, "NOSUCH");
    free(o);
    assert_int_equal(access(scratch, F_OK), -1); /* nothing written */
}

static void test_agency_writes_only_its_sheet(void **state)
{
    (void)state;
    char *o;
    assert_int_equal(render(&o, SAMPLE, scratch, "--agency", "DSI", "--agency", "DSI", "-j", "3",
                            NULL), 0);
    free(o);
    char *files = find_sorted(scratch);
    assert_string_equal(files, "./sheets/DSI.pdf\n");
    g_free(files);
}

static void test_bad_options_exit_2(void **state)
{
    (void)state;
    static const char *const opts[] = {"--only nothing", "-j 0", "--jobs x", "-j"};
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        int st;
        char *o = sh(&st, "%s render %s -o %s %s 2>&1", phaen, SAMPLE, scratch, opts[i]);
        assert_int_equal(st, 2);
        free(o);
    }
}

/* -j1 and -j2 give byte-identical sheets: every file of the -j2 render's
 * sheets (one per agency and all-sheets.pdf, nothing else) compared here
 * with the -j1 one's, names and bytes (assert_same_tree: a cmp each and a
 * shell loop cost 0.2 s CPU). */
static void test_jobs_do_not_change_output(void **state)
{
    (void)state;
    char j2[600], j1[600];
    snprintf(j2, sizeof j2, "%s/sheets", out_j2);
    snprintf(j1, sizeof j1, "%s/sheets", out_j1);
    assert_same_tree(j1, j2);
    char *ls = list_names(j2);
    size_t n = 0;
    for (const char *c = ls; *c; c++)
        n += *c == '\n';
    free(ls);
    assert_int_equal(n, plan->n_agencies + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheet_lists_exactly_its_lead_projects),
        cmocka_unit_test(test_sheet_total_is_sum_of_lead_projects),
        cmocka_unit_test(test_millions_agree_with_action_plan_rows),
        cmocka_unit_test(test_combined_one_bookmark_per_agency),
        cmocka_unit_test(test_no_role_agency_gets_a_sheet_saying_so),
        cmocka_unit_test(test_outpath_refuses_hostile_ids),
        cmocka_unit_test(test_unknown_agency_exits_2),
        cmocka_unit_test(test_agency_writes_only_its_sheet),
        cmocka_unit_test(test_bad_options_exit_2),
        cmocka_unit_test(test_jobs_do_not_change_output),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
