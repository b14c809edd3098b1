/* bench.c - where the time goes, one document of one plan per process.
 *
 *   bench --header
 *   bench PLAN master|action OUTDIR   the pipeline stage by stage, in-process,
 *                                     single-threaded (links libphaen.a)
 *   bench PLAN sheets-jN OUTDIR PHAEN every agency sheet (and all-sheets.pdf)
 *                                     by the real binary with -jN: wall time,
 *                                     pages counted in the files written
 *   bench PLAN docs-jN OUTDIR PHAEN   the master plan and the action plan in
 *                                     one run of the real binary with -jN
 *
 * Prints one table row: size (projects), document, seconds per stage
 * (load+validate, resolve+check, roll-up, compose, layout+PDF), total
 * (including reading the template and opening the fonts), pages, pages per
 * second (of wall time), CPU seconds (user + system) and peak resident
 * memory (ru_maxrss: this process, or the child's).
 * Run from the repository root (templates/ and fonts/ are read from there).
 * One process per row, so the peak memory is that document's alone.
 */
#include <dirent.h>
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "budget.h"
#include "check.h"
#include "diag.h"
#include "fonts.h"
#include "load.h"
#include "pdf.h"
#include "plan.h"
#include "render.h"
#include "resolve.h"
#include "template.h"

extern char **environ;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_header(void)
{
    printf("%8s %-12s %7s %7s %7s %7s %10s %8s %7s %6s %8s %8s %7s\n", "projects", "document",
           "load", "resolve", "rollup", "compose", "layout+pdf", "total", "cpu", "pages",
           "pages/s", "peak MB", "spaced%");
}

static void print_stage(double s)
{
    if (s < 0)
        printf(" %7s", "-");
    else
        printf(" %7.3f", s);
}

/* User + system CPU seconds of a rusage. */
static double cpu_of(const struct rusage *ru)
{
    return (double)ru->ru_utime.tv_sec + (double)ru->ru_utime.tv_usec / 1e6 +
           (double)ru->ru_stime.tv_sec + (double)ru->ru_stime.tv_usec / 1e6;
}

/* total is wall time; cpu shows how much of it the process really ran
 * (on a shared machine, wall time alone misleads). */
static void print_row(size_t projects, const char *doc, const double st[5], double total,
                      const struct rusage *ru, long pages, const LayoutStats *ls)
{
    printf("%8zu %-12s", projects, doc);
    for (int i = 0; i < 4; i++)
        print_stage(st[i]);
    if (st[4] < 0)
        printf(" %10s", "-");
    else
        printf(" %10.3f", st[4]);
    printf(" %8.3f %7.3f %6ld %8.1f %8.1f", total, cpu_of(ru), pages,
           total > 0 ? (double)pages / total : 0.0, (double)ru->ru_maxrss / 1024.0);
    /* line quality: justified lines letter-spaced by more than 0.2 pt */
    if (ls && ls->justified > 0)
        printf(" %7.1f\n", 100.0 * ls->letter_spaced / ls->justified);
    else
        printf(" %7s\n", "-");
    fflush(stdout);
}

/* Pages in a PDF written by cairo: its page objects ("/Type /Page" not
 * followed by "s"), which cairo 1.16 never puts in object streams. */
static long pdf_pages(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    static const char key[] = "/Type /Page";
    size_t klen = sizeof key - 1, m = 0;
    long n = 0;
    int c, pending = 0;
    while ((c = getc(f)) != EOF) {
        if (pending) {
            pending = 0;
            if (c != 's')
                n++;
        }
        if (c == key[m]) {
            if (++m == klen) {
                pending = 1;
                m = 0;
            }
        } else {
            m = c == key[0];
        }
    }
    if (pending)
        n++;
    fclose(f);
    return n;
}

static size_t plan_projects(const Plan *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_programs; i++)
        n += p->programs[i].n_projects;
    return n;
}

static int bench_inproc(const char *plan, const char *which, const char *outdir)
{
    double st[5] = {-1, -1, -1, -1, -1};
    double t0 = now();
    Diag d;
    diag_init(&d, stderr, 20);
    Template *t = template_load("templates/official.conf", &d);
    FontSet *fs = t ? fonts_open("fonts", t->font_family, &d) : NULL;
    if (!fs)
        return 2;

    double a = now();
    Plan *p = plan_load(plan, &(LoadOptions){0}, &d);
    double b = now();
    st[0] = b - a;
    if (!p)
        return 1;
    plan_resolve(p, &d);
    plan_check(p, &d);
    double c = now();
    st[1] = c - b;
    if (d.errors || d.warnings) {
        fprintf(stderr, "bench: %s does not pass check --strict\n", plan);
        return 1;
    }
    Rollup *r = NULL;
    if (!strcmp(which, "action")) {
        r = rollup_new(p);
        st[2] = now() - c;
    }
    double e = now();
    Doc *doc = !strcmp(which, "master") ? compose_master_plan(p, t) : compose_action_plan(p, t, r);
    double f = now();
    st[3] = f - e;
    if (!doc)
        return 2;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s-plan.pdf", outdir, which);
    LayoutStats ls = {0};
    int rc = pdf_write(path, doc, t, fs, &d, &ls);
    double g = now();
    st[4] = g - f;
    doc_free(doc);
    rollup_free(r);
    size_t n = plan_projects(p);
    plan_free(p);
    fonts_close(fs);
    template_free(t);
    double total = now() - t0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    if (rc != 0)
        return 2;
    char label[32];
    snprintf(label, sizeof label, "%s plan", which);
    print_row(n, label, st, total, &ru, ls.pages, &ls);
    return 0;
}

