/* test_diff.c - what changed between two versions of a plan.
 *
 * Each case loads tests/data/minimal.xml, edits a copy of it by replacing
 * one piece of text, and checks the diff's text report; the samples' v1.0
 * and v2.0 are checked against the changes made between them; one case
 * lays out the PDF summary and reads its text (dumptext.h). */
#include "testutil.h"

#include "diff.h"
#include "fonts.h"
#include "load.h"
#include "resolve.h"

#include "dumptext.h"

#define MINIMAL "tests/data/minimal.xml"
#define V1 "samples/trafficking-2561-2580.xml"
#define V2 "samples/history/trafficking-2561-2580-v2.0-revised.xml"

static char *minimal;
static Template *tpl;
static FontSet *fonts; /* opened at the first layout */

static char *read_all(const char *path)
{
    char *s = read_whole(path, NULL);
    assert_non_null(s);
    return s;
}

static int setup(void **state)
{
    Diag d;
    diag_init(&d, stderr, 0);
    minimal = read_all(MINIMAL);
    tpl = template_load("templates/official.conf", &d);
    return tpl ? 0 : -1;
}

static int teardown(void **state)
{
    free(minimal);
    fonts_close(fonts);
    template_free(tpl);
    load_cleanup();
    return 0;
}

/* The plan in xml, loaded and resolved without a diagnostic. */
static Plan *load(const char *xml, const char *name)
{
    DiagCapture c;
    diag_capture_init(&c);
    Plan *p = plan_load_memory(xml, strlen(xml), name, NULL, &c.d);
    if (p)
        plan_resolve(p, &c.d);
    if (!p || c.d.errors)
        fail_msg("%s did not load:\n%s", name, diag_capture_text(&c));
    diag_capture_free(&c);
    return p;
}

/* A copy of s with the first `from` replaced by `to` (which must occur). */
static char *edit(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    if (!at)
        fail_msg("'%s' is not in the fixture", from);
    size_t head = (size_t)(at - s), len = strlen(s) - strlen(from) + strlen(to) + 1;
    char *out = malloc(len);
    assert_non_null(out);
    snprintf(out, len, "%.*s%s%s", (int)head, s, to, at + strlen(from));
    return out;
}

/* The text report of old -> new (malloc'd). */
static char *report(const Plan *old, const Plan *new, PlanDiff **out)
{
    PlanDiff *d = plan_diff(old, new);
    assert_non_null(d);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    plan_diff_print(d, tpl, f);
    fclose(f);
    if (out)
        *out = d;
    else
        plan_diff_free(d);
    return buf;
}

/* The report of minimal.xml against minimal.xml with `from` -> `to`. */
static char *edited(const char *from, const char *to, PlanDiff **d)
{
    char *xml = edit(minimal, from, to);
    Plan *old = load(minimal, "old.xml"), *new = load(xml, "new.xml");
    char *r = report(old, new, d);
    plan_free(old);
    plan_free(new);
    free(xml);
    return r;
}

static void test_identical_plans_have_no_changes(void **state)
{
    PlanDiff *d;
    char *r = edited("<title>", "<title>", &d);
    assert_int_equal(d->n, 0);
    assert_string_equal(r, "phaen diff: old.xml (version 1.0, approved, 2018-09-14) -> "
                           "new.xml (version 1.0, approved, 2018-09-14)\nno changes\n");
    plan_diff_free(d);
    free(r);
}

static void test_changed_target(void **state)
{
    PlanDiff *d;
    char *r = edited("<target phase=\"PH2\">85</target>", "<target phase=\"PH2\">90</target>", &d);
    assert_int_equal(d->n, 1);
    assert_int_equal(d->changes[0].field, DF_TARGET);
    assert_contains(r, "\n0 added, 0 removed, 1 changed\n"
                       "changed indicator IND-1.1.1 ค่าเป้าหมาย ระยะ 10 ปี: 85 -> 90\n");
    plan_diff_free(d);
    free(r);
}

