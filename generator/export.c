/* export.c - `phaen export` and `phaen import` (their options), and the
 * CSV writer of the export's tables.
 *
 * The ten tables are built once, as rows of text with a type per column
 * (exporttab.c), and written here as CSV (csvout.c) or as a workbook
 * (exportxlsx.c) from the same rows, so the two formats cannot disagree.
 * JSON is written from the model directly (exportjson.c).  Every file goes
 * through outfile.c and appears whole or not at all.
 */
#include "export.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "check.h"
#include "csvout.h"
#include "exporttab.h"
#include "load.h"
#include "outfile.h"
#include "resolve.h"

/* --- writing --------------------------------------------------------------- */

/* Stages bytes as a new file in dir; NULL after reporting. */
OutFile *export_stage(const char *dir, const char *name, const void *data, size_t len, Diag *d)
{
    char *path = g_build_filename(dir, name, NULL);
    OutError e = {0};
    OutFile *f = outfile_create(path, &e);
    if (f && (outfile_write(f, data, len) != 0 || outfile_close(f, &e) != 0)) {
        outfile_discard(f);
        f = NULL;
    }
    if (!f)
        diag_error(d, path, 0, "%s: %s", e.step ? e.step : "cannot write", strerror(e.err));
    g_free(path);
    return f;
}

int export_commit(OutFile **files, size_t n, Diag *d)
{
    for (size_t i = 0; i < n; i++)
        if (!files[i]) {
            for (size_t j = 0; j < n; j++)
                outfile_discard(files[j]);
            return -1;
        }
    OutError e = {0};
    size_t failed = 0;
    if (outfile_commit_all(files, n, &e, &failed) != 0) {
        diag_error(d, NULL, 0, "cannot put the export in place: %s: %s",
                   e.step ? e.step : "rename", strerror(e.err));
        return -1;
    }
    return 0;
}

static int export_csv(Table *t[N_TABLES], const char *dir, Diag *d)
{
    OutFile *files[N_TABLES] = {0};
    for (size_t i = 0; i < N_TABLES; i++) {
        CsvOut c;
        csvout_init(&c);
        for (size_t k = 0; k < t[i]->n_cols; k++)
            csvout_cell(&c, t[i]->cols[k].key);
        csvout_row(&c);
        for (size_t r = 0; r < t[i]->rows->len; r++) {
            char **row = g_ptr_array_index(t[i]->rows, r);
            for (size_t k = 0; k < t[i]->n_cols; k++)
                csvout_cell(&c, row[k]);
            csvout_row(&c);
        }
        char *name = g_strdup_printf("%s.csv", t[i]->name);
        files[i] = export_stage(dir, name, c.buf->str, c.buf->len, d);
        g_free(name);
        csvout_free(&c);
    }
    return export_commit(files, N_TABLES, d);
}

/* --- the command ----------------------------------------------------------- */

int export_plan(const Plan *p, ExportFormat fmt, const char *dir, Diag *d)
{
    if (g_mkdir_with_parents(dir, 0777) != 0) {
        diag_error(d, dir, 0, "cannot make the folder: %s", strerror(errno));
        return -1;
    }
    if (fmt == EXPORT_JSON)
        return export_json(p, dir, d);
    Table *t[N_TABLES];
    export_tables(p, t);
    int rc = fmt == EXPORT_XLSX ? export_xlsx(p, t, dir, d) : export_csv(t, dir, d);
    for (size_t i = 0; i < N_TABLES; i++)
        export_table_free(t[i]);
    return rc;
}

Plan *export_load_checked(const char *path, size_t max_size, Diag *d)
{
    LoadOptions lo = {.max_bytes = max_size};
    Plan *p = plan_load(path, &lo, d);
    if (!p)
        return NULL;
    plan_resolve(p, d);
    plan_check(p, d);
    if (d->errors) {
        plan_free(p);
        return NULL;
    }
    return p;
}

