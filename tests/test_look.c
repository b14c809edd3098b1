/* test_look.c - the look lives in the template: a changed key of each kind
 * (a length, a percent, a table's shares, a grey, a label) changes what
 * the documents show, and by what it says; an unknown key gets a
 * did-you-mean; the front matter's page letters follow the Thai alphabet
 * past ten pages.  Page dumps (dump.h) where they show it, the PDF where
 * only the PDF does (a grey). */
#include "testutil.h"

#include <limits.h>

#include "check.h"
#include "dump.h"
#include "fonts.h"
#include "forms.h"
#include "load.h"
#include "pdf.h"
#include "progressdoc.h"
#include "resolve.h"
#include "results.h"
#include "template.h"
#include "thai.h"

#define OFFICIAL "templates/official.conf"
#define MINIMAL "tests/data/minimal.xml"
#define SAMPLE "samples/trafficking-2561-2580.xml"

static const char *fixture_path(const char *name)
{
    static char path[512];
    const char *build = getenv("BUILD");
    snprintf(path, sizeof path, "%s/tests/out/look_%s", build ? build : "build", name);
    return path;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot read %s", path);
    size_t cap = 1 << 20, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t got;
    while ((got = fread(s + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            cap *= 2;
            s = realloc(s, cap);
            assert_non_null(s);
        }
    }
    fclose(f);
    s[n] = '\0';
    return s;
}

/* The official template with line `from` replaced by `to` (appended when
 * from is NULL), written as a fixture (the emblem named by its full path);
 * returns its path (static storage). */
static const char *official_with(const char *name, const char *from, const char *to)
{
    char *text = read_all(OFFICIAL);
    GString *out = g_string_new(NULL);
    if (from) {
        char *p = strstr(text, from);
        if (!p)
            fail_msg("'%s' not in %s", from, OFFICIAL);
        g_string_append_len(out, text, p - text);
        g_string_append(out, to);
        g_string_append(out, p + strlen(from));
    } else {
        g_string_append(out, text);
        g_string_append(out, to);
    }
    free(text);
    char abs[PATH_MAX];
    assert_non_null(realpath("templates/emblem.png", abs));
    char *emblem = g_strdup_printf("cover.emblem = %s\n", abs);
    char *at = strstr(out->str, "cover.emblem = emblem.png\n");
    assert_non_null(at);
    size_t pos = (size_t)(at - out->str);
    g_string_erase(out, (gssize)pos, (gssize)strlen("cover.emblem = emblem.png\n"));
    g_string_insert(out, (gssize)pos, emblem);
    g_free(emblem);
    static char path[4][512];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%.500s.conf", fixture_path(name));
    write_file(p, out->str);
    g_string_free(out, TRUE);
    return p;
}

static Plan *plan_ok(const char *path, const char *text, DiagCapture *c)
{
    Plan *p = text ? plan_load_memory(text, strlen(text), path, NULL, &c->d)
                   : plan_load(path, NULL, &c->d);
    if (!p)
        fail_msg("%s", diag_capture_text(c));
    plan_resolve(p, &c->d);
    plan_check(p, &c->d);
    if (c->d.errors)
        fail_msg("%s", diag_capture_text(c));
    return p;
}

/* The fonts of every layout here, opened by the first (every template
 * here names the official family) and closed by the teardown: a
 * fonts_open a layout was 4 ms of CPU, the first 8. */
static FontSet *fonts;

static FontSet *fonts_of(const Template *t, Diag *d)
{
    if (!fonts)
        fonts = fonts_open("fonts", t->font_family, d);
    assert_non_null(fonts);
    return fonts;
}

/* The pages of the master plan of the plan at path (or of `text`, named
 * path) laid out with the template at tpath (malloc'd dump). */
static char *master_pages(const char *path, const char *text, const char *tpath)
{
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(tpath, &c.d);
    if (!t)
        fail_msg("%s", diag_capture_text(&c));
    FontSet *fs = fonts_of(t, &c.d);
    Plan *p = plan_ok(path, text, &c);
    char *got = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&got, &len);
    assert_non_null(out);
    int rc = dump_plan(p, t, fs, DUMP_MASTER, 1, out, &c.d);
    assert_int_equal(fclose(out), 0);
    if (rc != 0)
        fail_msg("%s", diag_capture_text(&c));
    plan_free(p);
    template_free(t);
    diag_capture_free(&c);
    return got;
}