static void test_changed_budget_amount(void **state)
{
    PlanDiff *d;
    char *r = edited(">12500000<", ">12600000<", &d);
    assert_int_equal(d->n, 1);
    assert_contains(r, "changed project PJ-1.01 งบประมาณ ปีงบประมาณ พ.ศ. 2563: 12500000 -> 12600000\n");
    plan_diff_free(d);
    free(r);
}

static void test_budget_year_added_removed_and_status(void **state)
{
    char *r = edited("<fy year=\"2563\" status=\"approved\">12500000</fy>",
                     "<fy year=\"2565\" status=\"requested\">1000</fy>", NULL);
    assert_contains(r, "removed project PJ-1.01 งบประมาณ ปีงบประมาณ พ.ศ. 2563: 12500000\n"
                       "added project PJ-1.01 งบประมาณ ปีงบประมาณ พ.ศ. 2565: 1000\n");
    free(r);
    r = edited("status=\"requested\"> 13000000", "status=\"allocated\">13000000", NULL);
    assert_contains(r, "changed project PJ-1.01 สถานะงบประมาณ ปีงบประมาณ พ.ศ. 2564: requested -> allocated\n");
    assert_not_contains(r, "งบประมาณ ปีงบประมาณ พ.ศ. 2564: 1");
    free(r);
}

static void test_added_and_removed_project(void **state)
{
    PlanDiff *d;
    char *r = edited("<project id=\"PJ-1.01\"", "<project id=\"PJ-1.02\"", &d);
    assert_int_equal(d->n_added, 1);
    assert_int_equal(d->n_removed, 1);
    assert_int_equal(d->n_changed, 0);
    assert_contains(r, "added project PJ-1.02 \"โครงการพัฒนาศักยภาพพนักงานสอบสวน\"\n"
                       "removed project PJ-1.01 \"โครงการพัฒนาศักยภาพพนักงานสอบสวน\"\n");
    plan_diff_free(d);
    free(r);
}

/* A removed project is listed at its old place: before the project that
 * followed it in the old plan. */
static void test_removed_keeps_its_old_place(void **state)
{
    const char *b = "<project id=\"PJ-B\" strategy=\"ST-1.1\"><title>บี</title><objective>ข"
                    "</objective><lead agency=\"RTP\"/></project>\n    </program>";
    char *two = edit(minimal, "</program>", b);
    char *xml = edit(two, "<project id=\"PJ-1.01\"", "<project id=\"PJ-A\"");
    char *moved = edit(xml, "<title>บี</title>", "<title>บีใหม่</title>");
    Plan *old = load(two, "old.xml"), *new = load(moved, "new.xml");
    char *r = report(old, new, NULL);
    assert_contains(r, "added project PJ-A \"โครงการพัฒนาศักยภาพพนักงานสอบสวน\"\n"
                       "removed project PJ-1.01 \"โครงการพัฒนาศักยภาพพนักงานสอบสวน\"\n"
                       "changed project PJ-B ชื่อ: บี -> บีใหม่\n");
    free(r);
    plan_free(old);
    plan_free(new);
    free(two);
    free(xml);
    free(moved);
}

static void test_changed_lead_agency(void **state)
{
    char *r = edited("<lead agency=\"RTP\"/>", "<lead agency=\"OPS\"/>", NULL);
    assert_contains(r, "\nchanged project PJ-1.01 หน่วยงานหลัก: RTP -> OPS\n");
    free(r);
}

static void test_changed_indicator_name(void **state)
{
    char *r = edited("<name>ร้อยละของคดีที่สั่งฟ้องภายใน 180 วัน</name>",
                     "<name>ร้อยละของคดีที่สั่งฟ้องภายใน 120 วัน</name>", NULL);
    assert_contains(r, "changed indicator IND-1.1.1 ชื่อ: ร้อยละของคดีที่สั่งฟ้องภายใน 180 วัน -> "
                       "ร้อยละของคดีที่สั่งฟ้องภายใน 120 วัน\n");
    free(r);
}

