/* compose.h - what every composer shares: plan text into markup in the
 * template's numeral style, labels, the cover and front matter, metadata.
 *
 * A Composer is a short-lived view (doc being built, frozen plan, template);
 * the strings it returns live in the doc's arena.
 *
 * Threads: composers only read the plan and the template; each thread
 * builds its own Doc.
 */
#ifndef PHAEN_COMPOSE_H
#define PHAEN_COMPOSE_H

#include "doc.h"
#include "plan.h"
#include "template.h"

typedef struct Composer {
    Doc *doc;
    const Plan *plan;
    const Template *t;
    int chapter;          /* the current chapter number (master plan) */
} Composer;

/* Plain text escaped for markup, its digits in `style`. */
const char *cx_text(Composer *c, const char *plain, NumeralStyle style);

/* A template label, escaped. */
const char *cx_label(Composer *c, const char *key);

/* What the documents call an <align>'s kind ("ยุทธศาสตร์ชาติ", ...), escaped. */
const char *cx_align_kind(Composer *c, AlignKind k);

/* An integer in `style`. */
const char *cx_int(Composer *c, long long n, NumeralStyle style);

/* "1.2" numbering (issue.goal) in the heading numeral style. */
const char *cx_num2(Composer *c, size_t a, size_t b);

/* The label of a goal, an indicator or a strategy (kind KIND_GOAL,
 * KIND_INDICATOR, KIND_STRATEGY) as every document prints it, plain text:
 * by default its number from the plan's structure ("1.2" issue.goal,
 * "1.2.3" issue.goal.indicator, "1.4" issue.strategy), with the template's
 * `numbering = id` the id as written.  Structure, not ids: ids are free
 * (the schema only bounds their characters) and a number derived from them
 * could disagree with the order on the page.  The id stays the link target. */
const char *cx_no_plain(Composer *c, ObjKind kind, const void *obj);

/* The same as markup, in the heading numerals. */
const char *cx_no(Composer *c, ObjKind kind, const void *obj);

/* plain (escaped) kept on one line: codes, abbreviations, words a column
 * must be wide enough for (allow_breaks="false"). */
const char *cx_nobreak(Composer *c, const char *plain);

/* An agency's short name: its abbreviation (escaped, cx_nobreak). */
const char *cx_abbr(Composer *c, const Agency *a);

/* Abbreviations of a list of agency references, comma separated. */
const char *cx_abbrs(Composer *c, const PlanRefList *refs);

/* The plan's revision date in Thai ("๑๔ กันยายน ๒๕๖๑"). */
const char *cx_date(Composer *c);

/* "พ.ศ. ๒๕๖๑ – ๒๕๘๐" */
const char *cx_period(Composer *c, int from, int to);

/* The cover page (document name above the plan title, issuer, version and
 * status, date), then the table of contents, then the start of the body. */
void cx_front_matter(Composer *c, const char *doc_name, int with_toc);

/* The cover alone: the template's emblem (if any), the document name, the
 * plan's title, issuer, version and status, date. */
void cx_cover(Composer *c, const char *doc_name);

/* A new page with the table of contents, itself listed and bookmarked
 * among the other front-matter pages (the master plan's). */
void cx_contents(Composer *c);

/* The master plan's front matter (front.c), pages numbered ก ข ค ...: the
 * cover, the preface with its signature, the approval record, the
 * executive summary, the contents and the glossary of abbreviations, each
 * that the plan has data for; then the start of the body (page ๑). */
void cx_master_front(Composer *c);

/* The documents of a render, by the name each gives itself. */
typedef enum { NAME_MASTER_PLAN, NAME_ACTION_PLAN, NAME_SHEET, NAME_ALL_SHEETS } DocName;

/* The name a document of a render has on its cover and in its title: none
 * (NULL) for the master plan, whose title is the plan's; the action_plan
 * label; "<sheet label> <name> (<abbr>)" for agency a's sheet; the sheet
 * label for all sheets.  Made in ar when it is not a template label.  The
 * composers and verify (cmd_render.c: which documents a PDF can be) both
 * name documents with it. */
const char *cx_doc_name(Arena *ar, const Template *t, DocName k, const Agency *a);

/* The PDF title of the document named doc_name: "<doc_name>: <plan title>",
 * the plan's title alone for NULL.  Made in ar. */
const char *cx_title(Arena *ar, const Plan *p, const char *doc_name);

/* Fills the doc's PDF metadata: title, author (the issuer), subject,
 * keywords (provenance: plan version, status, date, source SHA-256,
 * template), creator (phaen and its version) and the creation date (the
 * plan's revision date); and, for a plan that is not approved, the draft
 * mark and the running header's status (doc.h). */
void cx_metadata(Composer *c, const char *doc_name);

/* Link attributes to the place `id` is defined: in this document
 * (file NULL) or in another document of the plan, named by its file name
 * relative to this one ("master-plan.pdf"). */
const char *cx_link(Composer *c, const char *file, const char *id);

/* "เพิ่มขึ้น", "ลดลง", "คงที่": an indicator's direction, escaped. */
const char *cx_direction(Composer *c, Direction d);

/* The cells every indicator table shares, from cells[0]: its label
 * (cx_no) and name (with its direction), unit, baseline (with its year), and one target per phase of
 * the plan (3 + plan->n_phases cells), in the table numeral style. */
void cx_indicator_cells(Composer *c, const Indicator *ind, DocCell *cells);

/* Paragraphs (justified, first line indented) and lists (items labelled
 * "(1)", "(2)", indented) of a section's prose. */
void cx_prose(Composer *c, const Block *blocks, size_t n);

/* A table of indicators: the template's column shares `share` (n_share of
 * them), the one at `at` split evenly among the plan's phases, which get one
 * width (`match`): n_share - 1 + n_phases columns, however many phases the
 * plan has (a fixed array of 16 once overflowed at 13 and the table was
 * dropped). */
DocTable *cx_phase_table(Composer *c, const double *share, size_t n_share, size_t at);

/* What a budget cell shows when no budget line stands behind it ("no
 * allocation", label budget_none), and for an allocation of exactly 0 baht
 * (label budget_zero, its digits in the table numeral style).  Every
 * document shows the two the same way. */
const char *cx_budget_none(Composer *c);
const char *cx_budget_zero(Composer *c);

/* The agencies above `a`, one a line from its parent up to its ministry,
 * each "name (abbreviation)" when with_abbr; "–" when it has none. */
const char *cx_chain(Composer *c, const Agency *a, int with_abbr);

/* A heading block with level, anchor and text (plain, numerals converted). */
DocBlock *cx_heading(Composer *c, int level, const char *anchor, const char *plain);

#endif
