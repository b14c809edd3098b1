/* test_typeset.c - Thai line breaking and justification, at the level of
 * laid-out lines (layout_dump_para), not pixels: justified lines fill the
 * measure, lines break only where a Thai reader expects. */
#include "testutil.h"

#include <pango/pango.h>

#include "fonts.h"
#include "layout.h"
#include "load.h"
#include "pdf.h"
#include "template.h"
#include "thai.h"

#include "typefixture.h"
#include "dumptext.h"

typedef struct Line {
    double width;
    char *text;
} Line;

/* Lays out `text` (plain) at `width`; returns the lines (NULL-terminated). */
static Line *lines_of(const char *text, double width, TextAlign align, int *n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    Diag d;
    diag_init(&d, stderr, 0);
    char *markup = g_markup_escape_text(text, -1);
    *n = layout_dump_para(fonts, tpl, markup, width, align, f, &d);
    g_free(markup);
    fclose(f);
    assert_true(*n > 0);
    Line *out = calloc((size_t)*n + 1, sizeof *out);
    char *save = NULL, *row = strtok_r(buf, "\n", &save);
    for (int i = 0; i < *n && row; i++, row = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(row, '\t');
        assert_non_null(tab);
        out[i].width = atof(row);
        out[i].text = strdup(tab + 1);
    }
    free(buf);
    return out;
}

static void lines_free(Line *l)
{
    for (Line *p = l; p->text; p++)
        free(p->text);
    free(l);
}

static int starts_with_char(const char *s, gunichar c)
{
    return *s && g_utf8_get_char(s) == c;
}

static gunichar last_char(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0)
        return 0;
    return g_utf8_get_char(g_utf8_find_prev_char(s, s + n));
}

/* Paragraphs with every case the rules cover, in the sample's register. */
static const char *const paras[] = {
    "การค้ามนุษย์เป็นอาชญากรรมร้ายแรงที่ละเมิดสิทธิมนุษยชนและศักดิ์ศรีความเป็นมนุษย์ "
    "และเป็นอาชญากรรมข้ามชาติที่มีความสลับซับซ้อนซึ่งเชื่อมโยงกับการลักลอบนำพาคนเข้าเมือง "
    "การฟอกเงิน และการทุจริตของเจ้าหน้าที่ของรัฐ รัฐบาลจึงได้กำหนดให้การป้องกันและ"
    "แก้ไขปัญหาการค้ามนุษย์เป็นวาระแห่งชาติ ตั้งแต่ พ.ศ. ๒๕๕๘ เป็นต้นมา",
    "ในปีงบประมาณ พ.ศ. ๒๕๖๓ หน่วยงานที่เกี่ยวข้องดำเนินคดีค้ามนุษย์ได้จำนวน ๓๐๔ คดี "
    "และให้ความช่วยเหลือผู้เสียหายจำนวน ๖๓๑ ราย ภายใน ๑๘๐ วัน นับแต่วันรับแจ้ง "
    "ตามพระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. ๒๕๕๑ ฉบับที่ ๓ "
    "เจ้าหน้าที่ต่าง ๆ ได้รับการอบรมอย่างต่อเนื่องเป็นระยะ ๆ ทุกปี",
    "แผนแม่บทฉบับนี้จัดทำขึ้นเพื่อให้บรรลุเป้าหมายตามยุทธศาสตร์ชาติด้านความมั่นคง "
    "(นโยบายและแผนระดับชาติว่าด้วยความมั่นคงแห่งชาติ) โดยกรุงเทพมหานครและจังหวัดต่าง ๆ "
    "ร่วมดำเนินการกับสำนักงานตำรวจแห่งชาติ (สตช.) กรมสอบสวนคดีพิเศษ (ดีเอสไอ) "
    "และสำนักงานอัยการสูงสุด เพื่อคุ้มครองผู้เสียหายจากการค้ามนุษย์อย่างทั่วถึง",
};
static const double widths[] = {453.5, 340.0, 260.0};

/* Whether s has a space between its first and last visible characters. */
static int has_inner_space(const char *s)
{
    size_t a = strspn(s, " "), b = strlen(s);
    while (b > a && s[b - 1] == ' ')
        b--;
    return memchr(s + a, ' ', b - a) != NULL;
}

