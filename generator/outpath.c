/* outpath.c - see outpath.h. */
#include "outpath.h"

#include <string.h>
#include <strings.h>

int outpath_name_ok(const char *name)
{
    if (!name || !*name || name[0] == '.' || strlen(name) > 200)
        return 0;
    for (const char *s = name; *s; s++) {
        char ch = *s;
        /* ASCII only, spelled out: isalnum() would follow the locale. */
        int ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                 (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
        if (!ok)
            return 0;
    }
    return 1;
}

int outpath_reserved(const char *id)
{
    return id && strcasecmp(id, "all-sheets") == 0;
}
