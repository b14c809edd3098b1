/* breaks.h - where a Thai line must not break, beyond the dictionary.
 *
 * libthai finds the word boundaries; these rules, from the template, take
 * some of them away (as pango allow_breaks=false attributes):
 *  - a `keepwhole` word is never split (compounds libthai would split at a
 *    line end: การค้า|มนุษย์);
 *  - a `nobreak` word stays with the word after it (พ.ศ. ๒๕๖๑, ฉบับที่ ๒);
 *  - a number stays with the short word after it, its unit (๑๘๐ วัน);
 *  - ๆ and ฯ stay with the word before them.
 * Closing marks never start a line and opening marks never end one: pango's
 * line-breaking classes already see to that.
 *
 * Threads: pure functions of their arguments; safe from several threads.
 */
#ifndef PHAEN_BREAKS_H
#define PHAEN_BREAKS_H

#include <pango/pango.h>

#include "template.h"

/* Adds the no-break attributes for `text` (the plain text of a layout) to
 * attrs.  Cheap when the text holds nothing the rules concern. */
void breaks_apply(const char *text, PangoAttrList *attrs, const Template *t);

/* Keeps each of words[0..n) whole wherever it occurs in text: for the
 * template's `preferwhole` words in text broken first fit, where nothing
 * weighs a break inside one against the others (linebreak.c does). */
void breaks_keep_words(const char *text, PangoAttrList *attrs, const char *const *words,
                       size_t n);

/* A template word may mark with '|' where it may break after all
 * (preferwhole = การ|ค้ามนุษย์: the compound การค้า|มนุษย์ stays whole, the
 * prefix การ may end a justified line; breaks_keep_words, for ragged text,
 * keeps the whole word).  Writes the word without its marks to out
 * (room for cap bytes, NUL included) and the byte offsets of the marks in
 * it to marks (room for max_marks); returns its length, or 0 when it does
 * not fit.  *n_marks is set to the count. */
size_t breaks_unmark(const char *word, char *out, size_t cap, size_t *marks, size_t max_marks,
                     size_t *n_marks);

/* The Thai letters a text holds (U+0E00..U+0E7F, one bit each): a word with
 * a Thai letter the text lacks cannot occur in it, and most table cells
 * lack most of the template's words, so this spares a search per word. */
typedef struct BreaksLetters {
    guint64 bits[2];
} BreaksLetters;

void breaks_letters(const char *text, BreaksLetters *out);

/* Whether word may occur in a text with letters l (0: it cannot: one of
 * its first Thai letters is missing). */
int breaks_may_hold(const BreaksLetters *l, const char *word);

#endif