int export_save(const char *path, const void *data, size_t len, Diag *d)
{
    OutError e = {0};
    if (outfile_save(path, data, len, &e) == 0)
        return 0;
    diag_error(d, path, 0, "%s: %s", e.step ? e.step : "cannot write", strerror(e.err));
    return -1;
}

static const struct option port_opts[] = {
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"max-errors", required_argument, NULL, 'm'},
    {"max-size", required_argument, NULL, 'z'},
    {0, 0, 0, 0},
};

/* Options of export and import; the rest of argv (plan, tables) in *args.
 * Returns 0, or 2 after saying why. */
static int port_args(int argc, char **argv, const char **fmt, const char **out,
                     int *max_errors, size_t *max_size, GPtrArray *args)
{
    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, "+f:o:", port_opts, NULL);
        if (c == -1) {
            if (optind >= argc)
                break;
            g_ptr_array_add(args, argv[optind++]);
            continue;
        }
        char *end;
        switch (c) {
        case 'f':
            if (!fmt)
                goto bad;
            *fmt = optarg;
            break;
        case 'o': *out = optarg; break;
        case 'm':
            *max_errors = (int)strtol(optarg, &end, 10);
            if (*end || *max_errors < 0)
                goto bad;
            break;
        case 'z':
            *max_size = (size_t)strtoull(optarg, &end, 10);
            if (*end || !*max_size)
                goto bad;
            break;
        default:
            goto bad;
        }
    }
    return 0;
bad:
    fprintf(stderr, "usage: phaen export PLAN.xml --format csv|json|xlsx -o DIR\n"
                    "       phaen import PLAN.xml TABLE.csv... -o NEW.xml\n");
    return 2;
}

int export_command(int argc, char **argv)
{
    const char *fmt = "csv", *out = NULL;
    int max_errors = 50;
    size_t max_size = 0;
    GPtrArray *args = g_ptr_array_new();
    int status = port_args(argc, argv, &fmt, &out, &max_errors, &max_size, args);
    ExportFormat f = EXPORT_CSV;
    if (!status && (args->len != 1 || !out)) {
        fprintf(stderr, "phaen: export needs one plan and an output folder: "
                        "phaen export PLAN.xml --format csv|json|xlsx -o DIR\n");
        status = 2;
    } else if (!status && !strcmp(fmt, "json")) {
        f = EXPORT_JSON;
    } else if (!status && !strcmp(fmt, "xlsx")) {
        f = EXPORT_XLSX;
    } else if (!status && strcmp(fmt, "csv") != 0) {
        fprintf(stderr, "phaen: --format takes csv, json or xlsx, not '%s'\n", fmt);
        status = 2;
    }
    if (!status) {
        Diag d;
        diag_init(&d, stderr, max_errors);
        Plan *p = export_load_checked(g_ptr_array_index(args, 0), max_size, &d);
        status = !p ? 1 : export_plan(p, f, out, &d) == 0 ? 0 : 2;
        plan_free(p);
        diag_finish(&d);
        load_cleanup();
    }
    g_ptr_array_free(args, TRUE);
    return status;
}

int import_command(int argc, char **argv)
{
    const char *out = NULL;
    int max_errors = 50;
    size_t max_size = 0;
    GPtrArray *args = g_ptr_array_new();
    int status = port_args(argc, argv, NULL, &out, &max_errors, &max_size, args);
    if (!status && (args->len < 2 || !out)) {
        fprintf(stderr, "phaen: import needs a plan, at least one table and an output "
                        "file: phaen import PLAN.xml TABLE.csv... -o NEW.xml\n");
        status = 2;
    }
    if (!status) {
        Diag d;
        diag_init(&d, stderr, max_errors);
        status = import_tables(g_ptr_array_index(args, 0), (const char *const *)args->pdata + 1,
                               args->len - 1, out, max_size, &d, stdout);
        diag_finish(&d);
        load_cleanup();
    }
    g_ptr_array_free(args, TRUE);
    return status;
}
