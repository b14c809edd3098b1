/* jobs.c - see jobs.h.
 *
 * Every document is one job: compose, lay out, write.  N threads take jobs
 * in turn; each has its own FontSet (a pango font map must never be shared
 * between threads): the first thread's, and for the others siblings of it
 * over the same fontconfig configuration (fonts_sibling), which spares each
 * of them reading the font files again (a -j2 render of
 * tests/data/minimal.xml: 166 -> 156 ms CPU).  Each job has its own
 * diagnostics buffer, printed in job order once all are done, so that what
 * phaen says does not depend on N or on timing.  The plan, the template
 * and the roll-up are read-only and shared.
 */
#include "jobs.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "forms.h"
#include "layout.h"
#include "pdf.h"
#include "render.h"
#include "xalloc.h"

typedef struct Worker {
    Pool *pool;
    FontSet *fs;            /* its own; NULL: make one first */
    FontSet *parent;        /* the first thread's, which fs is made after */
    pthread_t thread;
} Worker;

/* A form's CSV, staged like a PDF so that the run stays all or nothing. */
static int job_csv(const Pool *pl, Job *j)
{
    size_t len = 0;
    char *csv = form_csv(pl->plan, j->agency, pl->year, &len);
    OutFile *f = outfile_create(j->path, &j->io);
    if (f && (outfile_write(f, csv, len) != 0 || outfile_close(f, &j->io) != 0)) {
        outfile_discard(f);
        f = NULL;
    }
    g_free(csv);
    j->staged = f;
    return f ? 0 : -1;
}

/* Short documents: taken after the long ones (see jobs_run). */
static int job_short(JobKind k)
{
    return k == JOB_SHEET || k == JOB_FORM || k == JOB_FORM_CSV;
}

static int job_run(const Pool *pl, Job *j, FontSet *fs, Diag *d)
{
    Doc *doc = NULL;
    switch (j->kind) {
    case JOB_MASTER: doc = compose_master_plan(pl->plan, pl->t); break;
    case JOB_ACTION: doc = compose_action_plan_rows_later(pl->plan, pl->t, pl->rollup); break;
    case JOB_SHEET: doc = compose_agency_sheet(pl->plan, pl->t, pl->rollup, j->agency); break;
    case JOB_ALL_SHEETS: doc = compose_agency_sheets(pl->plan, pl->t, pl->rollup); break;
    case JOB_FORM: doc = compose_agency_form(pl->plan, pl->t, j->agency, pl->year); break;
    case JOB_FORM_CSV: return job_csv(pl, j);
    }
    if (!doc) {
        diag_error(d, j->path, 0, "out of memory");
        return -1;
    }
    int rc = pdf_write_staged(j->path, doc, pl->t, fs, d, NULL, &j->staged, &j->io);
    doc_free(doc);
#ifdef __GLIBC__
    /* A long document's pages go back to the system: otherwise they stay
     * in this thread's heap, where the documents other threads lay out
     * cannot use them (-j2, 10,000 projects: peak 158 MB before, 134) */
    if (!job_short(j->kind))
        malloc_trim(0);
#endif
    return rc;
}

static void *worker_main(void *arg)
{
    Worker *w = arg;
    Pool *pl = w->pool;
    if (!w->fs && !(w->fs = fonts_sibling(w->parent)))
        return NULL; /* out of memory: the other threads do the work */
    for (;;) {
        pthread_mutex_lock(&pl->lock);
        size_t k = pl->next < pl->n_jobs && !pl->stop ? pl->order[pl->next++] : pl->n_jobs;
        pthread_mutex_unlock(&pl->lock);
        if (k == pl->n_jobs) {
            /* Nothing more for this thread: its pool of texts goes, for the
             * documents other threads are still laying out (-j2, 10,000
             * projects: the master plan's 2,800 layouts were held to the
             * end of the action plan, the peak). */
            layout_forget(w->fs);
            break;
        }
        Job *j = &pl->jobs[k];
        FILE *f = open_memstream(&j->msgs, &j->msgs_len);
        if (!f) {
            j->rc = -1;
            continue;
        }
        Diag d;
        diag_init(&d, f, pl->max_errors);
        j->rc = job_run(pl, j, w->fs, &d);
        diag_finish(&d);
        fclose(f);
        if (j->io.err) {
            /* The others would fail the same way, and nothing of this run
             * is put in place now anyway. */
            pthread_mutex_lock(&pl->lock);
            pl->stop = 1;
            pthread_mutex_unlock(&pl->lock);
        }
        if (j->kind == JOB_SHEET) {
            pthread_mutex_lock(&pl->lock);
            pl->sheets_done++;
            if (pl->progress)
                fprintf(stderr, "\rsheets: %zu/%zu", pl->sheets_done, pl->n_sheets);
            pthread_mutex_unlock(&pl->lock);
        }
    }
    return NULL;
}