static void test_optional_field_added_and_removed(void **state)
{
    char *r = edited("<support agencies=\"OPS\"/>", "", NULL);
    assert_contains(r, "removed project PJ-1.01 หน่วยงานสนับสนุน: OPS\n");
    free(r);
    r = edited("<baseline year=\"2560\">62</baseline>", "", NULL);
    assert_contains(r, "removed indicator IND-1.1.1 ค่าฐาน: 62\n"
                       "removed indicator IND-1.1.1 ค่าฐาน พ.ศ.: 2560\n");
    free(r);
}

static void test_header_and_agency(void **state)
{
    char *r = edited("number=\"1.0\" date=\"2018-09-14\" status=\"approved\"",
                     "number=\"2.0\" date=\"2022-09-30\" status=\"revised\"", NULL);
    assert_contains(r, "-> new.xml (version 2.0, revised, 2022-09-30)\n0 added, 0 removed, 3 changed\n"
                       "changed plan ฉบับที่: 1.0 -> 2.0\n"
                       "changed plan สถานะ: approved -> revised\n"
                       "changed plan ปรับปรุงเมื่อ: 2018-09-14 -> 2022-09-30\n");
    free(r);
    r = edited("abbr=\"ตร.\" parent=\"OPS\"", "abbr=\"สตช.\"", NULL);
    assert_contains(r, "changed agency RTP อักษรย่อ: ตร. -> สตช.\n"
                       "removed agency RTP สังกัด: OPS\n");
    free(r);
}

/* Each of want[0..n) is in r, each after the one before. */
static void assert_in_order(const char *r, const char *const *want, size_t n)
{
    const char *at = r;
    for (size_t i = 0; i < n; i++) {
        const char *w = strstr(at, want[i]);
        if (!w)
            fail_msg("'%s' is not where expected in:\n%s", want[i], r);
        at = w + strlen(want[i]);
    }
}

/* The change summary of old -> new, composed and laid out (dumptext.h):
 * its text, a laid-out line a line (test_output reads the PDF of the same
 * changes back with pdftotext and qpdf). */
static char *summary_text(const PlanDiff *d, const Plan *old, const Plan *new)
{
    Doc *doc = compose_diff(d, old, new, tpl);
    assert_non_null(doc);
    if (!fonts) {
        DiagCapture c;
        diag_capture_init(&c);
        fonts = fonts_open("fonts", tpl->font_family, &c.d);
        if (!fonts)
            fail_msg("%s", diag_capture_text(&c));
        diag_capture_free(&c);
    }
    char *text = layout_text(doc, tpl, fonts, NULL);
    doc_free(doc);
    return text;
}

/* The report of the sample v1.0 against a copy with the n edits
 * from[i] -> to[i] made in turn. */
static char *v1_edited(const char *const *from, const char *const *to, size_t n)
{
    char *v1 = read_all(V1), *xml = v1;
    for (size_t i = 0; i < n; i++) {
        char *next = edit(xml, from[i], to[i]);
        if (xml != v1)
            free(xml);
        xml = next;
    }
    Plan *old = load(v1, "old.xml"), *new = load(xml, "new.xml");
    char *r = report(old, new, NULL);
    plan_free(old);
    plan_free(new);
    if (xml != v1)
        free(xml);
    free(v1);
    return r;
}

/* Format 2's front matter: approvals (matched by the body that gave
 * them), glossary terms (by abbreviation), a preface's paragraphs and
 * signature, an executive summary's list, sub-plan targets and factors
 * (by code), yearly targets (by year). */
