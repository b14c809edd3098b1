/* glyphtext.c - what each glyph of a font stands for; see glyphtext.h. */
#include "glyphtext.h"
#include "xalloc.h"

#include <cairo-ft.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <stdlib.h>
#include <string.h>

static void info_free(gpointer p)
{
    FontInfo *fi = p;
    if (fi->face)
        FT_Done_Face(fi->face);
    if (fi->lib)
        FT_Done_FreeType(fi->lib);
    free(fi->rev);
    free(fi->n_rev);
    free(fi->named);
    free(fi->named_done);
    free(fi);
}

static int is_pua(uint32_t c)
{
    return c >= 0xE000 && c <= 0xF8FF;
}

/* The Thai private-use glyph variants of the old Windows and Mac fonts (as
 * HarfBuzz's Thai shaper lists them): shifted or lowered marks and letters
 * without their descender, each standing for one Thai character. */
static uint32_t thai_pua_base(uint32_t c)
{
    static const uint32_t base[] = {
        0x0E10, 0x0E34, 0x0E35, 0x0E36, 0x0E37, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B, /* F700.. */
        0x0E4C, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C, 0x0E0D, 0x0E31, 0x0E4D, /* F709.. */
        0x0E47, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C, 0x0E38, 0x0E39, 0x0E3A, /* F712.. */
    };
    if (c >= 0xF700 && c <= 0xF71A)
        return base[c - 0xF700];
    return 0;
}

/* Whether outline a drawn at one origin is the same picture as b + c
 * (compared as 64-pixel renderings). */
static int same_drawing(cairo_font_face_t *face, unsigned a, unsigned b, unsigned c)
{
    enum { W = 160, H = 160 };
    cairo_surface_t *s[2];
    for (int k = 0; k < 2; k++) {
        s[k] = cairo_image_surface_create(CAIRO_FORMAT_A8, W, H);
        cairo_t *cr = cairo_create(s[k]);
        cairo_set_font_face(cr, face);
        cairo_set_font_size(cr, 64);
        cairo_glyph_t g[2] = {{.index = k ? b : a, .x = 64, .y = 100},
                              {.index = c, .x = 64, .y = 100}};
        cairo_show_glyphs(cr, g, k ? 2 : 1);
        cairo_destroy(cr);
        cairo_surface_flush(s[k]);
    }
    long diff = 0, ink = 0;
    int stride = cairo_image_surface_get_stride(s[0]);
    const unsigned char *p = cairo_image_surface_get_data(s[0]);
    const unsigned char *q = cairo_image_surface_get_data(s[1]);
    for (int y = 0; p && q && y < H; y++)
        for (int x = 0; x < W; x++) {
            int u = p[y * stride + x], v = q[y * stride + x];
            diff += u > v ? u - v : v - u;
            ink += u;
        }
    cairo_surface_destroy(s[0]);
    cairo_surface_destroy(s[1]);
    return ink > 0 && diff * 100 <= ink; /* within 1 % of the ink */
}

/* A FreeType face of our own for the font file of font, at the size cairo
 * gives the face when painting with sf (cairo-ft-font.c,
 * _cairo_ft_unscaled_font_set_scale), or NULL. */
static FT_Face open_face(FT_Library lib, PangoFont *font, cairo_scaled_font_t *sf)
{
    FcPattern *pat = PANGO_IS_FC_FONT(font) ? pango_fc_font_get_pattern(PANGO_FC_FONT(font)) : NULL;
    FcChar8 *file = NULL;
    int index = 0;
    if (!pat || FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch)
        return NULL;
    if (FcPatternGetInteger(pat, FC_INDEX, 0, &index) != FcResultMatch)
        index = 0;
    FT_Face face;
    if (FT_New_Face(lib, (const char *)file, index, &face) != 0)
        return NULL;
    cairo_matrix_t m;
    cairo_scaled_font_get_scale_matrix(sf, &m);
    double xs = hypot(m.xx, m.yx), det = fabs(m.xx * m.yy - m.yx * m.xy);
    double ys = xs > 0 ? det / xs : 0;
    if (xs <= 0 || ys <= 0 || FT_Set_Char_Size(face, (FT_F26Dot6)(xs * 64.0 + .5),
                                               (FT_F26Dot6)(ys * 64.0 + .5), 0, 0) != 0) {
        FT_Done_Face(face);
        return NULL;
    }
    return face;
}