/* The pages of tests/data/minimal.xml's master plan with the official
 * template, laid out once for the tests that move something from there
 * (static: not freed). */
static const char *minimal_pages(void)
{
    static char *pages;
    if (!pages)
        pages = master_pages(MINIMAL, NULL, OFFICIAL);
    return pages;
}

/* x and y of the nth (0-based) dumped line whose text starts with
 * `prefix`. */
static void line_at(const char *dump, const char *prefix, int nth, double *x, double *y)
{
    for (const char *at = dump; (at = strstr(at, "\n  line ")); at++) {
        double lx, ly;
        int n = 0;
        if (sscanf(at, "\n  line %lf %lf \"%n", &lx, &ly, &n) == 2 && n > 0 &&
            !strncmp(at + n, prefix, strlen(prefix)) && nth-- == 0) {
            *x = lx;
            *y = ly;
            return;
        }
    }
    fail_msg("no line starting \"%s\" in the dump", prefix);
}

/* A length (vision.space, in points) moves the vision down by the
 * difference, and nothing above it. */
static void length_key(void **state)
{
    const char *base = minimal_pages();
    char *more = master_pages(MINIMAL, NULL,
                              official_with("vision", "vision.space = 4pt", "vision.space = 40pt"));
    double bx, by, mx, my;
    line_at(base, "“ประเทศไทย", 0, &bx, &by);
    line_at(more, "“ประเทศไทย", 0, &mx, &my);
    assert_float_equal(my - by, 36, 0.15);
    line_at(base, "๑.๑ วิสัยทัศน์", 1, &bx, &by); /* the heading above it */
    line_at(more, "๑.๑ วิสัยทัศน์", 1, &mx, &my);
    assert_float_equal(my, by, 1e-9);
    free(more);
}

/* A percent (contents.indent, of the font size) moves the contents'
 * second-level entries right by the difference: 150 more per cent of
 * 16 pt; the chapters' entries stay. */
static void percent_key(void **state)
{
    const char *base = minimal_pages();
    char *more = master_pages(MINIMAL, NULL, official_with("toc", "contents.indent = 150",
                                                           "contents.indent = 300"));
    double bx, by, mx, my;
    line_at(base, "๑.๑ วิสัยทัศน์", 0, &bx, &by);
    line_at(more, "๑.๑ วิสัยทัศน์", 0, &mx, &my);
    assert_float_equal(mx - bx, 1.5 * 16, 0.15);
    line_at(base, "บทที่ ๑", 0, &bx, &by);
    line_at(more, "บทที่ ๑", 0, &mx, &my);
    assert_float_equal(mx, bx, 1e-9);
    free(more);
    /* past its bounds: refused at its line, with the bound */
    const char *p = official_with("toc-bad", "contents.indent = 150", "contents.indent = 700");
    DiagCapture c;
    diag_capture_init(&c);
    assert_null(template_load(p, &c.d));
    assert_contains(diag_capture_text(&c), "error: 'contents.indent' is 700, out of bounds: "
                                           "a contents level's indent is 0-600 per cent");
    diag_capture_free(&c);
}

/* The box of the first column of the first table whose header row starts
 * with `head` (x, width). */
static void first_box_after(const char *dump, const char *head, double *x, double *w)
{
    const char *at = strstr(dump, head);
    if (!at)
        fail_msg("no \"%s\" in the dump", head);
    at = strstr(at, "\n  box ");
    assert_non_null(at);
    double y, h;
    assert_int_equal(sscanf(at, "\n  box %lf %lf %lf %lf", x, &y, w, &h), 4);
}

