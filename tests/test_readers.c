/* test_readers.c - the sample's PDFs read back by the readers people use.
 *
 * Renders the sample with the program under test ($PHAEN) and runs
 * tests/readers/readback.mjs once over the master plan, the action plan and
 * all sheets (poppler both ways, MuPDF, pdf.js in one node process); each
 * case below checks one of its verdicts.  What the readers may still lose,
 * and why (kept as small as measured):
 *  - poppler's reading order (pdftotext without -raw) interleaves the lines
 *    of neighbouring table cells and joins a page number to the line after
 *    it: 43 of 275 units (which ones moves with where the cells' lines
 *    break: 38 before the template's preferwhole words were kept whole in
 *    cells, 40 of 267 before the sample gained its 8 alignment titles and
 *    the indicator cells their number ๑.๒.๑ before the name), and some hits
 *    of the search words in them;
 *  - MuPDF reads a space after a tone mark the font sets back over a tall
 *    letter by more than 0.15 em (ฝ่ายเลขานุการ): 1 unit.
 */
#include "testutil.h"

static char *report;

static int setup(void **state)
{
    (void)state;
    const char *phaen = getenv("PHAEN"), *build = getenv("BUILD");
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "out=%s/tests/out/readers && rm -rf $out && %s render "
             "samples/trafficking-2561-2580.xml -o $out && "
             "node tests/readers/readback.mjs --xml samples/trafficking-2561-2580.xml "
             "--words tests/readers/words.txt "
             "--allow 'poppler reading order=43' --lenient-words 'poppler reading order' "
             "--allow MuPDF=1 "
             "$out/master-plan.pdf $out/action-plan.pdf $out/sheets/all-sheets.pdf 2>&1",
             build && *build ? build : "build", phaen && *phaen ? phaen : "build/phaen");
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
    verdict("poppler -raw: 275/275");
}

static void test_units_whole_poppler_reading_order(void **state)
{
    (void)state;
    verdict("poppler reading order:");
}

static void test_units_whole_mupdf(void **state)
{
    (void)state;
    verdict("MuPDF:");
}

static void test_units_whole_pdfjs(void **state)
{
    (void)state;
    verdict("pdf.js: 275/275");
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
