/* main.c - the phaen command: options, the pipeline, exit codes.
 *
 *   load -> resolve -> check -> compose -> layout -> PDF
 *
 * Exit status: 0 success, 1 the plan has errors (or warnings with --strict),
 * 2 usage or I/O problems.  Diagnostics go to stderr; nothing else does when
 * all is well.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "budget.h"
#include "check.h"
#include "coverage.h"
#include "diff.h"
#include "dump.h"
#include "diag.h"
#include "export.h"
#include "fonts.h"
#include "forms.h"
#include "jobs.h"
#include "load.h"
#include "outfile.h"
#include "outpath.h"
#include "pdf.h"
#include "progressdoc.h"
#include "plan.h"
#include "render.h"
#include "resolve.h"
#include "results.h"
#include "sha256.h"
#include "template.h"
#include "verify.h"

#ifndef PHAEN_VERSION
#define PHAEN_VERSION "0"
#endif
#ifndef PHAEN_DATADIR
#define PHAEN_DATADIR "/usr/local/share/phaen"
#endif

enum { EXIT_PLAN = 1, EXIT_USAGE = 2 };

/* When this run began: temporaries older than that are left by runs that
 * were killed (outfile_sweep). */
static struct timespec run_started;

static pthread_mutex_t private_lock = PTHREAD_MUTEX_INITIALIZER;
static char *private_dir;   /* verify's folder, removed on a signal */

static void set_private_dir(char *dir)
{
    pthread_mutex_lock(&private_lock);
    private_dir = dir;
    pthread_mutex_unlock(&private_lock);
}

static const char usage_text[] =
    "usage: phaen check PLAN.xml|- [RESULTS.xml...] [--strict]\n"
    "       phaen render PLAN.xml -o DIR [--template NAME|FILE] [--strict]\n"
    "                    [--only master-plan|action-plan|sheets]... [--agency ID]...\n"
    "                    [-j N]\n"
    "       phaen report PLAN.xml RESULTS.xml... -o DIR [--template NAME|FILE]\n"
    "       phaen diff OLD.xml NEW.xml [-o CHANGES.pdf]\n"
    "       phaen verify PLAN.xml FILE.pdf\n"
    "       phaen export PLAN.xml --format csv|json|xlsx -o DIR\n"
    "       phaen import PLAN.xml TABLE.csv... -o NEW.xml\n"
    "       phaen forms PLAN.xml -o DIR [--agency ID]... [--year FY] [-j N]\n"
    "       phaen collect PLAN.xml FORM.csv... -o RESULTS.xml [--date YYYY-MM-DD]\n"
    "       phaen dump --blocks|--pages PLAN.xml [--only DOC]...\n"
    "       phaen --help | --version\n";

