/* test_readers.c - the sample's PDFs read back by the readers people use.
 *
 * Reads the sample as the program under test ($PHAEN) renders it once for
 * every test binary (shared_render, testutil.h), and runs
 * tests/readers/readback.mjs once over the master plan, the action plan and
 * all sheets (poppler both ways, MuPDF, pdf.js in one node process); each
 * case below checks one of its verdicts.  What the readers may still lose,
 * and why (kept as small as measured):
 *  - nothing in poppler's reading order (pdftotext without -raw) since a
 *    table cell is one ActualText span and the page number's span ends with
 *    a space (it interleaved neighbouring cells' lines and joined "- ๓ -",
 *    taken for a hyphenated word, to the line below: 38 units);
 *  - nothing in MuPDF since a tone mark set back over a tall letter by
 *    0.15 em or more (ฝ่าย, ฟื้น) is painted as the font's "left" variant,
 *    the same outline, from an origin near the pen (MuPDF read the gap as a
 *    space: 1 unit).
 */
#include "testutil.h"

static char *report;

static int setup(void **state)
{
    (void)state;
    /* the sample as rendered once for every test binary (testutil.h) */
    const char *out = shared_render("samples/trafficking-2561-2580.xml", NULL);
    const char *b = getenv("BUILD");
    char cmd[2048];
    /* the readers' runs made once for every binary (shared_tool); V8
     * without its helper threads (compiling and collecting beside the
     * script cost 0.1-0.2 s more CPU than in its own thread) */
    snprintf(cmd, sizeof cmd,
             "out=%s && PHAEN_TOOL_CACHE=%s/tests/out/shared/tools "
             "node --single-threaded tests/readers/readback.mjs --xml samples/trafficking-2561-2580.xml "
             "--words tests/readers/words.txt "
             "$out/master-plan.pdf $out/action-plan.pdf $out/sheets/all-sheets.pdf 2>&1",
             out, b && *b ? b : "build");
    int st;
    report = run_capture(cmd, &st);
    fputs(report, stdout);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(report);
    return 0;
}

/* The verdict line of one check: "ok: <what>..." must be there, and no
 * "FAIL: <what>". */
static void verdict(const char *what)
{
    char ok[256], bad[256];
    snprintf(ok, sizeof ok, "\nok: %s", what);
    snprintf(bad, sizeof bad, "\nFAIL: %s", what);
    assert_not_contains(report, bad);
    assert_contains(report, ok);
}

static void test_units_whole_poppler_raw(void **state)
{
    (void)state;
    verdict("poppler -raw: 295/295");
}

static void test_units_whole_poppler_reading_order(void **state)
{
    (void)state;
    verdict("poppler reading order: 295/295");
}

static void test_units_whole_mupdf(void **state)
{
    (void)state;
    verdict("MuPDF: 295/295");
}

static void test_units_whole_pdfjs(void **state)
{
    (void)state;
    verdict("pdf.js: 295/295");
}

static void test_search_finds_every_word(void **state)
{
    (void)state;
    verdict("search 'เป็น'");
    assert_not_contains(report, "FAIL: search");
}

static void test_no_mark_moved(void **state)
{
    (void)state;
    verdict("marks: 0 of");
}

static void test_lang_tags_and_structure(void **state)
{
    (void)state;
    assert_not_contains(report, "FAIL:");
    assert_contains(report, "master-plan.pdf: /Lang th-TH");
    assert_contains(report, "all-sheets.pdf: /Lang th-TH");
    assert_contains(report, "master-plan.pdf: qpdf --check");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_units_whole_poppler_raw),
        cmocka_unit_test(test_units_whole_poppler_reading_order),
        cmocka_unit_test(test_units_whole_mupdf),
        cmocka_unit_test(test_units_whole_pdfjs),
        cmocka_unit_test(test_search_finds_every_word),
        cmocka_unit_test(test_no_mark_moved),
        cmocka_unit_test(test_lang_tags_and_structure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
