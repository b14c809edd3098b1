/* verify.c - see verify.h. */
#include "verify.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "input.h"

/* The largest PDF verify reads: the PDFs of a 10,000-project plan are
 * tens of MB. */
enum { VERIFY_MAX_BYTES = 512 * 1024 * 1024 };

/* A document just rendered, when it has exactly len bytes (others cannot
 * match, and are not read). */
static char *fresh_of_size(const char *path, size_t len)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (uintmax_t)st.st_size != len)
        return NULL;
    FILE *f = fopen(path, "rb");
    char *buf = f ? malloc(len + 1) : NULL;
    int ok = buf && fread(buf, 1, len, f) == len;
    if (f)
        fclose(f);
    if (!ok) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Prints s with what a terminal would act on escaped as \xNN: control
 * bytes (C0, DEL, C1) and bytes that are not UTF-8.  A crafted PDF's
 * metadata or a file name must not move the cursor or set a title. */
static void put_plain(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3
              : (*p & 0xF8) == 0xF0 ? 4 : 0;
        int ok = n > 0;
        for (int i = 1; ok && i < n; i++)
            ok = (p[i] & 0xC0) == 0x80;
        if (ok && n == 2 && p[0] == 0xC2 && p[1] < 0xA0)
            ok = 0; /* C1 controls, U+0080..U+009F */
        if (ok && n == 1 && (*p < 0x20 || *p == 0x7F))
            ok = 0;
        if (!ok) {
            fprintf(out, "\\x%02X", *p++);
            continue;
        }
        fwrite(p, 1, (size_t)n, out);
        p += n;
    }
}

/* The value of `key=` in the provenance (up to ';' or ')'), copied to out. */
static int provenance(const char *pdf, size_t len, const char *key, char *out, size_t size)
{
    size_t klen = strlen(key);
    for (size_t i = 0; i + klen < len; i++) {
        if (pdf[i] != key[0] || memcmp(pdf + i, key, klen) != 0)
            continue;
        size_t j = i + klen, n = 0;
        while (j < len && pdf[j] != ';' && pdf[j] != ')' && n + 1 < size)
            out[n++] = pdf[j++];
        out[n] = '\0';
        return 1;
    }
    return 0;
}

int verify_check_input(const char *pdf, Diag *d)
{
    FILE *f = input_open(pdf, VERIFY_MAX_BYTES, "the PDF", d, NULL);
    if (!f)
        return -1;
    fclose(f);
    return 0;
}

/* The Title of the Info dictionary whose Keywords hold the provenance at
 * `key` (cairo writes Title before Keywords in it), as UTF-8; NULL when
 * there is none, or not in the forms cairo 1.16 writes an Info string
 * (_cairo_utf8_to_pdf_string): (printable ASCII but parentheses and
 * backslash), or <FEFF...> UTF-16BE in upper-case hex. */
static char *info_title(const char *pdf, size_t key)
{
    static const char tag[] = "/Title ";
    size_t i = key;
    for (;;) { /* back to the Title, not beyond the dictionary's "<<" */
        if (i < sizeof tag - 1)
            return NULL;
        i--;
        if (pdf[i] == '<' && pdf[i + 1] == '<')
            return NULL;
        if (!memcmp(pdf + i, tag, sizeof tag - 1))
            break;
    }
    const char *v = pdf + i + sizeof tag - 1, *end;
    if (*v == '(') {
        end = strchr(v + 1, ')'); /* pdf has a NUL past its bytes (input_read) */
        return end && !memchr(v + 1, '(', (size_t)(end - v - 1)) &&
               !memchr(v + 1, '\\', (size_t)(end - v - 1))
            ? g_strndup(v + 1, (size_t)(end - v - 1)) : NULL;
    }
    if (strncmp(v, "<FEFF", 5) != 0)
        return NULL;
    size_t n = strspn(v + 5, "0123456789ABCDEF");
    if (v[5 + n] != '>' || n % 4 != 0)
        return NULL;
    gunichar2 *u = g_new(gunichar2, n / 4 + 1);
    for (size_t k = 0; k < n / 4; k++) {
        char hex[5] = {v[5 + 4 * k], v[6 + 4 * k], v[7 + 4 * k], v[8 + 4 * k], 0};
        u[k] = (gunichar2)strtoul(hex, NULL, 16);
    }
    char *title = g_utf16_to_utf8(u, (glong)(n / 4), NULL, NULL, NULL);
    g_free(u);
    return title;
}

