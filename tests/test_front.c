/* test_front.c - the front matter (issue 16): the pages before chapter 1 in
 * their order with their letters, contents entries and bookmarks; the
 * glossary against the abbreviations of the text, and what `check` says
 * about them; the draft mark on every page of every document of a plan that
 * is not approved, in the drawing and never in the text layer.
 *
 * The sample is rendered by the phaen command and read back with poppler
 * (pdftotext, pdftoppm), qpdf and MuPDF; the plans are also loaded through
 * the library, so what the pages say is checked against what the data says.
 */
#include "testutil.h"

#include <glib.h>

#include "check.h"
#include "glossary.h"
#include "load.h"
#include "pdf.h"
#include "render.h"
#include "resolve.h"
#include "thai.h"
#include "typefixture.h"

#define SAMPLE "samples/trafficking-2561-2580.xml"
#define DRAFT "samples/history/trafficking-2561-2580-v0.9-draft.xml"

static char out_ok[512], out_draft[512], draft_sheet[700];

static const char *build_dir(void)
{
    const char *b = getenv("BUILD");
    return b && *b ? b : "build";
}

static const char *phaen(void)
{
    const char *p = getenv("PHAEN");
    return p && *p ? p : "build/phaen";
}

/* The approved sample and the draft's master and action plans as rendered
 * once for every test binary (shared_render, testutil.h), one sheet of the
 * draft (DSI's: the sheets are one composer, and all-sheets.pdf the same
 * pages again; the draft's 27 sheets cost 0.7 s CPU and their pictures
 * 0.4 s more), and the change summary from the approved version to the
 * draft. */
static char changes[600];

static int group_setup(void **state)
{
    if (type_setup(state) != 0)
        return -1;
    snprintf(out_ok, sizeof out_ok, "%s", shared_render(SAMPLE, NULL));
    snprintf(out_draft, sizeof out_draft, "%s",
             shared_render_opts(DRAFT, SHARED_MASTER_ACTION, NULL));
    snprintf(changes, sizeof changes, "%s/tests/out/front/changes.pdf", build_dir());
    char dir[600], *out = NULL;
    snprintf(dir, sizeof dir, "%s/tests/out/front", build_dir());
    assert_int_equal(remove_tree(dir), 0);
    assert_int_equal(mkdir_parents(dir), 0);
    snprintf(draft_sheet, sizeof draft_sheet, "%s/draft/sheets/DSI.pdf", dir);
    int st = run_argv(&out, 1, (const char *[]){phaen(), "diff", SAMPLE, DRAFT, "-o", changes, NULL});
    if (st != 0)
        fprintf(stderr, "diff failed (%d): %s\n", st, out);
    free(out);
    if (st == 0) {
        snprintf(dir, sizeof dir, "%s/tests/out/front/draft", build_dir());
        st = run_argv(&out, 1, (const char *[]){phaen(), "render", DRAFT, "--agency", "DSI", "-o",
                                                dir, NULL});
        if (st != 0)
            fprintf(stderr, "render --agency DSI failed (%d): %s\n", st, out);
        free(out);
    }
    return st == 0 ? 0 : -1;
}

static int group_teardown(void **state)
{
    load_cleanup();
    return type_teardown(state);
}

/* The text of one page, in poppler's raw mode (page 0: the whole
 * document): one pdftotext run a document (kept for the next call;
 * pdftotext ends each page with "\f", and prints a page alone exactly as
 * it prints it within the document). */
static char *page_text(const char *pdf, int page)
{
    static char path[700], *whole;
    if (!whole || strcmp(path, pdf) != 0) {
        free(whole);
        whole = NULL;
        /* (a shared render's once for every binary: testutil.h) */
        int st = strstr(pdf, "/tests/out/shared/")
                     ? shared_tool(&whole, 0, (const char *[]){"pdftotext", "-raw", pdf, "-", NULL})
                     : run_argv(&whole, 0, (const char *[]){"pdftotext", "-raw", pdf, "-", NULL});
        if (st != 0)
            fail_msg("pdftotext %s failed (%d): %s", pdf, st, whole);
        snprintf(path, sizeof path, "%s", pdf);
    }
    if (page == 0)
        return strdup(whole);
    const char *at = whole;
    for (int i = 1; i < page; i++) {
        at = strchr(at, '\f');
        if (!at)
            fail_msg("%s has no page %d", pdf, page);
        at++;
    }
    const char *end = strchr(at, '\f');
    if (!end)
        fail_msg("%s has no page %d", pdf, page);
    return strndup(at, (size_t)(end - at) + 1);
}

