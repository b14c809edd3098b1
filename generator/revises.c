/* revises.c - the earlier version a plan revises; see revises.h. */
#include "revises.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "load.h"
#include "resolve.h"

char *plan_revises_path(const Plan *p)
{
    if (!p->revises_href)
        return NULL;
    const char *href = p->revises_href;
    const char *slash = strrchr(p->file, '/');
    /* absolute, or a plan read from stdin or from the current folder: as is */
    size_t dir = href[0] == '/' || !slash ? 0 : (size_t)(slash - p->file) + 1;
    size_t n = dir + strlen(href) + 1;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%.*s%s", (int)dir, p->file, href);
    return out;
}

static void hex(const unsigned char sha[32], char out[65])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = digits[sha[i] >> 4];
        out[2 * i + 1] = digits[sha[i] & 15];
    }
    out[64] = '\0';
}

int plan_resolve_revises(Plan *p, Diag *d)
{
    if (!p->revises_href || p->revised)
        return 0;
    char *path = plan_revises_path(p);
    if (!path) {
        diag_error(d, p->file, p->revises_line, "out of memory");
        return 1;
    }
    if (access(path, R_OK) != 0) {
        diag_error(d, p->file, p->revises_line, "the earlier version '%s' this plan "
                   "revises cannot be read (%s): %s", p->revises_href, path,
                   strerror(errno));
        free(path);
        return 1;
    }
    int before = d->errors;
    LoadOptions lo = {0};
    Plan *old = plan_load(path, &lo, d);
    if (!old) {
        diag_error(d, p->file, p->revises_line, "the earlier version '%s' this plan "
                   "revises is not a valid plan (see above)", p->revises_href);
        free(path);
        return d->errors - before;
    }
    char got[65];
    hex(old->sha256, got);
    if (strcasecmp(got, p->revises_sha256) != 0) {
        diag_error(d, p->file, p->revises_line, "the SHA-256 of '%s' is %s, not the %s "
                   "written here: that file changed after this version was written, or "
                   "<revises> names the wrong file", p->revises_href, got,
                   p->revises_sha256);
        plan_free(old);
        free(path);
        return 1;
    }
    /* one level: the earlier version's own <revises> is not followed */
    old->revises_href = NULL;
    if (plan_resolve(old, d) != 0)
        diag_error(d, p->file, p->revises_line, "the earlier version '%s' this plan "
                   "revises has errors (see above)", p->revises_href);
    p->revised = old;
    free(path);
    return d->errors - before;
}
