/* cmd_render.c - the commands that write a folder of PDFs with the thread
 * pool (jobs.h): render, forms, and verify (which renders to compare).
 */
#include "cmd.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "budget.h"
#include "compose.h"
#include "fonts.h"
#include "forms.h"
#include "jobs.h"
#include "outfile.h"
#include "outpath.h"
#include "sha256.h"
#include "template.h"
#include "verify.h"
#include "xalloc.h"

/* Builds the job list: master plan, action plan, the sheets in agency
 * order, the combined sheets.  Refuses (status 2) an agency id that is not
 * a safe file name before anything is written. */
static int jobs_plan(const Options *o, const Plan *p, Pool *pl, unsigned docs,
                     const Agency **ags, size_t n_ags, Diag *d)
{
    int with_all = (docs & DOC_SHEETS) && !o->n_agencies;
    size_t n = ((docs & DOC_MASTER) != 0) + ((docs & DOC_ACTION) != 0) +
               ((docs & DOC_SHEETS) ? n_ags : 0) + (size_t)with_all;
    pl->jobs = xcalloc(n + 1, sizeof *pl->jobs);
    int bad = 0;
    if (docs & DOC_SHEETS)
        for (size_t i = 0; i < n_ags; i++) {
            const char *id = ags[i]->id;
            /* The schema's id pattern already rules these out; the file
             * name is checked here all the same, where it is made. */
            if (!outpath_name_ok(id) || outpath_reserved(id)) {
                diag_error(d, p->file, ags[i]->line,
                           "agency id '%s' cannot name a file in %s/sheets (letters, digits, "
                           "'.', '_', '-' only, not starting with '.', not 'all-sheets')",
                           id, o->outdir);
                bad = 1;
            }
        }
    if (bad)
        return -1;
    Job *j = pl->jobs;
    if (docs & DOC_MASTER)
        *j++ = (Job){.kind = JOB_MASTER, .path = g_strdup_printf("%s/master-plan.pdf", o->outdir)};
    if (docs & DOC_ACTION)
        *j++ = (Job){.kind = JOB_ACTION, .path = g_strdup_printf("%s/action-plan.pdf", o->outdir)};
    if (docs & DOC_SHEETS) {
        for (size_t i = 0; i < n_ags; i++)
            *j++ = (Job){.kind = JOB_SHEET, .agency = ags[i],
                         .path = g_strdup_printf("%s/sheets/%s.pdf", o->outdir, ags[i]->id)};
        if (with_all)
            *j++ = (Job){.kind = JOB_ALL_SHEETS,
                         .path = g_strdup_printf("%s/sheets/all-sheets.pdf", o->outdir)};
        pl->n_sheets = n_ags;
    }
    pl->n_jobs = n;
    for (size_t i = 0; i < n; i++)
        pl->jobs[i].rc = 1;
    return 0;
}

/* verify: keeps only the jobs of the documents titled `title` (what the PDF
 * to verify says it is: one with the bytes of a render has its title), all
 * of them when none is.  The titles are the composers' (cx_title). */
static void jobs_keep_titled(Pool *pl, const Template *t, const char *title)
{
    static const DocName name[] = {[JOB_MASTER] = NAME_MASTER_PLAN,
        [JOB_ACTION] = NAME_ACTION_PLAN, [JOB_SHEET] = NAME_SHEET,
        [JOB_ALL_SHEETS] = NAME_ALL_SHEETS};
    Arena *a = arena_new();
    char *keep = xcalloc(pl->n_jobs + 1, 1);
    size_t k = 0;
    for (size_t i = 0; i < pl->n_jobs; i++) {
        const Job *j = &pl->jobs[i];
        const char *doc = cx_doc_name(a, t, name[j->kind], j->agency);
        keep[i] = !strcmp(cx_title(a, pl->plan, doc), title);
        k += keep[i];
    }
    if (k) {
        k = 0;
        pl->n_sheets = 0;
        for (size_t i = 0; i < pl->n_jobs; i++) {
            if (!keep[i]) {
                g_free(pl->jobs[i].path);
                continue;
            }
            pl->n_sheets += pl->jobs[i].kind == JOB_SHEET;
            pl->jobs[k++] = pl->jobs[i];
        }
        pl->n_jobs = k;
    }
    free(keep);
    arena_free(a);
}

/* cmd_render once the plan p is loaded and checked, with the Style that
 * load_checked left in *st; frees p and what *st holds.  With a title
 * (verify), only the documents of that title are rendered, if any is. */
