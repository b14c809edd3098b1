/* test_template.c - the house-style file: the official template and every
 * error the loader reports. */
#include "testutil.h"

#include <limits.h>
#include <math.h>

#include "check.h"
#include "dump.h"
#include "fonts.h"
#include "load.h"
#include "resolve.h"
#include "template.h"

#define OFFICIAL "templates/official.conf"

/* A fixture path under $BUILD/tests/out (tests/run.sh creates it). */
static const char *fixture_path(const char *name)
{
    static char path[512];
    const char *build = getenv("BUILD");
    snprintf(path, sizeof path, "%s/tests/out/template_%s.conf",
             build ? build : "build", name);
    return path;
}

/* The official template with one line replaced (or appended when `from`
 * is NULL), written as a fixture; returns its path. */
static const char *official_with(const char *name, const char *from, const char *to)
{
    FILE *f = fopen(OFFICIAL, "rb");
    assert_non_null(f);
    static char text[64 * 1024];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    char out[64 * 1024 + 256];
    if (from) {
        char *p = strstr(text, from);
        assert_non_null(p);
        snprintf(out, sizeof out, "%.*s%s%s", (int)(p - text), text, to,
                 p + strlen(from));
    } else {
        snprintf(out, sizeof out, "%s%s", text, to);
    }
    /* The emblem is named relative to the template's folder: the copy in
     * the fixtures' folder names the repository's file by its full path. */
    static const char emblem[] = "cover.emblem = emblem.png\n";
    char *at = strstr(out, emblem), abs[PATH_MAX];
    if (at) {
        assert_non_null(realpath("templates/emblem.png", abs));
        snprintf(text, sizeof text, "%.*scover.emblem = %s\n%s", (int)(at - out), out, abs,
                 at + strlen(emblem));
        snprintf(out, sizeof out, "%s", text);
    }
    const char *path = fixture_path(name);
    write_file(path, out);
    return path;
}

/* The 1-based line of the first occurrence of s in the official file. */
static int official_line(const char *s)
{
    FILE *f = fopen(OFFICIAL, "rb");
    assert_non_null(f);
    char buf[1024];
    int line = 0;
    while (fgets(buf, sizeof buf, f)) {
        line++;
        if (strstr(buf, s)) {
            fclose(f);
            return line;
        }
    }
    fclose(f);
    fail_msg("'%s' not in %s", s, OFFICIAL);
    return 0;
}

/* Loads path, expecting failure, and returns the diagnostics (malloc'd). */
static char *load_fails(const char *path)
{
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(path, &c.d);
    assert_null(t);
    assert_true(c.d.errors > 0);
    char *text = strdup(diag_capture_text(&c));
    diag_capture_free(&c);
    return text;
}

static void official_page(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(OFFICIAL, &c.d);
    assert_string_equal(diag_capture_text(&c), "");
    assert_non_null(t);
    assert_string_equal(t->name, "official");
    assert_string_equal(t->version, "1");
    assert_string_equal(t->path, OFFICIAL);
    assert_float_equal(t->page_w, 595.28, 0.005);
    assert_float_equal(t->page_h, 841.89, 0.005);
    assert_float_equal(t->margin_left, 85.04, 0.005);
    assert_float_equal(t->margin_right, 56.69, 0.005);
    assert_float_equal(t->margin_top, 70.87, 0.005);
    assert_float_equal(t->margin_bottom, 56.69, 0.005);
    assert_float_equal(t->header_y, 34.02, 0.005);
    template_free(t);
    diag_capture_free(&c);
}

