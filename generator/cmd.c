/* cmd.c - the steps the commands share (cmd.h): loading and checking a
 * plan, the template and fonts paths, the output folder.
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

#include "check.h"
#include "coverage.h"
#include "fonts.h"
#include "forms.h"
#include "load.h"
#include "outpath.h"
#include "resolve.h"
#include "template.h"
#include "xalloc.h"

#ifndef PHAEN_DATADIR
#define PHAEN_DATADIR "/usr/local/share/phaen"
#endif

/* When this run began: temporaries older than that are left by runs that
 * were killed (outfile_sweep). */
struct timespec run_started;

pthread_mutex_t private_lock = PTHREAD_MUTEX_INITIALIZER;
char *private_dir;   /* verify's folder, removed on a signal */

void set_private_dir(char *dir)
{
    pthread_mutex_lock(&private_lock);
    private_dir = dir;
    pthread_mutex_unlock(&private_lock);
}

/* Where templates/ and fonts/ are: $PHAEN_DATADIR; else beside an installed
 * binary (<bin>/../share/phaen); else the source tree a built binary sits
 * in (build/phaen -> .); else the configured PREFIX. */
const char *find_datadir(char *buf, size_t size)
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

static void check_glyphs(const Options *o, const char *file, CoverageScan *scan, Diag *d,
                         Style *keep);

/* Loads, resolves and checks; returns the plan, or NULL with *status set. */
Plan *load_checked(const Options *o, Diag *d, Style *style, int *status)
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
    CoverageScan *scan = NULL; /* diff prints text: no fonts */
    LoadOptions lo = {.max_bytes = o->max_size,
                      .glyph_scan = strcmp(o->command, "diff") != 0 ? &scan : NULL};
    Plan *p = plan_load(o->plan, &lo, d);
    if (!p) {
        coverage_free(scan);
        *status = EXIT_PLAN;
        return NULL;
    }
    plan_resolve(p, d);
    plan_check(p, d);
    check_output_names(p, d);
    if (!d->errors && scan)
        check_glyphs(o, p->file, scan, d, style);
    coverage_free(scan);
    if (d->errors || (o->strict && d->warnings)) {
        if (o->strict && !d->errors && d->warnings)
            fprintf(d->out, "phaen: %d warning%s, and --strict treats them as errors\n",
                    d->warnings, d->warnings == 1 ? "" : "s");
        *status = EXIT_PLAN;
        if (style)
            style_close(style);
        plan_free(p);
        return NULL;
    }
    *status = 0;
    return p;
}

/* The agencies whose sheets are written: every agency, or those named by
 * --agency (once each).  NULL with *status set after reporting an unknown
 * id.  *n gets the count; the array is malloc'd. */
int forms_year(const Options *o, const Plan *p)
{
    int year = o->year ? o->year : form_default_year(p);
    if (year >= p->period_from && year <= p->period_to)
        return year;
    fprintf(stderr, "phaen: --year %d: the plan runs from %d to %d\n", year, p->period_from,
            p->period_to);
    return 0;
}

const Agency **sheet_agencies(const Options *o, const Plan *p, size_t *n, int *status)
{
    size_t cap = o->n_agencies ? o->n_agencies : p->n_agencies;
    const Agency **out = xcalloc(cap + 1, sizeof *out);
    *n = 0;
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

int style_open(const Options *o, int with_fonts, Diag *d, Style *st)
{
    char tpath[PATH_MAX + 64];
    if (!st->t) {
        style_paths(o, tpath, sizeof tpath, st->fontdir, sizeof st->fontdir);
        st->t = template_load(tpath, d);
    }
    if (st->t && with_fonts && !st->fs)
        st->fs = fonts_open(st->fontdir, st->t->font_family, d);
    return st->t && (st->fs || !with_fonts) ? 0 : -1;
}

void style_close(Style *st)
{
    fonts_close(st->fs);
    template_free(st->t);
    st->fs = NULL;
    st->t = NULL;
}

int make_outdir(const char *dir, Diag *d)
{
    if (mkdir_p(dir) == 0)
        return 0;
    diag_error(d, dir, 0, "cannot create the output folder: %s", strerror(errno));
    return -1;
}

/* Characters the template's fonts have no glyph for, and Thai marks with
 * no letter (coverage.c): found by check, once each, with their line.  A
 * template or fonts that do not load are left for render to report; those
 * that load without a word are left in *keep when keep is not NULL. */
static void check_glyphs(const Options *o, const char *file, CoverageScan *scan, Diag *d,
                         Style *keep)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *quiet_out = open_memstream(&buf, &len);
    if (!quiet_out)
        return;
    Diag quiet;
    diag_init(&quiet, quiet_out, 0);
    Style st = {0};
    if (style_open(o, 1, &quiet, &st) == 0)
        coverage_report(scan, file, st.fs, st.t->font_family, d);
    if (keep && st.fs && fflush(quiet_out) == 0 && len == 0)
        *keep = st;
    else
        style_close(&st);
    fclose(quiet_out);
    free(buf);
}

/* Loads the results files of o and checks them against the checked plan
 * p; returns them, or NULL with *status set (1: they have errors, or
 * warnings with --strict). */
ResultSet *load_results(const Options *o, const Plan *p, Diag *d, int *status)
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

/* Removes a folder this run made, with what is in it (two levels). */
void remove_tree(const char *dir)
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
