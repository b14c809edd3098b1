/* exportxlsx.c - the export's tables as the sheets of plan.xlsx
 * (libxlsxwriter), and a totals sheet.
 */
#include "exporttab.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "budget.h"
#include "input.h"

/* Width of text in character cells: Thai vowel and tone marks above and
 * below (combining marks) take no width of their own. */
static double text_width(const char *s)
{
    double w = 0, line = 0;
    for (const char *c = s; *c; c = g_utf8_next_char(c)) {
        gunichar u = g_utf8_get_char(c);
        if (u == '\n') {
            line = 0;
            continue;
        }
        GUnicodeType ty = g_unichar_type(u);
        if (ty != G_UNICODE_NON_SPACING_MARK && ty != G_UNICODE_ENCLOSING_MARK)
            line += 1;
        if (line > w)
            w = line;
    }
    return w;
}

/* libxlsxwriter is opened when a workbook is written, not at start-up: with
 * the libcrypto and minizip it brings, it was a fifth of the start-up of
 * every phaen process (4.5 of 23 ms of CPU, perf stat, most of it page
 * faults in the dynamic loader) for the one command that uses it.  The
 * Makefile passes the soname of the library the header came with. */
#define LXW_FUNCS(X)                                                                      \
    X(workbook_new_opt) X(workbook_set_properties) X(workbook_add_format)                 \
    X(format_set_bold) X(format_set_bottom) X(format_set_num_format)                      \
    X(format_set_text_wrap) X(format_set_align) X(workbook_add_worksheet)                 \
    X(worksheet_freeze_panes) X(worksheet_write_string) X(worksheet_write_number)         \
    X(worksheet_set_column) X(workbook_close) X(lxw_strerror)

#ifndef PHAEN_XLSX_SONAME
#define PHAEN_XLSX_SONAME "libxlsxwriter.so"
#endif

static struct {
#define LXW_MEMBER(f) __typeof__(&f) f;
    LXW_FUNCS(LXW_MEMBER)
#undef LXW_MEMBER
} lxw;

