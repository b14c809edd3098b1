/* test_textlayer.c - the text each glyph carries into the PDF (textlayer.h).
 *
 * Every text of the sample's master plan, action plan and sheets is laid
 * out as the layout engine does and handed to textlayer_map_line: each
 * glyph id of each font must stand for one text only (a PDF maps a glyph to
 * one Unicode string), the texts of a line's glyphs read in order must be
 * the line's own text (the Unicode the shaper was given), and no glyph may
 * be left to cairo's reverse cmap.  The PDFs themselves are read back by
 * test_readers.c.
 */
#include "testutil.h"

#include <pango/pangocairo.h>

#include "budget.h"
#include "fonts.h"
#include "load.h"
#include "render.h"
#include "resolve.h"
#include "template.h"
#include "textlayer.h"

#include "typefixture.h"

typedef struct Seen {
    GHashTable *texts;   /* "font|glyph" -> text */
    GString *line;       /* the texts of the current line, in painting order */
    int glyphs, fallbacks, conflicts;
    char conflict[256];
    GHashTable *done;    /* "size|bold|markup" checked -> its glyphs and fallbacks */
    GHashTable *names;   /* PangoFont (a reference held, so that no other font
                          * gets its address) -> its description as a string */
} Seen;

/* The description of font as a string, made once a font: made for every
 * glyph it was 30 % of the sample's test. */
static const char *font_name(Seen *s, PangoFont *font)
{
    if (!s->names)
        s->names = g_hash_table_new_full(g_direct_hash, g_direct_equal, g_object_unref, g_free);
    char *name = g_hash_table_lookup(s->names, font);
    if (!name) {
        PangoFontDescription *fd = pango_font_describe(font);
        name = pango_font_description_to_string(fd);
        pango_font_description_free(fd);
        g_hash_table_insert(s->names, g_object_ref(font), name);
    }
    return name;
}

static void on_glyph(void *ctx, PangoFont *font, unsigned glyph, const char *text, int fallback)
{
    Seen *s = ctx;
    s->glyphs++;
    s->fallbacks += fallback;
    if (!fallback)
        g_string_append(s->line, text);
    char *key = g_strdup_printf("%s|%u", font_name(s, font), glyph);
    const char *had = g_hash_table_lookup(s->texts, key);
    if (had && strcmp(had, text) != 0) {
        if (!s->conflicts++)
            snprintf(s->conflict, sizeof s->conflict, "%s: '%s' and '%s'", key, had, text);
        g_free(key);
    } else if (!had) {
        g_hash_table_insert(s->texts, key, g_strdup(text));
    } else {
        g_free(key);
    }
}

/* The line's text as readers should get it: without the characters that
 * have no glyph (word joiner, soft hyphen, line breaks). */
static char *visible_text(const char *s, int len)
{
    GString *out = g_string_new(NULL);
    for (const char *p = s; p < s + len; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        GUnicodeType t = g_unichar_type(c);
        if (t == G_UNICODE_SPACE_SEPARATOR)
            g_string_append_c(out, ' '); /* an en space is painted as a space */
        else if (t != G_UNICODE_FORMAT && t != G_UNICODE_CONTROL &&
                 t != G_UNICODE_LINE_SEPARATOR && t != G_UNICODE_PARAGRAPH_SEPARATOR)
            g_string_append_unichar(out, c);
    }
    return g_string_free(out, FALSE);
}

/* Lays out markup as the engine does (regular or bold, at size) and checks
 * every line.  A markup met again at the same size and weight (the sheets
 * repeat the master plan's cells: about 1,600 different of 4,000) lays out the
 * same glyphs with the same texts: it is counted again, not laid out. */
