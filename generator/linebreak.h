/* linebreak.h - the breaks of a whole paragraph chosen together (total fit).
 *
 * Breaking one line at a time (first fit) leaves whatever is left on the
 * line to be spread, and a long unbreakable unit pushed to the next line
 * leaves a loose line behind it.  Here, as in TeX (Knuth and Plass, 1981),
 * every way of breaking the paragraph at its break opportunities (libthai's
 * word boundaries less those the template's rules take away: breaks.c) is
 * weighed and the one with the least total demerits wins.  A line's badness
 * follows how phaen justifies it (justify.c): the slack goes first to the
 * spaces, up to a limit, then a little to the boundaries between Thai
 * words, then evenly between grapheme clusters, where every
 * fraction of a point shows (letter-spacing) and a gap wider than the cap
 * reads as a space.  Demerits are added for breaking inside a word the
 * template prefers whole, for a last line shorter than the template's
 * minimum, and for two letter-spaced lines in a row.
 *
 * Between the spaces and the letters, the line's glyphs may widen by a few
 * per cent (justify.expand, as pdfTeX's font expansion), and narrow as much
 * when the line is too long; cheaper than letter-spacing, dearer than
 * spaces.
 *
 * A line may also shrink, as TeX's glue does: its spaces and word
 * boundaries, and a hair its letters, narrow by up to the template's limits
 * (justify.space_shrink, justify.word_shrink, justify.letter_shrink), so a
 * line a point or two too long for its measure
 * is a choice too.  A paragraph with forced line breaks (a goal's text and
 * its alignment note below it) is searched piece by piece, each piece
 * ending in a last line.
 *
 * The search (lb_break) works on plain arrays, so it can be checked against
 * brute force; lb_fit_layout applies it to a pango layout.
 *
 * Threads: no shared state; lb_break is safe from several threads,
 * lb_fit_layout works on a pango layout of one FontSet: one thread at a time
 * per FontSet (fonts.h).
 */
#ifndef PHAEN_LINEBREAK_H
#define PHAEN_LINEBREAK_H

#include <pango/pango.h>

#include "template.h"

/* A paragraph of n characters, for the search.  Arrays have n + 1 entries,
 * indexed by character: a break "at i" starts the next line with char i. */
typedef struct LbPara {
    int n;
    const double *x;       /* pen position before char i (natural widths) */
    const int *vis_end;    /* a line ending at i shows chars [.., vis_end[i]) */
    const int *spaces;     /* prefix count: stretchable spaces before i */
    const int *gaps;       /* prefix count: grapheme gaps (not at spaces) before i */
    const int *penalty;    /* break at i: < 0 not allowed, else its demerits */
    const int *words;      /* prefix count: those gaps at a boundary between
                            * words (NULL: none) */
} LbPara;

typedef struct LbParams {
    double first_width;    /* the first line's measure */
    double width;          /* the other lines' measure */
    double space_max;      /* the most added to one space (pt) */
    double word_max;       /* the most added at a word boundary before
                            * letters open (pt) */
    double gap_cap;        /* the most added between two clusters: the
                            * letters' limit (pt) */
    double inner_cap;      /* ...and at a word boundary, all told (0: gap_cap) */
    double gap_loose;      /* more than this between clusters is letter-spaced (pt) */
    double last_min;       /* a last line shorter than this is penalised (pt) */
    int allow_holes;       /* lines with no space a fifth short are allowed */
    double space_shrink;   /* the most taken from one space (pt; 0: none) */
    double word_shrink;    /* ...and from a boundary between words */
    double letter_shrink;  /* ...and from two letters of a word */
    double expand;         /* the most the glyphs widen or narrow (a fraction
                            * of the line's width; 0: never) */
    double expand_step;    /* ...in steps of this (0: any amount) */
    double gap_worst;      /* more than this between letters on average (pt;
                            * 0: no limit) is worse than breaking a word
                            * preferred whole */
} LbParams;

/* Demerits added for... (a line's own demerits are (10 + badness)^2, its
 * badness 100 when its spaces are at their limit, its letters 0.2 pt apart
 * on average (word boundaries counted) or its spaces and word boundaries
 * shrunk to their limits, growing with the cube: 0.4 pt is 800, 0.75 pt
 * 5,300).  A line is letter-spaced when more than gap_loose is added
 * between its letters on average, at word boundaries as inside words:
 * what a reader sees, and what tests/bench/linequality.py counts. */
#define LB_PREFER_WHOLE 1000000000 /* ...breaking inside a word preferred whole */
#define LB_THAI_BREAK 2000       /* ...breaking between Thai words, not at a space */
#define LB_LAST_SHORT 200000000  /* ...a last line shorter than last_min */
#define LB_KEPT_BREAK 1500000000 /* ...breaking at the space inside a kept
                                  * unit (พ.ศ. ๒๕๖๐, ๑๘๐ วัน): dearer than a
                                  * word preferred whole, cheaper than a line
                                  * letter-spaced past gap_worst */
#define LB_LOOSE_PAIR 1000000    /* ...a letter-spaced line after another */
#define LB_LOOSE_LINE 100000000    /* ...a letter-spaced line */
#define LB_WORST_LINE 2000000000   /* ...a line letter-spaced past gap_worst
                                    * (three times for one left short) */
/* A line whose glyphs widen or narrow by the whole of q->expand adds this
 * much badness (with the cube of the share): half of spaces at their limit,
 * far less than letters opened 0.2 pt. */
#define LB_EXPAND_BAD 50.0

/* The demerits of the line [a, b) (b == n: the last line); *loose set to
 * whether it is letter-spaced.  Returns -1 when the line does not fit its
 * measure, shrunk as far as it may (a last line too: layout.c then justifies
 * it to the measure), -2 when
 * it would leave a hole (no space and a fifth short, or spaces opened by
 * three times their limit), unless q->allow_holes. */
double lb_line_demerits(const LbPara *p, const LbParams *q, int a, int b, int *loose);

/* The total demerits of breaking p at breaks[0..nb) (ascending, each in
 * (0, n)): what lb_break minimises.  Negative when a line does not fit. */
double lb_total(const LbPara *p, const LbParams *q, const int *breaks, int nb);

/* Chooses the breaks of p.  Writes them to breaks (room for n entries;
 * ascending, without 0 and n) and returns their count, or -1 when no way
 * of breaking fits every line in its measure. */
int lb_break(const LbPara *p, const LbParams *q, int *breaks, double *demerits);

/* Re-breaks layout (laid out first fit with attrs, justified in a box of
 * `width` points with pango indent `indent`) with the total-fit breaks.
 * The breaks are forced with allow-breaks attributes: the text is not
 * changed; when a chosen line is to shrink, the layout's width grows by
 * what it must lose (justify.c takes it back).  Returns 1 when the layout
 * changed, 0 when first fit was already best (or nothing better fits). */
int lb_fit_layout(PangoLayout *layout, PangoAttrList *attrs, double width, double indent,
                  double size, const Template *t);

#endif
