/* diag.c - see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

void diag_init(Diag *d, FILE *out, int max_shown)
{
    d->out = out;
    d->max_shown = max_shown;
    d->errors = d->warnings = d->suppressed = 0;
    d->last_shown = 0;
}

static void emit(Diag *d, const char *file, int line, const char *what,
                 const char *fmt, va_list ap)
{
    if (file && line > 0)
        fprintf(d->out, "%s:%d: %s: ", file, line, what);
    else if (file)
        fprintf(d->out, "%s: %s: ", file, what);
    else
        fprintf(d->out, "phaen: %s: ", what);
    vfprintf(d->out, fmt, ap);
    fputc('\n', d->out);
}

/* Called after the new problem was counted: whether it may be shown. */
static int admit(Diag *d)
{
    int shown = d->errors + d->warnings - d->suppressed - 1; /* before this one */
    d->last_shown = d->max_shown <= 0 || shown < d->max_shown;
    if (!d->last_shown)
        d->suppressed++;
    return d->last_shown;
}

void diag_error(Diag *d, const char *file, int line, const char *fmt, ...)
{
    d->errors++;
    if (!admit(d))
        return;
    va_list ap;
    va_start(ap, fmt);
    emit(d, file, line, "error", fmt, ap);
    va_end(ap);
}

void diag_warning(Diag *d, const char *file, int line, const char *fmt, ...)
{
    d->warnings++;
    if (!admit(d))
        return;
    va_list ap;
    va_start(ap, fmt);
    emit(d, file, line, "warning", fmt, ap);
    va_end(ap);
}

void diag_note(Diag *d, const char *file, int line, const char *fmt, ...)
{
    if (!d->last_shown)
        return;
    va_list ap;
    va_start(ap, fmt);
    emit(d, file, line, "note", fmt, ap);
    va_end(ap);
}

void diag_finish(Diag *d)
{
    if (d->suppressed > 0)
        fprintf(d->out, "phaen: note: %d more problem%s not shown "
                "(%d error%s, %d warning%s in all)\n",
                d->suppressed, d->suppressed == 1 ? "" : "s",
                d->errors, d->errors == 1 ? "" : "s",
                d->warnings, d->warnings == 1 ? "" : "s");
    fflush(d->out);
}

size_t diag_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > limit || la > 128 || lb > 128)
        return limit + 1;
    size_t row[129];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best;
        row[0] = best = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > limit) /* every later row is at least this */
            return limit + 1;
    }
    return row[lb] <= limit ? row[lb] : limit + 1;
}
