/* test_readers.c - the sample's PDFs read back by the readers people use.
 *
 * Reads the sample as the program under test ($PHAEN) renders it once for
 * every test binary (shared_render, testutil.h), and its progress report
 * (samples/results/), and runs tests/readers/readback.mjs once over the
 * master plan, the action plan, all sheets and the report (poppler both
 * ways, MuPDF, pdf.js in one node process), which checks each document's
 * units in each reader's text of that document; each case below checks one
 * of its verdicts.  What the readers may still lose, and why (kept as small
 * as measured):
 *  - in poppler's reading order (pdftotext without -raw), three of 579:
 *    two indicator names of the master plan's indicator table, one of a
 *    sheet's, whose cell's second line comes after the next cell's first
 *    ("...ที่ได้", "คน", "รับการ...").  A table cell is one ActualText span
 *    where it can be (one font, glyphs already mapped), and the page
 *    number's span ends with a space; before both it interleaved
 *    neighbouring cells' lines and joined "- ๓ -", taken for a hyphenated
 *    word, to the line below (38 units).  Searched across all the documents
 *    at once the three were found whole elsewhere, which hid them until
 *    the check went document by document;
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
    const char *b = getenv("BUILD"), *ph = getenv("PHAEN");
    char cmd[2048], rep[600];
    /* and its progress report, made here (no other binary reads it) */
    snprintf(rep, sizeof rep, "%s/tests/out/readers", b && *b ? b : "build");
    assert_int_equal(remove_tree(rep), 0);
    char *msg;
    if (run_argv(&msg, 1, (const char *[]){ph && *ph ? ph : "build/phaen", "report",
                                           "samples/trafficking-2561-2580.xml",
                                           "samples/results/results-2563.xml",
                                           "samples/results/results-2564.xml", "-o", rep,
                                           NULL}) != 0)
        fail_msg("phaen report: %s", msg);
    free(msg);
    /* the readers' runs made once for every binary (shared_tool); V8
     * without its helper threads (compiling and collecting beside the
     * script cost 0.1-0.2 s more CPU than in its own thread) */
    snprintf(cmd, sizeof cmd,
             "out=%s && PHAEN_TOOL_CACHE=%s/tests/out/shared/tools "
             "node --single-threaded tests/readers/readback.mjs --xml samples/trafficking-2561-2580.xml "
             "--words tests/readers/words.txt --allow 'poppler reading order=3' "
             "$out/master-plan.pdf $out/action-plan.pdf $out/sheets/all-sheets.pdf "
             "%s/progress-report.pdf 2>&1",
             out, b && *b ? b : "build", rep);
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
    verdict("poppler -raw: 579/579");
}

static void test_units_whole_poppler_reading_order(void **state)
{
    (void)state;
    verdict("poppler reading order: 576/579");
}

static void test_units_whole_mupdf(void **state)
{
    (void)state;
    verdict("MuPDF: 579/579");
}

static void test_units_whole_pdfjs(void **state)
{
    (void)state;
    verdict("pdf.js: 579/579");
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
    assert_contains(report, "progress-report.pdf: /Lang th-TH");
    assert_contains(report, "master-plan.pdf: qpdf --check");
    assert_contains(report, "progress-report.pdf: qpdf --check");
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