/* Its pages: one form feed each in its text (pdftotext ends every page
 * with one). */
static int page_count(const char *pdf)
{
    char *whole = page_text(pdf, 0);
    int n = 0;
    for (const char *c = whole; (c = strchr(c, '\f')); c++)
        n++;
    free(whole);
    assert_true(n > 0);
    return n;
}

/* ---- the order of the front matter -------------------------------------- */

static const char *const titles[] = {"คำนำ", "การให้ความเห็นชอบแผน", "บทสรุปผู้บริหาร",
                                      "สารบัญ", "คำย่อ", "บทที่ ๑ ความเป็นมา"};
enum { N_TITLES = 6, CH1 = 5, GLOSSARY = 4 };

/* Page by page (pdftotext -raw): after the cover, each front-matter page
 * starts with its letter and then, on the first page of each part, its
 * title, in the official order; chapter 1 starts on page ๑.  found[i]: the
 * page (from 1) that titles[i] starts. */
static void front_pages(int found[N_TITLES])
{
    static int known[N_TITLES], have; /* the first call's checks passed */
    if (have) {
        memcpy(found, known, sizeof known);
        return;
    }
    char pdf[600];
    snprintf(pdf, sizeof pdf, "%s/master-plan.pdf", out_ok);
    int n = page_count(pdf), next = 0;
    memset(found, 0, N_TITLES * sizeof *found);
    for (int page = 1; page <= n && next < N_TITLES; page++) {
        char *raw = page_text(pdf, page);
        char letter[32], head[64];
        thai_page_letter(letter, sizeof letter, page - 1);
        if (page == 1) {
            assert_true(strncmp(raw, "- ", 2) != 0); /* the cover has no number */
        } else if (next < CH1) {
            snprintf(head, sizeof head, "- %s - \n", letter); /* the span ends with a space */
            if (strncmp(raw, head, strlen(head)) != 0)
                fail_msg("page %d should be front-matter page %s:\n%.200s", page, letter, raw);
        }
        const char *body = strchr(raw, '\n');
        body = body ? body + 1 : raw;
        if (page > 1 && !strncmp(body, titles[next], strlen(titles[next]))) {
            found[next++] = page;
            if (next == N_TITLES)
                assert_true(!strncmp(raw, "- ๑ - \n", strlen("- ๑ - \n")));
        }
        free(raw);
    }
    for (int i = 0; i < N_TITLES; i++)
        if (!found[i])
            fail_msg("'%s' does not start a page, in order after the one before", titles[i]);
    memcpy(known, found, sizeof known);
    have = 1;
}

static void test_pages_in_order_with_letters(void **state)
{
    int found[N_TITLES];
    front_pages(found);
    assert_int_equal(found[0], 2); /* the preface right after the cover */
    for (int i = 1; i < N_TITLES; i++)
        assert_true(found[i] > found[i - 1]);
}

/* The contents list every front-matter page with its letter, then the
 * chapters from ๑ (pdftotext -raw gives "title letter" a line). */
static void test_contents_entries(void **state)
{
    char pdf[600];
    snprintf(pdf, sizeof pdf, "%s/master-plan.pdf", out_ok);
    int found[N_TITLES];
    front_pages(found);
    char *raw = page_text(pdf, found[3]);
    const char *at = raw;
    for (size_t i = 0; i < N_TITLES; i++) {
        char entry[256], letter[32];
        thai_page_letter(letter, sizeof letter, found[i] - 1);
        snprintf(entry, sizeof entry, "\n%s %s\n", titles[i], i == CH1 ? "๑" : letter);
        const char *e = strstr(at, entry);
        if (!e)
            fail_msg("contents entry '%s' missing or out of order in:\n%s", entry + 1, raw);
        at = e + 1;
    }
    free(raw);
}

/* Each front-matter page has a bookmark to its page, in order, before
 * chapter 1's; the page labels are the letters. */
