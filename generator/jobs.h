/* jobs.h - render documents as jobs on a pool of threads.
 *
 * Every document of a render (master plan, action plan, each sheet, the
 * combined sheets) is one job: compose, lay out, write a staged file.
 * jobs_run() runs them on N threads, the calling thread among them; the
 * long documents (everything but single sheets) are taken first, so the
 * master plan and the action plan are laid out at the same time with -j2.
 * What the jobs report is printed in job order after all are done, and the
 * files are put in place by jobs_finish(), all or none: the output and the
 * messages do not depend on N or on timing.
 *
 * Thread safety: the Plan, Template and Rollup are shared read-only by all
 * threads (compose and layout never write to them).  Everything pango owns
 * is per thread: each worker opens its own FontSet (one PangoFontMap per
 * thread; STACK-NOTES: a shared font map hangs), and the calling thread
 * uses the one passed in.  A Job is written only by the thread that took
 * it; the Pool's counters only under its lock.  jobs_run() and
 * jobs_finish() themselves are called from one thread.
 */
#ifndef PHAEN_JOBS_H
#define PHAEN_JOBS_H

#include <pthread.h>
#include <stddef.h>

#include "budget.h"
#include "diag.h"
#include "fonts.h"
#include "outfile.h"
#include "plan.h"
#include "template.h"

typedef enum {
    JOB_MASTER, JOB_ACTION, JOB_SHEET, JOB_ALL_SHEETS,
    JOB_FORM, JOB_FORM_CSV  /* an agency's reporting form: PDF, CSV (forms.h) */
} JobKind;

typedef struct Job {
    JobKind kind;
    const Agency *agency;   /* JOB_SHEET, JOB_FORM, JOB_FORM_CSV */
    char *path;             /* where it goes (malloc'd, freed by jobs_free) */
    char *msgs;             /* what it reported (open_memstream) */
    size_t msgs_len;
    int rc;                 /* 0 written, -1 failed, 1 not run */
    OutFile *staged;        /* rc 0: the finished temporary, renamed last */
    OutError io;            /* rc -1: the file operation that failed, if any */
} Job;

typedef struct Pool {
    const Plan *plan;
    const Template *t;
    const Rollup *rollup;
    int max_errors;
    int year;               /* JOB_FORM*: the fiscal year (BE) */
    Job *jobs;              /* filled by the caller, rc 1 each */
    size_t n_jobs;
    size_t n_sheets;        /* how many are JOB_SHEET (progress) */
    int progress;           /* stderr is a terminal: show "sheets: k/N" */
    /* inside jobs_run */
    size_t *order;          /* the order jobs are taken in: long ones first */
    size_t next;            /* index into order of the next job to take */
    size_t sheets_done;
    int stop;               /* a file could not be written: take no more jobs */
    pthread_mutex_t lock;
} Pool;

/* Runs every job of pl with n threads, the calling thread (with fs) among
 * them, then prints what each job reported in job order.  Returns 0 when
 * every job was written. */
int jobs_run(Pool *pl, FontSet *fs, long n);

/* Puts every staged document in place when ok, else discards them all and
 * reports why.  Returns 0, or -1 after reporting. */
int jobs_finish(Pool *pl, int ok, const char *outdir, Diag *d);

/* Frees the jobs' paths and messages, and the job list. */
void jobs_free(Pool *pl);

#endif