/* tests/data/minimal.xml with the sample's alignment (its two sub-plan
 * targets) as format 2, its goal serving both: an alignment matrix of the
 * sample's columns in a master plan of 9 pages, not the sample's 42 (0.1 s
 * of CPU a layout). */
static char *minimal_aligned(void)
{
    char *xml = read_all(MINIMAL), *sample = read_all(SAMPLE);
    char *from = strstr(sample, "  <alignment>"), *to = strstr(sample, "</alignment>\n");
    char *at = strstr(xml, "</header>\n"), *f1 = strstr(xml, "<plan format=\"1\">");
    char *goal = strstr(xml, "<goal id=\"G-1.1\">");
    assert_true(from && to && at && f1 && goal && f1 < at && at < goal);
    f1[strlen("<plan format=\"")] = '2';
    at += strlen("</header>\n");
    goal += strlen("<goal id=\"G-1.1\"");
    char *s = g_strdup_printf("%.*s%.*s%.*s serves=\"010201 010202\"%s", (int)(at - xml), xml,
                              (int)(to + strlen("</alignment>\n") - from), from,
                              (int)(goal - at), at, goal);
    free(xml);
    free(sample);
    return s;
}

/* A table's shares (table.columns.alignment: the goal column, then the
 * sub-plan targets sharing the rest) narrow the alignment matrix's first
 * column in a master plan with the sample's alignment (by default the
 * targets' columns are as narrow as their codes allow). */
static void columns_key(void **state)
{
    char *xml = minimal_aligned();
    char *base = master_pages("aligned.xml", xml, OFFICIAL);
    char *wide = master_pages("aligned.xml", xml, official_with("align",
                                                                "table.columns.alignment = 70 30",
                                                                "table.columns.alignment = 50 50"));
    g_free(xml);
    static const char head[] = "\"เป้าประสงค์\"\n  line"; /* the matrix's first heading cell */
    double bx, bw, wx, ww;
    first_box_after(base, head, &bx, &bw);
    first_box_after(wide, head, &wx, &ww);
    assert_float_equal(wx, bx, 1e-9);
    assert_float_equal(ww, 453.5 * 0.5, 0.15); /* half the text width */
    assert_true(bw > 300);
    free(base);
    free(wide);
}

/* The progress report of the small plan of tests/data/results (9 pages,
 * its charts with spent bars) with the template at tpath, written to
 * fixture `name`'s folder; returns the PDF's path (malloc'd).  Laid out
 * here, as `phaen report` does (cmd_report.c): two runs of it were 0.2 s
 * of CPU, half of it starting a process and its fonts. */
static char *report_pdf(const char *name, const char *tpath)
{
    static const char *const results[] = {"tests/data/results/r2563.xml",
                                          "tests/data/results/r2564.xml"};
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(tpath, &c.d);
    if (!t)
        fail_msg("%s", diag_capture_text(&c));
    Plan *p = plan_ok("tests/data/results/plan.xml", NULL, &c);
    LoadOptions lo = {0};
    ResultSet *rs = results_load(results, 2, &lo, &c.d);
    if (!rs || results_check(p, rs, &c.d) != 0)
        fail_msg("%s", diag_capture_text(&c));
    Doc *doc = compose_progress_report(p, t, rs);
    assert_non_null(doc);
    char *path = g_strdup_printf("%s.pdf", fixture_path(name));
    if (pdf_write(path, doc, t, fonts_of(t, &c.d), &c.d, NULL) != 0)
        fail_msg("%s", diag_capture_text(&c));
    doc_free(doc);
    results_free(rs);
    plan_free(p);
    template_free(t);
    diag_capture_free(&c);
    return path;
}

/* A grey (progress.chart.grey.spent) is painted, not laid out: the
 * progress report's PDF changes and its text does not. */
