/* test_e2e.c - the phaen command, end to end, checked with real PDF readers
 * (poppler's pdfinfo, pdffonts, pdftotext; qpdf --check and --json; MuPDF's
 * object listing).
 *
 * The sample plan is rendered once per test run (shared_render); each test
 * reads it.  The expected headings come from the plan itself, loaded through
 * the library, so the test checks that what the PDF says is what the data
 * says. */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "load.h"
#include "plan.h"
#include "resolve.h"
#include "thai.h"

#define SAMPLE "samples/trafficking-2561-2580.xml"

static char phaen[512], outdir[512], master[600];

static const char *build_dir(void)
{
    const char *b = getenv("BUILD");
    return b && *b ? b : "build";
}

/* The sample as `phaen render` writes it, shared with the other test
 * binaries (testutil.h): rendered once per test run, silently. */
static int render_sample(void **state)
{
    (void)state;
    const char *p = getenv("PHAEN");
    snprintf(phaen, sizeof phaen, "%s", p && *p ? p : "build/phaen");
    char *out;
    snprintf(outdir, sizeof outdir, "%s", shared_render(SAMPLE, &out));
    snprintf(master, sizeof master, "%s/master-plan.pdf", outdir);
    if (*out) {
        fprintf(stderr, "render printed: %s\n", out);
        free(out);
        return -1;
    }
    free(out);
    return 0;
}

/* Runs `fmt` (one %s: the master PDF) and returns its output. */
static char *on_master(const char *fmt, int *st)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s", fmt);
    char *pct = strstr(cmd, "%s");
    if (pct) /* the one %s is the PDF path */
        snprintf(pct, sizeof cmd - (size_t)(pct - cmd), "%s%s", master, strstr(fmt, "%s") + 2);
    return run_capture(cmd, st);
}

/* Text without any white space: Thai lines break anywhere, so compare
 * strings with all spaces and line ends taken out.  Running heads (the page
 * numbers, lines "- ๓ -") are taken out too: they stand between the halves
 * of a paragraph that crosses a page. */
static char *squeeze(const char *s)
{
    char *o = malloc(strlen(s) + 1), *w = o;
    for (const char *line = s; *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        if (n > 0 && line[0] == '\f') { /* pdftotext's page separator */
            line++;
            n--;
        }
        size_t t = n;
        while (t > 0 && line[t - 1] == ' ') /* the page number ends with one */
            t--;
        int head = t >= 4 && line[0] == '-' && line[1] == ' ' && line[t - 1] == '-' &&
                   line[t - 2] == ' ';
        for (size_t i = 0; i < n && !head; i++)
            if (line[i] != ' ' && line[i] != '\t' && line[i] != '\f' && line[i] != '\r')
                *w++ = line[i];
        line += n + (end ? 1 : 0);
    }
    *w = '\0';
    return o;
}

static void test_pdfinfo_a4_and_metadata(void **state)
{
    (void)state;
    int st;
    char *info = on_master("pdfinfo %s", &st);
    assert_int_equal(st, 0);
    assert_contains(info, "Page size:       595.276 x 841.89 pts (A4)");
    assert_contains(info, "Title:           แผนแม่บทความมั่นคงด้านการป้องกันและปราบปรามการค้ามนุษย์");
    assert_contains(info, "Author:          สำนักงานปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์");
    assert_contains(info, "Creator:         phaen ");
    const char *pages = strstr(info, "Pages:");
    assert_non_null(pages);
    int n = atoi(pages + 6);
    assert_true(n >= 20 && n <= 80);
    free(info);
}