/* Every line but the last fills the measure; the last stays short.  A gap
 * inside running Thai text stays under a tenth of an em (readers take a
 * wider one for a space), so a line with no space and more slack than its
 * gaps can take stays a little short (it happens at narrow measures). */
static void test_justified_lines_fill_the_measure(void **state)
{
    (void)state;
    for (size_t p = 0; p < sizeof paras / sizeof *paras; p++)
        for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
            int n;
            Line *l = lines_of(paras[p], widths[w], TA_JUSTIFY, &n);
            assert_true(n >= 2);
            for (int i = 0; i < n - 1; i++)
                if (l[i].width < widths[w] - 0.5 && !has_inner_space(l[i].text) &&
                    l[i].width > widths[w] * 0.8)
                    continue;
                else if (l[i].width < widths[w] - 0.5 || l[i].width > widths[w] + 0.5)
                    fail_msg("line %d of paragraph %zu at %.1f is %.2f wide: %s", i, p,
                             widths[w], l[i].width, l[i].text);
            assert_true(l[n - 1].width <= widths[w] + 0.5);
            lines_free(l);
        }
}

/* Left alignment leaves lines ragged: the justification above is real. */
static void test_left_aligned_lines_are_ragged(void **state)
{
    (void)state;
    int n, short_lines = 0;
    Line *l = lines_of(paras[0], 340.0, TA_LEFT, &n);
    for (int i = 0; i < n - 1; i++)
        short_lines += l[i].width < 339.0;
    assert_true(short_lines > 0);
    lines_free(l);
}

/* The lines put back together are the paragraph: nothing lost or doubled. */
static void test_lines_rebuild_the_text(void **state)
{
    (void)state;
    for (size_t p = 0; p < sizeof paras / sizeof *paras; p++) {
        int n;
        Line *l = lines_of(paras[p], 300.0, TA_JUSTIFY, &n);
        GString *all = g_string_new(NULL);
        for (int i = 0; i < n; i++)
            g_string_append(all, l[i].text);
        assert_string_equal(all->str, paras[p]);
        g_string_free(all, TRUE);
        lines_free(l);
    }
}

/* Never inside a cluster: no line starts with a mark that sits on the
 * letter before it, and none ends with a leading vowel (เ แ โ ใ ไ). */
static void test_breaks_never_split_a_cluster(void **state)
{
    (void)state;
    for (size_t p = 0; p < sizeof paras / sizeof *paras; p++)
        for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
            int n;
            Line *l = lines_of(paras[p], widths[w], TA_JUSTIFY, &n);
            for (int i = 0; i < n; i++) {
                gunichar first = g_utf8_get_char(l[i].text);
                int mark = first == 0x0E31 || (first >= 0x0E33 && first <= 0x0E3A) ||
                           (first >= 0x0E47 && first <= 0x0E4E);
                if (mark)
                    fail_msg("line starts with a combining mark: %s", l[i].text);
                gunichar last = last_char(l[i].text);
                if (last >= 0x0E40 && last <= 0x0E44)
                    fail_msg("line ends with a leading vowel: %s", l[i].text);
            }
            lines_free(l);
        }
}

/* ๆ and ฯ never start a line; a closing mark never starts one and an opening
 * mark never ends one. */
static void test_marks_stay_with_their_words(void **state)
{
    (void)state;
    for (size_t p = 0; p < sizeof paras / sizeof *paras; p++)
        for (double w = 200; w <= 460; w += 13) {
            int n;
            Line *l = lines_of(paras[p], w, TA_JUSTIFY, &n);
            for (int i = 0; i < n; i++) {
                const char *s = l[i].text;
                if (starts_with_char(s, 0x0E46) || starts_with_char(s, 0x0E2F) ||
                    starts_with_char(s, ')'))
                    fail_msg("line %d at width %.0f starts with a closing mark: %s", i, w, s);
                if (last_char(s) == '(')
                    fail_msg("line %d at width %.0f ends with an opening mark: %s", i, w, s);
            }
            lines_free(l);
        }
}

static int split_units(int strict, int *tries);

/* Sequences that must stay on one line, at every measure, when the
 * template sets no justify.letter_worst; with it, a unit of a nobreak word
 * or a number (not ๆ, not a keepwhole word) may break at its space, at a
 * price: at few measures. */