static void test_front_matter_changes(void **state)
{
    static const char *const from[] = {
        "number=\"ครั้งที่ 3/2561\"",
        "<approval date=\"2018-10-16\"",
        "<term abbr=\"GLP\">แนวปฏิบัติการใช้แรงงานที่ดี",
        "    <term abbr=\"PIPO\">",
        "  </glossary>",
        "<p>ขอขอบคุณหน่วยงานภาครัฐ",
        "<name>นายวิชัย ใจสุจริต</name>",
        "<item>การป้องกัน มุ่งสร้าง",
        "<title>การแก้ไขปัญหาการค้ามนุษย์ของประเทศไทยเป็นไปตามมาตรฐานสากล",
        "ฟื้นฟูผู้เสียหาย</factor>",
        "<target year=\"2563\">68</target>",
        "<target year=\"2564\">71</target>",
    };
    static const char *const to[] = {
        "number=\"ครั้งที่ 4/2561\"",
        "<approval date=\"2018-10-23\"",
        "<term abbr=\"GLP\">แนวปฏิบัติการใช้แรงงานที่ดีในกิจการประมง",
        "    <term abbr=\"PIPO-X\">",
        "    <term abbr=\"TIP\">การค้ามนุษย์ (Trafficking in Persons)</term>\n  </glossary>",
        "<p>ขอขอบพระคุณหน่วยงานภาครัฐ",
        "<name>นางสาววิไล ใจสุจริต</name>",
        "<item>การป้องกัน มุ่งเสริมสร้าง",
        "<title>การแก้ไขปัญหาการค้ามนุษย์ของไทยเป็นไปตามมาตรฐานสากล",
        "ฟื้นฟูผู้เสียหายอย่างรอบด้าน</factor>",
        "<target year=\"2563\">69</target>",
        "<target year=\"2564\">71</target><target year=\"2565\">74</target>",
    };
    char *r = v1_edited(from, to, sizeof from / sizeof from[0]);
    static const char *const want[] = {
        "changed plan การให้ความเห็นชอบแผน คณะกรรมการป้องกันและปราบปรามการค้ามนุษย์ (ป.ค.ม.) – "
        "การประชุม / มติ: ครั้งที่ 3/2561 -> ครั้งที่ 4/2561\n",
        "changed plan การให้ความเห็นชอบแผน คณะรัฐมนตรี – วันที่: 2018-10-16 -> 2018-10-23\n",
        "changed plan คำย่อ GLP: แนวปฏิบัติการใช้แรงงานที่ดี (Good Labour Practices) -> "
        "แนวปฏิบัติการใช้แรงงานที่ดีในกิจการประมง (Good Labour Practices)\n",
        "added plan คำย่อ PIPO-X: ศูนย์ควบคุมการแจ้งเข้าออกเรือประมง",
        "added plan คำย่อ TIP: การค้ามนุษย์ (Trafficking in Persons)\n",
        "removed plan คำย่อ PIPO: ศูนย์ควบคุมการแจ้งเข้าออกเรือประมง",
        "changed section SEC-PREFACE ย่อหน้าที่ 3: ขอขอบคุณหน่วยงานภาครัฐ",
        " -> ขอขอบพระคุณหน่วยงานภาครัฐ",
        "changed section SEC-PREFACE ชื่อผู้ลงนาม: นายวิชัย ใจสุจริต -> นางสาววิไล ใจสุจริต\n",
        "changed section SEC-SUMMARY ย่อหน้าที่ 3: • การปราบปรามและดำเนินคดี",
        "• การป้องกัน มุ่งเสริมสร้าง",
        "changed sub-target 010202 ชื่อ: การแก้ไขปัญหาการค้ามนุษย์ของประเทศไทย",
        "changed factor F010203 ชื่อ: การคุ้มครองช่วยเหลือ เยียวยา และฟื้นฟูผู้เสียหาย -> "
        "การคุ้มครองช่วยเหลือ เยียวยา และฟื้นฟูผู้เสียหายอย่างรอบด้าน\n",
        "changed indicator IND-1.1.1 ค่าเป้าหมาย ปีงบประมาณ พ.ศ. 2563: 68 -> 69\n",
        "added indicator IND-1.1.1 ค่าเป้าหมาย ปีงบประมาณ พ.ศ. 2565: 74\n",
    };
    assert_in_order(r, want, sizeof want / sizeof want[0]);
    assert_contains(r, "\n3 added, 1 removed, 9 changed\n");
    free(r);
}

/* The higher plans a plan aligns with, matched by code: a title, a kind
 * and a contribution changed, one plan gone and one named anew. */