static void official_text(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(OFFICIAL, &c.d);
    assert_non_null(t);
    assert_string_equal(t->font_family, "Laksaman");
    assert_float_equal(t->body_size, 16, 1e-9);
    assert_float_equal(t->title_size, 22, 1e-9);
    assert_float_equal(t->chapter_size, 20, 1e-9);
    assert_float_equal(t->section_size, 18, 1e-9);
    assert_float_equal(t->table_size, 14, 1e-9);
    assert_float_equal(t->line_spacing, 0.75, 1e-9);
    assert_float_equal(t->para_space, 4, 1e-9);
    assert_float_equal(t->first_line_indent, 70.87, 0.005);
    assert_float_equal(t->cell_pad, 3, 1e-9);
    assert_int_equal(t->justify, 1);
    assert_string_equal(t->page_number_format, "- %s -");
    /* thai, with numerals.latin = keep: Latin codes keep their digits */
    assert_int_equal(t->numerals_latin_keep, 1);
    assert_int_equal(t->numerals_page, NUMERALS_THAI_TEXT);
    assert_int_equal(t->numerals_body, NUMERALS_THAI_TEXT);
    assert_int_equal(t->numerals_tables, NUMERALS_THAI_TEXT);
    template_free(t);
    diag_capture_free(&c);
}

static void official_lists(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(OFFICIAL, &c.d);
    assert_non_null(t);
    assert_int_equal(t->n_chapters, 5);
    assert_string_equal(t->chapters[0], "background");
    assert_string_equal(t->chapters[4], "agencies");
    assert_null(t->chapters[5]);
    assert_int_equal(t->n_nobreak, 18);
    assert_string_equal(t->nobreak[0], "พ.ศ.");
    assert_string_equal(t->nobreak[3], "ปีงบประมาณ");
    assert_string_equal(t->nobreak[17], "มาตรา");
    template_free(t);
    diag_capture_free(&c);
}

static void official_labels(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(OFFICIAL, &c.d);
    assert_non_null(t);
    assert_string_equal(template_label(t, "toc"), "สารบัญ");
    assert_string_equal(template_label(t, "issue"), "ประเด็นยุทธศาสตร์ที่");
    assert_string_equal(template_label(t, "fiscal_year"), "ปีงบประมาณ พ.ศ.");
    assert_string_equal(template_label(t, "year"), "พ.ศ.");
    assert_string_equal(template_label(t, "plan_period"), "ระยะเวลาของแผน");
    assert_true(t->n_labels >= 66); /* composers add labels as they grow */
    for (size_t i = 0; i < t->n_labels; i++) /* every key found by bsearch */
        assert_ptr_equal(template_label(t, t->labels[i].key), t->labels[i].text);
    template_free(t);
    diag_capture_free(&c);
}

static void lengths_spaces_and_inches(void **state)
{
    const char *p = official_with("units", "margin.left = 3cm",
                                  "  margin.left=1.5 in  \r");
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(p, &c.d);
    assert_non_null(t);
    assert_float_equal(t->margin_left, 108, 1e-9);
    template_free(t);
    diag_capture_free(&c);
}

/* The table look is in the template: the official file says it, a template
 * without it gets the same look, and a grey past white is refused. */
static void table_look(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(OFFICIAL, &c.d);
    assert_non_null(t);
    assert_true(t->shade_header == 0.86 && t->shade_total == 0.88);
    assert_true(t->shade_group == 0.93 && t->shade_subtotal == 0.95);
    assert_true(t->rule_width == 0.5);
    template_free(t);
    const char *p = official_with("no-look", "table.shade.header = 86\n", "");
    Template *u = template_load(p, &c.d);
    assert_non_null(u);
    assert_true(u->shade_header == 0.86);
    template_free(u);
    diag_capture_free(&c);
    p = official_with("bad-grey", "table.shade.group = 93", "table.shade.group = 150");
    char *out = load_fails(p);
    assert_contains(out, "'table.shade.group' is 150: at most 100");
    free(out);
}

static void error_unknown_key(void **state)
{
    const char *p = official_with("unknown", "margin.left = 3cm",
                                  "margin.left = 3cm\nmargin.inner = 1cm");
    int line = official_line("margin.left = 3cm") + 1;
    char want[512];
    snprintf(want, sizeof want, "%s:%d: error: unknown key 'margin.inner'\n", p, line);
    char *out = load_fails(p);
    assert_string_equal(out, want);
    free(out);
}