/* The number of projects, from the plan file itself (cheap to count). */
static size_t count_projects(const char *plan)
{
    FILE *f = fopen(plan, "rb");
    if (!f)
        return 0;
    static const char key[] = "<project ";
    size_t m = 0, n = 0;
    int c;
    while ((c = getc(f)) != EOF) {
        if (c == key[m]) {
            if (++m == sizeof key - 1) {
                n++;
                m = 0;
            }
        } else {
            m = c == key[0];
        }
    }
    fclose(f);
    return n;
}

/* The pages of the PDFs in dir (-1: one could not be read). */
static long dir_pages(const char *dir)
{
    DIR *dh = opendir(dir);
    struct dirent *e;
    long pages = 0;
    while (dh && (e = readdir(dh))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".pdf"))
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        long n = pdf_pages(path);
        if (n < 0) {
            pages = -1;
            break;
        }
        pages += n;
    }
    if (dh)
        closedir(dh);
    return pages;
}

/* Runs the real binary (argv[0] is phaen) and waits for it: *total is
 * the wall time, *ru what the process used.  Returns 0, or -1 after saying
 * why on stderr. */
static int run_phaen(const char *phaen, char *const argv[], double *total, struct rusage *ru)
{
    double t0 = now();
    pid_t pid;
    int err = posix_spawn(&pid, phaen, NULL, NULL, argv, environ);
    if (err) {
        fprintf(stderr, "bench: %s: %s\n", phaen, strerror(err));
        return -1;
    }
    int status;
    if (wait4(pid, &status, 0, ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status)) {
        fprintf(stderr, "bench: %s render failed\n", phaen);
        return -1;
    }
    *total = now() - t0;
    return 0;
}

/* The master plan and the action plan in one run of the real binary with
 * -jN (which: "docs-jN"): what the table compares with the floor. */
static int bench_docs(const char *plan, const char *which, const char *outdir, const char *phaen)
{
    const char *jobs = which + strlen("docs-j");
    char *argv[] = {(char *)phaen, "render", (char *)plan, "-o", (char *)outdir, "--only",
                    "master-plan", "--only", "action-plan", "-j", (char *)jobs, NULL};
    double total;
    struct rusage ru;
    if (run_phaen(phaen, argv, &total, &ru) != 0)
        return 2;
    char path[4096];
    long pages = 0;
    static const char *const docs[] = {"master-plan.pdf", "action-plan.pdf"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", outdir, docs[i]);
        long n = pdf_pages(path);
        if (n < 0)
            return 2;
        pages += n;
    }
    double st[5] = {-1, -1, -1, -1, -1};
    char label[32];
    snprintf(label, sizeof label, "m+a -j%s", jobs);
    print_row(count_projects(plan), label, st, total, &ru, pages, NULL);
    return 0;
}

static int bench_sheets(const char *plan, const char *which, const char *outdir, const char *phaen)
{
    const char *jobs = which + strlen("sheets-j");
    char *argv[] = {(char *)phaen, "render", (char *)plan, "-o", (char *)outdir, "--only",
                    "sheets", "-j", (char *)jobs, NULL};
    double total;
    struct rusage ru;
    if (run_phaen(phaen, argv, &total, &ru) != 0)
        return 2;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/sheets", outdir);
    long pages = dir_pages(dir);
    if (pages < 0)
        return 2;
    double st[5] = {-1, -1, -1, -1, -1};
    char label[32];
    snprintf(label, sizeof label, "sheets -j%s", jobs);
    print_row(count_projects(plan), label, st, total, &ru, pages, NULL);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "--header")) {
        print_header();
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "--pages")) {
        printf("%ld\n", pdf_pages(argv[2]));
        return 0;
    }
    if (argc == 4 && (!strcmp(argv[2], "master") || !strcmp(argv[2], "action")))
        return bench_inproc(argv[1], argv[2], argv[3]);
    if (argc == 5 && !strncmp(argv[2], "docs-j", 6))
        return bench_docs(argv[1], argv[2], argv[3], argv[4]);
    if (argc == 5 && !strncmp(argv[2], "sheets-j", 8))
        return bench_sheets(argv[1], argv[2], argv[3], argv[4]);
    fprintf(stderr, "usage: bench --header\n"
                    "       bench PLAN master|action OUTDIR\n"
                    "       bench PLAN sheets-jN|docs-jN OUTDIR PHAEN\n");
    return 2;
}
