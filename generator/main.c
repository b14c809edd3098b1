/* main.c - the phaen command: options, the pipeline, exit codes.
 *
 *   load -> resolve -> check -> compose -> layout -> PDF
 *
 * Exit status: 0 success, 1 the plan has errors (or warnings with --strict),
 * 2 usage or I/O problems.  Diagnostics go to stderr; nothing else does when
 * all is well.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "fonts.h"
#include "load.h"
#include "pdf.h"
#include "plan.h"
#include "render.h"
#include "resolve.h"
#include "template.h"

#ifndef PHAEN_VERSION
#define PHAEN_VERSION "0"
#endif
#ifndef PHAEN_DATADIR
#define PHAEN_DATADIR "/usr/local/share/phaen"
#endif

enum { EXIT_PLAN = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "usage: phaen check PLAN.xml [--strict]\n"
    "       phaen render PLAN.xml -o DIR [--template NAME|FILE] [--strict]\n"
    "       phaen --help | --version\n";

static const char help_text[] =
    "phaen - Thai national plans from XML to official PDF documents\n"
    "\n"
    "Commands:\n"
    "  check PLAN.xml        load, validate against the schema, resolve every\n"
    "                        reference and check the plan; print the problems\n"
    "  render PLAN.xml       check, then write the documents into DIR:\n"
    "                        master-plan.pdf (แผนแม่บท)\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR      the folder to write into (created if missing)\n"
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

typedef struct Options {
    const char *command;
    const char *plan;
    const char *outdir;
    const char *tmpl;
    int strict;
    int max_errors;
    size_t max_size;
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

/* Loads, resolves and checks; returns the plan, or NULL with *status set. */
static Plan *load_checked(const Options *o, Diag *d, int *status)
{
    /* A file that cannot be read is an I/O problem (2), not a bad plan. */
    struct stat st;
    if (stat(o->plan, &st) != 0 || access(o->plan, R_OK) != 0) {
        diag_error(d, o->plan, 0, "cannot read the plan: %s", strerror(errno));
        *status = EXIT_USAGE;
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        diag_error(d, o->plan, 0, "is a folder, not a plan file");
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

static int cmd_render(const Options *o, Diag *d)
{
    int status;
    Plan *p = load_checked(o, d, &status);
    if (!p)
        return status;
    char dbuf[PATH_MAX];
    const char *datadir = find_datadir(dbuf, sizeof dbuf);
    char tpath[PATH_MAX + 64], fpath[PATH_MAX + 64];
    const char *tn = o->tmpl ? o->tmpl : "official";
    if (strchr(tn, '/') || strstr(tn, ".conf"))
        snprintf(tpath, sizeof tpath, "%s", tn);
    else
        snprintf(tpath, sizeof tpath, "%s/templates/%s.conf", datadir, tn);
    snprintf(fpath, sizeof fpath, "%s/fonts", datadir);

    status = EXIT_USAGE;
    Template *t = template_load(tpath, d);
    FontSet *fs = t ? fonts_open(fpath, t->font_family, d) : NULL;
    if (fs && mkdir_p(o->outdir) != 0) {
        diag_error(d, o->outdir, 0, "cannot create the output folder: %s", strerror(errno));
        fs = (fonts_close(fs), NULL);
    }
    if (fs) {
        char out[PATH_MAX + 64];
        snprintf(out, sizeof out, "%s/master-plan.pdf", o->outdir);
        Doc *doc = compose_master_plan(p, t);
        status = doc && pdf_write(out, doc, t, fs, d, NULL) == 0 ? 0 : EXIT_USAGE;
        doc_free(doc);
    }
    fonts_close(fs);
    template_free(t);
    plan_free(p);
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
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {0, 0, 0, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "+o:t:hV", longopts, NULL)) != -1) {
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
        case 'h': fputs(help_text, stdout); return 1;
        case 'V': printf("phaen %s\n", PHAEN_VERSION); return 1;
        default: return -1;
        }
    }
    return optind;
}

int main(int argc, char **argv)
{
    Options o = {.max_errors = 50};
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
        if (o.plan) {
            fprintf(stderr, "phaen: unexpected argument '%s'\n", argv[optind]);
            return EXIT_USAGE;
        }
        o.plan = argv[optind++];
    }
    int is_check = !strcmp(o.command, "check"), is_render = !strcmp(o.command, "render");
    if (!is_check && !is_render) {
        fprintf(stderr, "phaen: unknown command '%s'\n%s", o.command, usage_text);
        return EXIT_USAGE;
    }
    if (!o.plan) {
        fprintf(stderr, "phaen: %s needs a plan file\n%s", o.command, usage_text);
        return EXIT_USAGE;
    }
    if (is_render && !o.outdir) {
        fprintf(stderr, "phaen: render needs an output folder: -o DIR\n");
        return EXIT_USAGE;
    }
    Diag d;
    diag_init(&d, stderr, o.max_errors);
    int status;
    if (is_check) {
        Plan *p = load_checked(&o, &d, &status);
        plan_free(p);
    } else {
        status = cmd_render(&o, &d);
    }
    diag_finish(&d);
    load_cleanup();
    fonts_cleanup();
    return status;
}