static void error_unknown_label(void **state)
{
    const char *p = official_with("label", NULL, "label.cover_subtitle = x\n");
    char *out = load_fails(p);
    assert_contains(out, "error: unknown key 'label.cover_subtitle'\n");
    free(out);
}

static void error_bad_unit(void **state)
{
    const char *p = official_with("unit", "margin.left = 3cm", "margin.left = 3px");
    char want[512];
    snprintf(want, sizeof want, "%s:%d: error: unknown unit 'px' in "
             "'margin.left = 3px' (use mm, cm, pt or in)\n", p,
             official_line("margin.left = 3cm"));
    char *out = load_fails(p);
    assert_string_equal(out, want);
    free(out);
}

static void error_missing_unit(void **state)
{
    const char *p = official_with("nounit", "font.size = 16pt", "font.size = 16");
    char want[512];
    snprintf(want, sizeof want, "%s:%d: error: bad length '16' for 'font.size': "
             "expected a number and a unit (mm, cm, pt, in)\n", p,
             official_line("font.size = 16pt"));
    char *out = load_fails(p);
    assert_string_equal(out, want);
    free(out);
}

static void error_bad_values(void **state)
{
    const char *p = official_with("values", "numerals.page = thai",
                                  "numerals.page = roman");
    char *out = load_fails(p);
    assert_contains(out, "error: bad value 'roman' for 'numerals.page': "
                         "expected thai or arabic\n");
    free(out);
    p = official_with("values", "paragraph.justify = yes", "paragraph.justify = maybe");
    out = load_fails(p);
    assert_contains(out, "error: bad value 'maybe' for 'paragraph.justify': "
                         "expected yes or no\n");
    free(out);
    p = official_with("values", "numerals.latin = keep", "numerals.latin = arabic");
    out = load_fails(p);
    assert_contains(out, "error: bad value 'arabic' for 'numerals.latin': "
                         "expected keep or thai\n");
    free(out);
    p = official_with("values", "line.spacing = 0.75", "line.spacing = 0,75");
    out = load_fails(p);
    assert_contains(out, "error: bad number '0,75' for 'line.spacing'\n");
    free(out);
    p = official_with("values", "font.size = 16pt", "font.size = 0pt");
    out = load_fails(p);
    assert_contains(out, "error: 'font.size' must be greater than zero\n");
    free(out);
}

static void error_bad_format(void **state)
{
    const char *p = official_with("fmt", "page_number.format = - %s -",
                                  "page_number.format = %d");
    char *out = load_fails(p);
    assert_contains(out, "error: bad format '%d' for 'page_number.format': "
                         "it must contain %s (the number) exactly once\n");
    free(out);
}

static void error_missing_required(void **state)
{
    const char *p = official_with("missing", "margin.top = 2.5cm\n", "");
    char want[512];
    snprintf(want, sizeof want, "%s: error: missing required key 'margin.top'\n", p);
    char *out = load_fails(p);
    assert_string_equal(out, want);
    free(out);
}

static void error_missing_label(void **state)
{
    const char *p = official_with("nolabel", "label.toc = สารบัญ\n", "");
    char want[512];
    snprintf(want, sizeof want, "%s: error: missing required key 'label.toc'\n", p);
    char *out = load_fails(p);
    assert_string_equal(out, want);
    free(out);
}

static void error_duplicate_key(void **state)
{
    const char *p = official_with("dup", NULL, "margin.left = 2cm\n");
    int first = official_line("margin.left = 3cm"), last = 0;
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    for (int ch; (ch = fgetc(f)) != EOF;)
        last += ch == '\n';
    fclose(f);
    char want[512];
    snprintf(want, sizeof want, "%s:%d: error: duplicate key 'margin.left'\n"
             "%s:%d: note: 'margin.left' was first set here\n", p, last, p, first);
    char *out = load_fails(p);
    assert_string_equal(out, want);
    free(out);
}