static int render_loaded(const Options *o, Plan *p, Style *st, const char *title, Diag *d)
{
    int status;
    /* --agency alone means: those sheets, nothing else. */
    unsigned docs = o->only ? o->only : o->n_agencies ? DOC_SHEETS : DOC_ALL;
    size_t n_ags = 0;
    Pool pl = {.plan = p, .max_errors = o->max_errors, .progress = isatty(STDERR_FILENO)};
    Rollup *r = NULL;
    int lock = -1;
    char *sheets = g_strdup_printf("%s/sheets", o->outdir);
    const Agency **ags = sheet_agencies(o, p, &n_ags, &status);
    if (!ags)
        goto done;
    status = EXIT_USAGE;
    if (style_open(o, 1, d, st) != 0 || jobs_plan(o, p, &pl, docs, ags, n_ags, d) != 0)
        goto done;
    if (title)
        jobs_keep_titled(&pl, st->t, title);
    pl.t = st->t;
    pl.rollup = r = rollup_new(p);
    if (make_outdir(o->outdir, d) != 0)
        goto done;
    /* One render at a time in a folder, so that its files are all of one
     * run; then what killed runs left behind can go. */
    if ((lock = outfile_lock_dir(o->outdir, stderr)) < 0) {
        diag_error(d, o->outdir, 0, "cannot lock the output folder: %s", strerror(errno));
        goto done;
    }
    outfile_sweep(o->outdir, run_started);
    outfile_sweep(sheets, run_started);
    if ((docs & DOC_SHEETS) && make_outdir(sheets, d) != 0)
        goto done;
    long n = o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
    int ok = jobs_run(&pl, st->fs, n) == 0;
    status = jobs_finish(&pl, ok, o->outdir, d) == 0 ? 0 : EXIT_USAGE;
done:
    if (lock >= 0)
        close(lock);
    style_close(st);
    jobs_free(&pl);
    rollup_free(r);
    free(ags);
    g_free(sheets);
    plan_free(p);
    return status;
}

int cmd_render(const Options *o, Diag *d)
{
    int status;
    Style st = {0};
    Plan *p = load_checked(o, d, &st, &status);
    if (!p)
        return status;
    return render_loaded(o, p, &st, NULL, d);
}

/* The agencies that get a form: those of sheet_agencies() that lead a
 * project or answer for an indicator; an agency named by --agency that has
 * neither is a usage error.  Returns the count kept in ags, or -1. */
static long form_agencies(const Options *o, const Plan *p, const Agency **ags, size_t n)
{
    size_t k = 0;
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        if (form_has_rows(ags[i]))
            ags[k++] = ags[i];
        else if (o->n_agencies) {
            fprintf(stderr, "phaen: --agency %s: it leads no project and answers for no "
                            "indicator in %s, so it has no form\n", ags[i]->id, o->plan);
            bad = 1;
        }
    }
    return bad ? -1 : (long)k;
}

/* phaen forms PLAN -o DIR [--agency ID]... [--year FY] [-j N]: per agency
 * DIR/forms/<id>.pdf and <id>.csv (forms.h), all written or none, like the
 * sheets of render. */