static void grey_key(void **state)
{
    const char *dark = official_with("grey", "progress.chart.grey.spent = 30",
                                     "progress.chart.grey.spent = 5");
    char *a = report_pdf("report-official", OFFICIAL), *b = report_pdf("report-dark", dark);
    size_t na = 0, nb = 0;
    char *pa = read_whole(a, &na), *pb = read_whole(b, &nb);
    assert_true(pa && pb && na > 10000);
    assert_true(na != nb || memcmp(pa, pb, na) != 0);
    free(pa);
    free(pb);
    char *ta = NULL, *tb = NULL;
    assert_int_equal(run_argv(&ta, 0, (const char *const[]){"pdftotext", "-raw", a, "-", NULL}),
                     0);
    assert_int_equal(run_argv(&tb, 0, (const char *const[]){"pdftotext", "-raw", b, "-", NULL}),
                     0);
    assert_true(strlen(ta) > 1000);
    assert_string_equal(ta, tb);
    free(ta);
    free(tb);
    g_free(a);
    g_free(b);
    /* the charts' rules: a bad width refused at its line */
    const char *p = official_with("rule-bad", "progress.chart.rule.bar = 0.5pt",
                                  "progress.chart.rule.bar = 9pt");
    DiagCapture c;
    diag_capture_init(&c);
    assert_null(template_load(p, &c.d));
    assert_contains(diag_capture_text(&c), "'progress.chart.rule.bar' is 9 pt, out of bounds");
    diag_capture_free(&c);
}

/* The forms' words are labels: a changed title heads the form; a template
 * without the form labels (older than them) loads with the official
 * words. */
static void label_key(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    const char *tp = official_with("form-title", "label.form_title = แบบรายงานผลการดำเนินงาน",
                                   "label.form_title = แบบรายงานผลประจำปี");
    Template *t = template_load(tp, &c.d);
    assert_non_null(t);
    FontSet *fs = fonts_of(t, &c.d);
    Plan *p = plan_ok(MINIMAL, NULL, &c);
    const Agency *a = NULL;
    for (size_t i = 0; i < p->n_agencies && !a; i++)
        if (form_has_rows(&p->agencies[i]))
            a = &p->agencies[i];
    assert_non_null(a);
    Doc *d = compose_agency_form(p, t, a, form_default_year(p));
    assert_non_null(d);
    char *got = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&got, &len);
    assert_int_equal(dump_pages(d, t, fs, out, &c.d), 0);
    assert_int_equal(fclose(out), 0);
    assert_contains(got, "\"แบบรายงานผลประจำปี ");
    assert_true(strstr(got, "แบบรายงานผลการดำเนินงาน") == NULL);
    free(got);
    doc_free(d);
    template_free(t);

    /* without the form's labels: the official words */
    char *text = read_all(OFFICIAL);
    GString *old = g_string_new(NULL);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
        if (strncmp(line, "label.form_", 11) != 0 && strncmp(line, "cover.emblem =", 14) != 0)
            g_string_append_printf(old, "%s\n", line);
    free(text);
    t = template_load_memory(old->str, old->len, "old.conf", &c.d);
    g_string_free(old, TRUE);
    if (!t)
        fail_msg("%s", diag_capture_text(&c));
    assert_string_equal(template_label(t, "form_title"), "แบบรายงานผลการดำเนินงาน");
    assert_string_equal(template_label(t, "form_status_on_track"), "ตามแผน");
    template_free(t);
    plan_free(p);
    diag_capture_free(&c);
}

/* An unknown key is an error at its line, with the nearest key or label
 * as a note; a key far from every other gets none. */
