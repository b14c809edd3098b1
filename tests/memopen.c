/* memopen.c - qpdf reading its input from memory: a library the tests
 * preload into qpdf (LD_PRELOAD, testutil.h's spawn_argv and
 * tests/readers/readback.mjs), built as $BUILD/tests/memopen.so.
 *
 * qpdf 11.3 reads a PDF through stdio (FileInputSource: fseeko, ftello,
 * fread), and glibc ends every fseeko with an lseek, even one within its
 * buffer; qpdf seeks before almost every token: `qpdf --check` of the
 * sample's 139 pages of sheets made 125,000 lseeks and 13,000 reads of 4 KB,
 * half its CPU on this VM (0.38 s; 0.18 s with this library).  Here fopen
 * of a regular file for reading ("rb": qpdf's only mode for its input)
 * reads the whole file and hands out a stream over those bytes
 * (fmemopen): the same bytes through the same stdio calls, so the same
 * verdicts and messages (checked: the same output and exit status on
 * clean, truncated and damaged PDFs, --check and --json).  Anything else,
 * and a file that cannot be read whole, goes to glibc's fopen as before.
 * The bytes are not freed: qpdf opens its input once and exits.
 *
 * Built without sanitizers (make asan preloads it into qpdf too, which
 * has no ASan runtime).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *fopen(const char *path, const char *mode);
FILE *fopen64(const char *path, const char *mode);

/* The file at path as a stream over its bytes, or NULL. */
static FILE *in_memory(const char *path)
{
    struct stat sb;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    char *buf = NULL;
    size_t got = 0;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
        (buf = malloc((size_t)sb.st_size)) != NULL)
        for (ssize_t n; got < (size_t)sb.st_size &&
                        (n = read(fd, buf + got, (size_t)sb.st_size - got)) > 0;)
            got += (size_t)n;
    close(fd);
    FILE *f = buf && got == (size_t)sb.st_size ? fmemopen(buf, got, "rb") : NULL;
    if (!f)
        free(buf);
    return f;
}

static FILE *open_as(const char *name, const char *path, const char *mode)
{
    FILE *f = !strcmp(mode, "rb") ? in_memory(path) : NULL;
    if (!f) {
        FILE *(*real)(const char *, const char *);
        *(void **)&real = dlsym(RTLD_NEXT, name); /* (POSIX's way to a function) */
        f = real ? real(path, mode) : NULL;
    }
    return f;
}

FILE *fopen(const char *path, const char *mode)
{
    return open_as("fopen", path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
    return open_as("fopen64", path, mode);
}
