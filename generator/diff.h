/* diff.h - what changed between two versions of a plan (`phaen diff`).
 *
 * Three files: diff.c computes the changes, diffprint.c prints them as
 * text, diffdoc.c composes them as a document.
 *
 * plan_diff() matches the objects of two resolved plans by id, kind by kind,
 * and lists every change: an object added or removed, or one field of it
 * changed (or, for optional and per-year fields, added or removed).  Values
 * are kept exactly as the XML holds them ("12500000", "approved", "≥ 80",
 * agency ids separated by spaces); how they are shown is up to the printer
 * (plan_diff_print: plain text) or the composer (compose_diff: a PDF).
 *
 * Order, deterministic: by section (the plan header with its approvals,
 * glossary terms and alignment with higher plans, the front-matter sections (preface and executive
 * summary: title, paragraphs, signature), sub-plan targets, factors,
 * phases, issues, goals, indicators, strategies, programs, projects,
 * agencies); inside a section,
 * the new plan's document order, an object removed at the place it had in
 * the old plan (before the first object that followed it there and still
 * exists), and an object's field changes in a fixed field order.
 *
 * Threads: reads the two plans only; safe from several threads.
 */
#ifndef PHAEN_DIFF_H
#define PHAEN_DIFF_H

#include <stdio.h>

#include "doc.h"
#include "plan.h"
#include "template.h"

typedef enum { CHANGE_ADDED, CHANGE_REMOVED, CHANGE_CHANGED } ChangeKind;

/* Which field changed.  DF_OBJECT: the object itself was added or removed,
 * and the value is its name (title, text). */
typedef enum {
    DF_OBJECT,
    DF_TITLE,          /* plan title, issue/strategy/program/project title, names */
    DF_VERSION,        /* header */
    DF_STATUS,         /* header: draft, approved, revised */
    DF_DATE,           /* header: ISO date */
    DF_PERIOD,         /* header and phases: "2561-2580" */
    DF_TEXT,           /* goal text */
    DF_ISSUE,          /* the issue a goal, indicator, strategy or program is in */
    DF_GOAL,           /* the goal an indicator belongs to */
    DF_UNIT,
    DF_DIRECTION,      /* increase, decrease, maintain */
    DF_BASELINE,
    DF_BASELINE_YEAR,
    DF_TARGET,         /* per phase: Change.param is the phase name */
    DF_SOURCE,         /* an indicator's data source */
    DF_ANSWERABLE,     /* agency ids */
    DF_GOALS,          /* a strategy's goal ids */
    DF_MEASURE,        /* Change.number is the measure's 1-based number */
    DF_PROGRAM,        /* the program a project is in */
    DF_OBJECTIVE,
    DF_STRATEGY,
    DF_INDICATORS,     /* a project's indicator ids */
    DF_LEAD,           /* agency id */
    DF_SUPPORT,        /* agency ids */
    DF_BUDGET_SOURCE,
    DF_BUDGET,         /* per fiscal year (Change.number): whole baht as written */
    DF_BUDGET_STATUS,  /* per fiscal year: requested, approved, allocated */
    DF_ABBR,
    DF_NAME_EN,
    DF_PARENT,         /* agency id */
    DF_SERVES,         /* format 2: the sub-plan target codes a goal or project serves */
    DF_FACTORS,        /* format 2: the factor codes it names */
    /* format 2's front matter and alignment (appended: the values above
     * keep their numbers) */
    DF_TARGET_YEAR,    /* an indicator's target for fiscal year Change.number */
    DF_APPROVAL,       /* header: an approval, by the body (Change.param) that
                        * gave it; the value "DATE NUMBER" (ISO date, then
                        * the meeting or resolution number when any) */
    DF_APPROVAL_NUMBER, /* its meeting or resolution number (param: the body) */
    DF_APPROVAL_DATE,  /* its ISO date (param: the body) */
    DF_APPROVAL_TEXT,  /* what it resolved (param: the body) */
    DF_TERM,           /* header: a glossary term, by its abbreviation
                        * (param); the value its meaning */
    DF_PARAGRAPH,      /* a front-matter section's paragraph or list
                        * (Change.number, 1-based; a list's items one a line) */
    DF_SIGN_NAME,      /* a preface's signature: the signatory's name */
    DF_SIGN_POSITION,
    DF_SIGN_ORG,
    DF_SIGN_DATE,      /* ISO date */
    DF_SUB_PLAN,       /* the sub-plan (its <align> code) a sub-plan target is in */
    DF_SUB_TARGET,     /* the sub-plan target (code) a factor belongs to */
    DF_ALIGN,          /* header: a higher plan the plan aligns with, by its
                        * code (param); the value its title */
    DF_ALIGN_KIND,     /* its kind as the XML says it (param: the code) */
    DF_ALIGN_CONTRIBUTION, /* what the plan contributes to it (param: the code) */
} DiffField;