/* Fills lxw once.  Returns 0, or -1 after reporting to d. */
static int lxw_open(Diag *d)
{
    static int opened;
    if (opened)
        return 0;
    void *h = dlopen(PHAEN_XLSX_SONAME, RTLD_NOW | RTLD_LOCAL);
    const char *missing = NULL;
#define LXW_SYM(f)                                                                        \
    if (h && !missing && !(*(void **)&lxw.f = dlsym(h, #f)))                              \
        missing = #f;
    LXW_FUNCS(LXW_SYM)
#undef LXW_SYM
    if (!h || missing) {
        diag_error(d, NULL, 0, "cannot write plan.xlsx: %s%s",
                   h ? "libxlsxwriter lacks " : "", h ? missing : dlerror());
        return -1;
    }
    opened = 1;
    return 0;
}

/* Writes the workbook with libxlsxwriter into a private folder (it can only
 * write a named file), then passes the bytes on through outfile.c. */
int export_xlsx(const Plan *p, Table *t[N_TABLES], const char *dir, Diag *d)
{
    if (lxw_open(d) != 0)
        return -1;
    const char *tmp = getenv("TMPDIR");
    char *priv = g_strdup_printf("%s/phaen-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!g_mkdtemp(priv)) {
        diag_error(d, priv, 0, "cannot make a temporary folder: %s", strerror(errno));
        g_free(priv);
        return -1;
    }
    char *path = g_build_filename(priv, "plan.xlsx", NULL);
    lxw_workbook_options wo = {.tmpdir = priv};
    lxw_workbook *wb = lxw.workbook_new_opt(path, &wo);
    int rc = -1;
    if (!wb) {
        diag_error(d, path, 0, "cannot start the workbook");
        goto out;
    }
    /* The plan's own date, not now: the same plan gives the same bytes. */
    struct tm tm = {.tm_year = p->date_y - 1900, .tm_mon = p->date_m - 1, .tm_mday = p->date_d};
    lxw_doc_properties props = {.title = (char *)p->title, .created = timegm(&tm)};
    lxw.workbook_set_properties(wb, &props);
    lxw_format *head = lxw.workbook_add_format(wb);
    lxw.format_set_bold(head);
    lxw.format_set_bottom(head, LXW_BORDER_THIN);
    lxw_format *money = lxw.workbook_add_format(wb);
    lxw.format_set_num_format(money, "#,##0");
    lxw_format *wrap = lxw.workbook_add_format(wb);
    lxw.format_set_text_wrap(wrap);
    lxw.format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

    for (size_t i = 0; i < N_TABLES; i++) {
        lxw_worksheet *ws = lxw.workbook_add_worksheet(wb, t[i]->name);
        lxw.worksheet_freeze_panes(ws, 1, 0);
        for (size_t k = 0; k < t[i]->n_cols; k++) {
            double w = text_width(t[i]->cols[k].key) + 2;
            lxw.worksheet_write_string(ws, 0, (lxw_col_t)k, t[i]->cols[k].key, head);
            for (size_t r = 0; r < t[i]->rows->len; r++) {
                const char *cell = ((char **)g_ptr_array_index(t[i]->rows, r))[k];
                lxw_row_t row = (lxw_row_t)(r + 1);
                ColType ty = t[i]->cols[k].type;
                double cw = text_width(cell) + 1;
                if (!*cell)
                    continue;
                if (ty == COL_AMOUNT) {
                    lxw.worksheet_write_number(ws, row, (lxw_col_t)k, (double)g_ascii_strtoll(cell, NULL, 10), money);
                    cw = cw + (cw - 1) / 3; /* the separators */
                } else if (ty == COL_INT) {
                    lxw.worksheet_write_number(ws, row, (lxw_col_t)k, (double)g_ascii_strtoll(cell, NULL, 10), NULL);
                } else {
                    lxw.worksheet_write_string(ws, row, (lxw_col_t)k, cell, strchr(cell, '\n') ? wrap : NULL);
                }
                if (cw > w)
                    w = cw;
            }
            /* long prose wraps in a column of at most 60 characters */
            lxw.worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, w > 60 ? 60 : w,
                                 w > 60 ? wrap : NULL);
        }
    }
    /* Totals: per fiscal year and program, then the plan. */
    lxw_worksheet *ws = lxw.workbook_add_worksheet(wb, "totals");
    lxw.worksheet_freeze_panes(ws, 1, 0);
    lxw.worksheet_write_string(ws, 0, 0, "program", head);
    for (size_t y = 0; y < p->n_fiscal_years; y++)
        lxw.worksheet_write_number(ws, 0, (lxw_col_t)(y + 1), p->fiscal_years[y], head);
    lxw.worksheet_write_string(ws, 0, (lxw_col_t)(p->n_fiscal_years + 1), "total", head);
    int64_t *col = g_new0(int64_t, p->n_fiscal_years + 1);
    for (size_t g = 0; g < p->n_programs; g++) {
        lxw.worksheet_write_string(ws, (lxw_row_t)(g + 1), 0, p->programs[g].id, NULL);
        int64_t row = 0;
        for (size_t y = 0; y < p->n_fiscal_years; y++) {
            int64_t sum = 0;
            for (size_t j = 0; j < p->programs[g].n_projects; j++)
                sum += project_budget(&p->programs[g].projects[j], p->fiscal_years[y]);
            lxw.worksheet_write_number(ws, (lxw_row_t)(g + 1), (lxw_col_t)(y + 1), (double)sum, money);
            row += sum;
            col[y] += sum;
        }
        col[p->n_fiscal_years] += row;
        lxw.worksheet_write_number(ws, (lxw_row_t)(g + 1), (lxw_col_t)(p->n_fiscal_years + 1), (double)row, money);
    }
    lxw_row_t last = (lxw_row_t)(p->n_programs + 1);
    lxw.worksheet_write_string(ws, last, 0, "total", head);
    for (size_t y = 0; y <= p->n_fiscal_years; y++)
        lxw.worksheet_write_number(ws, last, (lxw_col_t)(y + 1), (double)col[y], money);
    lxw.worksheet_set_column(ws, 0, 0, 12, NULL);
    lxw.worksheet_set_column(ws, 1, (lxw_col_t)(p->n_fiscal_years + 1), 16, NULL);
    g_free(col);

    lxw_error le = lxw.workbook_close(wb);
    if (le != LXW_NO_ERROR) {
        diag_error(d, path, 0, "cannot write the workbook: %s", lxw.lxw_strerror(le));
        goto out;
    }
    FILE *in = input_open(path, (size_t)1 << 31, "the workbook", d, NULL);
    size_t len = 0;
    char *bytes = in ? input_read(in, path, (size_t)1 << 31, "the workbook", d, &len) : NULL;
    if (in)
        fclose(in);
    if (bytes) {
        OutFile *f = export_stage(dir, "plan.xlsx", bytes, len, d);
        rc = export_commit(&f, 1, d);
        free(bytes);
    }
out:
    g_unlink(path);
    g_rmdir(priv);
    g_free(path);
    g_free(priv);
    return rc;
}