static void error_duplicate_label(void **state)
{
    const char *p = official_with("duplabel", NULL, "label.toc = สารบัญเรื่อง\n");
    char *out = load_fails(p);
    assert_contains(out, "error: duplicate key 'label.toc'\n");
    free(out);
}

static void nobreak_repeats(void **state)
{
    const char *p = official_with("nobreak", NULL, "nobreak = ตำบล\n");
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(p, &c.d);
    assert_non_null(t);
    assert_int_equal(t->n_nobreak, 19);
    assert_string_equal(t->nobreak[18], "ตำบล");
    template_free(t);
    diag_capture_free(&c);
}

static void error_syntax(void **state)
{
    const char *p = official_with("syntax", NULL, "just words\nlabel.toc =\n");
    char *out = load_fails(p);
    assert_contains(out, "error: expected 'key = value'\n");
    assert_contains(out, "error: 'label.toc' has no value\n");
    free(out);
}

static void error_reports_all(void **state)
{
    const char *p = fixture_path("all");
    write_file(p, "# nothing but trouble\nmargin.left = 3px\nfoo = 1\n");
    char *out = load_fails(p);
    assert_contains(out, "error: unknown unit 'px'");
    assert_contains(out, ":3: error: unknown key 'foo'\n");
    assert_contains(out, "error: missing required key 'page.width'\n");
    assert_contains(out, "error: missing required key 'label.year'\n");
    free(out);
}

static void error_unreadable(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    assert_null(template_load("templates/no-such.conf", &c.d));
    assert_string_equal(diag_capture_text(&c), "templates/no-such.conf: error: "
                        "cannot read template: No such file or directory\n");
    assert_int_equal(c.d.errors, 1);
    diag_capture_free(&c);
}

static void error_margins(void **state)
{
    const char *p = official_with("margins", "margin.left = 3cm", "margin.left = 20cm");
    char *out = load_fails(p);
    assert_contains(out, "error: the margins leave no room for text");
    free(out);
}

/* Values a layout cannot work with (issue 11: a 1000 pt table font, 50 cm
 * cell padding, a line spacing of 1000 or a 1 mm page made render run for
 * ever; a 1e9 mm page gave a PDF no viewer opens): each refused at its
 * line. */
