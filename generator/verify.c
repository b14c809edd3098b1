/* verify.c - see verify.h. */
#include "verify.h"

#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, k;
    char *buf = malloc(cap + 1);
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            char *nb = realloc(buf, (cap *= 2) + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
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

VerifyResult verify_pdf(const char *pdf, const char *const *fresh, size_t n,
                        const char *sha256_hex, FILE *out)
{
    size_t len;
    char *bytes = slurp(pdf, &len);
    if (!bytes) {
        fprintf(out, "%s: cannot be read\n", pdf);
        return VERIFY_IO_ERROR;
    }
    for (size_t i = 0; i < n; i++) {
        size_t flen;
        char *other = slurp(fresh[i], &flen);
        int same = other && flen == len && memcmp(other, bytes, len) == 0;
        free(other);
        if (same) {
            const char *base = strrchr(fresh[i], '/');
            fprintf(out, "%s: exactly what this plan renders to (%s)\n", pdf,
                    base ? base + 1 : fresh[i]);
            free(bytes);
            return VERIFY_EXACT;
        }
    }
    char sha[80], version[64] = "?", gen[64] = "?", tpl[64] = "?";
    VerifyResult r;
    if (!provenance(bytes, len, "source-sha256=", sha, sizeof sha)) {
        fprintf(out, "%s: not made by phaen (no provenance in its metadata)\n", pdf);
        r = VERIFY_UNKNOWN;
    } else {
        provenance(bytes, len, "plan-version=", version, sizeof version);
        provenance(bytes, len, "generator=", gen, sizeof gen);
        provenance(bytes, len, "template=", tpl, sizeof tpl);
        if (!strcmp(sha, sha256_hex)) {
            fprintf(out, "%s: made from this plan's source (sha256 %.12s…, version %s), "
                         "but not what it renders to now (made by %s, template %s)\n",
                    pdf, sha, version, gen, tpl);
            r = VERIFY_SAME_SOURCE;
        } else {
            fprintf(out, "%s: made from another source (sha256 %.12s…, plan version %s), "
                         "not from this plan (sha256 %.12s…)\n",
                    pdf, sha, version, sha256_hex);
            r = VERIFY_OTHER_SOURCE;
        }
    }
    free(bytes);
    return r;
}
