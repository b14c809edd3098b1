/* results.h - what agencies report on a plan, as data (results-1.xsd).
 *
 * A results file holds one fiscal year: who reported (<reporter>), what
 * each indicator measured and what each project spent and achieved.
 * results_load() reads several files (one per agency, several years) with
 * the same safe parse and schema messages as a plan (loadxml.h);
 * results_check() then holds them against the resolved plan and links each
 * entry to the plan's object, reporting `file:line: error: ...`.
 *
 * A ResultSet owns everything in its arena; free it with results_free().
 * Threads: built by one thread; once checked, read by any number.
 */
#ifndef PHAEN_RESULTS_H
#define PHAEN_RESULTS_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "load.h"
#include "plan.h"

/* A project's state as its lead agency reports it. */
typedef enum {
    PJS_NOT_STARTED,
    PJS_ON_TRACK,
    PJS_DELAYED,
    PJS_DONE,
    PJS_CANCELLED,
} ProjectState;

typedef struct ResReporter {
    const char *agency;
    int line;
    const char *date;         /* ISO, the day the report was sent */
    const char *contact;      /* optional */
    const Agency *to;         /* results_check(); NULL when unknown */
} ResReporter;

typedef struct ResIndicator {
    const char *ref, *agency;
    int line;
    const char *date;         /* ISO, the day it was measured */
    const char *actual;       /* <actual> as written, or NULL */
    double value;             /* its number (when actual) */
    const char *actual_text;  /* <actual-text>, or NULL */
    const char *source, *note; /* optional */
    const Indicator *ind;     /* results_check(); NULL when not an indicator */
    const Agency *by;         /* results_check(); NULL when unknown */
} ResIndicator;

typedef struct ResProject {
    const char *ref, *agency;
    int line;
    ProjectState status;
    int has_spent;
    double spent;             /* baht */
    int has_progress;
    double progress;          /* per cent */
    const char *problems;     /* optional */
    const Project *pj;        /* results_check(); NULL when not a project */
    const Agency *by;
} ResProject;

typedef struct Results {
    const char *file;
    int line;                 /* of <results> */
    int fiscal_year;          /* BE */
    const char *plan_sha256;  /* hex, as written */
    unsigned char sha256[32]; /* of the file's own bytes */
    ResReporter *reporters;
    size_t n_reporters;
    ResIndicator *indicators;
    size_t n_indicators;
    ResProject *projects;
    size_t n_projects;
} Results;

typedef struct ResultSet {
    Arena *arena;
    Results *files;           /* in the order given */
    size_t n;
} ResultSet;

/* Reads the n results files at paths.  Returns the set, or NULL after
 * reporting when any file cannot be read or does not match the schema
 * (every file is read, so all such problems show in one run). */
ResultSet *results_load(const char *const *paths, size_t n, const LoadOptions *opt, Diag *d);

/* Holds the results against the resolved, checked plan: refs that are
 * unknown (with "did you mean") or of the wrong kind; agencies not in the
 * plan, not the project's lead (a supporter does not report it: the lead
 * does, once, for all), not answerable for the
 * indicator, or with no <reporter> in the file; text where a quantitative
 * indicator needs a number; the same year, ref and agency reported twice
 * (across all the files); a fiscal year outside the plan's period; and (a
 * warning) a plan-sha256 that is not the plan file's.  Links every entry
 * (ind, pj, by, to).  Returns the number of errors. */
int results_check(const Plan *p, ResultSet *rs, Diag *d);

/* The words of the schema's project status: "on-track", ... */
const char *results_state_key(ProjectState s);

void results_free(ResultSet *rs);

#endif
