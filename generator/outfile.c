/* outfile.c - see outfile.h. */
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outpath.h"

#define TMP_MARK ".phaen-"

struct OutFile {
    char *path;          /* the target */
    char *tmp;           /* the temporary beside it */
    FILE *file;          /* NULL once closed */
    uint64_t written;    /* bytes handed to outfile_write() */
    int err;             /* the first failure, kept for outfile_close() */
    const char *step;
    OutFile *prev, *next; /* the list of live temporaries */
};

/* Every live temporary of the process.  The lock is held while a temporary
 * is made (so none exists unlisted), while temporaries are renamed, and for
 * good by outfile_remove_all(). */
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
static OutFile *live;

static void unlist(OutFile *f)
{
    if (f->prev)
        f->prev->next = f->next;
    else if (live == f)
        live = f->next;
    if (f->next)
        f->next->prev = f->prev;
    f->prev = f->next = NULL;
}

static void set_error(OutError *e, int err, const char *step)
{
    if (e) {
        e->err = err ? err : EIO;
        e->step = step;
    }
}

/* The process umask, read once: umask() can only be read by setting it,
 * which must not happen while other threads create files. */
static mode_t process_umask;
static pthread_once_t umask_once = PTHREAD_ONCE_INIT;

static void read_umask(void)
{
    process_umask = umask(022);
    umask(process_umask);
}

static void free_file(OutFile *f)
{
    free(f->path);
    free(f->tmp);
    free(f);
}

OutFile *outfile_create(const char *path, OutError *e)
{
    pthread_once(&umask_once, read_umask);
    OutFile *f = calloc(1, sizeof *f);
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(path) + sizeof TMP_MARK + 8;
    if (f) {
        f->path = strdup(path);
        f->tmp = malloc(n);
    }
    if (!f || !f->path || !f->tmp) {
        if (f)
            free_file(f);
        set_error(e, ENOMEM, "cannot create a file in this folder");
        return NULL;
    }
    snprintf(f->tmp, n, "%.*s.%s" TMP_MARK "XXXXXX", (int)dirlen, path, base);
    /* The rename would replace whatever has the name: never a device
     * (diff -o /dev/null as root), a folder or a FIFO. */
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
        free_file(f);
        set_error(e, EEXIST, "it is not a regular file, and phaen replaces only files");
        return NULL;
    }
    pthread_mutex_lock(&live_lock);
    int fd = mkstemp(f->tmp);
    int err = errno;
    if (fd >= 0) {
        f->next = live;
        if (live)
            live->prev = f;
        live = f;
    }
    pthread_mutex_unlock(&live_lock);
    if (fd < 0) {
        free_file(f);
        set_error(e, err, "cannot create a file in this folder");
        return NULL;
    }
    /* mkstemp makes the file private; give it the mode a new file gets. */
    (void)fchmod(fd, 0666 & ~process_umask);
    f->file = fdopen(fd, "w+b");
    if (!f->file) {
        err = errno;
        close(fd);
        outfile_discard(f);
        set_error(e, err, "cannot write");
        return NULL;
    }
    return f;
}

int outfile_write(OutFile *f, const void *data, size_t len)
{
    if (f->err)
        return -1;
    errno = 0;
    if (fwrite(data, 1, len, f->file) != len) {
        f->err = errno ? errno : EIO;
        f->step = "cannot write";
        return -1;
    }
    f->written += len;
    return 0;
}

FILE *outfile_stream(OutFile *f)
{
    return f->file;
}

int outfile_rewrite(OutFile *f, const void *data, size_t len)
{
    if (f->err)
        return -1;
    if (fflush(f->file) != 0 || fseek(f->file, 0, SEEK_SET) != 0 ||
        ftruncate(fileno(f->file), 0) != 0) {
        f->err = errno ? errno : EIO;
        f->step = "cannot write";
        return -1;
    }
    f->written = 0;
    return outfile_write(f, data, len);
}

int outfile_close(OutFile *f, OutError *e)
{
    FILE *file = f->file;
    f->file = NULL;
    if (!file)
        return f->err ? (set_error(e, f->err, f->step), -1) : 0;
    struct stat st;
    int fd = fileno(file);
    if (!f->err && fflush(file) != 0) {
        f->err = errno;
        f->step = "cannot write";
    }
    if (!f->err && fsync(fd) != 0) {
        f->err = errno;
        f->step = "cannot sync to disk";
    }
    if (!f->err && fstat(fd, &st) != 0) {
        f->err = errno;
        f->step = "cannot check the written size";
    }
    if (!f->err && (uint64_t)st.st_size != f->written) {
        f->err = EIO; /* someone else's writes or a lying file system */
        f->step = "the file on disk is not the size written";
    }
    if (fclose(file) != 0 && !f->err) {
        f->err = errno;
        f->step = "cannot close";
    }
    if (f->err) {
        set_error(e, f->err, f->step);
        return -1;
    }
    return 0;
}

/* The folder of path ("." when none), malloc'd. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Makes renames in the folder durable; failure here loses nothing already
 * in place, so it is not an error. */
static void sync_folder(const char *path)
{
    char *dir = folder_of(path);
    int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY) : -1;
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

/* Renames f into place with live_lock held. */
static int rename_locked(OutFile *f, OutError *e)
{
    if (f->file || f->err) {
        set_error(e, f->err ? f->err : EINVAL, f->err ? f->step : "not closed");
        return -1;
    }
    if (rename(f->tmp, f->path) != 0) {
        set_error(e, errno, "cannot put the file in place");
        return -1;
    }
    unlist(f);
    return 0;
}