static void did_you_mean(void **state)
{
    const char *p = official_with("typo", "table.space = 25", "table.spaec = 25");
    DiagCapture c;
    diag_capture_init(&c);
    assert_null(template_load(p, &c.d));
    char want[700];
    int line = 1;
    char *text = read_all(p);
    for (const char *s = text; s < strstr(text, "table.spaec"); s++)
        line += *s == '\n';
    free(text);
    snprintf(want, sizeof want, "%s:%d: error: unknown key 'table.spaec'\n%s:%d: note: did you "
             "mean 'table.space'?", p, line, p, line);
    assert_contains(diag_capture_text(&c), want);
    diag_capture_free(&c);

    diag_capture_init(&c);
    p = official_with("typo-label", NULL, "label.form_titel = x\nfrobnicate.widget = 2\n");
    assert_null(template_load(p, &c.d));
    assert_contains(diag_capture_text(&c), "note: did you mean 'label.form_title'?");
    assert_contains(diag_capture_text(&c), "error: unknown key 'frobnicate.widget'\n");
    assert_true(strstr(diag_capture_text(&c), "frobnicate.widget'\n") != NULL);
    const char *after = strstr(diag_capture_text(&c), "unknown key 'frobnicate.widget'\n");
    assert_true(after && strstr(after, "did you mean") == NULL);
    diag_capture_free(&c);
}

/* A preface of about fourteen pages: the front matter runs past ten pages
 * and its letters go on ก ... ญ ฎ ฏ ฐ (ฃ ฅ ฆ skipped), each page's number
 * and the contents' entries alike. */
static void front_matter_past_ten_pages(void **state)
{
    char *xml = read_all(MINIMAL);
    GString *s = g_string_new(NULL);
    char *at = strstr(xml, "</header>\n");
    assert_non_null(at);
    at += strlen("</header>\n");
    g_string_append_len(s, xml, at - xml);
    /* sections with roles are format 2 */
    char *f1 = strstr(s->str, "<plan format=\"1\">");
    assert_non_null(f1);
    f1[strlen("<plan format=\"")] = '2';
    g_string_append(s, "  <sections>\n    <section id=\"SEC-PREFACE\" role=\"preface\">\n"
                       "      <title>คำนำ</title>\n");
    for (int i = 0; i < 110; i++)
        g_string_append(s, "      <p>แผนฉบับนี้จัดทำขึ้นเพื่อเป็นกรอบการดำเนินงานของหน่วยงานที่เกี่ยวข้อง "
                           "ในการป้องกันและปราบปรามการค้ามนุษย์อย่างต่อเนื่องและเป็นระบบ "
                           "โดยทุกภาคส่วนมีส่วนร่วมในการติดตามและประเมินผล</p>\n");
    g_string_append(s, "    </section>\n  </sections>\n");
    g_string_append(s, at);
    free(xml);
    char *pages = master_pages("long-preface.xml", s->str, OFFICIAL);
    g_string_free(s, TRUE);

    /* page n + 1 is front-matter page n, labelled by its letter, until
     * chapter 1 starts at ๑ */
    int n = 0, body = 0;
    for (const char *p = strstr(pages, "page "); p; p = strstr(p + 1, "\npage ")) {
        const char *line = *p == '\n' ? p + 1 : p;
        int page;
        char label[64];
        if (sscanf(line, "page %d label=\"%63[^\"]\"", &page, label) != 2)
            continue; /* the cover: label=- */
        if (!strcmp(label, "๑")) {
            body = page;
            break;
        }
        char want[32];
        thai_page_letter(want, sizeof want, page - 1);
        if (strcmp(label, want) != 0)
            fail_msg("page %d is labelled %s, not %s", page, label, want);
        n = page - 1;
    }
    assert_true(n > 10);
    assert_true(body == n + 2);
    /* the eleventh to thirteenth pages: ฎ ฏ ฐ, no letter again */
    assert_contains(pages, "page 12 label=\"ฎ\"");
    assert_contains(pages, "page 13 label=\"ฏ\"");
    assert_contains(pages, "page 14 label=\"ฐ\"");
    assert_contains(pages, "\"- ฎ -\"");
    assert_true(strstr(pages, "label=\"กก\"") == NULL);
    /* the contents give each front-matter part the letter of its page:
     * the preface ก, the contents and the glossary past ญ */
    const char *toc = strstr(pages, "heading 0 y=70.9 \"_contents\"");
    assert_non_null(toc);
    static const char *const entries[][2] = {
        {"\"คำนำ\"\n", "ก"}, {"\"สารบัญ\"\n", "ฐ"}, {"\"คำย่อ\"\n", "ฑ"},
        {"\"บทที่ ๑ ", "๑"},
    };
    const char *from = strstr(toc, "\n  line 85 "); /* past the contents' title */
    assert_non_null(from);
    for (size_t i = 0; i < 4; i++) {
        const char *e = strstr(from, entries[i][0]);
        if (!e)
            fail_msg("no contents entry %s", entries[i][0]);
        const char *bol = e;
        while (bol[-1] != '\n')
            bol--;
        double x, y;
        assert_int_equal(sscanf(bol, "  line %lf %lf", &x, &y), 2);
        const char *next = strchr(e, '\n') + 1; /* the entry's page, on its line */
        double nx;
        char tail[128];
        snprintf(tail, sizeof tail, " %g \"%s\"\n", y, entries[i][1]);
        if (sscanf(next, "  line %lf", &nx) != 1 || strncmp(strchr(next + 8, ' '), tail,
                                                           strlen(tail)) != 0)
            fail_msg("contents: %s is not followed by page %s on its line:\n%.80s",
                     entries[i][0], entries[i][1], next);
    }
    free(pages);
}