FontInfo *glyphtext_font(PangoFont *font, cairo_scaled_font_t *sf)
{
    /* a quark of our own: g_object_get_data looks its string up in glib's
     * quark table, under a lock, for every run painted */
    static gsize key;
    if (g_once_init_enter(&key))
        g_once_init_leave(&key, g_quark_from_static_string("phaen-textlayer"));
    FontInfo *fi = g_object_get_qdata(G_OBJECT(font), (GQuark)key);
    if (fi)
        return fi->face ? fi : NULL;
    fi = xcalloc(1, sizeof *fi);
    g_object_set_qdata_full(G_OBJECT(font), (GQuark)key, fi, info_free);
    if (FT_Init_FreeType(&fi->lib) != 0) {
        fi->lib = NULL;
        return NULL;
    }
    if (!(fi->face = open_face(fi->lib, font, sf)))
        return NULL;
    FT_Face face = fi->face;
    fi->n_glyphs = (unsigned)face->num_glyphs;
    fi->rev = xcalloc(fi->n_glyphs + 1, sizeof *fi->rev);
    fi->named = xcalloc(fi->n_glyphs + 1, sizeof *fi->named);
    fi->named_done = xcalloc(fi->n_glyphs + 1, 1);
    fi->n_rev = xcalloc(fi->n_glyphs + 1, 1);
    FT_UInt gi;
    for (FT_ULong c = FT_Get_First_Char(face, &gi); gi != 0; c = FT_Get_Next_Char(face, c, &gi)) {
        if (gi >= fi->n_glyphs)
            continue;
        if (fi->n_rev[gi] < 2)
            fi->n_rev[gi]++;
        uint32_t old = fi->rev[gi];
        if (!old || (is_pua(old) && !is_pua((uint32_t)c)))
            fi->rev[gi] = (uint32_t)c;
    }
    fi->am = FT_Get_Char_Index(face, SARA_AM);
    fi->nikhahit = FT_Get_Char_Index(face, NIKHAHIT);
    fi->aa = FT_Get_Char_Index(face, SARA_AA);
    return fi;
}

/* Decides, once per font, whether ำ may be painted with the font's own
 * glyph. */
void glyphtext_check_sara_am(FontInfo *fi, cairo_scaled_font_t *sf)
{
    if (fi->am_same)
        return;
    fi->am_same = -1;
    if (fi->am && fi->nikhahit && fi->aa &&
        same_drawing(cairo_scaled_font_get_font_face(sf), fi->am, fi->nikhahit, fi->aa))
        fi->am_same = 1;
}

/* Code points from a glyph name: "uni0E49.low" -> U+0E49, "u1F600",
 * "f_f_i" and "ffi" -> f f i, "a" -> a.  Returns how many (0: none). */
static int text_from_name(const char *name, uint32_t *out)
{
    char base[64];
    size_t n = strcspn(name, ".");
    if (n == 0 || n >= sizeof base)
        return 0;
    memcpy(base, name, n);
    base[n] = '\0';
    int k = 0;
    if (strncmp(base, "uni", 3) == 0 && n > 3 && (n - 3) % 4 == 0) {
        for (size_t i = 3; i < n && k < GLYPHTEXT_MAX; i += 4) {
            char hex[5];
            memcpy(hex, base + i, 4);
            hex[4] = '\0';
            char *end;
            unsigned long c = strtoul(hex, &end, 16);
            if (*end || c == 0)
                return 0;
            out[k++] = (uint32_t)c;
        }
        return k;
    }
    if (base[0] == 'u' && n >= 5 && n <= 7) {
        char *end;
        unsigned long c = strtoul(base + 1, &end, 16);
        if (!*end && c > 0) {
            out[0] = (uint32_t)c;
            return 1;
        }
    }
    /* ligatures of ASCII letters: "f_f_i", or the standard "ff", "fi",
     * "fl", "ffi", "ffl" */
    static const char *const ligs[] = {"ff", "fi", "fl", "ffi", "ffl", NULL};
    int lig = 0;
    for (int i = 0; ligs[i]; i++)
        lig |= strcmp(base, ligs[i]) == 0;
    for (size_t i = 0; i < n; i++)
        if (base[i] != '_' && !g_ascii_isalpha(base[i]))
            return 0;
    if (!lig && !strchr(base, '_') && n != 1)
        return 0;
    for (size_t i = 0; i < n && k < GLYPHTEXT_MAX; i++)
        if (base[i] != '_')
            out[k++] = (uint32_t)base[i];
    return k;
}

/* What glyph g stands for by itself, for a glyph that is no character's
 * own glyph in the cmap: its cmap entry (a shared glyph), its name, or
 * its Thai private-use code.  Returns the number of code points. */