static void test_no_break_pairs_and_whole_words(void **state)
{
    (void)state;
    Template *official = tpl, strict = *tpl;
    strict.letter_worst = 0;
    int splits = 0, tries = 0;
    for (int pass = 0; pass < 2; pass++) {
        tpl = pass == 0 ? &strict : official;
        splits = split_units(pass == 0, &tries);
    }
    tpl = official;
    /* official template: 7 splits of 1,140 */
    if (splits * 50 > tries)
        fail_msg("kept units split at %d of %d measures", splits, tries);
}

/* Runs the units' check over the paragraphs and measures; returns how many
 * came apart (fails at the first when `strict`). */
static int split_units(int strict, int *tries)
{
    int splits = 0;
    *tries = 0;
    static const char *const together[] = {
        "พ.ศ. ๒๕๕๘", "พ.ศ. ๒๕๖๓", "พ.ศ. ๒๕๕๑", "ฉบับที่ ๓", "๓๐๔ คดี", "๖๓๑ ราย", "๑๘๐ วัน",
        "ดีเอสไอ", "ต่าง ๆ",
        "ระยะ ๆ",
    };
    for (size_t p = 0; p < sizeof paras / sizeof *paras; p++)
        for (double w = 200; w <= 460; w += 7) {
            int n;
            Line *l = lines_of(paras[p], w, TA_JUSTIFY, &n);
            for (size_t k = 0; k < sizeof together / sizeof *together; k++) {
                const char *want = together[k];
                size_t occurrences = 0;
                for (const char *q = paras[p]; (q = strstr(q, want)); q++)
                    occurrences++;
                size_t found = 0;
                for (int i = 0; i < n; i++)
                    for (const char *q = l[i].text; (q = strstr(q, want)); q++)
                        found++;
                int hard = k >= 7; /* ดีเอสไอ (keepwhole) and ๆ never */
                (*tries)++;
                if (found != occurrences && (strict || hard))
                    fail_msg("'%s' split across lines at width %.0f in paragraph %zu", want, w, p);
                splits += found != occurrences;
            }
            lines_free(l);
        }
    return splits;
}

static int count_in(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *q = hay; (q = strstr(q, needle)); q += strlen(needle))
        n++;
    return n;
}

/* No single line of a paragraph at the foot of a page (orphan) or at the
 * head of the next (widow): a five-line paragraph is pushed down the first
 * page by a growing space, and wherever the page ends, each page holds none
 * of its lines or at least two. */
static void test_no_widows_or_orphans(void **state)
{
    (void)state;
    double avail = tpl->page_h - tpl->margin_top - tpl->margin_bottom;
    int split = 0, moved = 0;
    for (double space = avail - 8 * tpl->body_size * 1.8; space < avail; space += 3) {
        Doc *d = doc_new();
        doc_add(d, DB_VSPACE)->space = space;
        doc_para(d, TA_LEFT, "บรรทัดที่หนึ่ง\nบรรทัดที่สอง\nบรรทัดที่สาม\nบรรทัดที่สี่\nบรรทัดที่ห้า");
        /* the pages as laid out (dumptext.h), not a PDF read back */
        char *all = layout_text(d, tpl, fonts, NULL);
        doc_free(d);
        int pages[2];
        for (int pg = 1; pg <= 2; pg++) {
            char *text = layout_page(all, pg);
            pages[pg - 1] = count_in(text, "บรรทัดที่");
            free(text);
        }
        free(all);
        if (pages[0] + pages[1] != 5 || pages[0] == 1 || pages[1] == 1)
            fail_msg("space %.1f: %d lines on page 1, %d on page 2", space, pages[0], pages[1]);
        split += pages[0] >= 2 && pages[1] >= 2;
        moved += pages[0] == 0;
    }
    /* both rules were exercised */
    assert_true(split > 0);
    assert_true(moved > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_justified_lines_fill_the_measure),
        cmocka_unit_test(test_left_aligned_lines_are_ragged),
        cmocka_unit_test(test_lines_rebuild_the_text),
        cmocka_unit_test(test_breaks_never_split_a_cluster),
        cmocka_unit_test(test_marks_stay_with_their_words),
        cmocka_unit_test(test_no_break_pairs_and_whole_words),
        cmocka_unit_test(test_no_widows_or_orphans),
    };
    return cmocka_run_group_tests(tests, type_setup, type_teardown);
}