static void error_out_of_bounds(void **state)
{
    static const char *const cases[][3] = {
        {"font.size.table = 14pt", "font.size.table = 1000pt",
         "error: 'font.size.table' is 1000 pt, out of bounds: font sizes are 4-200 pt\n"},
        {"font.size = 16pt", "font.size = 3pt",
         "error: 'font.size' is 3 pt, out of bounds: font sizes are 4-200 pt\n"},
        {"table.cell_padding = 3pt", "table.cell_padding = 50cm",
         "error: 'table.cell_padding' is 1417 pt, out of bounds: a cell padding is at most "
         "36 pt (0.5 in)\n"},
        {"line.spacing = 0.75", "line.spacing = 1000",
         "error: 'line.spacing' is 1000, out of bounds: a line spacing is 0.5-3 times the "
         "font's line height\n"},
        {"page.width = 210mm", "page.width = 1mm",
         "error: 'page.width' is 2.835 pt, out of bounds: PDF viewers accept pages of 1 to "
         "200 in (72-14,400 pt)\n"},
        {"page.height = 297mm", "page.height = 1000000000mm",
         "error: 'page.height' is 2.835e+09 pt, out of bounds"},
        {"paragraph.space = 4pt", "paragraph.space = 2in", "error: 'paragraph.space' is 144 pt"},
        {"justify.word_stretch = 0.06", "justify.word_stretch = 0.5",
         "error: 'justify.word_stretch' is 0.5, out of bounds: a boundary between Thai words "
         "widens by 0-0.09 em\n"},
        {"table.cell_padding = 3pt", "table.cell_padding = 30pt",
         "error: 'table.cell_padding' is 30.0 pt; at most 11.3 pt (1/40 of the text width)"},
        {"paragraph.indent = 2.5cm", "paragraph.indent = 10cm",
         "error: 'paragraph.indent' is 283.5 pt; at most half the text width (226.8 pt)\n"},
        {"header.y = 1.2cm", "header.y = 3cm",
         "error: 'header.y' is 85.0 pt: the page number would be drawn over the text"},
        {"margin.right = 2cm", "margin.right = 15cm",
         "error: the margins leave no room for text on a 595 x 842 pt page: the text is "
         "85 pt wide (on the narrow side), and needs at least 128 pt"},
        {"margin.bottom = 2cm", "margin.bottom = 15cm",
         "error: the margins leave no room for text on a 595 x 842 pt page: the text area is "
         "99 pt high (landscape pages)"},
        {"font.size.title = 22pt", "font.size.title = 200pt",
         "error: the margins leave no room for text on a 595 x 842 pt page: the text area is "
         "468 pt high (landscape pages), and needs at least 540 pt for these font sizes at "
         "line spacing 0.75"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p = official_with("bounds", cases[i][0], cases[i][1]);
        char *out = load_fails(p);
        char want[600];
        /* the cross-key ones name the key most likely to change */
        const char *at = strstr(cases[i][1], "font.size.title") ? "margin.top = 2.5cm"
                                                                : cases[i][0];
        snprintf(want, sizeof want, "%s:%d: %s", p, official_line(at), cases[i][2]);
        assert_contains(out, want);
        free(out);
    }
}

/* From memory, as the fuzzer reads it; the same checks. */
static void template_from_memory(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    assert_null(template_load_memory("page.width = 1mm\n", 17, "m.conf", &c.d));
    assert_contains(diag_capture_text(&c), "m.conf:1: error: 'page.width' is 2.835 pt");
    diag_capture_free(&c);
}

static void error_not_utf8(void **state)
{
    const char *p = official_with("latin1", "label.toc = สารบัญ", "label.toc = \xc3\x28");
    char *out = load_fails(p);
    assert_contains(out, "error: the value of 'label.toc' is not valid UTF-8");
    free(out);
}

/* The emblem: the official template's, read and checked when the template
 * is; and every way a named image can be wrong, at the template's line. */
static void emblem_official(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(OFFICIAL, &c.d);
    assert_non_null(t);
    assert_non_null(t->emblem);
    assert_true(t->emblem_len > 1000);
    assert_int_equal(t->emblem_px_w, 480);
    assert_int_equal(t->emblem_px_h, 480);
    assert_float_equal(t->emblem_width, 3 * 72 / 2.54, 1e-9);
    template_free(t);
    diag_capture_free(&c);
}

static void emblem_relative_to_the_template(void **state)
{
    /* a copy beside the fixture, named without a folder */
    FILE *in = fopen("templates/emblem.png", "rb");
    assert_non_null(in);
    static char png[256 * 1024];
    size_t n = fread(png, 1, sizeof png, in);
    fclose(in);
    char copy[512];
    snprintf(copy, sizeof copy, "%s/tests/out/emblem-copy.png", getenv("BUILD") ? getenv("BUILD") : "build");
    FILE *out = fopen(copy, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(png, 1, n, out), n);
    fclose(out);
    const char *p = official_with("emblem-rel", "cover.emblem = emblem.png",
                                  "cover.emblem = emblem-copy.png");
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(p, &c.d);
    assert_non_null(t);
    assert_int_equal(t->emblem_len, n);
    template_free(t);
    diag_capture_free(&c);
}

static void error_emblem(void **state)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/tests/out", getenv("BUILD") ? getenv("BUILD") : "build");
    /* not a PNG, and a PNG cut short */
    char bad[600], cut[600];
    snprintf(bad, sizeof bad, "%s/emblem-bad.png", dir);
    write_file(bad, "<svg xmlns='http://www.w3.org/2000/svg'/>\n");
    FILE *in = fopen("templates/emblem.png", "rb");
    assert_non_null(in);
    static char png[4096];
    size_t n = fread(png, 1, sizeof png, in);
    fclose(in);
    snprintf(cut, sizeof cut, "%s/emblem-cut.png", dir);
    FILE *out = fopen(cut, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(png, 1, n / 2, out), n / 2);
    fclose(out);
    const char *cases[][2] = {
        {"cover.emblem = nowhere.png", "cannot use the image"},
        {"cover.emblem = emblem-bad.png", "not a PNG file"},
        {"cover.emblem = emblem-cut.png", "a damaged or truncated PNG file"},
        {"cover.emblem = .", "not a regular file"},
    };
    int line = official_line("cover.emblem = emblem.png");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p = official_with("emblem-err", "cover.emblem = emblem.png", cases[i][0]);
        char *msg = load_fails(p);
        char want[700];
        snprintf(want, sizeof want, "%s:%d: error: 'cover.emblem': cannot use the image", p, line);
        assert_contains(msg, want);
        assert_contains(msg, cases[i][1]);
        free(msg);
    }
    char *msg = load_fails(official_with("emblem-nofile", "cover.emblem = emblem.png",
                                         "cover.emblem = nowhere.png"));
    assert_contains(msg, "No such file or directory");
    free(msg);
}