int glyphtext_of(FontInfo *fi, FT_Face face, unsigned g, uint32_t *out)
{
    if (g >= fi->n_glyphs)
        return 0;
    if (!fi->named_done[g]) {
        fi->named_done[g] = 1;
        uint32_t *t = fi->named[g];
        int k = 0;
        if (fi->rev[g] >= 0xFB00 && fi->rev[g] <= 0xFB06) {
            /* a Latin ligature: ﬁ is f + i */
            gunichar d[GLYPHTEXT_MAX];
            gsize n = g_unichar_fully_decompose(fi->rev[g], TRUE, d, GLYPHTEXT_MAX);
            for (gsize i = 0; i < n && i < GLYPHTEXT_MAX; i++)
                t[k++] = d[i];
        } else if (fi->rev[g] && !is_pua(fi->rev[g])) {
            t[k++] = fi->rev[g];
        } else {
            char name[64];
            if (FT_HAS_GLYPH_NAMES(face) && FT_Get_Glyph_Name(face, g, name, sizeof name) == 0)
                k = text_from_name(name, t);
            if (k == 0 && fi->rev[g])
                t[k++] = fi->rev[g];
            for (int i = 0; i < k; i++)
                if (is_pua(t[i]))
                    t[i] = thai_pua_base(t[i]); /* 0 (unknown) ends the text */
        }
        for (int i = 0; i < GLYPHTEXT_MAX; i++)
            if (i >= k)
                t[i] = 0;
    }
    int k = 0;
    while (k < GLYPHTEXT_MAX && fi->named[g][k]) {
        out[k] = fi->named[g][k];
        k++;
    }
    return k;
}

/* Whether glyphs a and b have the same outline moved by (*dx, 0) font
 * units from a to b. */
static int same_outline_moved(FT_Face face, unsigned a, unsigned b, long *dx)
{
    if (FT_Load_Glyph(face, a, FT_LOAD_NO_SCALE) ||
        face->glyph->format != FT_GLYPH_FORMAT_OUTLINE)
        return 0;
    FT_Outline *o = &face->glyph->outline;
    int n = o->n_points, nc = o->n_contours;
    if (n <= 0 || n > 512 || nc > 64)
        return 0;
    FT_Vector pts[512];
    char tags[512];
    short ends[64];
    memcpy(pts, o->points, (size_t)n * sizeof *pts);
    memcpy(tags, o->tags, (size_t)n);
    memcpy(ends, o->contours, (size_t)nc * sizeof *ends);
    if (FT_Load_Glyph(face, b, FT_LOAD_NO_SCALE) ||
        face->glyph->format != FT_GLYPH_FORMAT_OUTLINE)
        return 0;
    o = &face->glyph->outline;
    if (o->n_points != n || o->n_contours != nc ||
        memcmp(o->contours, ends, (size_t)nc * sizeof *ends) != 0)
        return 0;
    *dx = o->points[0].x - pts[0].x;
    for (int i = 0; i < n; i++)
        if (o->points[i].x - pts[i].x != *dx || o->points[i].y != pts[i].y ||
            (o->tags[i] & 3) != (tags[i] & 3))
            return 0;
    return 1;
}

/* A mark the font sets back over a tall letter (ฝ่, ฟื้) by 0.15 em or more
 * ends the word for MuPDF, which reads the gap from the mark's origin to
 * the next letter as a space.  The font's "left" variant of the mark
 * ("uni0E48.left", "uni0E48.low_left") is the same outline moved left:
 * painted that much further right it draws the same picture, with its
 * origin near the pen.  Returns that variant and moves *x, or glyph.
 * expand: how much wider the line's glyphs are drawn (justify_expansion).
 * The marks of one letter move together: once one of them is painted as
 * its variant, another is from 0.1 em (ฟื้ in the bold face: ้ set back
 * 0.15 em moved, ื at 0.12 em stayed, and poppler's reading order read the
 * gap between their origins as a space: "ฟื ้นฟู" in the progress report's
 * goal rows). */
unsigned glyphtext_set_back(FT_Face face, unsigned glyph, double *x, double set_back,
                            double expand, int stack_moved)
{
    /* the em across, as drawn: a line's glyphs expanded by justify.c are
     * drawn that much wider, their set-backs too */
    double em = face->size ? expand * face->size->metrics.x_scale / 65536.0 / 64.0 *
                                 face->units_per_EM : 0;
    if (!FT_HAS_GLYPH_NAMES(face) || em <= 0 || set_back < (stack_moved ? 0.1 : 0.148) * em)
        return glyph;
    char name[64];
    if (FT_Get_Glyph_Name(face, glyph, name, sizeof name - 8) || !name[0] || strstr(name, "left"))
        return glyph;
    strcat(name, strchr(name, '.') ? "_left" : ".left");
    unsigned v = FT_Get_Name_Index(face, name);
    long dx;
    if (!v || !same_outline_moved(face, glyph, v, &dx) || dx >= 0 ||
        -dx * em / face->units_per_EM > set_back + 0.1 * em)
        return glyph;
    *x -= dx * em / face->units_per_EM;
    return v;
}