static const char help_text[] =
    "phaen - Thai national plans from XML to official PDF documents\n"
    "\n"
    "Commands:\n"
    "  check PLAN.xml        load, validate against the schema, resolve every\n"
    "                        reference and check the plan; print the problems\n"
    "                        (PLAN.xml '-': read the plan from stdin); with\n"
    "                        RESULTS.xml files, check them against the plan too\n"
    "  render PLAN.xml       check, then write the documents into DIR:\n"
    "                        master-plan.pdf (แผนแม่บท), action-plan.pdf\n"
    "                        (แผนปฏิบัติการ), sheets/<agency-id>.pdf (one\n"
    "                        responsibility sheet per agency) and\n"
    "                        sheets/all-sheets.pdf (every sheet in one file)\n"
    "  report PLAN.xml RESULTS.xml...\n"
    "                        the progress report (รายงานผลการดำเนินงาน) of the\n"
    "                        results files' latest fiscal year: DIR/progress-\n"
    "                        report.pdf (indicators against their targets,\n"
    "                        projects' spending, who reported, charts)\n"
    "  diff OLD.xml NEW.xml  what changed between two versions of a plan (goals,\n"
    "                        indicators, targets, strategies, projects, budgets,\n"
    "                        agency roles), on stdout; with -o, also as a PDF\n"
    "  verify PLAN.xml FILE.pdf\n"
    "                        whether FILE.pdf is exactly what PLAN.xml renders to\n"
    "                        now (exit 0), or else what it was made from (exit 1)\n"
    "  export PLAN.xml       the resolved plan as tables for spreadsheets and\n"
    "                        other systems: --format csv (a folder of CSV files,\n"
    "                        the default), xlsx (one workbook) or json\n"
    "  import PLAN.xml TABLE.csv...\n"
    "                        a new plan (-o NEW.xml) with the rows of the tables\n"
    "                        (projects, budgets, indicators) added or updated\n"
    "  forms PLAN.xml        each agency's reporting form for a fiscal year:\n"
    "                        forms/<agency-id>.pdf to fill in by hand and\n"
    "                        forms/<agency-id>.csv for a spreadsheet, in DIR\n"
    "  collect PLAN.xml FORM.csv...\n"
    "                        the filled CSV forms as one results file\n"
    "                        (-o RESULTS.xml, results-1.xsd)\n"
    "  dump --blocks|--pages PLAN.xml\n"
    "                        the documents as text on stdout: the blocks the\n"
    "                        composers make, or the lines and boxes of every\n"
    "                        page (for tests and for reading a change as a diff)\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR      the folder to write into (created if missing)\n"
    "      --only DOC        write only DOC: master-plan, action-plan or sheets\n"
    "                        (repeatable; default: all of them)\n"
    "      --agency ID       write the sheet of agency ID (repeatable); without\n"
    "                        --only, nothing else is written (no all-sheets.pdf)\n"
    "      --year FY         forms: the fiscal year (BE; default: the first\n"
    "                        year the plan budgets)\n"
    "      --date DATE       collect: the day the agencies reported (default:\n"
    "                        the last day of the fiscal year, 30 September)\n"
    "  -j, --jobs N          render with N threads (default: the number of\n"
    "                        online CPUs); output does not depend on N\n"
    "  -t, --template T      house style: a name in the templates folder\n"
    "                        (default: official) or a path to a .conf file\n"
    "      --strict          treat warnings as errors (use before submission)\n"
    "      --max-errors N    show at most N problems (default 50; 0: all)\n"
    "      --max-size BYTES  refuse plans larger than this (default 64 MiB)\n"
    "  -h, --help            this help\n"
    "  -V, --version         the version\n"
    "\n"
    "Exit status: 0 success, 1 the plan has errors, 2 usage or I/O problems.\n"
    "Environment: PHAEN_DATADIR overrides where templates/ and fonts/ are found.\n";

/* The documents `render` writes (--only). */
enum { DOC_MASTER = 1, DOC_ACTION = 2, DOC_SHEETS = 4, DOC_ALL = 7 };

typedef struct Options {
    const char *command;
    const char *plan;
    const char *second;     /* diff: the new plan; verify: the PDF */
    const char *outdir;
    const char *tmpl;
    int strict;
    int max_errors;
    size_t max_size;
    unsigned only;          /* DOC_* bits from --only; 0: not given */
    const char **agencies;  /* --agency ids (argv strings), argc slots */
    size_t n_agencies;
    long jobs;              /* -j; 0: the number of online CPUs */
    const char **results;   /* check, report: the results files (argv strings) */
    size_t n_results;
    int dump;               /* dump: 'b' --blocks, 'p' --pages */
    int year;               /* forms: --year; 0: form_default_year() */
} Options;

/* Where templates/ and fonts/ are: $PHAEN_DATADIR; else beside an installed
 * binary (<bin>/../share/phaen); else the source tree a built binary sits
 * in (build/phaen -> .); else the configured PREFIX. */
static const char *find_datadir(char *buf, size_t size)
{
    const char *env = getenv("PHAEN_DATADIR");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            const char *tries[] = {"/../share/phaen", "/.."};
            for (size_t i = 0; i < 2; i++) {
                char probe[PATH_MAX + 64];
                snprintf(buf, size, "%s%s", exe, tries[i]);
                snprintf(probe, sizeof probe, "%s/templates/official.conf", buf);
                if (access(probe, R_OK) == 0)
                    return buf;
            }
        }
    }
    return PHAEN_DATADIR;
}