int outfile_commit_all(OutFile **files, size_t n, OutError *e, size_t *failed)
{
    int rc = 0;
    size_t k = 0;
    pthread_mutex_lock(&live_lock);
    for (; k < n && rc == 0; k++)
        if (files[k] && rename_locked(files[k], e) != 0) {
            rc = -1;
            if (failed)
                *failed = k;
            break;
        }
    pthread_mutex_unlock(&live_lock);
    if (rc == 0) {
        /* one sync per folder: the files come grouped by folder */
        for (size_t i = 0; i < n; i++)
            if (files[i]) {
                char *d = folder_of(files[i]->path);
                char *next = i + 1 < n && files[i + 1] ? folder_of(files[i + 1]->path) : NULL;
                if (!next || !d || strcmp(d, next) != 0)
                    sync_folder(files[i]->path);
                free(d);
                free(next);
            }
        for (size_t i = 0; i < n; i++)
            if (files[i])
                free_file(files[i]);
        return 0;
    }
    /* The file that failed and those after it were not renamed: remove
     * them.  Those before it are in place (only a folder changed under the
     * run can get here; README, "Writing"). */
    for (size_t i = 0; i < n; i++) {
        if (!files[i])
            continue;
        if (i >= k)
            outfile_discard(files[i]);
        else
            free_file(files[i]);
        files[i] = NULL;
    }
    return rc;
}

int outfile_commit(OutFile *f, OutError *e)
{
    pthread_mutex_lock(&live_lock);
    int rc = rename_locked(f, e);
    pthread_mutex_unlock(&live_lock);
    if (rc != 0) {
        outfile_discard(f);
        return -1;
    }
    sync_folder(f->path);
    free_file(f);
    return 0;
}

int outfile_save(const char *path, const void *data, size_t len, OutError *e)
{
    OutFile *f = outfile_create(path, e);
    if (!f)
        return -1;
    /* a failed write is kept and reported by the close */
    int w = outfile_write(f, data, len);
    if (outfile_close(f, e) != 0 || w != 0) {
        outfile_discard(f);
        return -1;
    }
    return outfile_commit(f, e);
}

void outfile_discard(OutFile *f)
{
    if (!f)
        return;
    if (f->file)
        fclose(f->file);
    pthread_mutex_lock(&live_lock);
    unlink(f->tmp);
    unlist(f);
    pthread_mutex_unlock(&live_lock);
    free_file(f);
}

const char *outfile_path(const OutFile *f)
{
    return f->path;
}

void outfile_remove_all(void)
{
    pthread_mutex_lock(&live_lock);
    for (OutFile *f = live; f; f = f->next)
        unlink(f->tmp);
    /* left locked on purpose: the process is about to end */
}

/* Whether name is a temporary of phaen: ".NAME.pdf" followed by
 * ".phaen-XXXXXX", or by ".XXXXXX" (before 0.1.1) with NAME a safe file
 * name; X being what mkstemp puts there.  ".NAME.csv.phaen-XXXXXX" too:
 * the CSV of a reporting form (phaen forms). */
static int is_temporary(const char *name)
{
    size_t n = strlen(name);
    if (n < 1 + 4 + 7 || name[0] != '.')
        return 0;
    for (size_t i = n - 6; i < n; i++) {
        char c = name[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return 0;
    }
    size_t mark = sizeof TMP_MARK - 1;
    size_t stem; /* length of ".NAME.pdf" */
    if (n >= 6 + mark + 5 && memcmp(name + n - 6 - mark, TMP_MARK, mark) == 0)
        stem = n - 6 - mark;
    else if (name[n - 7] == '.')
        stem = n - 7;
    else
        return 0;
    if (stem < 6 || (memcmp(name + stem - 4, ".pdf", 4) != 0 &&
                     (stem == n - 7 || memcmp(name + stem - 4, ".csv", 4) != 0)))
        return 0;
    char *base = strndup(name + 1, stem - 5);
    int ok = base && outpath_name_ok(base);
    free(base);
    return ok;
}

int outfile_sweep(const char *dir, struct timespec before)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return 0;
    int fd = dirfd(dh), removed = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        struct stat st;
        if (!is_temporary(de->d_name) ||
            fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode) || st.st_mtim.tv_sec > before.tv_sec ||
            (st.st_mtim.tv_sec == before.tv_sec && st.st_mtim.tv_nsec >= before.tv_nsec))
            continue;
        if (unlinkat(fd, de->d_name, 0) == 0)
            removed++;
    }
    closedir(dh);
    return removed;
}

int outfile_lock_dir(const char *dir, FILE *msg)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (flock(fd, LOCK_EX | LOCK_NB) == 0)
        return fd;
    if (errno == ENOLCK || errno == EOPNOTSUPP) {
        /* a file system without locks: render all the same, and say what
         * is not guarded */
        if (msg)
            fprintf(msg, "phaen: warning: %s: this file system cannot lock the folder; "
                         "do not run two renders into it at once\n", dir);
        return fd;
    }
    if (errno != EWOULDBLOCK) {
        int err = errno;
        close(fd);
        errno = err;
        return -1;
    }
    if (msg) {
        fprintf(msg, "phaen: %s: another phaen is writing into this folder; "
                     "waiting for it to finish\n", dir);
        fflush(msg);
    }
    while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            int err = errno;
            close(fd);
            errno = err;
            return -1;
        }
    }
    return fd;
}
