/* test_fonts.c - the lifetimes fonts.c promises, on which byte-identical
 * output for any -j and a clean exit depend: a cairo font face lives from
 * the first fonts_open to fonts_cleanup (so no thread ever makes a second
 * face for a font file), and a font map is gone, with the work pango queued
 * for it in its fontconfig thread, when fonts_close returns. */
#include "testutil.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include "fonts.h"

static int destroyed;

static void count_destroyed(void *p)
{
    (void)p;
    destroyed++;
}

static FontSet *open_fonts(void)
{
    Diag d;
    diag_init(&d, stderr, 0);
    FontSet *fs = fonts_open("fonts", "Laksaman", &d);
    assert_non_null(fs);
    return fs;
}

/* The face pango's font of desc is drawn with. */
static cairo_font_face_t *face_of(FontSet *fs, const char *desc)
{
    PangoFontDescription *fd = pango_font_description_from_string(desc);
    PangoFont *font = pango_context_load_font(fonts_context(fs), fd);
    pango_font_description_free(fd);
    assert_non_null(font);
    cairo_font_face_t *face =
        cairo_scaled_font_get_font_face(pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)));
    g_object_unref(font);
    return face;
}

/* cairo keeps the last 256 scaled fonts let go of, with their faces: fonts
 * of a face of their own push those out. */
static void push_out_kept_fonts(void)
{
    cairo_font_face_t *other = cairo_user_font_face_create();
    cairo_font_options_t *fo = cairo_font_options_create();
    for (int i = 1; i <= 300; i++) {
        cairo_matrix_t m, id;
        cairo_matrix_init_scale(&m, i, i);
        cairo_matrix_init_identity(&id);
        cairo_scaled_font_destroy(cairo_scaled_font_create(other, &m, &id, fo));
    }
    cairo_font_options_destroy(fo);
    cairo_font_face_destroy(other);
}

/* A face outlives every font and font map made with it: pango asks cairo
 * for the face again with each new font, and a face made anew while
 * another thread makes one too was a second face, and a second copy of the
 * font in a document (6 font subsets instead of 4, one run in a dozen). */
static void test_face_lives_until_cleanup(void **state)
{
    (void)state;
    FontSet *fs = open_fonts();
    cairo_font_face_t *face = face_of(fs, "Laksaman 16");
    static const cairo_user_data_key_t key;
    assert_int_equal(cairo_font_face_set_user_data(face, &key, &destroyed, count_destroyed),
                     CAIRO_STATUS_SUCCESS);
    fonts_close(fs);
    push_out_kept_fonts();
    assert_int_equal(destroyed, 0);
    /* another font map, another size, another thread's worth of fonts:
     * the same face */
    fs = open_fonts();
    assert_ptr_equal(face_of(fs, "Laksaman 11"), face);
    fonts_close(fs);
    fonts_cleanup();
    assert_int_equal(destroyed, 1);
}

static void map_finalized(gpointer data, GObject *gone)
{
    (void)gone;
    *(int *)data = 1;
}

/* pango 1.50 sorts fonts for a map in a thread of its own, and what it still
 * has to do keeps the map alive after the last unref; fontconfig torn down
 * under it reported leaks ('phaen check' under ASan, 4 runs of 20). */
static void test_close_leaves_no_sort_running(void **state)
{
    (void)state;
    for (int round = 0; round < 20; round++) {
        FontSet *fs = open_fonts();
        face_of(fs, "Laksaman Bold 16");
        face_of(fs, "Laksaman Italic 13");
        int gone = 0;
        g_object_weak_ref(G_OBJECT(pango_context_get_font_map(fonts_context(fs))), map_finalized,
                          &gone);
        fonts_close(fs);
        assert_int_equal(gone, 1);
    }
    fonts_cleanup();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_face_lives_until_cleanup),
        cmocka_unit_test(test_close_leaves_no_sort_running),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