static const char *const align_from[] = {
    "<title>ยุทธศาสตร์ชาติ (พ.ศ. 2561 – 2580) ด้านความมั่นคง</title>",
    "<align kind=\"master-plan\" code=\"MP-01\">",
    "ด้วยการบูรณาการการทำงานของหน่วยงานที่เกี่ยวข้อง</contribution>",
    "<align kind=\"policy\" code=\"NSP-2562\">",
};
static const char *const align_to[] = {
    "<title>ยุทธศาสตร์ชาติ (พ.ศ. 2561 – 2580) ด้านที่ 1 ความมั่นคง</title>",
    "<align kind=\"national-strategy\" code=\"MP-01\">",
    "ด้วยการบูรณาการการทำงานของทุกหน่วยงาน</contribution>",
    "<align kind=\"policy\" code=\"NSP-2566\">",
};

static void test_alignment_changes(void **state)
{
    char *r = v1_edited(align_from, align_to, sizeof align_from / sizeof align_from[0]);
    static const char *const want[] = {
        "changed plan ความสอดคล้องกับแผนระดับที่สูงขึ้น NS-1: ยุทธศาสตร์ชาติ (พ.ศ. 2561 – 2580) "
        "ด้านความมั่นคง -> ยุทธศาสตร์ชาติ (พ.ศ. 2561 – 2580) ด้านที่ 1 ความมั่นคง\n",
        "changed plan ความสอดคล้องกับแผนระดับที่สูงขึ้น MP-01 – ระดับของแผน: master-plan -> "
        "national-strategy\n",
        "changed plan ความสอดคล้องกับแผนระดับที่สูงขึ้น MP-01.2 – การมีส่วนสนับสนุน: ",
        "ของหน่วยงานที่เกี่ยวข้อง -> ",
        "added plan ความสอดคล้องกับแผนระดับที่สูงขึ้น NSP-2566: นโยบายและแผนระดับชาติ",
        "removed plan ความสอดคล้องกับแผนระดับที่สูงขึ้น NSP-2562: นโยบายและแผนระดับชาติ",
    };
    assert_in_order(r, want, sizeof want / sizeof want[0]);
    assert_contains(r, "\n1 added, 1 removed, 3 changed\n");
    free(r);
}

/* The change summary names a changed kind as the alignment chapter does. */
static void test_pdf_alignment_kind_in_thai(void **state)
{
    char *v1 = read_all(V1);
    char *xml = edit(v1, align_from[1], align_to[1]);
    Plan *old = load(v1, "old.xml"), *new = load(xml, "new.xml");
    PlanDiff *d = plan_diff(old, new);
    assert_non_null(d);
    assert_int_equal(d->n, 1);
    char *text = summary_text(d, old, new);
    assert_contains(text, "ระดับของแผน");
    assert_contains(text, "ภายใต้"); /* label.master_plan, broken in its cell */
    assert_contains(text, "ยุทธศาสตร์ชาติ");
    assert_not_contains(text, "master-plan");
    free(text);
    plan_diff_free(d);
    plan_free(old);
    plan_free(new);
    free(xml);
    free(v1);
}

/* The samples: v2.0 changed targets of four indicators, budgets of five
 * projects, removed PJ-1.09, added PJ-1.13 and gave PJ-3.02 a new lead;
 * it has none of v1.0's approvals (they approved v1.0), preface,
 * executive summary or yearly targets. */