static void test_pdffonts_only_ours_embedded(void **state)
{
    (void)state;
    int st;
    char *fonts = on_master("pdffonts %s", &st);
    assert_int_equal(st, 0);
    int rows = 0;
    char *save = NULL;
    for (char *line = strtok_r(fonts, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (!strncmp(line, "name", 4) || !strncmp(line, "----", 4))
            continue;
        rows++;
        /* "ABCDEF+Laksaman-Bold  CID TrueType  Identity-H  yes yes yes ..." */
        const char *plus = strchr(line, '+');
        assert_non_null(plus);
        assert_true(!strncmp(plus + 1, "Laksaman", 8));
        assert_contains(line, " yes yes yes ");
    }
    assert_true(rows >= 2);
    free(fonts);
}

static void test_qpdf_check_clean(void **state)
{
    (void)state;
    char *out;
    int st = shared_tool(&out, 1, (const char *[]){"qpdf", "--check", master, NULL});
    assert_int_equal(st, 0);
    assert_contains(out, "No syntax or stream encoding errors found");
    free(out);
}

/* Every strategic issue, goal and strategy of the plan appears in the text,
 * in the plan's order, with the template's Thai digits. */
static void test_pdftotext_headings_in_order(void **state)
{
    (void)state;
    char *raw;
    assert_int_equal(shared_tool(&raw, 0, (const char *[]){"pdftotext", "-raw", master, "-", NULL}), 0);
    char *text = squeeze(raw);
    DiagCapture dc;
    diag_capture_init(&dc);
    Plan *p = plan_load(SAMPLE, NULL, &dc.d);
    assert_non_null(p);
    assert_int_equal(plan_resolve(p, &dc.d), 0);
    const char *at = text;
    char buf[4096];
    for (size_t i = 0; i < p->n_issues; i++) {
        const Issue *is = &p->issues[i];
        const char *items[64];
        size_t n = 0;
        items[n++] = is->title;
        for (size_t g = 0; g < is->n_goals && n < 32; g++)
            items[n++] = is->goals[g].text;
        for (size_t s = 0; s < is->n_strategies && n < 64; s++)
            items[n++] = is->strategies[s].title;
        for (size_t k = 0; k < n; k++) {
            thai_digits(buf, sizeof buf, items[k], NUMERALS_THAI);
            char *want = squeeze(buf);
            const char *found = strstr(at, want);
            if (!found)
                fail_msg("'%s' not found (in order) in the PDF text", buf);
            at = found + strlen(want);
            free(want);
        }
    }
    assert_contains(text, "สารบัญ");
    assert_contains(text, "บทที่๑ความเป็นมา");
    assert_contains(text, "ภาคผนวกรายชื่อหน่วยงานที่เกี่ยวข้อง");
    plan_free(p);
    diag_capture_free(&dc);
    free(text);
    free(raw);
}

/* Copy-paste works: every paragraph of prose in the plan comes back from
 * the PDF as it was written (digits in the template's Thai numerals), with
 * sara am and stacked marks intact and no private-use characters. */
static void test_extraction_round_trips_the_prose(void **state)
{
    (void)state;
    char *raw;
    assert_int_equal(shared_tool(&raw, 0, (const char *[]){"pdftotext", "-raw", master, "-", NULL}), 0);
    char *text = squeeze(raw);
    DiagCapture dc;
    diag_capture_init(&dc);
    Plan *p = plan_load(SAMPLE, NULL, &dc.d);
    assert_non_null(p);
    assert_int_equal(plan_resolve(p, &dc.d), 0);
    size_t checked = 0;
    char buf[8192];
#define EXPECT(s)                                                               \
    do {                                                                        \
        thai_digits(buf, sizeof buf, (s), NUMERALS_THAI_TEXT);                  \
        char *want_ = squeeze(buf);                                             \
        if (!strstr(text, want_))                                               \
            fail_msg("not extracted as written: %s", buf);                      \
        free(want_);                                                            \
        checked++;                                                              \
    } while (0)
    for (size_t i = 0; i < p->n_sections; i++)
        for (size_t b = 0; b < p->sections[i].n_blocks; b++) {
            const Block *bl = &p->sections[i].blocks[b];
            if (bl->kind == BLOCK_PARA)
                EXPECT(bl->text);
            for (size_t k = 0; k < bl->n_items; k++)
                EXPECT(bl->items[k]);
        }
    EXPECT(p->vision);
    for (size_t i = 0; i < p->n_missions; i++)
        EXPECT(p->missions[i]);
    for (size_t i = 0; i < p->n_issues; i++)
        for (size_t s = 0; s < p->issues[i].n_strategies; s++)
            for (size_t m = 0; m < p->issues[i].strategies[s].n_measures; m++)
                EXPECT(p->issues[i].strategies[s].measures[m]);
#undef EXPECT
    assert_true(checked > 40);
    assert_contains(text, "ดำเนิน");            /* sara am */
    assert_not_contains(text, "\u0e4d\u0e32");  /* sara am decomposed wrongly */
    for (const char *s = raw; *s; s = g_utf8_next_char(s)) {
        gunichar c = g_utf8_get_char(s);
        if (c >= 0xE000 && c <= 0xF8FF)
            fail_msg("private-use character U+%04X in the extracted text", c);
    }
    plan_free(p);
    diag_capture_free(&dc);
    free(text);
    free(raw);
}

/* The page numbers are Thai numerals, top centre, as "- ๒ -": none on the
 * cover, Thai letters on the front matter (preface, approval, executive
 * summary on two pages, contents on two, glossary on three in the sample),
 * the body from ๑.  poppler reads a space after it (its ActualText span ends
 * with one, so that the reading order does not take the last '-' for a
 * hyphen and join the number to the text below). */
static void test_page_numbers_thai(void **state)
{
    (void)state;
    static const char *const want[] = {NULL, "- ก - \n", "- ข - \n", "- ค - \n", "- ง - \n",
                                       "- จ - \n", "- ฉ - \n", "- ช - \n", "- ซ - \n", "- ฌ - \n",
                                       "- ๑ - \n", "- ๒ - \n"};
    char *all; /* the text other tests read too (pages end with \f) */
    assert_int_equal(shared_tool(&all, 0, (const char *[]){"pdftotext", "-raw", master, "-", NULL}), 0);
    const char *raw = all;
    for (int page = 1; page <= 12; page++) {
        assert_non_null(raw);
        if (want[page - 1])
            assert_true(!strncmp(raw, want[page - 1], strlen(want[page - 1])));
        else
            assert_true(strncmp(raw, "- ", 2) != 0);
        raw = strchr(raw, '\f');
        raw = raw ? raw + 1 : NULL;
    }
    free(all);
}

static void test_bookmarks_match_chapters(void **state)
{
    (void)state;
    char *json; /* (test_front reads the same run: once for both, testutil.h) */
    assert_int_equal(shared_tool(&json, 0, (const char *[]){"qpdf", "--json", "--json-key=outlines",
                                                           "--json-key=pagelabels", master, NULL}), 0);
    assert_contains(json, "บทที่ ๑ ความเป็นมา");
    assert_contains(json, "บทที่ ๔ ประเด็นยุทธศาสตร์ที่ ๑ การปราบปรามและดำเนินคดี");
    assert_contains(json, "ภาคผนวก รายชื่อหน่วยงานที่เกี่ยวข้อง");
    free(json);
}

/* Every object of a PDF, one a line (mutool show FILE grep), malloc'd:
 * what qpdf --json listed here before, at a tenth of its CPU (qpdf --json
 * of the action plan cost 0.24 s, of the master plan 0.14 s; qpdf --check
 * reads the same file in test_qpdf_check_clean). */
static char *objects(const char *pdf)
{
    char *out;
    int st = run_argv(&out, 0, (const char *[]){"mutool", "show", pdf, "grep", NULL});
    if (st != 0)
        fail_msg("mutool show %s grep: %d", pdf, st);
    return out;
}

/* Navigation: the contents link to their chapters, every indicator and
 * agency is a named destination, and the answerable agencies in the
 * indicator tables link to the annex.  The action plan's references go to
 * the master plan's destinations. */
static void test_links_and_destinations(void **state)
{
    (void)state;
    char *objs = objects(master);
    size_t links = 0;
    for (const char *q = objs; (q = strstr(q, "/Subtype/Link")); q++)
        links++;
    DiagCapture dc;
    diag_capture_init(&dc);
    Plan *p = plan_load(SAMPLE, NULL, &dc.d);
    assert_non_null(p);
    assert_int_equal(plan_resolve(p, &dc.d), 0);
    size_t answerable = 0;
    char name[128];
    for (size_t i = 0; i < p->n_issues; i++)
        for (size_t k = 0; k < p->issues[i].n_indicators; k++) {
            const Indicator *ind = &p->issues[i].indicators[k];
            answerable += ind->answerable.n;
            /* a name of the name tree: the string, then its destination */
            snprintf(name, sizeof name, "(%s)[", ind->id);
            assert_contains(objs, name);
        }
    for (size_t i = 0; i < p->n_agencies; i++) {
        snprintf(name, sizeof name, "(%s)[", p->agencies[i].id);
        assert_contains(objs, name);
    }
    /* the contents (over 20 entries) and one link per answerable agency */
    assert_true(links >= 20 + answerable);
    free(objs);
    char action[700];
    snprintf(action, sizeof action, "%s/action-plan.pdf", outdir);
    objs = objects(action);
    assert_contains(objs, "/URI(master-plan.pdf#IND-1.1.1)");
    assert_contains(objs, "/URI(master-plan.pdf#ST-1.1)");
    assert_contains(objs, "/URI(master-plan.pdf#RTP)");
    free(objs);
    plan_free(p);
    diag_capture_free(&dc);
}

static void test_broken_plan_refused_nothing_written(void **state)
{
    (void)state;
    char cmd[2048], dir[600];
    snprintf(dir, sizeof dir, "%s/tests/out/e2e-bad", build_dir());
    assert_int_equal(remove_tree(dir), 0);
    /* (what it prints: the messages below are on stderr) */
    char *err;
    int st = run_argv(&err, 1, (const char *[]){phaen, "render", "tests/data/bad-refs.xml", "-o",
                                                dir, NULL});
    assert_int_equal(st, 1);
    FILE *f = fopen("tests/data/bad-refs.expected", "r");
    assert_non_null(f);
    char line[1024];
    while (fgets(line, sizeof line, f))
        assert_contains(err, line);
    fclose(f);
    struct stat sb;
    snprintf(cmd, sizeof cmd, "%s/master-plan.pdf", dir);
    assert_int_not_equal(stat(cmd, &sb), 0);
    free(err);
}

static void test_cli_usage_and_exit_codes(void **state)
{
    (void)state;
    char cmd[1024];
    int st;
    snprintf(cmd, sizeof cmd, "%s --version", phaen);
    char *out = run_capture(cmd, &st);
    assert_int_equal(st, 0);
    assert_true(!strncmp(out, "phaen ", 6));
    free(out);
    snprintf(cmd, sizeof cmd, "%s --help", phaen);
    out = run_capture(cmd, &st);
    assert_int_equal(st, 0);
    assert_contains(out, "render PLAN.xml");
    free(out);
    snprintf(cmd, sizeof cmd, "%s frobnicate x.xml 2>&1", phaen);
    out = run_capture(cmd, &st);
    assert_int_equal(st, 2);
    assert_contains(out, "unknown command 'frobnicate'");
    free(out);
    snprintf(cmd, sizeof cmd, "%s check no/such/plan.xml 2>&1", phaen);
    out = run_capture(cmd, &st);
    assert_int_equal(st, 2);
    assert_contains(out, "no/such/plan.xml");
    free(out);
    snprintf(cmd, sizeof cmd, "%s check %s 2>&1", phaen, SAMPLE);
    out = run_capture(cmd, &st);
    assert_int_equal(st, 0);
    assert_string_equal(out, "");
    free(out);
}

/* `check -` reads the plan from standard input, its characters too (the
 * glyph check re-opened the file named "-" and failed every plan given
 * so); a character the fonts lack is reported at its line in <stdin>. */
static void test_check_from_stdin(void **state)
{
    (void)state;
    char cmd[1024];
    int st;
    snprintf(cmd, sizeof cmd, "%s check - < %s 2>&1", phaen, SAMPLE);
    char *out = run_capture(cmd, &st);
    assert_int_equal(st, 0);
    assert_string_equal(out, "");
    free(out);
    snprintf(cmd, sizeof cmd, "sed 's|</title>|\xf0\x9f\x98\x80</title>|' tests/data/minimal.xml | "
             "%s check - 2>&1", phaen);
    out = run_capture(cmd, &st);
    assert_int_equal(st, 1);
    assert_contains(out, "<stdin>:6: error: the font 'Laksaman' has no glyph for");
    assert_contains(out, "(U+1F600)");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdfinfo_a4_and_metadata),
        cmocka_unit_test(test_pdffonts_only_ours_embedded),
        cmocka_unit_test(test_qpdf_check_clean),
        cmocka_unit_test(test_pdftotext_headings_in_order),
        cmocka_unit_test(test_extraction_round_trips_the_prose),
        cmocka_unit_test(test_page_numbers_thai),
        cmocka_unit_test(test_bookmarks_match_chapters),
        cmocka_unit_test(test_links_and_destinations),
        cmocka_unit_test(test_broken_plan_refused_nothing_written),
        cmocka_unit_test(test_cli_usage_and_exit_codes),
        cmocka_unit_test(test_check_from_stdin),
    };
    return cmocka_run_group_tests(tests, render_sample, NULL);
}
