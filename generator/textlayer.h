/* textlayer.h - painting laid-out lines so that every PDF reader gets the text.
 *
 * cairo 1.16 builds one ToUnicode entry per glyph from the first cluster it
 * meets the glyph in; a glyph first met in a cluster of several glyphs gets
 * the font's reverse cmap, which is wrong for Thai mark variants (see
 * generator/TEXT-LAYER.md).  This module paints a line glyph by glyph,
 * handing cairo one cluster per glyph carrying that glyph's own text, in
 * logical order, so the per-glyph map is right from the first use and
 * readers that ignore ActualText (MuPDF, pdf.js) read the text whole.
 * SARA AM, which the shaper draws as nikhahit + sara aa, is painted with
 * the font's own ำ glyph when that glyph is the same drawing.  What each
 * glyph of a font stands for is glyphtext.h's.
 *
 * What it keeps between lines (the glyphs cairo already maps, its buffers,
 * an open group) lives on the surface painted on, freed with it.
 *
 * Threads: paints on the caller's cairo context with the line's fonts: one
 * thread at a time per FontSet and per surface.
 */
#ifndef PHAEN_TEXTLAYER_H
#define PHAEN_TEXTLAYER_H

#include <cairo.h>
#include <pango/pango.h>

/* Paints line with the left end of its baseline at cr's current point, as
 * pango_cairo_show_layout_line does (same glyphs, same places). */
void textlayer_show_line(cairo_t *cr, PangoLayoutLine *line);

/* Lines painted on cr between these two calls (a table cell's) go to
 * cairo as one ActualText span where they can: poppler's reading order then
 * reads the block whole at its first line instead of interleaving its lines
 * with a neighbouring cell's; MuPDF and pdf.js read the glyphs' own map as
 * before.  A run with a glyph met for the first time, or another font, ends
 * the span.  Nothing may be painted on cr in between but these lines; one
 * group is open at a time on a surface (a second begin does nothing). */
void textlayer_group_begin(cairo_t *cr);
void textlayer_group_end(cairo_t *cr);
/* Adds text after the glyphs of the span pending on cr, if there is one. */
void textlayer_group_tail(cairo_t *cr, const char *text);

/* What textlayer_show_line hands cairo, for tests: fn is called once per
 * glyph painted, in painting order, with the font, the glyph id, the text
 * the glyph stands for (NUL-terminated) and whether the glyph had to be
 * left to cairo's own mapping inside a cluster of several glyphs (which
 * gives it ActualText and the font's reverse cmap).  Returns the number
 * of such glyphs. */
typedef void (*TextlayerFn)(void *ctx, PangoFont *font, unsigned glyph, const char *text,
                            int fallback);
int textlayer_map_line(PangoLayoutLine *line, TextlayerFn fn, void *ctx);

#endif