static const char *const v2_changes[] = {
    "changed plan ฉบับที่: 1.0 -> 2.0",
    "changed plan สถานะ: approved -> revised",
    "changed plan ปรับปรุงเมื่อ: 2018-09-14 -> 2022-09-30",
    "removed plan การให้ความเห็นชอบแผน คณะกรรมการป้องกันและปราบปรามการค้ามนุษย์ (ป.ค.ม.): "
    "2018-09-26 ครั้งที่ 3/2561",
    "removed plan การให้ความเห็นชอบแผน คณะรัฐมนตรี: 2018-10-16 ที่ นร 0505/ว 412",
    "removed section SEC-PREFACE \"คำนำ\"",
    "removed section SEC-SUMMARY \"บทสรุปผู้บริหาร\"",
    "changed goal G-2.3 เป้าหมายแผนย่อย: 010201 -> 010201 010202",
    "changed goal G-2.3 ปัจจัย: F010202 -> F010202 F010206",
    "changed indicator IND-1.1.1 ค่าเป้าหมาย ระยะ 10 ปี: 85 -> 90",
    "changed indicator IND-1.1.1 ค่าเป้าหมาย ระยะ 20 ปี: 95 -> 98",
    "removed indicator IND-1.1.1 ค่าเป้าหมาย ปีงบประมาณ พ.ศ. 2563: 68",
    "removed indicator IND-1.1.1 ค่าเป้าหมาย ปีงบประมาณ พ.ศ. 2564: 71",
    "removed indicator IND-1.2.1 ค่าเป้าหมาย ปีงบประมาณ พ.ศ. 2564: 540",
    "changed indicator IND-2.3.1 ค่าเป้าหมาย ระยะ 10 ปี: 300 -> 500",
    "changed indicator IND-2.3.1 ค่าเป้าหมาย ระยะ 20 ปี: 100 -> 200",
    "removed indicator IND-2.3.1 ค่าเป้าหมาย ปีงบประมาณ พ.ศ. 2563: 850",
    "removed indicator IND-2.3.1 ค่าเป้าหมาย ปีงบประมาณ พ.ศ. 2564: 750",
    "changed indicator IND-3.2.2 ค่าเป้าหมาย ระยะ 10 ปี: 65 -> 70",
    "changed indicator IND-4.1.1 ค่าเป้าหมาย ระยะ 10 ปี: 25 -> 28",
    "changed indicator IND-4.1.1 ค่าเป้าหมาย ระยะ 20 ปี: 30 -> 35",
    "changed project PJ-1.02 งบประมาณ ปีงบประมาณ พ.ศ. 2565: 31000000 -> 29000000",
    "changed project PJ-1.02 งบประมาณ ปีงบประมาณ พ.ศ. 2566: 32500000 -> 30000000",
    "changed project PJ-1.02 งบประมาณ ปีงบประมาณ พ.ศ. 2567: 34000000 -> 31000000",
    "removed project PJ-1.09 \"โครงการพัฒนาระบบวิเคราะห์ธุรกรรมทางการเงินที่เกี่ยวข้องกับการค้ามนุษย์\"",
    "added project PJ-1.13 \"โครงการปราบปรามขบวนการค้ามนุษย์เพื่อบังคับให้กระทำความผิดด้าน"
    "การหลอกลวงทางออนไลน์ในประเทศเพื่อนบ้าน\"",
    "changed project PJ-2.06 งบประมาณ ปีงบประมาณ พ.ศ. 2565: 9500000 -> 8000000",
    "changed project PJ-2.10 งบประมาณ ปีงบประมาณ พ.ศ. 2564: 46500000 -> 41850000",
    "changed project PJ-3.02 หน่วยงานหลัก: DSDW -> OPS-MSDHS",
    "changed project PJ-3.02 หน่วยงานสนับสนุน: OPS-MSDHS MOPH -> DSDW MOPH",
    "changed project PJ-3.07 งบประมาณ ปีงบประมาณ พ.ศ. 2566: 42000000 -> 48000000",
    "changed project PJ-3.07 งบประมาณ ปีงบประมาณ พ.ศ. 2567: 45000000 -> 50000000",
    "changed project PJ-4.01 งบประมาณ ปีงบประมาณ พ.ศ. 2566: 15000000 -> 20000000",
    "changed project PJ-4.01 งบประมาณ ปีงบประมาณ พ.ศ. 2567: 15000000 -> 20000000",
};

static void load_samples(Plan **old, Plan **new)
{
    Diag d;
    diag_init(&d, stderr, 0);
    *old = plan_load(V1, NULL, &d);
    *new = plan_load(V2, NULL, &d);
    assert_non_null(*old);
    assert_non_null(*new);
    assert_int_equal(plan_resolve(*old, &d) + plan_resolve(*new, &d), 0);
}