int cmd_forms(const Options *o, Diag *d)
{
    int status;
    Style st = {0};
    Plan *p = load_checked(o, d, &st, &status);
    if (!p)
        return status;
    int year = forms_year(o, p);
    size_t n_ags = 0;
    const Agency **ags = NULL;
    Pool pl = {.plan = p, .max_errors = o->max_errors, .year = year};
    int lock = -1;
    char *forms = g_strdup_printf("%s/forms", o->outdir);
    long kept = -1;
    int had_out = 1, had_forms = 1;
    if (year && (ags = sheet_agencies(o, p, &n_ags, &status)))
        kept = form_agencies(o, p, ags, n_ags);
    status = EXIT_USAGE;
    if (kept == 0) {
        /* a plan with no one to report: say so rather than leave an empty
         * folder behind an exit status of 0 (collect's "nothing to collect") */
        diag_error(d, p->file, 0, "no agency leads a project or answers for an indicator: "
                   "there is no reporting form to write");
        diag_note(d, NULL, 0, "nothing was written into %s", o->outdir);
        status = EXIT_PLAN;
        goto done;
    }
    if (kept < 0)
        goto done;
    n_ags = (size_t)kept;
    /* folders this run makes are taken away again when it fails: no empty
     * or half output folder is left behind */
    struct stat sb;
    had_out = stat(o->outdir, &sb) == 0;
    had_forms = stat(forms, &sb) == 0;
    if (style_open(o, 1, d, &st) != 0)
        goto done;
    pl.t = st.t;
    pl.jobs = xcalloc(2 * n_ags + 1, sizeof *pl.jobs);
    for (size_t i = 0; i < n_ags; i++) {
        const char *id = ags[i]->id;
        if (!outpath_name_ok(id)) { /* the schema's pattern rules it out already */
            diag_error(d, p->file, ags[i]->line, "agency id '%s' cannot name a file in "
                       "%s/forms", id, o->outdir);
            goto done;
        }
        pl.jobs[pl.n_jobs++] = (Job){.kind = JOB_FORM, .agency = ags[i], .rc = 1,
            .path = g_strdup_printf("%s/forms/%s.pdf", o->outdir, id)};
        pl.jobs[pl.n_jobs++] = (Job){.kind = JOB_FORM_CSV, .agency = ags[i], .rc = 1,
            .path = g_strdup_printf("%s/forms/%s.csv", o->outdir, id)};
    }
    if (make_outdir(o->outdir, d) != 0)
        goto done;
    if ((lock = outfile_lock_dir(o->outdir, stderr)) < 0) {
        diag_error(d, o->outdir, 0, "cannot lock the output folder: %s", strerror(errno));
        goto done;
    }
    if (make_outdir(forms, d) != 0)
        goto done;
    outfile_sweep(forms, run_started);
    long n = o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
    int ok = jobs_run(&pl, st.fs, n) == 0;
    status = jobs_finish(&pl, ok, forms, d) == 0 ? 0 : EXIT_USAGE;
done:
    if (lock >= 0)
        close(lock);
    if (status != 0 && !had_forms)
        rmdir(forms); /* only when empty: a failed run's files are gone already */
    if (status != 0 && !had_out)
        rmdir(o->outdir);
    style_close(&st);
    jobs_free(&pl);
    free(ags);
    g_free(forms);
    plan_free(p);
    return status;
}

/* phaen verify PLAN FILE.pdf: renders the documents FILE.pdf can be (by
 * its title) into a private folder and compares. */
int cmd_verify(const Options *o, Diag *d)
{
    int status;
    if (verify_check_input(o->second, d) != 0)
        return EXIT_USAGE; /* before the rendering, not after */
    Style st = {0};
    Plan *p = load_checked(o, d, &st, &status);
    if (!p)
        return status;
    char hex[65];
    sha256_hex(p->sha256, hex);
    /* A PDF without this source's provenance is none of its renders: the
     * verdict needs no rendering (a template that did not load is left
     * for the render to report). */
    char *title = NULL;
    if (st.t && !verify_may_match(o->second, hex, &title)) {
        style_close(&st);
        plan_free(p);
        VerifyResult v = verify_pdf(o->second, NULL, 0, hex, stdout, d);
        return v == VERIFY_IO_ERROR ? EXIT_USAGE : EXIT_PLAN;
    }
    const char *tmp = getenv("TMPDIR");
    char *dir = g_strdup_printf("%s/phaen-verify-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        diag_error(d, dir, 0, "cannot make a temporary folder: %s", strerror(errno));
        g_free(dir);
        g_free(title);
        style_close(&st);
        plan_free(p);
        return EXIT_USAGE;
    }
    set_private_dir(dir);
    Options r = *o;
    r.outdir = dir;
    r.only = 0;
    r.n_agencies = 0;
    status = render_loaded(&r, p, &st, title, d);
    g_free(title);
    if (status == 0) {
        GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(files, g_strdup_printf("%s/master-plan.pdf", dir));
        g_ptr_array_add(files, g_strdup_printf("%s/action-plan.pdf", dir));
        char *sheets = g_strdup_printf("%s/sheets", dir);
        DIR *dh = opendir(sheets);
        struct dirent *e;
        while (dh && (e = readdir(dh)))
            if (e->d_name[0] != '.')
                g_ptr_array_add(files, g_strdup_printf("%s/%s", sheets, e->d_name));
        if (dh)
            closedir(dh);
        g_free(sheets);
        VerifyResult v = verify_pdf(o->second, (const char *const *)files->pdata, files->len,
                                    hex, stdout, d);
        status = v == VERIFY_EXACT ? 0 : v == VERIFY_IO_ERROR ? EXIT_USAGE : EXIT_PLAN;
        g_ptr_array_free(files, TRUE);
    }
    pthread_mutex_lock(&private_lock);
    remove_tree(dir);
    private_dir = NULL;
    pthread_mutex_unlock(&private_lock);
    g_free(dir);
    return status;
}
