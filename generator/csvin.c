/* csvin.c - a CSV file into rows of cells (csvin.h). */
#include "csvin.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

typedef struct Parse {
    CsvTable *t;
    GPtrArray *cur;         /* the cells of the record being read */
    int rec;                /* records read so far */
} Parse;

static void on_field(void *s, size_t len, void *data)
{
    Parse *ps = data;
    g_ptr_array_add(ps->cur, g_strndup(s ? s : "", s ? len : 0));
}

static void on_record(int c, void *data)
{
    Parse *ps = data;
    ps->rec++;
    g_ptr_array_add(ps->cur, NULL);
    size_t n = ps->cur->len - 1;
    char **cells = (char **)g_ptr_array_free(ps->cur, FALSE);
    ps->cur = g_ptr_array_new();
    if (!ps->t->keys) {
        ps->t->keys = cells;
        ps->t->n_keys = n;
        return;
    }
    CsvRow *r = g_new0(CsvRow, 1);
    r->rec = ps->rec;
    r->cells = cells;
    r->n = n;
    g_ptr_array_add(ps->t->rows, r);
}

static void row_free(gpointer p)
{
    CsvRow *r = p;
    g_strfreev(r->cells);
    g_free(r);
}

int csvin_read(const char *path, size_t limit, const char *what, const char *col1, Diag *d,
               int *io, CsvTable *out)
{
    *out = (CsvTable){0};
    FILE *f = input_open(path, limit, what, d, NULL);
    size_t len = 0;
    char *buf = f ? input_read(f, path, limit, what, d, &len) : NULL;
    if (f)
        fclose(f);
    if (!buf) {
        *io = 1;
        return -1;
    }
    out->rows = g_ptr_array_new_with_free_func(row_free);
    Parse ps = {.t = out, .cur = g_ptr_array_new()};
    size_t skip = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
    struct csv_parser cp;
    csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI);
    int bad = csv_parse(&cp, buf + skip, len - skip, on_field, on_record, &ps) != len - skip;
    if (!bad && csv_fini(&cp, on_field, on_record, &ps) != 0)
        bad = 1;
    if (bad) {
        char *place = g_strdup_printf("%s:%d:%s", path, ps.rec + 1, col1);
        diag_error(d, place, 0, "not CSV as RFC 4180 says it: %s (a quote inside a "
                   "quoted cell must be doubled)", csv_strerror(csv_error(&cp)));
        g_free(place);
    }
    csv_free(&cp);
    free(buf);
    g_ptr_array_free(ps.cur, TRUE);
    if (bad) {
        g_strfreev(out->keys);
        g_ptr_array_free(out->rows, TRUE);
        *out = (CsvTable){0};
        return -1;
    }
    return 0;
}
