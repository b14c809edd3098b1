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

#endif
