/* glossary.h - the abbreviations of a plan: what the glossary page (คำย่อ)
 * lists and what `check` asks to be declared.
 *
 * What counts as an abbreviation in the text (glossary_next()):
 *   - Thai: a run of Thai letters and full stops that stands apart (spaces,
 *     brackets, digits or punctuation around it), ends with a full stop and
 *     has at most 8 letters: สตช., ปปง., ป.ค.ม., ก.พ.ร.  Thai is written
 *     without spaces between words, so an abbreviation glued to the word
 *     before it comes with that word ("โดยสตช."): `check` takes a run that
 *     ends with a declared abbreviation as that one, and a longer run
 *     ("เพื่อการป้องกัน.") is not counted at all; official Thai writing
 *     sets a space before an abbreviation.
 *   - Latin: a run of two or more capital letters with no small letter,
 *     standing apart: IUU, PIPO, ILO.  Not Roman numerals (II, IV), and not
 *     the letters of a code (MP-01, NS1), which a hyphen or digit joins.
 * Abbreviations every reader knows (พ.ศ., ค.ศ., the months ม.ค. ... ธ.ค.,
 * น.) are never asked for (glossary_is_common()).
 *
 * Threads: no state; the plan is only read.
 */
#ifndef PHAEN_GLOSSARY_H
#define PHAEN_GLOSSARY_H

#include <stddef.h>

#include "plan.h"

typedef struct GlossEntry {
    const char *abbr;
    const char *meaning;
    int line;             /* where it is declared */
} GlossEntry;

/* The plan's abbreviations: every agency's (meaning: its name) and every
 * declared term, each abbreviation once (the first declaration wins), in
 * Thai dictionary order (glossary_collate()).  Returns a malloc'd array
 * (the caller frees it; strings are the plan's), NULL when there is none. */
GlossEntry *glossary_entries(const Plan *p, size_t *n);

/* Thai dictionary order, as strcmp: a leading vowel (เ แ โ ใ ไ) sorts
 * after the consonant it precedes, tone marks and full stops count only to
 * break ties, and Latin words come after Thai ones (case ignored). */
int glossary_collate(const char *a, const char *b);

/* The first abbreviation in text (see above): returns its start and sets
 * *len (bytes), or returns NULL when there is none.  Call again from
 * start + *len for the next. */
const char *glossary_next(const char *text, size_t *len);

/* Whether abbr (len bytes) is one every reader knows (พ.ศ., ม.ค.). */
int glossary_is_common(const char *abbr, size_t len);

/* Calls fn with every text of the plan that the documents print (titles,
 * paragraphs, goals, indicators, strategies, projects, approvals ...) and
 * the line it is written on; not the agencies' names nor the glossary's
 * meanings, which declare abbreviations rather than use them. */
void glossary_walk(const Plan *p, void (*fn)(void *ctx, const char *text, int line),
                   void *ctx);

#endif