static void test_bookmarks_and_labels(void **state)
{
    char pdf[600], *json = NULL;
    int found[N_TITLES];
    front_pages(found);
    snprintf(pdf, sizeof pdf, "%s/master-plan.pdf", out_ok);
    /* the outlines and the page labels, one qpdf run (test_e2e reads the
     * same outlines: once for both, testutil.h) */
    assert_int_equal(shared_tool(&json, 0, (const char *[]){"qpdf", "--json", "--json-key=outlines",
                                                           "--json-key=pagelabels", pdf, NULL}), 0);
    const char *at = json;
    for (size_t i = 0; i < N_TITLES; i++) {
        char want[256];
        snprintf(want, sizeof want, "\"title\": \"%s\"", titles[i]);
        const char *t = strstr(at, want);
        if (!t)
            fail_msg("bookmark '%s' missing or out of order", titles[i]);
        /* the page of this top-level outline item comes before its kids
         * and its title (qpdf sorts the keys) */
        static const char key[] = "\n      \"destpageposfrom1\": ";
        const char *pos = g_strrstr_len(at, t - at, key);
        assert_non_null(pos);
        assert_int_equal(atoi(pos + strlen(key)), found[i]);
        at = t;
    }
    for (int i = 1; i < found[CH1] - 1; i++) {
        char letter[32], want[64];
        thai_page_letter(letter, sizeof letter, i);
        snprintf(want, sizeof want, "\"/P\": \"u:%s\"", letter);
        assert_contains(json, want);
    }
    free(json);
}

/* ---- the glossary ------------------------------------------------------- */

static Plan *load_ok(const char *path, DiagCapture *dc)
{
    Plan *p = plan_load(path, NULL, &dc->d);
    if (!p)
        fail_msg("%s", diag_capture_text(dc));
    plan_resolve(p, &dc->d);
    plan_check(p, &dc->d);
    return p;
}

typedef struct Used {
    const GlossEntry *e;
    size_t n;
    int missing;
} Used;

static void each_abbr(void *ctx, const char *text, int line)
{
    Used *u = ctx;
    size_t len;
    for (const char *at = glossary_next(text, &len); at; at = glossary_next(at + len, &len)) {
        int ok = glossary_is_common(at, len);
        for (size_t i = 0; i < u->n && !ok; i++)
            ok = strlen(u->e[i].abbr) == len && !memcmp(u->e[i].abbr, at, len);
        if (!ok) {
            fprintf(stderr, "line %d: '%.*s' is not in the glossary\n", line, (int)len, at);
            u->missing++;
        }
    }
}

/* Every abbreviation the sample's text uses is in the glossary, and the
 * glossary page shows every entry with its meaning, in Thai order. */
static void test_glossary_complete(void **state)
{
    DiagCapture dc;
    diag_capture_init(&dc);
    Plan *p = load_ok(SAMPLE, &dc);
    assert_int_equal(dc.d.errors + dc.d.warnings, 0);
    Used u = {0};
    GlossEntry *e = glossary_entries(p, &u.n);
    u.e = e;
    assert_int_equal(u.n, p->n_agencies + p->n_terms);
    glossary_walk(p, each_abbr, &u);
    assert_int_equal(u.missing, 0);
    char pdf[600];
    snprintf(pdf, sizeof pdf, "%s/master-plan.pdf", out_ok);
    int found[N_TITLES];
    front_pages(found);
    GString *pages = g_string_new(NULL); /* the glossary's, from the whole text */
    for (int page = found[GLOSSARY]; page < found[CH1]; page++) {
        char *one = page_text(pdf, page);
        g_string_append(pages, one);
        free(one);
    }
    char *text = g_string_free(pages, FALSE);
    const char *at = text;
    for (size_t i = 0; i < u.n; i++) {
        char *line = g_strdup_printf("\n%s ", e[i].abbr);
        const char *hit = strstr(at, line);
        if (!hit)
            fail_msg("glossary entry %zu '%s' missing or out of order", i, e[i].abbr);
        at = hit + 1;
        g_free(line);
    }
    assert_contains(text, "IUU การทำการประมงผิดกฎหมาย");
    g_free(text);
    free(e);
    plan_free(p);
    diag_capture_free(&dc);
}

