/* csvout.c - CSV text as RFC 4180 says it: see csvout.h. */
#include "csvout.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void csvout_init(CsvOut *c)
{
    c->buf = g_string_new("\xEF\xBB\xBF");
    c->cells = 0;
}

static int needs_quotes(const char *s)
{
    size_t n = strlen(s);
    if (n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        return 1;
    return strpbrk(s, ",\"\r\n") != NULL;
}

void csvout_cell(CsvOut *c, const char *s)
{
    if (c->cells++)
        g_string_append_c(c->buf, ',');
    if (!s)
        return;
    if (!needs_quotes(s)) {
        g_string_append(c->buf, s);
        return;
    }
    g_string_append_c(c->buf, '"');
    for (; *s; s++) {
        if (*s == '"')
            g_string_append_c(c->buf, '"');
        g_string_append_c(c->buf, *s);
    }
    g_string_append_c(c->buf, '"');
}

void csvout_int(CsvOut *c, int64_t v)
{
    char num[32];
    snprintf(num, sizeof num, "%" PRId64, v);
    csvout_cell(c, num);
}

void csvout_row(CsvOut *c)
{
    g_string_append(c->buf, "\r\n");
    c->cells = 0;
}

void csvout_free(CsvOut *c)
{
    if (c->buf)
        g_string_free(c->buf, TRUE);
    c->buf = NULL;
}
