/* input.c - see input.h. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t m)
{
    return S_ISDIR(m) ? "a folder" : S_ISCHR(m) ? "a character device"
         : S_ISBLK(m) ? "a block device" : S_ISFIFO(m) ? "a FIFO (named pipe)"
         : S_ISSOCK(m) ? "a socket" : "not a file";
}

FILE *input_open(const char *path, size_t limit, const char *what, Diag *d, size_t *size)
{
    /* O_NONBLOCK: opening a FIFO with no writer would wait forever. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        diag_error(d, path, 0, "cannot read %s: %s", what, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        diag_error(d, path, 0, "cannot read %s: %s", what, strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_error(d, path, 0, "cannot read %s: it is %s, not a regular file", what,
                   kind_of(st.st_mode));
        close(fd);
        return NULL;
    }
    if ((uintmax_t)st.st_size > limit) {
        diag_error(d, path, 0, "%s is %jd bytes; the limit is %zu", what,
                   (intmax_t)st.st_size, limit);
        close(fd);
        return NULL;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        diag_error(d, path, 0, "cannot read %s: %s", what, strerror(errno));
        close(fd);
        return NULL;
    }
    if (size)
        *size = (size_t)st.st_size;
    return f;
}

char *input_read(FILE *f, const char *path, size_t limit, const char *what, Diag *d,
                 size_t *len)
{
    size_t cap = 65536, n = 0;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && st.st_size > 0 && (uintmax_t)st.st_size <= limit)
        cap = (size_t)st.st_size + 1;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf) {
            diag_error(d, path, 0, "out of memory reading %s", what);
            return NULL;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (n > limit) {
            diag_error(d, path, 0, "%s is more than %zu bytes, the limit", what, limit);
            free(buf);
            return NULL;
        }
        if (k == 0)
            break;
        if (n == cap) {
            size_t ncap = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            char *nb = realloc(buf, ncap + 1);
            if (!nb)
                free(buf);
            buf = nb;
            cap = ncap;
        }
    }
    if (ferror(f)) {
        diag_error(d, path, 0, "cannot read %s: %s", what, strerror(errno ? errno : EIO));
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}