static int mkdir_p(const char *path)
{
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    if (stat(tmp, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* What render would refuse about file names, reported by check too: an
 * agency id that cannot name its sheet, DIR/sheets/<id>.pdf (the schema
 * keeps out what is not a safe name; outpath.c has the last word). */
static void check_output_names(const Plan *p, Diag *d)
{
    for (size_t i = 0; i < p->n_agencies; i++) {
        const char *id = p->agencies[i].id;
        if (outpath_reserved(id))
            diag_error(d, p->file, p->agencies[i].line, "agency id '%s' is the name of "
                       "the file that holds every sheet (sheets/all-sheets.pdf); give the "
                       "agency another id", id);
        else if (!outpath_name_ok(id))
            diag_error(d, p->file, p->agencies[i].line, "agency id '%s' cannot name a file "
                       "(letters, digits, '.', '_', '-' only, not starting with '.')", id);
    }
}

static void check_glyphs(const Options *o, Diag *d);

/* Loads, resolves and checks; returns the plan, or NULL with *status set. */
static Plan *load_checked(const Options *o, Diag *d, int *status)
{
    /* A file that cannot be read is an I/O problem (2), not a bad plan. */
    struct stat st = {.st_mode = S_IFREG};
    if (strcmp(o->plan, "-") != 0 && (stat(o->plan, &st) != 0 || access(o->plan, R_OK) != 0)) {
        diag_error(d, o->plan, 0, "cannot read the plan: %s", strerror(errno));
        *status = EXIT_USAGE;
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        diag_error(d, o->plan, 0, "is a folder, not a plan file");
        *status = EXIT_USAGE;
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        /* /dev/zero, /dev/urandom or a FIFO would never end */
        diag_error(d, o->plan, 0, "cannot read the plan: it is %s, not a regular file",
                   S_ISCHR(st.st_mode) ? "a character device"
                   : S_ISFIFO(st.st_mode) ? "a FIFO (named pipe)"
                   : S_ISSOCK(st.st_mode) ? "a socket" : "a device");
        *status = EXIT_USAGE;
        return NULL;
    }
    LoadOptions lo = {.max_bytes = o->max_size};
    Plan *p = plan_load(o->plan, &lo, d);
    if (!p) {
        *status = EXIT_PLAN;
        return NULL;
    }
    plan_resolve(p, d);
    plan_check(p, d);
    check_output_names(p, d);
    if (!d->errors && strcmp(o->command, "diff") != 0) /* diff prints text */
        check_glyphs(o, d);
    if (d->errors || (o->strict && d->warnings)) {
        if (o->strict && !d->errors && d->warnings)
            fprintf(d->out, "phaen: %d warning%s, and --strict treats them as errors\n",
                    d->warnings, d->warnings == 1 ? "" : "s");
        *status = EXIT_PLAN;
        plan_free(p);
        return NULL;
    }
    *status = 0;
    return p;
}

/* The agencies whose sheets are written: every agency, or those named by
 * --agency (once each).  NULL with *status set after reporting an unknown
 * id.  *n gets the count; the array is malloc'd. */
static const Agency **sheet_agencies(const Options *o, const Plan *p, size_t *n, int *status)
{
    size_t cap = o->n_agencies ? o->n_agencies : p->n_agencies;
    const Agency **out = calloc(cap + 1, sizeof *out);
    *n = 0;
    if (!out) {
        fprintf(stderr, "phaen: out of memory\n");
        *status = EXIT_USAGE;
        return NULL;
    }
    if (!o->n_agencies) {
        for (size_t i = 0; i < p->n_agencies; i++)
            out[(*n)++] = &p->agencies[i];
        return out;
    }
    for (size_t i = 0; i < o->n_agencies; i++) {
        ObjKind kind;
        const Agency *a = plan_find(p, o->agencies[i], &kind);
        if (!a || kind != KIND_AGENCY) {
            fprintf(stderr, "phaen: --agency %s: %s has no agency with this id\n",
                    o->agencies[i], o->plan);
            free(out);
            *status = EXIT_USAGE;
            return NULL;
        }
        size_t k = 0;
        while (k < *n && out[k] != a)
            k++;
        if (k == *n)
            out[(*n)++] = a;
    }
    return out;
}

/* Builds the job list: master plan, action plan, the sheets in agency
 * order, the combined sheets.  Refuses (status 2) an agency id that is not
 * a safe file name before anything is written. */
static int jobs_plan(const Options *o, const Plan *p, Pool *pl, unsigned docs,
                     const Agency **ags, size_t n_ags, Diag *d)
{
    int with_all = (docs & DOC_SHEETS) && !o->n_agencies;
    size_t n = ((docs & DOC_MASTER) != 0) + ((docs & DOC_ACTION) != 0) +
               ((docs & DOC_SHEETS) ? n_ags : 0) + (size_t)with_all;
    pl->jobs = calloc(n + 1, sizeof *pl->jobs);
    if (!pl->jobs) {
        fprintf(stderr, "phaen: out of memory\n");
        return -1;
    }
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

/* The template file and fonts folder for these options. */
static void style_paths(const Options *o, char *tpath, size_t tsize, char *fpath, size_t fsize)
{
    char dbuf[PATH_MAX];
    const char *datadir = find_datadir(dbuf, sizeof dbuf);
    const char *tn = o->tmpl ? o->tmpl : "official";
    if (strchr(tn, '/') || strstr(tn, ".conf"))
        snprintf(tpath, tsize, "%s", tn);
    else
        snprintf(tpath, tsize, "%s/templates/%s.conf", datadir, tn);
    snprintf(fpath, fsize, "%s/fonts", datadir);
}

/* Characters the template's fonts have no glyph for, and Thai marks with
 * no letter (coverage.c): found by check, once each, with their line.  A
 * template or fonts that do not load are left for render to report. */
static void check_glyphs(const Options *o, Diag *d)
{
    char tpath[PATH_MAX + 64], fpath[PATH_MAX + 64];
    style_paths(o, tpath, sizeof tpath, fpath, sizeof fpath);
    char *buf = NULL;
    size_t len = 0;
    FILE *quiet_out = open_memstream(&buf, &len);
    if (!quiet_out)
        return;
    Diag quiet;
    diag_init(&quiet, quiet_out, 0);
    Template *t = template_load(tpath, &quiet);
    FontSet *fs = t ? fonts_open(fpath, t->font_family, &quiet) : NULL;
    if (fs)
        coverage_check_file(o->plan, fs, t->font_family, d);
    fonts_close(fs);
    template_free(t);
    fclose(quiet_out);
    free(buf);
}

static int cmd_render(const Options *o, Diag *d)
{
    int status;
    Plan *p = load_checked(o, d, &status);
    if (!p)
        return status;
    /* --agency alone means: those sheets, nothing else. */
    unsigned docs = o->only ? o->only : o->n_agencies ? DOC_SHEETS : DOC_ALL;
    size_t n_ags = 0;
    const Agency **ags = sheet_agencies(o, p, &n_ags, &status);
    if (!ags) {
        plan_free(p);
        return status;
    }
    char tpath[PATH_MAX + 64], fpath[PATH_MAX + 64];
    style_paths(o, tpath, sizeof tpath, fpath, sizeof fpath);

    status = EXIT_USAGE;
    Pool pl = {.plan = p, .fontdir = fpath, .max_errors = o->max_errors,
               .progress = isatty(STDERR_FILENO)};
    Template *t = template_load(tpath, d);
    Rollup *r = NULL;
    FontSet *fs = t ? fonts_open(fpath, t->font_family, d) : NULL;
    pl.t = t;
    if (fs && jobs_plan(o, p, &pl, docs, ags, n_ags, d) != 0)
        fs = (fonts_close(fs), NULL);
    if (fs && !(r = rollup_new(p))) {
        fprintf(stderr, "phaen: out of memory\n");
        fs = (fonts_close(fs), NULL);
    }
    pl.rollup = r;
    char sheets[PATH_MAX + 64];
    snprintf(sheets, sizeof sheets, "%s/sheets", o->outdir);
    const char *dir = o->outdir;
    int lock = -1;
    if (fs && mkdir_p(dir) != 0) {
        diag_error(d, dir, 0, "cannot create the output folder: %s", strerror(errno));
        fs = (fonts_close(fs), NULL);
    }
    /* One render at a time in a folder, so that its files are all of one
     * run; then what killed runs left behind can go. */
    if (fs && (lock = outfile_lock_dir(dir, stderr)) < 0) {
        diag_error(d, dir, 0, "cannot lock the output folder: %s", strerror(errno));
        fs = (fonts_close(fs), NULL);
    }
    if (fs) {
        outfile_sweep(dir, run_started);
        outfile_sweep(sheets, run_started);
    }
    if (fs && (docs & DOC_SHEETS) && mkdir_p(dir = sheets) != 0) {
        diag_error(d, dir, 0, "cannot create the output folder: %s", strerror(errno));
        fs = (fonts_close(fs), NULL);
    }
    if (fs) {
        long n = o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
        int ok = jobs_run(&pl, fs, n) == 0;
        status = jobs_finish(&pl, ok, o->outdir, d) == 0 ? 0 : EXIT_USAGE;
    }
    if (lock >= 0)
        close(lock);
    fonts_close(fs);
    jobs_free(&pl);
    rollup_free(r);
    free(ags);
    template_free(t);
    plan_free(p);
    return status;
}

/* Loads the results files of o and checks them against the checked plan
 * p; returns them, or NULL with *status set (1: they have errors, or
 * warnings with --strict). */
static ResultSet *load_results(const Options *o, const Plan *p, Diag *d, int *status)
{
    LoadOptions lo = {.max_bytes = o->max_size};
    int before = d->warnings;
    ResultSet *rs = results_load(o->results, o->n_results, &lo, d);
    if (rs && results_check(p, rs, d) == 0 && !(o->strict && d->warnings > before)) {
        *status = 0;
        return rs;
    }
    if (rs && o->strict && !d->errors)
        fprintf(d->out, "phaen: %d warning%s, and --strict treats them as errors\n",
                d->warnings - before, d->warnings - before == 1 ? "" : "s");
    results_free(rs);
    *status = EXIT_PLAN;
    return NULL;
}

/* phaen report PLAN RESULTS... -o DIR: DIR/progress-report.pdf */
static int cmd_report(const Options *o, Diag *d)
{
    int status;
    Plan *p = load_checked(o, d, &status);
    if (!p)
        return status;
    ResultSet *rs = load_results(o, p, d, &status);
    if (!rs) {
        plan_free(p);
        return status;
    }
    char tpath[PATH_MAX + 64], fpath[PATH_MAX + 64];
    style_paths(o, tpath, sizeof tpath, fpath, sizeof fpath);
    Template *t = template_load(tpath, d);
    FontSet *fs = t ? fonts_open(fpath, t->font_family, d) : NULL;
    status = EXIT_USAGE;
    if (fs && mkdir_p(o->outdir) != 0)
        diag_error(d, o->outdir, 0, "cannot create the output folder: %s", strerror(errno));
    else if (fs) {
        Doc *doc = compose_progress_report(p, t, rs);
        char *path = g_strdup_printf("%s/progress-report.pdf", o->outdir);
        status = doc && pdf_write(path, doc, t, fs, d, NULL) == 0 ? 0 : EXIT_USAGE;
        g_free(path);
        doc_free(doc);
    }
    fonts_close(fs);
    template_free(t);
    results_free(rs);
    plan_free(p);
    return status;
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
static int cmd_forms(const Options *o, Diag *d)
{
    int status;
    Plan *p = load_checked(o, d, &status);
    if (!p)
        return status;
    int year = o->year ? o->year : form_default_year(p);
    size_t n_ags = 0;
    const Agency **ags = NULL;
    long kept = -1;
    if (year < p->period_from || year > p->period_to)
        fprintf(stderr, "phaen: --year %d: the plan runs from %d to %d\n", year,
                p->period_from, p->period_to);
    else if ((ags = sheet_agencies(o, p, &n_ags, &status)))
        kept = form_agencies(o, p, ags, n_ags);
    if (kept == 0) {
        /* a plan with no one to report: say so rather than leave an empty
         * folder behind an exit status of 0 (collect's "nothing to collect") */
        diag_error(d, p->file, 0, "no agency leads a project or answers for an indicator: "
                   "there is no reporting form to write");
        diag_note(d, NULL, 0, "nothing was written into %s", o->outdir);
        free(ags);
        plan_free(p);
        return EXIT_PLAN;
    }
    if (kept < 0) {
        free(ags);
        plan_free(p);
        return EXIT_USAGE;
    }
    n_ags = (size_t)kept;
    char tpath[PATH_MAX + 64], fpath[PATH_MAX + 64];
    style_paths(o, tpath, sizeof tpath, fpath, sizeof fpath);
    status = EXIT_USAGE;
    Pool pl = {.plan = p, .fontdir = fpath, .max_errors = o->max_errors, .year = year};
    Template *t = template_load(tpath, d);
    FontSet *fs = t ? fonts_open(fpath, t->font_family, d) : NULL;
    pl.t = t;
    pl.jobs = calloc(2 * n_ags + 1, sizeof *pl.jobs);
    if (!pl.jobs) {
        fprintf(stderr, "phaen: out of memory\n");
        fs = (fonts_close(fs), NULL);
    }
    for (size_t i = 0; fs && i < n_ags; i++) {
        const char *id = ags[i]->id;
        if (!outpath_name_ok(id)) { /* the schema's pattern rules it out already */
            diag_error(d, p->file, ags[i]->line, "agency id '%s' cannot name a file in "
                       "%s/forms", id, o->outdir);
            fs = (fonts_close(fs), NULL);
            break;
        }
        pl.jobs[pl.n_jobs++] = (Job){.kind = JOB_FORM, .agency = ags[i], .rc = 1,
            .path = g_strdup_printf("%s/forms/%s.pdf", o->outdir, id)};
        pl.jobs[pl.n_jobs++] = (Job){.kind = JOB_FORM_CSV, .agency = ags[i], .rc = 1,
            .path = g_strdup_printf("%s/forms/%s.csv", o->outdir, id)};
    }
    char forms[PATH_MAX + 64];
    snprintf(forms, sizeof forms, "%s/forms", o->outdir);
    int lock = -1;
    /* folders this run makes are taken away again when it fails: no empty
     * or half output folder is left behind */
    struct stat st;
    int had_out = stat(o->outdir, &st) == 0, had_forms = stat(forms, &st) == 0;
    if (fs && mkdir_p(o->outdir) != 0) {
        diag_error(d, o->outdir, 0, "cannot create the output folder: %s", strerror(errno));
        fs = (fonts_close(fs), NULL);
    }
    if (fs && (lock = outfile_lock_dir(o->outdir, stderr)) < 0) {
        diag_error(d, o->outdir, 0, "cannot lock the output folder: %s", strerror(errno));
        fs = (fonts_close(fs), NULL);
    }
    if (fs && mkdir_p(forms) != 0) {
        diag_error(d, forms, 0, "cannot create the output folder: %s", strerror(errno));
        fs = (fonts_close(fs), NULL);
    }
    if (fs) {
        outfile_sweep(forms, run_started);
        long n = o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
        int ok = jobs_run(&pl, fs, n) == 0;
        status = jobs_finish(&pl, ok, forms, d) == 0 ? 0 : EXIT_USAGE;
    }
    if (lock >= 0)
        close(lock);
    if (status != 0 && !had_forms)
        rmdir(forms); /* only when empty: a failed run's files are gone already */
    if (status != 0 && !had_out)
        rmdir(o->outdir);
    fonts_close(fs);
    jobs_free(&pl);
    free(ags);
    template_free(t);
    plan_free(p);
    return status;
}

/* phaen diff OLD NEW [-o FILE.pdf] */
static int cmd_diff(const Options *o, Diag *d)
{
    Options second = *o;
    second.plan = o->second;
    int st1, st2;
    Plan *a = load_checked(o, d, &st1);
    Plan *b = load_checked(&second, d, &st2);
    int status = st1 > st2 ? st1 : st2;
    if (a && b) {
        Template *t = NULL;
        FontSet *fs = NULL;
        char tpath[PATH_MAX + 64], fpath[PATH_MAX + 64];
        style_paths(o, tpath, sizeof tpath, fpath, sizeof fpath);
        PlanDiff *df = plan_diff(a, b);
        status = df && (t = template_load(tpath, d)) ? 0 : EXIT_USAGE;
        if (status == 0)
            plan_diff_print(df, t, stdout);
        if (status == 0 && o->outdir) {
            Doc *doc = (fs = fonts_open(fpath, t->font_family, d)) ? compose_diff(df, a, b, t) : NULL;
            status = doc && pdf_write(o->outdir, doc, t, fs, d, NULL) == 0 ? 0 : EXIT_USAGE;
            doc_free(doc);
        }
        fonts_close(fs);
        template_free(t);
        plan_diff_free(df);
    }
    plan_free(a);
    plan_free(b);
    return status;
}

/* phaen dump --blocks|--pages PLAN.xml [--only DOC] (dump.h) */
static int cmd_dump(const Options *o, Diag *d)
{
    int status;
    Plan *p = load_checked(o, d, &status);
    if (!p)
        return status;
    char tpath[PATH_MAX + 64], fpath[PATH_MAX + 64];
    style_paths(o, tpath, sizeof tpath, fpath, sizeof fpath);
    Template *t = template_load(tpath, d);
    FontSet *fs = t && o->dump == 'p' ? fonts_open(fpath, t->font_family, d) : NULL;
    status = EXIT_USAGE;
    if (t && (fs || o->dump == 'b') &&
        dump_plan(p, t, fs, o->only ? o->only : DUMP_ALL, o->dump == 'p', stdout, d) == 0)
        status = fflush(stdout) == 0 && !ferror(stdout) ? 0 : EXIT_USAGE;
    fonts_close(fs);
    template_free(t);
    plan_free(p);
    return status;
}

/* Removes a folder this run made, with what is in it (two levels). */
static void remove_tree(const char *dir)
{
    DIR *dh = opendir(dir);
    struct dirent *e;
    while (dh && (e = readdir(dh))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *path = g_strdup_printf("%s/%s", dir, e->d_name);
        if (unlink(path) != 0)
            remove_tree(path);
        g_free(path);
    }
    if (dh)
        closedir(dh);
    rmdir(dir);
}

/* phaen verify PLAN FILE.pdf: renders the plan into a private folder and
 * compares. */
static int cmd_verify(const Options *o, Diag *d)
{
    int status;
    if (verify_check_input(o->second, d) != 0)
        return EXIT_USAGE; /* before the rendering, not after */
    Plan *p = load_checked(o, d, &status);
    if (!p)
        return status;
    char hex[65];
    sha256_hex(p->sha256, hex);
    plan_free(p);
    const char *tmp = getenv("TMPDIR");
    char *dir = g_strdup_printf("%s/phaen-verify-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        diag_error(d, dir, 0, "cannot make a temporary folder: %s", strerror(errno));
        g_free(dir);
        return EXIT_USAGE;
    }
    set_private_dir(dir);
    Options r = *o;
    r.outdir = dir;
    r.only = 0;
    r.n_agencies = 0;
    status = cmd_render(&r, d);
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

static int parse_args(int argc, char **argv, Options *o)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"template", required_argument, NULL, 't'},
        {"strict", no_argument, NULL, 's'},
        {"max-errors", required_argument, NULL, 'm'},
        {"max-size", required_argument, NULL, 'z'},
        {"only", required_argument, NULL, 'O'},
        {"agency", required_argument, NULL, 'a'},
        {"jobs", required_argument, NULL, 'j'},
        {"blocks", no_argument, NULL, 'B'},
        {"pages", no_argument, NULL, 'P'},
        {"year", required_argument, NULL, 'y'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {0, 0, 0, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "+o:t:j:hV", longopts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'o': o->outdir = optarg; break;
        case 't': o->tmpl = optarg; break;
        case 's': o->strict = 1; break;
        case 'm':
            o->max_errors = (int)strtol(optarg, &end, 10);
            if (*end || o->max_errors < 0) {
                fprintf(stderr, "phaen: --max-errors takes a whole number\n");
                return -1;
            }
            break;
        case 'z':
            o->max_size = (size_t)strtoull(optarg, &end, 10);
            if (*end || o->max_size == 0) {
                fprintf(stderr, "phaen: --max-size takes a number of bytes\n");
                return -1;
            }
            break;
        case 'O':
            if (!strcmp(optarg, "master-plan"))
                o->only |= DOC_MASTER;
            else if (!strcmp(optarg, "action-plan"))
                o->only |= DOC_ACTION;
            else if (!strcmp(optarg, "sheets"))
                o->only |= DOC_SHEETS;
            else {
                fprintf(stderr, "phaen: --only takes master-plan, action-plan or sheets, not '%s'\n",
                        optarg);
                return -1;
            }
            break;
        case 'a':
            o->agencies[o->n_agencies++] = optarg;
            break;
        case 'j':
            o->jobs = strtol(optarg, &end, 10);
            if (*end || o->jobs < 1 || o->jobs > 256) {
                fprintf(stderr, "phaen: --jobs takes a whole number from 1 to 256\n");
                return -1;
            }
            break;
        case 'y':
            o->year = (int)strtol(optarg, &end, 10);
            if (*end || o->year < 2400 || o->year > 2800) {
                fprintf(stderr, "phaen: --year takes a Buddhist-Era fiscal year (2563)\n");
                return -1;
            }
            break;
        case 'B': o->dump = 'b'; break;
        case 'P': o->dump = 'p'; break;
        case 'h': fputs(help_text, stdout); return 1;
        case 'V': printf("phaen %s\n", PHAEN_VERSION); return 1;
        default: return -1;
        }
    }
    return optind;
}

static int run(int argc, char **argv, Options *op)
{
    Options o = *op;
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    /* Global options may come before the command: phaen --help. */
    if (argv[1][0] == '-') {
        int r = parse_args(argc, argv, &o);
        if (r == 1)
            return 0;
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    o.command = argv[1];
    /* export and import take their own options (export.c). */
    if (!strcmp(o.command, "export"))
        return export_command(argc - 1, argv + 1);
    if (!strcmp(o.command, "import"))
        return import_command(argc - 1, argv + 1);
    if (!strcmp(o.command, "collect"))
        return collect_command(argc - 1, argv + 1);
    /* Options after the command, in any order around the plan path. */
    optind = 2;
    for (;;) {
        int r = parse_args(argc, argv, &o);
        if (r < 0) {
            fputs(usage_text, stderr);
            return EXIT_USAGE;
        }
        if (r == 1) /* --help / --version printed */
            return 0;
        if (optind >= argc)
            break;
        int two = !strcmp(o.command, "diff") || !strcmp(o.command, "verify");
        int many = !strcmp(o.command, "check") || !strcmp(o.command, "report");
        if (o.plan && many) {
            o.results[o.n_results++] = argv[optind++];
            continue;
        }
        if (o.plan && (!two || o.second)) {
            fprintf(stderr, "phaen: unexpected argument '%s'\n", argv[optind]);
            return EXIT_USAGE;
        }
        if (o.plan)
            o.second = argv[optind++];
        else
            o.plan = argv[optind++];
    }
    int is_check = !strcmp(o.command, "check"), is_render = !strcmp(o.command, "render");
    int is_diff = !strcmp(o.command, "diff"), is_verify = !strcmp(o.command, "verify");
    int is_dump = !strcmp(o.command, "dump"), is_report = !strcmp(o.command, "report");
    int is_forms = !strcmp(o.command, "forms");
    if (!is_check && !is_render && !is_diff && !is_verify && !is_dump && !is_report &&
        !is_forms) {
        fprintf(stderr, "phaen: unknown command '%s'\n%s", o.command, usage_text);
        return EXIT_USAGE;
    }
    if (!o.plan) {
        fprintf(stderr, "phaen: %s needs a plan file\n%s", o.command, usage_text);
        return EXIT_USAGE;
    }
    if ((is_diff || is_verify) && !o.second) {
        fprintf(stderr, "phaen: %s needs two files\n%s", o.command, usage_text);
        return EXIT_USAGE;
    }
    if (is_report && (!o.outdir || !o.n_results)) {
        fprintf(stderr, "phaen: report needs results files and an output folder: "
                        "phaen report PLAN.xml RESULTS.xml... -o DIR\n");
        return EXIT_USAGE;
    }
    if (is_render && !o.outdir) {
        fprintf(stderr, "phaen: render needs an output folder: -o DIR\n");
        return EXIT_USAGE;
    }
    if (is_forms && !o.outdir) {
        fprintf(stderr, "phaen: forms needs an output folder: -o DIR\n");
        return EXIT_USAGE;
    }
    if (is_dump && !o.dump) {
        fprintf(stderr, "phaen: dump needs --blocks or --pages\n");
        return EXIT_USAGE;
    }
    Diag d;
    diag_init(&d, stderr, o.max_errors);
    int status;
    if (is_check) {
        Plan *p = load_checked(&o, &d, &status);
        if (p && o.n_results) {
            ResultSet *rs = load_results(&o, p, &d, &status);
            results_free(rs);
        }
        plan_free(p);
    } else if (is_report) {
        status = cmd_report(&o, &d);
    } else if (is_diff) {
        status = cmd_diff(&o, &d);
    } else if (is_verify) {
        status = cmd_verify(&o, &d);
    } else if (is_dump) {
        status = cmd_dump(&o, &d);
    } else if (is_forms) {
        status = cmd_forms(&o, &d);
    } else {
        status = cmd_render(&o, &d);
    }
    diag_finish(&d);
    load_cleanup();
    fonts_cleanup();
    return status;
}

/* --- signals ----------------------------------------------------------------
 *
 * SIGINT, SIGTERM and SIGHUP are blocked in every thread and taken by one
 * thread with sigwait(), which can then clean up in ordinary code (locks,
 * malloc): it removes every temporary of the run (outfile_remove_all, which
 * waits for renames under way) and verify's private folder, and ends the
 * process by the same signal, so the caller sees how it ended. */

static void *signal_main(void *arg)
{
    sigset_t *set = arg;
    int sig;
    if (sigwait(set, &sig) != 0)
        return NULL;
    outfile_remove_all();
    pthread_mutex_lock(&private_lock);
    if (private_dir)
        remove_tree(private_dir);
    fprintf(stderr, "\nphaen: stopped by %s; its temporary files were removed, earlier "
                    "files are as they were\n",
            sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP");
    signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    raise(sig);
    _exit(128 + sig);
}

static void signals_init(void)
{
    static sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    /* Past a file-size limit (ulimit -f) a write then fails with EFBIG and
     * is reported like any other failed write, instead of killing phaen
     * with a temporary left behind. */
    signal(SIGXFSZ, SIG_IGN);
    pthread_t t;
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) == 0 &&
        pthread_create(&t, NULL, signal_main, &set) == 0)
        pthread_detach(t);
    else
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int main(int argc, char **argv)
{
    clock_gettime(CLOCK_REALTIME, &run_started);
    signals_init();
    /* --agency ids: at most one per argument. */
    Options o = {.max_errors = 50, .agencies = calloc((size_t)argc + 1, sizeof(const char *)),
                 .results = calloc((size_t)argc + 1, sizeof(const char *))};
    if (!o.agencies || !o.results) {
        fputs("phaen: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    int status = run(argc, argv, &o);
    free(o.agencies);
    free(o.results);
    return status;
}
