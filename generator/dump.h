/* dump.h - documents as text, for tests and for reading a change as a diff.
 *
 * Two stable dumps, in the spirit of cmark's xml.c renderer and of pango's
 * tests/test-layout.c:
 *   - blocks: the composed Doc as the layout receives it, one block a line,
 *     table rows and cells indented below their table;
 *   - pages: what the layout placed, page by page: every line of text with
 *     the left end of its baseline, every table cell's box, every heading,
 *     positions in points rounded to 0.1.
 * Same Doc, template and fonts => same bytes.  tests/golden/ holds the
 * expected dumps of the samples and of small plans (`make golden` writes
 * them again).
 *
 * Functions here may be called from several threads at once, each with its
 * own FontSet (fonts.h).
 */
#ifndef PHAEN_DUMP_H
#define PHAEN_DUMP_H

#include <stdio.h>

#include "diag.h"
#include "doc.h"
#include "fonts.h"
#include "plan.h"
#include "results.h"
#include "template.h"

/* The documents of a plan (the bits of `docs`; cmd.h's DOC_* are the same
 * bits).  DUMP_ALL is what `render` writes; the forms are apart. */
enum { DUMP_MASTER = 1, DUMP_ACTION = 2, DUMP_SHEETS = 4, DUMP_ALL = 7, DUMP_FORMS = 8 };

/* Writes the blocks of doc to out. */
void dump_blocks(const Doc *doc, FILE *out);

/* Lays doc out and writes its pages to out.  Returns 0, or -1 after
 * reporting to d. */
int dump_pages(const Doc *doc, const Template *t, FontSet *fs, FILE *out, Diag *d);

/* Composes the documents `docs` of a resolved, checked plan in the order
 * `render` writes them (master plan, action plan, one sheet per agency in
 * the plan's order; not all-sheets.pdf, which repeats the sheets) and dumps
 * each after a line "# <file name>": its pages when pages is nonzero (fs
 * needed), else its blocks (fs may be NULL).  Returns 0, or -1 after
 * reporting to d. */
int dump_plan(const Plan *p, const Template *t, FontSet *fs, unsigned docs, int pages,
              FILE *out, Diag *d);

/* The reporting forms of fiscal year `year` (forms.h), as `phaen forms`
 * writes them: one for each agency that has one, in the plan's order, each
 * after a line "# forms/<agency-id>.pdf", dumped as dump_plan does. */
int dump_forms(const Plan *p, const Template *t, FontSet *fs, int year, int pages, FILE *out,
               Diag *d);

/* The progress report of rs (checked against p: results_check), as `phaen
 * report` writes it, after a line "# progress-report.pdf". */
int dump_report(const Plan *p, const Template *t, FontSet *fs, const ResultSet *rs, int pages,
                FILE *out, Diag *d);

#endif