/* The optional look keys' defaults in C are the official file's values:
 * without them the official template reads the same numbers and words
 * (the file only shows them to the clerk). */
static void defaults_are_official(void **state)
{
    static const char *const optional[] = {
        "cover.space.", "heading.space.", "heading.indent.", "table.columns.", "table.space",
        "paragraph.space.part", "vision.", "alignment.", "diff.space.", "signature.",
        "contents.", "form.space", "progress.chart.", "font.size.detail", "font.size.budget",
        "label.form_", "cover.emblem",
    };
    char *text = read_all(OFFICIAL);
    GString *bare = g_string_new(NULL);
    int dropped = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        int drop = 0;
        for (size_t i = 0; i < sizeof optional / sizeof optional[0]; i++)
            drop |= !strncmp(line, optional[i], strlen(optional[i]));
        dropped += drop;
        if (!drop)
            g_string_append_printf(bare, "%s\n", line);
    }
    free(text);
    assert_true(dropped > 90);
    DiagCapture c;
    diag_capture_init(&c);
    Template *full = template_load(OFFICIAL, &c.d);
    Template *t = template_load_memory(bare->str, bare->len, "bare.conf", &c.d);
    g_string_free(bare, TRUE);
    if (!full || !t)
        fail_msg("%s", diag_capture_text(&c));
    /* cover_top ... chart_rule_baseline: one run of doubles in template.h */
    const char *from = (const char *)&full->cover_top;
    size_t n = (size_t)((const char *)(&full->chart_rule_baseline + 1) - from);
    assert_memory_equal(&t->cover_top, from, n);
    assert_true(t->detail_size == full->detail_size && t->budget_size == full->budget_size);
    for (size_t i = 0; i < full->n_labels; i++)
        assert_string_equal(t->labels[i].text, full->labels[i].text);
    template_free(full);
    template_free(t);
    diag_capture_free(&c);
}

/* The page dumps' fonts, and the caches of the fonts and libxml2. */
static int teardown(void **state)
{
    fonts_close(fonts);
    fonts_cleanup();
    load_cleanup();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(length_key),
        cmocka_unit_test(percent_key),
        cmocka_unit_test(columns_key),
        cmocka_unit_test(grey_key),
        cmocka_unit_test(label_key),
        cmocka_unit_test(did_you_mean),
        cmocka_unit_test(defaults_are_official),
        cmocka_unit_test(front_matter_past_ten_pages),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
