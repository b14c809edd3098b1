/* test_split.c - the first pass of a long document on two threads
 * (layout_set_threads, layout.c's first_pass) gives the same PDF, to the
 * byte, as on one: the heading pages of the contents, the tables' column
 * fits and the page count come back from the second thread shifted to
 * where its part starts.
 *
 * The document is made here: a cover, contents, and chapters (each opens
 * its page: where the pass may be cut) of justified paragraphs, headings
 * and tables long enough to cross pages, some chapters landscape. */
#include "testutil.h"

#include <malloc.h>

#include "fonts.h"
#include "layout.h"
#include "pdf.h"
#include "template.h"

#include "typefixture.h"

static const char *const words[] = {
    "การพัฒนา", "ระบบ", "คุ้มครอง", "ผู้เสียหาย", "จาก", "การค้ามนุษย์", "ให้", "มี",
    "ประสิทธิภาพ", "และ", "ความร่วมมือ", "ระหว่าง", "หน่วยงาน", "ภาครัฐ", "เอกชน",
    "ประชาสังคม", "ใน", "การ", "ป้องกัน", "ปราบปราม", "๑๒๓", "๒๕๖๔", "(พม.)",
};

static const char *sentence(Doc *d, unsigned seed, int n)
{
    char buf[4096] = "";
    for (int i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        strncat(buf, words[(seed >> 16) % (sizeof words / sizeof *words)],
                sizeof buf - strlen(buf) - 2);
        if ((seed >> 8) % 5 == 0)
            strncat(buf, " ", sizeof buf - strlen(buf) - 1);
    }
    return doc_printf(d, "%s", buf);
}

/* About 11 KB of markup a chapter, most of it in the table, whose
 * rows repeat eleven project cells of the chapter's own (the columns fit
 * each chapter's table apart, and a cell laid out once serves its repeats:
 * layout_text.c's pool; with every row's text its own and twice the
 * paragraphs, the same 283 KB cost 0.56 s of CPU to compare, now 0.41). */
static Doc *long_doc(int chapters)
{
    Doc *d = doc_new();
    doc_para(d, TA_CENTER, "<b>เอกสารทดสอบ</b>");
    doc_add(d, DB_PAGEBREAK);
    DocBlock *b = doc_heading(d, 0, NULL, NULL, "สารบัญ");
    b->in_toc = 0;
    doc_add(d, DB_TOC);
    doc_add(d, DB_BODY_START);
    for (int c = 0; c < chapters; c++) {
        if (c % 7 == 3)
            doc_add(d, DB_PAGEBREAK)->landscape = 1;
        else if (c % 7 == 5)
            doc_add(d, DB_PAGEBREAK)->landscape = 0;
        const char *title = doc_printf(d, "บทที่ %d %s", c + 1, sentence(d, (unsigned)c, 3));
        b = doc_heading(d, 0, doc_printf(d, "ch-%d", c), title, title);
        b->in_toc = 1;
        for (int s = 0; s < 3; s++) {
            const char *sub = doc_printf(d, "%d.%d %s", c + 1, s + 1,
                                         sentence(d, (unsigned)(c * 7 + s), 4));
            b = doc_heading(d, 1, doc_printf(d, "s-%d-%d", c, s), sub, sub);
            b->in_toc = 1;
            for (int p = 0; p < 1 + (c + s) % 2; p++)
                doc_para(d, TA_JUSTIFY, sentence(d, (unsigned)(c * 31 + s * 7 + p), 40 + p * 9));
        }
        DocTable *t = doc_table(d, 3, (const double[]){1, 4, 2});
        DocRow *r = doc_row(d, t, ROW_HEADER, 3);
        r->cells[0].markup = "ลำดับ";
        r->cells[1].markup = "โครงการ";
        r->cells[2].markup = "หน่วยงาน";
        for (int i = 0; i < 28 + c % 9; i++) {
            r = doc_row(d, t, ROW_BODY, 3);
            r->cells[0].markup = doc_printf(d, "%d", i + 1);
            r->cells[1].markup = sentence(d, (unsigned)(c * 101 + i % 11), 8 + i % 11 % 5);
            r->cells[2].markup = sentence(d, (unsigned)(i % 4), 2);
        }
    }
    return d;
}

static unsigned char *render(const Doc *doc, int threads, const char *path, size_t *len,
                             LayoutStats *st)
{
    layout_set_threads(threads);
    DiagCapture dc;
    diag_capture_init(&dc);
    memset(st, 0, sizeof *st);
    int rc = pdf_write(path, doc, tpl, fonts, &dc.d, st);
    layout_set_threads(1);
    assert_int_equal(rc, 0);
    assert_string_equal(diag_capture_text(&dc), "");
    diag_capture_free(&dc);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(*len + 1);
    assert_int_equal(fread(buf, 1, *len, f), *len);
    fclose(f);
    return buf;
}

static void out_path(char *buf, size_t n, const char *name)
{
    const char *b = getenv("BUILD");
    snprintf(buf, n, "%s/tests/out/split", b && *b ? b : "build");
    assert_int_equal(mkdir_parents(buf), 0);
    size_t k = strlen(buf);
    snprintf(buf + k, n - k, "/%s", name);
}

/* Cut on two threads: the same bytes as on one, and the cut was made.
 * 26 chapters are 283 KB of markup (117 pages), just over the size below
 * which the pass is not cut (layout.c's SPLIT_MIN_BYTES, 256 KiB): each
 * chapter more is laid out four times for nothing.  Below the size,
 * s2.split is 0 and the test fails (as with 24 rows a table instead of 28). */
static void test_same_bytes(void **state)
{
    (void)state;
    Doc *doc = long_doc(26);
    char p1[600], p2[600];
    out_path(p1, sizeof p1, "one.pdf");
    out_path(p2, sizeof p2, "two.pdf");
    size_t n1, n2;
    LayoutStats s1, s2;
    unsigned char *a = render(doc, 1, p1, &n1, &s1);
    unsigned char *b = render(doc, 2, p2, &n2, &s2);
    assert_int_equal(s1.split, 0);
    assert_true(s2.split > 0);
    assert_int_equal(doc->blocks[s2.split].kind, DB_HEADING);
    assert_int_equal(doc->blocks[s2.split].level, 0);
    assert_int_equal(s1.pages, s2.pages);
    assert_true(s1.pages > 40);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
    doc_free(doc);
}

/* A short document is not worth a second thread's fonts (what the pass
 * did is in its LayoutStats, whatever the surface: no PDF). */
static void test_short_not_cut(void **state)
{
    (void)state;
    Doc *doc = long_doc(3);
    LayoutStats st;
    char *msg;
    layout_set_threads(2);
    int rc = type_layout(doc, tpl, &st, &msg);
    layout_set_threads(1);
    assert_int_equal(rc, 0);
    assert_string_equal(msg, "");
    free(msg);
    assert_int_equal(st.split, 0);
    assert_true(st.passes == 2 && st.pages > 3);
    doc_free(doc);
}

int main(void)
{
    /* The freed memory of each render stays with malloc for the next, not
     * given back to the system as it was (brk and the helper thread's
     * arena shrunk: the next render faulted it in again, and each shrink
     * of a process with threads flushes every CPU's TLB): 6,200 page
     * faults a run -> 3,900, 0.11 -> 0.04 s of system time (with the
     * document before this one's: 8,100 -> 4,300, 0.74 -> 0.65 s CPU).
     * What is compared does not depend on where malloc puts things. */
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_bytes),
        cmocka_unit_test(test_short_not_cut),
    };
    return cmocka_run_group_tests(tests, type_setup, type_teardown);
}
