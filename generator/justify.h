/* justify.h - Thai justification of one laid-out line.
 *
 * Thai has few spaces, so widening spaces only (pango's justification) leaves
 * gaps.  A justified Thai line spreads its slack over the word boundaries
 * that libthai finds (spaces included); on a line with too few of them, it
 * spreads it between grapheme clusters instead.  Never inside one: a base
 * letter and its marks stay together, where the font put them.
 *
 * Threads: works on pango lines of one FontSet: one thread at a time per
 * FontSet (fonts.h).
 */
#ifndef PHAEN_JUSTIFY_H
#define PHAEN_JUSTIFY_H

#include <pango/pango.h>

#include "template.h"

/* A gap inside running Thai text wider than this (in em) reads as a space
 * to text extraction: justification never opens one wider. */
#define JUSTIFY_MAX_INNER_GAP_EM 0.09
/* By default a space widens by at most this (in em) before the slack goes
 * between grapheme clusters (the template's justify.space_stretch). */
#define JUSTIFY_SPACE_STRETCH_EM 0.15
/* By default a boundary between two Thai words (no space) widens by at
 * most this (in em) before the letters open (justify.word_stretch), and two
 * letters move apart by at most this (justify.letter_max): the old even
 * spread, up to the inner gap's cap. */
#define JUSTIFY_WORD_STRETCH_EM 0.0
#define JUSTIFY_LETTER_MAX_EM JUSTIFY_MAX_INNER_GAP_EM

/* Widens glyph advances in `line` so its visible width becomes `width`
 * points (trailing spaces set to zero width).  Returns the number of
 * places the slack was spread over (0: the line was left as it was, e.g.
 * when it is already full or would have to stretch absurdly). */
int justify_line(PangoLayoutLine *line, double width);

/* justify_line with the spaces' limit: the slack goes to the spaces, each
 * up to space_stretch em (<= 0: the default), then evenly between grapheme
 * clusters up to the cap, and what is still left to the spaces.  When
 * gap is not NULL, it is set to what was added between clusters (pt). */
int justify_line_with(PangoLayoutLine *line, double width, double space_stretch, double *gap);

/* justify_line_with the template's limits (justify.space_stretch,
 * justify.word_stretch, justify.letter_max): the slack goes to the spaces
 * up to theirs, then to the boundaries between Thai words up to theirs,
 * then evenly between grapheme clusters up to the letters' limit, and
 * what is still left to the spaces.  With justify.expand, the glyphs
 * themselves widen by up to that fraction after the spaces and before any
 * gap between letters (pdfTeX's font expansion), and narrow with the rest
 * when the line is too long.  *gap (when not NULL) is set to what was
 * added between any two clusters. */
int justify_line_as(PangoLayoutLine *line, double width, const Template *t, double *gap);

/* How far a line's glyphs widen (or narrow) to take `want` (a fraction of
 * the line's width): at most max, in steps of step (0: any), rounded up
 * (narrowing: the rest narrows less) or down (widening: the gaps take the
 * rest).  0 when want <= 0 or max <= 0.  Shared with linebreak.c, which
 * prices the lines as justify.c sets them. */
double justify_expand_amount(double want, double max, double step, int up);

/* The factor justify_line_as scaled line's glyphs by horizontally (1: not
 * at all): textlayer.c paints them with a font that much wider, so the
 * outlines fill the advances they were given. */
double justify_expansion(PangoLayoutLine *line);

/* Whether c continues the grapheme before it rather than starting one: a
 * combining mark, SARA AM (its nikhahit sits on the letter before), ZWJ/ZWNJ.
 * Justification never opens before such a character. */
int justify_extends_grapheme(gunichar c);

/* The character of every byte of text (n_bytes of UTF-8) into
 * char_at[0..n_bytes] and the first byte of every character into
 * byte_at[0..n_chars], each ending with the other's count; the caller
 * sizes both for n_bytes + 1.  Returns n_chars. */
int justify_char_index(const char *text, int n_bytes, int *char_at, int *byte_at);

/* Whether line ends its paragraph: the layout's last line, or one a forced
 * break ends (a newline in the text).  Such a line is set as it is. */
int justify_ends_paragraph(PangoLayoutLine *line);

/* The visible width of a line in points (without trailing spaces). */
double justify_visible_width(PangoLayoutLine *line);

#endif
