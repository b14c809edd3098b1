/* glyphtext.h - what each glyph of a font stands for (glyphtext.c).
 *
 * The text layer (textlayer.h) hands cairo every glyph with the text it
 * draws; this module knows a font's glyphs from its file, read with a
 * FreeType face of our own: the character whose own glyph it is (the cmap,
 * and its reverse), or what the glyph says it is (its name "uni0E49.low",
 * a ligature's letters, the Thai private-use variants U+F700..U+F71A);
 * whether the font's ำ is the same drawing as nikhahit + sara aa; and the
 * "left" variant of a mark the shaper sets back over a tall letter.
 * What is known of a font is computed once and kept on its PangoFont (a
 * FontInfo, freed with the font).
 *
 * Threads: a FontInfo belongs to one PangoFont, and so to one thread's
 * font map (fonts.h): no lock; a font is used by one thread at a time.
 */
#ifndef PHAEN_GLYPHTEXT_H
#define PHAEN_GLYPHTEXT_H

#include <cairo.h>
#include <pango/pango.h>
#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#define GLYPHTEXT_MAX 8      /* code points one glyph may stand for */
#define SARA_AM 0x0E33
#define NIKHAHIT 0x0E4D
#define SARA_AA 0x0E32
#define GLYPHTEXT_CMAP 0x0E80 /* Latin and Thai: the cmap lookups of every glyph */

/* What we know of one font's glyphs, kept on its PangoFont (fonts belong
 * to one thread's font map, so no lock is needed).  The font file is read
 * through a FreeType face of its own: the face cairo lends
 * (cairo_ft_scaled_font_lock_face) is one per font file for the whole
 * process, its lock is let go before it is handed over, and other threads
 * load glyphs into it and set its size meanwhile (a mark's set-back was
 * once measured at another thread's size: -j1 and -j2 output differed). */
typedef struct FontInfo {
    FT_Library lib;
    FT_Face face;         /* ours; sized like the cairo font */
    unsigned n_glyphs;
    uint32_t *rev;        /* glyph -> code point of the cmap, non-PUA first; 0: none */
    unsigned char *n_rev; /* glyph -> how many code points map to it (up to 2) */
    uint32_t (*named)[GLYPHTEXT_MAX]; /* glyph -> text from its name, computed once */
    unsigned char *named_done;
    unsigned am, nikhahit, aa; /* glyphs of ำ, ํ, า (0: none) */
    uint32_t cmap[GLYPHTEXT_CMAP]; /* code point -> its glyph + 1, once looked up */
    int am_same;          /* ำ's glyph is ํ + า drawn at one origin */
} FontInfo;

/* What is known of font, which cairo paints with sf; NULL when the font
 * file cannot be read with FreeType (the caller paints as pango does).
 * Owned by the font. */
FontInfo *glyphtext_font(PangoFont *font, cairo_scaled_font_t *sf);

/* FT_Get_Char_Index, remembered for the code points most text is made of:
 * painting asks it several times for every glyph. */
static inline unsigned glyphtext_char(FontInfo *fi, FT_Face face, uint32_t c)
{
    if (c >= GLYPHTEXT_CMAP)
        return FT_Get_Char_Index(face, c);
    if (!fi->cmap[c])
        fi->cmap[c] = FT_Get_Char_Index(face, c) + 1;
    return fi->cmap[c] - 1;
}

/* Decides, once per font, whether ำ may be painted with the font's own
 * glyph (fi->am_same 1; -1: not). */
void glyphtext_check_sara_am(FontInfo *fi, cairo_scaled_font_t *sf);

/* What glyph g stands for by itself, for a glyph that is no character's
 * own glyph in the cmap, into out (GLYPHTEXT_MAX code points).  Returns
 * the number of code points (0: nothing known). */
int glyphtext_of(FontInfo *fi, FT_Face face, unsigned g, uint32_t *out);

/* For a mark the shaper set back by `set_back` points over a tall letter:
 * the font's "left" variant of the mark, with *x moved to paint it at the
 * same place; or glyph itself.  expand: how much wider the line's glyphs
 * are drawn (justify_expansion; 1 for none).  stack_moved: another mark of
 * the same letter is painted as its variant (the marks then move
 * together). */
unsigned glyphtext_set_back(FT_Face face, unsigned glyph, double *x, double set_back,
                            double expand, int stack_moved);

#endif