/* What counts as an abbreviation (glossary.h). */
static void test_abbreviations_found(void **state)
{
    static const struct { const char *text, *want; } cases[] = {
        {"คณะกรรมการ ป.ค.ม. และ สตช.", "ป.ค.ม.|สตช."},
        {"(IUU Fishing) ของ PIPO", "IUU|PIPO"},
        {"ตามมาตรฐาน MP-01.2 และ NS1 ระดับ Tier 2 ข้อ IV", ""},
        {"เมื่อ 14 ส.ค. 2561 (พ.ศ. 2561)", "ส.ค.|พ.ศ."},
        {"ระบบฐานข้อมูลการค้ามนุษย์ที่เชื่อมโยงกัน.", ""},
        {"Good Labour Practices", ""},
        {"บก.ปคม.", "บก.ปคม."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        GString *got = g_string_new("");
        size_t len;
        for (const char *at = glossary_next(cases[i].text, &len); at;
             at = glossary_next(at + len, &len))
            g_string_append_printf(got, "%s%.*s", got->len ? "|" : "", (int)len, at);
        if (strcmp(got->str, cases[i].want) != 0)
            fail_msg("'%s': found '%s', want '%s'", cases[i].text, got->str, cases[i].want);
        g_string_free(got, TRUE);
    }
    assert_true(glossary_is_common("พ.ศ.", strlen("พ.ศ.")));
    assert_false(glossary_is_common("สตช.", strlen("สตช.")));
}

/* Thai dictionary order: consonants before vowels, a leading vowel after
 * its consonant, tone marks and full stops only to break ties, Latin last. */
static void test_thai_order(void **state)
{
    static const char *const sorted[] = {"กก.", "กข.", "กษ.", "ดศ.", "ดีเอสไอ", "ปค.", "ป.ค.ม.",
                                         "ปปง.", "มท.", "เม.ย.", "ศธ.", "สตช.", "ACTIP",
                                         "GLP", "iuu", "PIPO"};
    size_t n = sizeof sorted / sizeof sorted[0];
    for (size_t i = 0; i + 1 < n; i++)
        if (glossary_collate(sorted[i], sorted[i + 1]) >= 0)
            fail_msg("'%s' should sort before '%s'", sorted[i], sorted[i + 1]);
    assert_int_equal(glossary_collate("สตช.", "สตช."), 0);
}

/* `check` warns about an abbreviation used but not declared (once, at its
 * first use), one declared but never used, one declared twice or already
 * an agency's; a draft that records an approval.  (A date that does not
 * exist is the schema's: xs:date.) */
static void test_check_front_matter(void **state)
{
    char *xml = NULL;
    size_t len;
    assert_true(g_file_get_contents(SAMPLE, &xml, &len, NULL));
    GString *s = g_string_new(xml);
    g_free(xml);
    /* IUU no longer declared; a term never used; one of an agency's */
    g_string_replace(s, "<term abbr=\"IUU\">", "<term abbr=\"XYZ\">", 1);
    g_string_replace(s, "<term abbr=\"GLP\">", "<term abbr=\"สตช.\">สำนักงาน</term>\n"
                     "    <term abbr=\"GLP\">", 1);
    g_string_replace(s, "status=\"approved\"", "status=\"draft\"", 1);
    char path[600];
    snprintf(path, sizeof path, "%s/tests/out/front/bad-front.xml", build_dir());
    write_file(path, s->str);
    g_string_free(s, TRUE);
    DiagCapture dc;
    diag_capture_init(&dc);
    Plan *p = load_ok(path, &dc);
    const char *msg = diag_capture_text(&dc);
    assert_contains(msg, "warning: abbreviation 'IUU' is used but not declared");
    assert_contains(msg, "warning: abbreviation 'XYZ' is declared but never used");
    assert_contains(msg, "warning: abbreviation 'สตช.' is declared again: it is agency 'RTP'");
    assert_contains(msg, "note: agency 'RTP' is declared here");
    assert_contains(msg, "warning: a draft records an approval by 'คณะรัฐมนตรี'");
    /* once per abbreviation, at its first use */
    const char *first = strstr(msg, "'IUU' is used");
    assert_non_null(first);
    assert_null(strstr(first + 1, "'IUU' is used"));
    char want[700];
    int line = 0;
    for (size_t i = 0; i < p->n_sections && !line; i++)
        for (size_t b = 0; b < p->sections[i].n_blocks && !line; b++)
            if (p->sections[i].blocks[b].text && strstr(p->sections[i].blocks[b].text, "IUU"))
                line = p->sections[i].blocks[b].line;
    snprintf(want, sizeof want, "%s:%d: warning: abbreviation 'IUU'", path, line);
    assert_contains(msg, want);
    plan_free(p);
    diag_capture_free(&dc);
}

/* ---- the draft mark ----------------------------------------------------- */

/* Pixels of the mark's colour (light red: red well above green and blue,
 * which the text, the greys and the navy emblem never are) on each page of
 * pdf (its first page only when first_only), at 12 dpi; counts[i] for page
 * i + 1. */
static int *mark_pixels(const char *pdf, int first_only, int *n_pages)
{
    /* each whole document once (test_mark_not_in_text_layer reads the
     * draft's master plan again) */
    static struct { char pdf[700]; int n, *counts; } seen[12];
    size_t k = 0;
    while (k < 12 && seen[k].counts && strcmp(seen[k].pdf, pdf) != 0)
        k++;
    if (first_only)
        k = 12;
    if (k < 12 && seen[k].counts) {
        int *c = malloc((size_t)seen[k].n * sizeof *c);
        memcpy(c, seen[k].counts, (size_t)seen[k].n * sizeof *c);
        *n_pages = seen[k].n;
        return c;
    }
    /* every page's image, one after another, on pdftoppm's stdout (it
     * wrote a file a page before, which the test found, read and removed
     * again: the same bytes, 10 % of its CPU), counted as it comes into one
     * page's buffer (read whole, 13 MB for the nine documents, in buffers
     * grown by doubling, were 2,300 of the test's 5,800 page faults) */
    FILE *in;
    int pid = spawn_pipe(&in, ERR_KEEP,
                         first_only ? (const char *[]){"pdftoppm", "-r", "12", "-l", "1", pdf, NULL}
                                    : (const char *[]){"pdftoppm", "-r", "12", pdf, NULL});
    /* one binary PPM a page ("P6 w h 255", one white space, w * h RGB) */
    int n = 0, *counts = NULL, c;
    unsigned char *px = NULL;
    size_t cap = 0;
    for (; (c = fgetc(in)) != EOF; n++) {
        long w = 0, h = 0, max = 0;
        if (c != 'P' || fgetc(in) != '6' || fscanf(in, "%ld %ld %ld", &w, &h, &max) != 3)
            fail_msg("%s: page %d is no PPM", pdf, n + 1);
        assert_true(w > 0 && h > 0 && max == 255);
        fgetc(in); /* the white space before the pixels */
        size_t size = (size_t)(w * h * 3);
        if (size > cap) {
            px = realloc(px, cap = size);
            assert_non_null(px);
        }
        assert_true(fread(px, 1, size, in) == size);
        counts = realloc(counts, (size_t)(n + 1) * sizeof *counts);
        assert_non_null(counts);
        counts[n] = 0;
        for (long i = 0; i < w * h; i++) {
            int r = px[3 * i], g = px[3 * i + 1], b = px[3 * i + 2];
            counts[n] += r >= 200 && r - g >= 12 && abs(g - b) <= 12;
        }
    }
    free(px);
    fclose(in);
    assert_int_equal(wait_status(pid), 0);
    assert_true(n > 0);
    if (k < 12) {
        snprintf(seen[k].pdf, sizeof seen[k].pdf, "%s", pdf);
        seen[k].n = n;
        seen[k].counts = malloc((size_t)n * sizeof *counts);
        memcpy(seen[k].counts, counts, (size_t)n * sizeof *counts);
    }
    *n_pages = n;
    return counts;
}

static void check_marked(const char *pdf, int marked)
{
    int n;
    /* a page of an approved plan: its first (the mark is the document's,
     * painted on every page when it is; its pictures cost 0.15 s CPU) */
    int *counts = mark_pixels(pdf, !marked, &n);
    for (int i = 0; i < n; i++)
        if (marked ? counts[i] < 40 : counts[i] != 0)
            fail_msg("%s page %d: %d pixels of the draft mark (want %s)", pdf, i + 1, counts[i],
                     marked ? "a mark" : "none");
    free(counts);
}

/* Every page of each kind of document of the draft is marked, whatever its
 * orientation (the action plan is landscape): the master plan, the action
 * plan, a sheet (DSI's, as `render --agency DSI` writes it) and the change
 * summary. */
static void test_every_page_of_a_draft_marked(void **state)
{
    static const char *const docs[] = {"master-plan.pdf", "action-plan.pdf"};
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        char pdf[700];
        snprintf(pdf, sizeof pdf, "%s/%s", out_draft, docs[i]);
        check_marked(pdf, 1);
    }
    check_marked(draft_sheet, 1);
    check_marked(changes, 1);
}

