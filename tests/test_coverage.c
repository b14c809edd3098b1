/* test_coverage.c - characters the fonts cannot draw and Thai marks with no
 * letter are found by `check`, once each, with file:line and code point
 * (coverage.c), instead of dozens of "no glyph" messages at render time. */
#include "testutil.h"

#include "coverage.h"
#include "fonts.h"

static FontSet *fonts;

static int setup(void **state)
{
    (void)state;
    Diag d;
    diag_init(&d, stderr, 0);
    fonts = fonts_open("fonts", "Laksaman", &d);
    return fonts ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fonts_close(fonts);
    fonts_cleanup();
    return 0;
}

/* The messages for xml, and the error count in *n. */
static char *scan(const char *xml, int *n)
{
    DiagCapture dc;
    diag_capture_init(&dc);
    *n = coverage_check_text(xml, strlen(xml), "p.xml", fonts, "Laksaman", &dc.d);
    char *out = strdup(diag_capture_text(&dc));
    diag_capture_free(&dc);
    return out;
}

static void test_thai_and_latin_are_covered(void **state)
{
    (void)state;
    int n;
    char *m = scan("<plan>\n<title a=\"ก่อน\">แผนปฏิบัติการ น้ำ ฤๅษี Plan 2561 (ร้อยละ ๘๐)</title>\n"
                   "<!-- 😀 in a comment is nobody's business -->\n</plan>\n", &n);
    assert_int_equal(n, 0);
    assert_string_equal(m, "");
    free(m);
}

static void test_missing_glyphs_reported_once_each(void **state)
{
    (void)state;
    int n;
    char *m = scan("<plan>\n<t>ก</t>\n<t>สวัสดี 😀 中</t>\n<t>😀😀 &#x1F600; &#20013;</t>\n"
                   "<t v=\"عربي\"/>\n</plan>\n", &n);
    assert_contains(m, "p.xml:3: error: the font 'Laksaman' has no glyph for '😀' (U+1F600) "
                       "(4 times; the first is here)");
    assert_contains(m, "p.xml:3: error: the font 'Laksaman' has no glyph for '中' (U+4E2D) "
                       "(2 times");
    assert_contains(m, "p.xml:5: error: the font 'Laksaman' has no glyph for 'ع' (U+0639)");
    /* once each: 😀, 中, and the four Arabic letters */
    assert_int_equal(n, 6);
    char *second = strstr(strstr(m, "U+1F600") + 1, "U+1F600");
    assert_null(second);
    free(m);
}

static void test_marks_without_a_letter(void **state)
{
    (void)state;
    int n;
    char *m = scan("<plan>\n<t>ปกติ น้ำ</t>\n<t> ่ข้อความ</t>\n<t>ก่้๊๋</t>\n<t a=\"ั\"/>\n</plan>\n",
                   &n);
    assert_contains(m, "p.xml:3: error: the Thai mark '◌่' (U+0E48) has no letter to sit on");
    assert_contains(m, "p.xml:5: error: the Thai mark '◌ั' (U+0E31) has no letter to sit on");
    assert_contains(m, "p.xml:4: error: more than three Thai marks on one letter, the last "
                       "'◌๋' (U+0E4B)");
    assert_int_equal(n, 3);
    free(m);
}

/* End to end: check fails with the messages, and render writes nothing. */
static void test_check_and_render_refuse(void **state)
{
    (void)state;
    const char *b = getenv("BUILD"), *ph = getenv("PHAEN");
    char path[256], out[256], cmd[4096];
    snprintf(path, sizeof path, "%s/tests/out/coverage.xml", b && *b ? b : "build");
    snprintf(out, sizeof out, "%s/tests/out/coverage-out", b && *b ? b : "build");
    FILE *f = fopen("samples/trafficking-2561-2580.xml", "rb");
    assert_non_null(f);
    static char xml[1 << 20];
    size_t len = fread(xml, 1, sizeof xml - 1, f);
    fclose(f);
    xml[len] = '\0';
    char *at = strstr(xml, "ระยะ 5 ปี");
    assert_non_null(at);
    char *bent = malloc(len + 64);
    size_t pre = (size_t)(at - xml);
    memcpy(bent, xml, pre);
    strcpy(bent + pre, "ระยะ 5 ปี 🚀");
    strcat(bent, at + strlen("ระยะ 5 ปี"));
    write_file(path, bent);
    free(bent);
    int st;
    snprintf(cmd, sizeof cmd, "%s check %s 2>&1", ph && *ph ? ph : "build/phaen", path);
    char *msg = run_capture(cmd, &st);
    assert_int_not_equal(st, 0);
    assert_contains(msg, ":12: error: the font 'Laksaman' has no glyph for '🚀' (U+1F680)");
    free(msg);
    assert_int_equal(remove_tree(out), 0);
    snprintf(cmd, sizeof cmd, "%s render %s -o %s 2>&1", ph && *ph ? ph : "build/phaen", path,
             out);
    msg = run_capture(cmd, &st);
    assert_int_not_equal(st, 0);
    assert_contains(msg, "U+1F680");
    assert_not_contains(msg, "has no glyph for some characters");
    free(msg);
    snprintf(cmd, sizeof cmd, "%s/master-plan.pdf", out);
    assert_int_not_equal(access(cmd, F_OK), 0); /* nothing written */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thai_and_latin_are_covered),
        cmocka_unit_test(test_missing_glyphs_reported_once_each),
        cmocka_unit_test(test_marks_without_a_letter),
        cmocka_unit_test(test_check_and_render_refuse),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
