/* pdfpost.c - see pdfpost.h.
 *
 * Reads only what it needs of the file: its tail (trailer and startxref),
 * the cross-reference entry of the catalog and the catalog object itself.
 */
#include "pdfpost.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define TAIL 4096
#define MAX_OBJ 65536

/* Reads up to n bytes at offset into a new NUL-terminated buffer; *got is
 * how many.  NULL on error. */
static char *read_at(FILE *f, long offset, size_t n, size_t *got)
{
    char *buf = malloc(n + 1);
    if (!buf || fseek(f, offset, SEEK_SET) != 0) {
        free(buf);
        return NULL;
    }
    *got = fread(buf, 1, n, f);
    if (ferror(f)) {
        free(buf);
        return NULL;
    }
    buf[*got] = '\0';
    return buf;
}

/* The last occurrence of key in buf[0..n). */
static const char *find_last(const char *buf, size_t n, const char *key)
{
    size_t k = strlen(key);
    for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
        if (memcmp(buf + i, key, k) == 0)
            return buf + i;
    return NULL;
}

/* The integer after key in the trailer dictionary t ("/Size 366"). */
static long trailer_int(const char *t, const char *key)
{
    const char *at = strstr(t, key);
    if (!at)
        return -1;
    at += strlen(key);
    char *end;
    long v = strtol(at, &end, 10);
    return end == at ? -1 : v;
}

/* The byte offset of object num from the cross-reference table at xref,
 * or -1. */
static long object_offset(FILE *f, long xref, long num)
{
    size_t got;
    char *buf = read_at(f, xref, 64, &got);
    if (!buf)
        return -1;
    long result = -1;
    const char *p = buf;
    if (strncmp(p, "xref", 4) != 0)
        goto done;
    p += 4;
    /* "first count" and 20-byte entries: cairo writes one subsection */
    char *end;
    long first = strtol(p, &end, 10);
    if (end == p)
        goto done;
    p = end;
    long count = strtol(p, &end, 10);
    if (end == p || num < first || num >= first + count)
        goto done;
    while (*end == ' ' || *end == '\r' || *end == '\n')
        end++;
    long entry = xref + (long)(end - buf) + (num - first) * 20;
    free(buf);
    buf = read_at(f, entry, 20, &got);
    if (buf && got == 20 && buf[17] == 'n')
        result = strtol(buf, NULL, 10);
done:
    free(buf);
    return result;
}

int pdfpost_lang_update(FILE *f, const char *lang, char **update, size_t *update_len)
{
    *update = NULL;
    *update_len = 0;
    for (const char *c = lang; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
              (*c >= '0' && *c <= '9') || *c == '-')) {
            errno = EINVAL;
            return -1;
        }
    if (fflush(f) != 0 || fseek(f, 0, SEEK_END) != 0)
        return -1;
    long size = ftell(f);
    if (size < 0)
        return -1;
    long from = size > TAIL ? size - TAIL : 0;
    size_t got;
    char *tail = read_at(f, from, (size_t)(size - from), &got);
    if (!tail)
        return -1;
    int rc = -1;
    char *obj = NULL;
    const char *sx = find_last(tail, got, "startxref");
    const char *tr = find_last(tail, got, "trailer");
    long prev = sx ? strtol(sx + 9, NULL, 10) : -1;
    long n_objs = tr ? trailer_int(tr, "/Size") : -1;
    long root = tr ? trailer_int(tr, "/Root") : -1;
    long info = tr ? trailer_int(tr, "/Info") : -1;
    long at = prev > 0 && root > 0 ? object_offset(f, prev, root) : -1;
    if (n_objs <= 0 || at < 0) {
        errno = EINVAL;
        goto out;
    }
    obj = read_at(f, at, MAX_OBJ, &got);
    if (!obj)
        goto out;
    /* "365 0 obj\n<< ... >>\nendobj": the dictionary, nested << >> kept */
    char *open = strstr(obj, "<<");
    char *close = NULL;
    int depth = 0;
    for (char *p = open; p && *p; p++) {
        if (p[0] == '<' && p[1] == '<') {
            depth++;
            p++;
        } else if (p[0] == '>' && p[1] == '>') {
            if (--depth == 0) {
                close = p;
                break;
            }
            p++;
        }
    }
    if (!open || !close) {
        errno = EINVAL;
        goto out;
    }
    *close = '\0';
    if (strstr(open, "/Lang")) {
        rc = 0; /* already there */
        goto out;
    }
    /* The update: the catalog again with /Lang, its xref entry, a trailer,
     * made in memory; offsets count from the end of the file (size). */
    FILE *m = open_memstream(update, update_len);
    if (!m)
        goto out;
    long obj_at = size + 1;
    int bad = fprintf(m, "\n%ld 0 obj\n<< /Lang (%s)\n  %s>>\nendobj\n", root, lang, open + 2) < 0;
    long xref_at = size + ftell(m);
    bad = bad ||
          fprintf(m, "xref\n0 1\n0000000000 65535 f \n%ld 1\n%010ld 00000 n \n", root, obj_at) < 0 ||
          fprintf(m, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", n_objs, root) < 0 ||
          (info > 0 && fprintf(m, "   /Info %ld 0 R\n", info) < 0) ||
          fprintf(m, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", prev, xref_at) < 0;
    if (fclose(m) != 0 || bad) {
        free(*update);
        *update = NULL;
        *update_len = 0;
        errno = ENOMEM;
        goto out;
    }
    rc = 0;
out:
    free(obj);
    free(tail);
    return rc;
}