/* The draft mark's look: the official values, the defaults without the
 * keys, a bad colour refused. */
static void draft_look(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(OFFICIAL, &c.d);
    assert_non_null(t);
    assert_string_equal(t->draft_text, "ร่าง");
    assert_int_equal(t->draft_colour, 0xF3D2D2);
    assert_float_equal(t->draft_size, 220, 1e-9);
    assert_float_equal(t->draft_angle, 55, 1e-9);
    template_free(t);
    const char *p = official_with("draft-default", "draft.color = #F3D2D2\n", "");
    t = template_load(p, &c.d);
    assert_non_null(t);
    assert_int_equal(t->draft_colour, 0xF3D2D2);
    template_free(t);
    diag_capture_free(&c);
    char *msg = load_fails(official_with("draft-bad", "draft.color = #F3D2D2", "draft.color = pink"));
    assert_contains(msg, "bad colour 'pink' for 'draft.color'");
    free(msg);
    msg = load_fails(official_with("draft-angle", "draft.angle = 55", "draft.angle = 400"));
    assert_contains(msg, "'draft.angle' is 400, out of bounds");
    free(msg);
}

/* The fonts of fonts/ for the layouts below, opened at the first and
 * closed by the group's teardown (each layout's template is another, so
 * nothing laid out with one is kept for the next: layout.c's kept_of);
 * the family of the template of the first. */
static FontSet *look_fonts;
static char *look_family;

/* The pages of tests/data/minimal.xml's master plan laid out with the
 * template at path (malloc'd text, `phaen dump --pages`). */
static char *master_pages(const char *path)
{
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(path, &c.d);
    assert_non_null(t);
    if (!look_fonts) {
        look_fonts = fonts_open("fonts", t->font_family, &c.d);
        look_family = strdup(t->font_family);
    }
    assert_non_null(look_fonts);
    assert_string_equal(t->font_family, look_family);
    FontSet *fs = look_fonts;
    Plan *p = plan_load("tests/data/minimal.xml", NULL, &c.d);
    assert_non_null(p);
    plan_resolve(p, &c.d);
    plan_check(p, &c.d);
    char *got = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&got, &len);
    assert_non_null(out);
    int rc = dump_plan(p, t, fs, DUMP_MASTER, 1, out, &c.d);
    assert_int_equal(fclose(out), 0);
    if (rc != 0 || c.d.errors)
        fail_msg("%s", diag_capture_text(&c));
    plan_free(p);
    template_free(t);
    diag_capture_free(&c);
    return got;
}