/* No page of an approved plan is: no mark on its first page, no "(ร่าง)"
 * in its text. */
static void test_approved_not_marked(void **state)
{
    static const char *const docs[] = {"master-plan.pdf", "action-plan.pdf", "sheets/DSI.pdf"};
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        char pdf[700];
        snprintf(pdf, sizeof pdf, "%s/%s", out_ok, docs[i]);
        check_marked(pdf, 0);
        char *raw = NULL;
        assert_int_equal(shared_tool(&raw, 0, (const char *[]){"pdftotext", "-raw", pdf, "-", NULL}), 0);
        assert_not_contains(raw, "(ร่าง)");
        free(raw);
    }
}

/* The mark is not text: the draft's master plan as rendered (with the mark)
 * and the same document written again without it give the same text to
 * poppler (both modes) and MuPDF; and each page says the status in its
 * running header, as text. */
static void test_mark_not_in_text_layer(void **state)
{
    DiagCapture dc;
    diag_capture_init(&dc);
    Plan *p = load_ok(DRAFT, &dc);
    Doc *doc = compose_master_plan(p, tpl);
    assert_non_null(doc);
    assert_non_null(doc->mark);
    char with[600], without[600];
    snprintf(with, sizeof with, "%s/master-plan.pdf", out_draft);
    snprintf(without, sizeof without, "%s/tests/out/front/without-mark.pdf", build_dir());
    doc->mark = NULL;
    assert_int_equal(pdf_write(without, doc, tpl, fonts, &dc.d, NULL), 0);
    /* (the readers' runs on the shared render: once for every binary) */
    const char *readers[][9] = {
        {"pdftotext", "-raw", with, "-", NULL},
        {"pdftotext", with, "-", NULL},
        {"pdftotext", "-layout", with, "-", NULL},
        {"mutool", "draw", "-q", "-F", "txt", "-o", "-", with, NULL},
    };
    int pages = 0; /* without's, as poppler counts them (a form feed each) */
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        char *a = NULL, *b = NULL;
        assert_int_equal(shared_tool(&a, 0, readers[i]), 0);
        const char **arg = readers[i];
        while (*arg != with)
            arg++;
        *arg = without;
        assert_int_equal(run_argv(&b, 0, readers[i]), 0);
        if (strcmp(a, b) != 0)
            fail_msg("'%s %s': the mark changes the text", readers[i][0], readers[i][1]);
        assert_true(strlen(a) > 10000);
        for (const char *c = b; i == 0 && (c = strchr(c, '\f')); c++)
            pages++;
        free(a);
        free(b);
    }
    /* the drawing differs: the mark is there (without it: the same pages,
     * and none on the first) */
    int n, m;
    int *cw = mark_pixels(with, 0, &n), *cn = mark_pixels(without, 1, &m);
    assert_int_equal(n, pages);
    assert_int_equal(m, 1);
    assert_true(cw[0] > 40 && cn[0] == 0);
    free(cw);
    free(cn);
    /* the running header: the version and status on every page */
    for (int page = 1; page <= n; page++) {
        char *raw = page_text(with, page);
        assert_contains(raw, "ฉบับที่ ๐.๙ (ร่าง)");
        free(raw);
    }
    doc_free(doc);
    plan_free(p);
    diag_capture_free(&dc);
}