static void test_samples_v1_to_v2(void **state)
{
    Plan *old, *new;
    load_samples(&old, &new);
    char *r = report(old, new, NULL);
    size_t n = sizeof v2_changes / sizeof v2_changes[0];
    /* exactly these lines, in this order, after the two summary lines */
    char *want = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&want, &len);
    assert_non_null(f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s\n", v2_changes[i]);
    fclose(f);
    char *body = strchr(strchr(r, '\n') + 1, '\n') + 1;
    assert_contains(r, "\n1 added, 10 removed, 23 changed\n");
    assert_string_equal(body, want);
    free(want);
    free(r);
    plan_free(old);
    plan_free(new);
}

static void test_pdf_lists_changed_ids(void **state)
{
    Plan *old, *new;
    load_samples(&old, &new);
    PlanDiff *d = plan_diff(old, new);
    assert_non_null(d);
    char *text = summary_text(d, old, new);
    static const char *const ids[] = {"IND-1.1.1", "IND-2.3.1", "IND-3.2.2", "IND-4.1.1",
                                      "PJ-1.02", "PJ-1.09", "PJ-1.13", "PJ-2.06", "PJ-2.10",
                                      "PJ-3.02", "PJ-3.07", "PJ-4.01"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        assert_contains(text, ids[i]);
    assert_contains(text, "สรุปการเปลี่ยนแปลงของแผน");
    assert_contains(text, "๓๑,๐๐๐,๐๐๐"); /* PJ-1.02's 2565, in baht */
    assert_not_contains(text, "PJ-1.01 ");
    free(text);
    plan_diff_free(d);
    plan_free(old);
    plan_free(new);
}

/* The change summary's rows for format 2's front matter: its own group
 * for the preface and summary, approvals with Thai dates, yearly targets
 * by their year. */
static void test_pdf_front_matter_rows(void **state)
{
    Plan *old, *new;
    load_samples(&old, &new);
    PlanDiff *d = plan_diff(old, new);
    assert_non_null(d);
    char *text = summary_text(d, old, new);
    assert_contains(text, "ส่วนนำของแผน");
    assert_contains(text, "SEC-PREFACE");
    assert_contains(text, "SEC-SUMMARY");
    assert_contains(text, "คณะรัฐมนตรี");
    assert_contains(text, "๑๖ ตุลาคม ๒๕๖๑");        /* the Cabinet's approval, in Thai */
    assert_not_contains(text, "2018-10-16");
    assert_contains(text, "๒๕๖๓");                  /* IND-1.1.1's yearly target's year */
    free(text);
    plan_diff_free(d);
    plan_free(old);
    plan_free(new);
}

static void test_pdf_of_no_changes(void **state)
{
    Plan *p = load(minimal, "plan.xml");
    PlanDiff *d = plan_diff(p, p);
    assert_int_equal(d->n, 0);
    Doc *doc = compose_diff(d, p, p, tpl);
    assert_non_null(doc);
    assert_true(doc->n_blocks > 0);
    doc_free(doc);
    plan_diff_free(d);
    plan_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical_plans_have_no_changes),
        cmocka_unit_test(test_changed_target),
        cmocka_unit_test(test_changed_budget_amount),
        cmocka_unit_test(test_budget_year_added_removed_and_status),
        cmocka_unit_test(test_added_and_removed_project),
        cmocka_unit_test(test_removed_keeps_its_old_place),
        cmocka_unit_test(test_changed_lead_agency),
        cmocka_unit_test(test_changed_indicator_name),
        cmocka_unit_test(test_optional_field_added_and_removed),
        cmocka_unit_test(test_header_and_agency),
        cmocka_unit_test(test_front_matter_changes),
        cmocka_unit_test(test_alignment_changes),
        cmocka_unit_test(test_pdf_alignment_kind_in_thai),
        cmocka_unit_test(test_samples_v1_to_v2),
        cmocka_unit_test(test_pdf_lists_changed_ids),
        cmocka_unit_test(test_pdf_front_matter_rows),
        cmocka_unit_test(test_pdf_of_no_changes),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    fonts_cleanup();
    return rc;
}