typedef struct Change {
    ChangeKind kind;
    ObjKind obj;          /* KIND_NONE: the plan header */
    const char *id;       /* NULL for the plan header */
    DiffField field;
    const char *param;    /* DF_TARGET: the phase's name; DF_APPROVAL*: the
                           * approving body; DF_TERM: the abbreviation;
                           * DF_ALIGN*: the higher plan's code; otherwise NULL */
    int number;           /* DF_BUDGET*, DF_TARGET_YEAR: the fiscal year;
                           * DF_MEASURE, DF_PARAGRAPH: its number */
    const char *old_value; /* NULL for an addition */
    const char *new_value; /* NULL for a removal */
} Change;

typedef struct PlanDiff {
    Arena *arena;         /* owns the changes and their strings */
    Change *changes;
    size_t n;
    size_t n_added, n_removed, n_changed;
    /* the two versions, for the summary line (copied) */
    const char *old_file, *old_version, *old_status, *old_date;
    const char *new_file, *new_version, *new_status, *new_date;
} PlanDiff;

/* The changes from `old` to `new`, both loaded and resolved (plan->ids is
 * used; duplicate ids: the first definition counts).  The result owns copies
 * of every string and does not point into either plan.  NULL when out of
 * memory.  Free with plan_diff_free(). */
PlanDiff *plan_diff(const Plan *old, const Plan *new);

void plan_diff_free(PlanDiff *d);

/* The words the XML uses for a plan's status, a budget line's status and an
 * indicator's direction, by enum value: the values the changes hold. */
extern const char *const diff_plan_status[3];   /* PlanStatus */
extern const char *const diff_budget_status[3]; /* BudgetStatus */
extern const char *const diff_direction[3];     /* Direction */

/* "plan", "phase", "issue", "goal", ...: the object kind's name in the
 * text output (one word, for grep). */
const char *diff_kind_name(ObjKind kind);

/* The field's name in Thai from the template's labels, e.g.
 * "ค่าเป้าหมาย ระยะ 10 ปี", "งบประมาณ ปีงบประมาณ พ.ศ. 2564", "หน่วยงานหลัก",
 * with Arabic digits; "" for DF_OBJECT.  Written into buf, returned. */
char *diff_field_name(const Change *c, const Template *t, char *buf, size_t size);

/* The text report, one change a line:
 *   phaen diff: OLD (version 1.0, approved, 2018-09-14) -> NEW (version 2.0, ...)
 *   1 added, 1 removed, 20 changed        (or: no changes)
 *   changed project PJ-1.02 งบประมาณ ปีงบประมาณ พ.ศ. 2565: 31000000 -> 29000000
 *   added project PJ-1.13 "โครงการ..."
 *   removed project PJ-1.09 "โครงการ..."
 * A field added or removed reads `added KIND ID FIELD: NEW` or
 * `removed KIND ID FIELD: OLD`; an absent value reads "(none)".  OLD
 * and NEW in the first line are the plans' file names (Plan.file). */
void plan_diff_print(const PlanDiff *d, const Template *t, FILE *out);

/* A short PDF summary of the changes in the house style: a title block (the
 * plan, both versions, the counts), then one table of changes grouped by
 * object kind (id, item, old value, new value), numbers in the template's
 * table numerals, budget amounts in baht with thousands separators, agency
 * ids as abbreviations.  NULL when out of memory; the caller frees it. */
Doc *compose_diff(const PlanDiff *d, const Plan *old, const Plan *new, const Template *t);

struct Composer;
/* What compose_diff() writes under its title, appended to c's document:
 * both versions, the counts, the table of changes.  The master plan of a
 * plan that names the version it revises ends with it (master.c). */
void diff_compose_body(struct Composer *c, const PlanDiff *d, const Plan *old,
                       const Plan *new);

#endif