int jobs_run(Pool *pl, FontSet *fs, long n)
{
    /* The long documents first, so no thread is left with one at the end. */
    pl->order = xcalloc(pl->n_jobs + 1, sizeof *pl->order);
    size_t at = 0;
    for (size_t i = 0; i < pl->n_jobs; i++)
        if (!job_short(pl->jobs[i].kind))
            pl->order[at++] = i;
    for (size_t i = 0; i < pl->n_jobs; i++)
        if (job_short(pl->jobs[i].kind))
            pl->order[at++] = i;
    pl->next = 0;
    if (n < 1)
        n = 1;
    /* a long document's first pass may take a second thread (layout.h) */
    layout_set_threads((int)(n < 2 ? 1 : 2));
    if ((size_t)n > pl->n_jobs)
        n = pl->n_jobs ? (long)pl->n_jobs : 1;
    Worker *ws = xcalloc((size_t)n, sizeof *ws);
    pthread_mutex_init(&pl->lock, NULL);
    long started = 1;
    for (long i = 1; i < n; i++) {
        ws[i].pool = pl;
        ws[i].parent = fs;
        if (pthread_create(&ws[i].thread, NULL, worker_main, &ws[i]) != 0)
            break; /* fewer threads: the work gets done all the same */
        started++;
    }
    ws[0].pool = pl;
    ws[0].fs = fs;
    worker_main(&ws[0]);
    int rc = 0;
    for (long i = 1; i < started; i++) {
        pthread_join(ws[i].thread, NULL);
        fonts_close(ws[i].fs);
    }
    pthread_mutex_destroy(&pl->lock);
    if (pl->progress && pl->n_sheets)
        fputs("\r\033[K", stderr);
    for (size_t k = 0; k < pl->n_jobs; k++) {
        if (pl->jobs[k].msgs_len)
            fwrite(pl->jobs[k].msgs, 1, pl->jobs[k].msgs_len, stderr);
        if (pl->jobs[k].rc != 0)
            rc = -1;
    }
    free(ws);
    return rc;
}

/* Reports the file operations that failed, once per cause (the same errno
 * in the same step): a full disk or a read-only folder is one line, not
 * one per document. */
static void report_io_failures(const Pool *pl, Diag *d)
{
    for (size_t k = 0; k < pl->n_jobs; k++) {
        const Job *j = &pl->jobs[k];
        if (!j->io.err)
            continue;
        size_t same = 0, first = 1;
        for (size_t i = 0; i < pl->n_jobs; i++) {
            const OutError *o = &pl->jobs[i].io;
            if (o->err == j->io.err && !strcmp(o->step, j->io.step)) {
                if (i < k)
                    first = 0;
                else if (i > k)
                    same++;
            }
        }
        if (!first)
            continue;
        pdf_report_io(d, j->path, &j->io);
        if (same)
            diag_note(d, NULL, 0, "the same for %zu more document%s", same,
                      same == 1 ? "" : "s");
    }
}

/* Every document of the run in place, or none: renamed last, and only when
 * every one was written (README, "Writing"). */
int jobs_finish(Pool *pl, int ok, const char *outdir, Diag *d)
{
    OutFile **files = xcalloc(pl->n_jobs + 1, sizeof *files);
    for (size_t k = 0; k < pl->n_jobs; k++) {
        if (ok)
            files[k] = pl->jobs[k].staged;
        else
            outfile_discard(pl->jobs[k].staged);
        pl->jobs[k].staged = NULL;
    }
    if (!ok) {
        free(files);
        report_io_failures(pl, d);
        diag_note(d, NULL, 0, "no document was replaced: %s holds what it held before", outdir);
        return -1;
    }
    OutError io = {0};
    size_t failed = 0;
    int rc = outfile_commit_all(files, pl->n_jobs, &io, &failed);
    free(files);
    if (rc != 0) {
        pdf_report_io(d, pl->jobs[failed].path, &io);
        if (failed > 0)
            diag_note(d, NULL, 0, "the %zu document%s before it in %s were replaced; "
                      "render again", failed, failed == 1 ? "" : "s", outdir);
    }
    return rc;
}


void jobs_free(Pool *pl)
{
    for (size_t i = 0; i < pl->n_jobs; i++) {
        g_free(pl->jobs[i].path);
        free(pl->jobs[i].msgs);
    }
    free(pl->jobs);
    free(pl->order);
    pl->jobs = NULL;
    pl->order = NULL;
    pl->n_jobs = 0;
}