/* The baseline y of the nth (0-based) dumped line whose text is `text`. */
static double line_y(const char *dump, const char *text, int nth)
{
    char want[512];
    snprintf(want, sizeof want, " \"%s\"\n", text);
    for (const char *at = dump; (at = strstr(at, want)); at++) {
        const char *bol = at;
        while (bol > dump && bol[-1] != '\n')
            bol--;
        double x, y;
        if (sscanf(bol, "  line %lf %lf", &x, &y) == 2 && nth-- == 0)
            return y;
    }
    fail_msg("no line \"%s\" in the dump", text);
    return 0;
}

/* The cover's and the headings' spacing are in the template: a bigger
 * value moves what follows by what it says, and values past their bounds
 * are refused at their line. */
static void spacing_look(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(OFFICIAL, &c.d);
    assert_non_null(t);
    assert_true(t->cover_top == 0.22 && t->cover_top_emblem == 0.08);
    assert_true(t->cover_emblem_gap == 0.06 && t->cover_issuer_gap == 0.12);
    assert_true(t->heading_before == 0.5 && t->heading_after_chapter == 0.6);
    assert_true(t->heading_after == 0.25);
    template_free(t);
    /* absent: the same look */
    t = template_load(official_with("look-default", "heading.space.after = 25\n", ""), &c.d);
    assert_non_null(t);
    assert_true(t->heading_after == 0.25);
    template_free(t);
    diag_capture_free(&c);

    static const char issuer[] = "สำนักงานปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์";
    char *base = master_pages(OFFICIAL);
    char *cover = master_pages(official_with("look-cover", "cover.space.issuer = 12",
                                             "cover.space.issuer = 20"));
    /* 8 per cent more of an 841.89 pt page above the issuer */
    assert_float_equal(line_y(cover, issuer, 0) - line_y(base, issuer, 0), 0.08 * 841.89, 0.15);
    assert_float_equal(line_y(cover, "สารบัญ", 1), line_y(base, "สารบัญ", 1), 1e-9);
    char *head = master_pages(official_with("look-heading", "heading.space.after.chapter = 60",
                                            "heading.space.after.chapter = 200"));
    /* the contents' first entry, below its chapter-level heading, moves
     * down by 1.4 body lines (a body line is 25-30 pt) */
    double moved = line_y(head, "สารบัญ", 1) - line_y(base, "สารบัญ", 1);
    assert_true(moved > 1.4 * 25 && moved < 1.4 * 30);
    assert_float_equal(line_y(head, issuer, 0), line_y(base, issuer, 0), 1e-9);
    free(base);
    free(cover);
    free(head);

    const char *p = official_with("look-bad", "heading.space.after = 25",
                                  "heading.space.after = 400");
    char *msg = load_fails(p);
    char want[512];
    snprintf(want, sizeof want, "%s:%d: error: 'heading.space.after' is 400, out of bounds",
             p, official_line("heading.space.after = 25"));
    assert_contains(msg, want);
    free(msg);
    p = official_with("look-bad-cover", "cover.space.top = 22", "cover.space.top = 41");
    msg = load_fails(p);
    snprintf(want, sizeof want, "%s:%d: error: 'cover.space.top' is 41, out of bounds", p,
             official_line("cover.space.top = 22"));
    assert_contains(msg, want);
    free(msg);
}

/* The main tables' column shares are in the template: the official ones
 * by default, a changed share widens its column in the page dump, and a
 * line with too few shares or a zero share is refused at its line. */