static void check_markup(Seen *s, const char *markup, double size, int bold)
{
    char *key = g_strdup_printf("%g|%d|%s", size, bold, markup);
    int *had = g_hash_table_lookup(s->done, key);
    if (had) {
        s->glyphs += had[0];
        s->fallbacks += had[1];
        g_free(key);
        return;
    }
    int *counts = g_new(int, 2);
    counts[0] = s->glyphs;
    counts[1] = s->fallbacks;
    PangoLayout *l = pango_layout_new(fonts_context(fonts));
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, tpl->font_family);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, 300 * PANGO_SCALE);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_markup(l, markup, -1);
    const char *text = pango_layout_get_text(l);
    for (GSList *it = pango_layout_get_lines_readonly(l); it; it = it->next) {
        PangoLayoutLine *line = it->data;
        g_string_truncate(s->line, 0);
        textlayer_map_line(line, on_glyph, s);
        char *want = visible_text(text + line->start_index, line->length);
        /* a space a line broke at has no glyph (pango drops it) */
        g_strchomp(want);
        g_strchomp(s->line->str);
        if (strcmp(s->line->str, want) != 0)
            fail_msg("glyphs read '%s', the line is '%s'", s->line->str, want);
        g_free(want);
    }
    g_object_unref(l);
    counts[0] = s->glyphs - counts[0];
    counts[1] = s->fallbacks - counts[1];
    g_hash_table_insert(s->done, key, counts);
}

static void check_doc(Seen *s, const Doc *d)
{
    for (size_t i = 0; i < d->n_blocks; i++) {
        const DocBlock *b = &d->blocks[i];
        double size = b->size > 0 ? b->size : tpl->body_size;
        if (b->markup)
            check_markup(s, b->markup, size, b->bold);
        for (size_t r = 0; b->table && r < b->table->n_rows; r++)
            for (size_t k = 0; k < b->table->rows[r].n_cells; k++)
                check_markup(s, b->table->rows[r].cells[k].markup, tpl->table_size,
                             b->table->rows[r].kind != ROW_BODY);
    }
}

/* Each glyph of each font stands for one text, the glyphs of each line
 * read back as the line, and cairo's reverse cmap is never needed. */
static void test_sample_glyphs_carry_their_text(void **state)
{
    (void)state;
    Diag d;
    diag_init(&d, stderr, 0);
    Plan *p = plan_load("samples/trafficking-2561-2580.xml", NULL, &d);
    assert_non_null(p);
    assert_int_equal(plan_resolve(p, &d), 0);
    Rollup *r = rollup_new(p);
    assert_non_null(r);
    Seen s = {.texts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
              .line = g_string_new(NULL),
              .done = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free)};
    Doc *docs[] = {compose_master_plan(p, tpl), compose_action_plan(p, tpl, r),
                   compose_agency_sheets(p, tpl, r)};
    for (size_t i = 0; i < 3; i++) {
        assert_non_null(docs[i]);
        check_doc(&s, docs[i]);
        doc_free(docs[i]);
    }
    assert_true(s.glyphs > 50000);
    if (s.conflicts)
        fail_msg("%d glyphs stand for two texts, e.g. %s", s.conflicts, s.conflict);
    assert_int_equal(s.fallbacks, 0);
    g_hash_table_destroy(s.texts);
    g_hash_table_destroy(s.done);
    if (s.names)
        g_hash_table_destroy(s.names);
    g_string_free(s.line, TRUE);
    rollup_free(r);
    plan_free(p);
}

/* The words cairo 1.16 got wrong: a lowered tone mark the shaper puts before
 * the vowel under the letter, SARA AM drawn as two glyphs, a tone mark
 * between them, a letter without its descender, a Latin ligature. */
static void test_hard_words(void **state)
{
    (void)state;
    static const char *const words[] = {
        "ผู้เสียหาย", "กำหนด", "ดำเนินการ", "ก่ำ", "น้ำ", "บูรณาการ", "ตัวชี้วัด", "เป็น",
        "ป้องกัน", "ฐูญู", "ปั้น", "ฝ่าย", "office", "ฤๅษี",
    };
    Seen s = {.texts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
              .line = g_string_new(NULL),
              .done = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free)};
    for (int bold = 0; bold < 2; bold++)
        for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
            g_string_truncate(s.line, 0);
            check_markup(&s, words[i], 16, bold);
        }
    assert_int_equal(s.fallbacks, 0);
    assert_int_equal(s.conflicts, 0);
    g_hash_table_destroy(s.texts);
    g_hash_table_destroy(s.done);
    if (s.names)
        g_hash_table_destroy(s.names);
    g_string_free(s.line, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hard_words),
        cmocka_unit_test(test_sample_glyphs_carry_their_text),
    };
    return cmocka_run_group_tests(tests, type_setup, type_teardown);
}