int verify_may_match(const char *pdf, const char *sha256_hex, char **title)
{
    *title = NULL;
    size_t len, mlen = 0;
    char *msgs = NULL;
    FILE *mf = open_memstream(&msgs, &mlen);
    if (!mf)
        return 1;
    Diag quiet; /* verify_pdf() reports what goes wrong */
    diag_init(&quiet, mf, 0);
    FILE *f = input_open(pdf, VERIFY_MAX_BYTES, "the PDF", &quiet, NULL);
    char *bytes = f ? input_read(f, pdf, VERIFY_MAX_BYTES, "the PDF", &quiet, &len) : NULL;
    if (f)
        fclose(f);
    fclose(mf);
    free(msgs);
    if (!bytes)
        return 1;
    char key[96];
    snprintf(key, sizeof key, "source-sha256=%s", sha256_hex);
    size_t klen = strlen(key);
    int found = 0;
    size_t i;
    for (i = 0; !found && i + klen <= len; i++)
        found = bytes[i] == key[0] && memcmp(bytes + i, key, klen) == 0;
    if (found)
        *title = info_title(bytes, i - 1);
    free(bytes);
    return found;
}

VerifyResult verify_pdf(const char *pdf, const char *const *fresh, size_t n,
                        const char *sha256_hex, FILE *out, Diag *d)
{
    size_t len;
    FILE *f = input_open(pdf, VERIFY_MAX_BYTES, "the PDF", d, NULL);
    char *bytes = f ? input_read(f, pdf, VERIFY_MAX_BYTES, "the PDF", d, &len) : NULL;
    if (f)
        fclose(f);
    if (!bytes)
        return VERIFY_IO_ERROR;
    for (size_t i = 0; i < n; i++) {
        char *other = fresh_of_size(fresh[i], len);
        int same = other && memcmp(other, bytes, len) == 0;
        free(other);
        if (same) {
            const char *base = strrchr(fresh[i], '/');
            put_plain(out, pdf);
            fprintf(out, ": exactly what this plan renders to (%s)\n", base ? base + 1 : fresh[i]);
            free(bytes);
            return VERIFY_EXACT;
        }
    }
    char sha[80], version[64] = "?", gen[64] = "?", tpl[64] = "?";
    VerifyResult r;
    put_plain(out, pdf);
    if (!provenance(bytes, len, "source-sha256=", sha, sizeof sha)) {
        fputs(": not made by phaen (no provenance in its metadata)\n", out);
        r = VERIFY_UNKNOWN;
    } else {
        provenance(bytes, len, "plan-version=", version, sizeof version);
        provenance(bytes, len, "generator=", gen, sizeof gen);
        provenance(bytes, len, "template=", tpl, sizeof tpl);
        if (!strcmp(sha, sha256_hex)) {
            fprintf(out, ": made from this plan's source (sha256 %.12s…, version ", sha);
            put_plain(out, version);
            fputs("), but not what it renders to now (made by ", out);
            put_plain(out, gen);
            fputs(", template ", out);
            put_plain(out, tpl);
            fputs(")\n", out);
            r = VERIFY_SAME_SOURCE;
        } else {
            /* The recorded hash is 64 hex digits when phaen wrote it; cut
             * anything else to what it would be, escaped. */
            sha[12] = '\0';
            fputs(": made from another source (sha256 ", out);
            put_plain(out, sha);
            fputs("…, plan version ", out);
            put_plain(out, version);
            fprintf(out, "), not from this plan (sha256 %.12s…)\n", sha256_hex);
            r = VERIFY_OTHER_SOURCE;
        }
    }
    free(bytes);
    return r;
}
