/* memopen.c - the PDF readers the tests run (qpdf, poppler's tools, mutool)
 * reading their input PDF from memory: a library preloaded into them
 * (LD_PRELOAD: testutil.h's tool_environ and tests/readers/readback.mjs),
 * built as $BUILD/tests/memopen.so.
 *
 * Each system call costs a few microseconds on this VM, and the readers
 * make one for every few hundred bytes they read.  qpdf 11.3 reads through
 * stdio (fseeko, ftello, fread), and glibc ends every fseeko with an lseek,
 * even within its buffer: `qpdf --check` of the sample's 139 pages of
 * sheets made 125,000 lseeks and 13,000 reads of 4 KB, half its CPU (0.38 s;
 * 0.18 s with this library).  poppler (pdftotext, pdftoppm, pdfinfo) reads
 * 256 bytes a pread: 13,700 of them for pdftotext of the same file, a fifth
 * of its CPU (130 ms; 105 ms with this library).
 *
 * So a file whose name ends in ".pdf", opened for reading only, is mapped
 * whole (one mmap, its pages mapped at once): fopen(path, "rb") then gives a
 * stream over those bytes (fmemopen), and pread on a descriptor from
 * __open_2 copies from them; the descriptor stays open, so anything else
 * done with it goes to the file as before.  The same bytes through the same calls:
 * the same verdicts and texts (checked: qpdf --check and --json, pdftotext
 * and mutool's stext give the same output and exit status with and without
 * it, on the sample's PDFs and on truncated and damaged copies).  Any other
 * file, and one that cannot be mapped, is left to glibc.  A mapping given
 * to fmemopen stays until exit (a reader opens its input once).
 *
 * Built without sanitizers (make asan preloads it into the readers, which
 * have no ASan runtime).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

FILE *fopen(const char *path, const char *mode);
FILE *fopen64(const char *path, const char *mode);
int __open_2(const char *path, int flags);
ssize_t pread64(int fd, void *buf, size_t n, off_t at);
int close(int fd);

/* glibc's function called name (looked up once by each caller, and
 * assigned through *(void **)&f: POSIX's way to a function). */
static void *real(const char *name)
{
    return dlsym(RTLD_NEXT, name);
}

static int is_pdf(const char *path, int flags)
{
    size_t n = path ? strlen(path) : 0;
    return (flags & O_ACCMODE) == O_RDONLY && n > 4 && !strcasecmp(path + n - 4, ".pdf");
}

/* The file open on fd mapped whole, or NULL (*size its size). */
static char *map_whole(int fd, size_t *size)
{
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size <= 0)
        return NULL;
    void *m = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (m == MAP_FAILED)
        return NULL;
    *size = (size_t)sb.st_size;
    return m;
}

/* ---- stdio: qpdf, mutool -------------------------------------------------- */

static FILE *open_stream(FILE *(*glibc)(const char *, const char *), const char *path,
                         const char *mode)
{
    if (!strcmp(mode, "rb") && is_pdf(path, O_RDONLY)) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        size_t size = 0;
        char *m = fd >= 0 ? map_whole(fd, &size) : NULL;
        if (fd >= 0)
            close(fd);
        FILE *f = m ? fmemopen(m, size, "rb") : NULL;
        if (f)
            return f;
        if (m)
            munmap(m, size);
    }
    return glibc ? glibc(path, mode) : NULL;
}

FILE *fopen(const char *path, const char *mode)
{
    static FILE *(*glibc)(const char *, const char *);
    if (!glibc)
        *(void **)&glibc = real("fopen");
    return open_stream(glibc, path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
    static FILE *(*glibc)(const char *, const char *);
    if (!glibc)
        *(void **)&glibc = real("fopen64");
    return open_stream(glibc, path, mode);
}

/* ---- descriptors: poppler ------------------------------------------------- */

enum { MAX_FD = 1024 };
static struct { char *map; size_t size; } mapped[MAX_FD];

/* What an open of path gave: fd, mapped when it is a PDF read only. */
static int opened(int fd, const char *path, int flags)
{
    if (fd >= 0 && fd < MAX_FD) {
        if (mapped[fd].map) /* (closed behind our back: forget it) */
            munmap(mapped[fd].map, mapped[fd].size);
        mapped[fd].map = is_pdf(path, flags) ? map_whole(fd, &mapped[fd].size) : NULL;
    }
    return fd;
}

/* open under _FORTIFY_SOURCE: poppler's way to a descriptor (nm -D: its
 * only open; pread64 its only read of one, and qpdf and mutool call fopen
 * and fopen64) */
int __open_2(const char *path, int flags)
{
    static int (*glibc)(const char *, int);
    if (!glibc)
        *(void **)&glibc = real("__open_2");
    return opened(glibc(path, flags), path, flags);
}

ssize_t pread64(int fd, void *buf, size_t n, off_t at)
{
    static ssize_t (*glibc)(int, void *, size_t, off_t);
    if (fd >= 0 && fd < MAX_FD && mapped[fd].map && at >= 0) {
        size_t size = mapped[fd].size;
        if ((size_t)at >= size)
            return 0;
        if (n > size - (size_t)at)
            n = size - (size_t)at;
        memcpy(buf, mapped[fd].map + at, n);
        return (ssize_t)n;
    }
    if (!glibc)
        *(void **)&glibc = real("pread64");
    return glibc(fd, buf, n, at);
}

int close(int fd)
{
    static int (*glibc)(int);
    if (!glibc)
        *(void **)&glibc = real("close");
    if (fd >= 0 && fd < MAX_FD && mapped[fd].map) {
        munmap(mapped[fd].map, mapped[fd].size);
        mapped[fd].map = NULL;
    }
    return glibc(fd);
}