static void columns_look(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    Template *t = template_load(OFFICIAL, &c.d);
    assert_non_null(t);
    static const double projects[] = {6, 24, 30, 22, 9, 11};
    assert_memory_equal(t->cols_projects, projects, sizeof projects);
    assert_true(t->cols_indicators[3] == 33 && t->cols_sheet_totals[2] == 35);
    template_free(t);
    t = template_load(official_with("cols-default", "table.columns.agencies = 9 45 14 32\n", ""),
                      &c.d);
    assert_non_null(t);
    static const double agencies[] = {9, 45, 14, 32};
    assert_memory_equal(t->cols_agencies, agencies, sizeof agencies);
    template_free(t);
    diag_capture_free(&c);

    /* the annex's first column ("ลำดับ") twice as wide: the agency names
     * start further right */
    char *base = master_pages(OFFICIAL);
    char *wide = master_pages(official_with("cols-wide", "table.columns.agencies = 9 45 14 32",
                                            "table.columns.agencies = 18 45 14 32"));
    assert_string_not_equal(base, wide);
    const char *b = strstr(base, "ภาคผนวก"), *w = strstr(wide, "ภาคผนวก");
    assert_non_null(b);
    assert_non_null(w);
    b = strstr(b + 1, "ภาคผนวก");
    w = strstr(w + 1, "ภาคผนวก");
    assert_non_null(b);
    assert_non_null(w);
    double bx, by, bw, bh, wx, wy, ww, wh;
    b = strstr(b, "  box ");
    w = strstr(w, "  box ");
    assert_non_null(b);
    assert_non_null(w);
    assert_int_equal(sscanf(b, "  box %lf %lf %lf %lf", &bx, &by, &bw, &bh), 4);
    assert_int_equal(sscanf(w, "  box %lf %lf %lf %lf", &wx, &wy, &ww, &wh), 4);
    assert_true(ww > 1.5 * bw); /* the first column's box */
    free(base);
    free(wide);

    const char *p = official_with("cols-few", "table.columns.projects = 6 24 30 22 9 11",
                                  "table.columns.projects = 6 24 30");
    char *msg = load_fails(p);
    char want[512];
    snprintf(want, sizeof want, "%s:%d: error: 'table.columns.projects' has 3 shares: the "
             "table has 6 columns", p, official_line("table.columns.projects ="));
    assert_contains(msg, want);
    free(msg);
    p = official_with("cols-zero", "table.columns.sheet.totals = 30 35 35",
                      "table.columns.sheet.totals = 30 0 35");
    msg = load_fails(p);
    assert_contains(msg, "'table.columns.sheet.totals': a column's share is above 0");
    free(msg);
    msg = load_fails(official_with("cols-bad", "table.columns.sheet.totals = 30 35 35",
                                   "table.columns.sheet.totals = 30 35x 35"));
    assert_contains(msg, "bad number in 'table.columns.sheet.totals = 30 35x 35'");
    free(msg);
}

/* The page dumps' fonts and libxml2 hold caches until the process ends:
 * freed here so that LeakSanitizer sees only real leaks. */
static int teardown(void **state)
{
    fonts_close(look_fonts);
    free(look_family);
    fonts_cleanup();
    load_cleanup();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(official_page),
        cmocka_unit_test(official_text),
        cmocka_unit_test(official_lists),
        cmocka_unit_test(official_labels),
        cmocka_unit_test(lengths_spaces_and_inches),
        cmocka_unit_test(nobreak_repeats),
        cmocka_unit_test(table_look),
        cmocka_unit_test(error_unknown_key),
        cmocka_unit_test(error_unknown_label),
        cmocka_unit_test(error_bad_unit),
        cmocka_unit_test(error_missing_unit),
        cmocka_unit_test(error_bad_values),
        cmocka_unit_test(error_bad_format),
        cmocka_unit_test(error_missing_required),
        cmocka_unit_test(error_missing_label),
        cmocka_unit_test(error_duplicate_key),
        cmocka_unit_test(error_duplicate_label),
        cmocka_unit_test(error_syntax),
        cmocka_unit_test(error_reports_all),
        cmocka_unit_test(error_unreadable),
        cmocka_unit_test(error_margins),
        cmocka_unit_test(error_out_of_bounds),
        cmocka_unit_test(template_from_memory),
        cmocka_unit_test(error_not_utf8),
        cmocka_unit_test(emblem_official),
        cmocka_unit_test(emblem_relative_to_the_template),
        cmocka_unit_test(error_emblem),
        cmocka_unit_test(draft_look),
        cmocka_unit_test(spacing_look),
        cmocka_unit_test(columns_look),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