/* The cover carries the emblem: an image on page 1 only, embedded the
 * same way each time (test_output compares whole files). */
static void test_emblem_on_the_cover(void **state)
{
    char pdf[600], *out = NULL;
    snprintf(pdf, sizeof pdf, "%s/master-plan.pdf", out_ok);
    /* (its two lines of heading match no image line) */
    assert_int_equal(run_argv(&out, 0, (const char *[]){"pdfimages", "-list", pdf, NULL}), 0);
    int page = 0, w = 0, h = 0, lines = 0;
    for (char *l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        char type[16];
        if (sscanf(l, "%d %*d %15s %d %d", &page, type, &w, &h) == 4 && !strcmp(type, "image"))
            lines++; /* not its alpha channel ("smask") */
    }
    assert_int_equal(lines, 1);
    assert_int_equal(page, 1);
    assert_int_equal(w, 480);
    assert_int_equal(h, 480);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages_in_order_with_letters),
        cmocka_unit_test(test_contents_entries),
        cmocka_unit_test(test_bookmarks_and_labels),
        cmocka_unit_test(test_glossary_complete),
        cmocka_unit_test(test_abbreviations_found),
        cmocka_unit_test(test_thai_order),
        cmocka_unit_test(test_check_front_matter),
        cmocka_unit_test(test_every_page_of_a_draft_marked),
        cmocka_unit_test(test_approved_not_marked),
        cmocka_unit_test(test_mark_not_in_text_layer),
        cmocka_unit_test(test_emblem_on_the_cover),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
