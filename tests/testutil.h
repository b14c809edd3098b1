/* testutil.h - small helpers shared by the cmocka tests.
 * Tests run from the repository root (tests/run.sh does so). */
#ifndef PHAEN_TESTUTIL_H
#define PHAEN_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "sha256.h"

/* 1 in a build with AddressSanitizer (make asan): what only such a build
 * can check (test_arena), and longer time limits, fewer random plans where
 * everything runs slower (test_shapes). */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* Diagnostics captured in memory: diag_capture_text() returns what was
 * printed so far (owned by the capture). */
typedef struct DiagCapture {
    Diag d;
    FILE *f;
    char *buf;
    size_t len;
} DiagCapture;

static inline void diag_capture_init(DiagCapture *c)
{
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    assert_non_null(c->f);
    diag_init(&c->d, c->f, 0);
}

static inline const char *diag_capture_text(DiagCapture *c)
{
    fflush(c->f);
    return c->buf ? c->buf : "";
}

static inline void diag_capture_free(DiagCapture *c)
{
    fclose(c->f);
    free(c->buf);
}

/* Fails the test unless `needle` occurs in `hay`, printing both. */
#define assert_contains(hay, needle)                                          \
    do {                                                                      \
        const char *h_ = (hay), *n_ = (needle);                               \
        if (!strstr(h_, n_))                                                  \
            fail_msg("expected to find\n  %s\nin\n%s", n_, h_);               \
    } while (0)

#define assert_not_contains(hay, needle)                                      \
    do {                                                                      \
        const char *h_ = (hay), *n_ = (needle);                               \
        if (strstr(h_, n_))                                                   \
            fail_msg("did not expect\n  %s\nin\n%s", n_, h_);                 \
    } while (0)

/* What remains of f, NUL-terminated (malloc'd); *len its size when len is
 * not NULL. */
static inline char *read_stream(FILE *f, size_t *len_out)
{
    size_t cap = 1 << 16, len = 0, n;
    char *buf = malloc(cap);
    assert_non_null(buf);
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    buf[len] = '\0';
    if (len_out)
        *len_out = len;
    return buf;
}

extern char **environ;

/* The environment of a tool: the test's, and for the PDF readers the
 * library that gives them their input from memory first in LD_PRELOAD
 * ($BUILD/tests/memopen.so, when built: a system call every few hundred
 * bytes read was half of qpdf's CPU, a fifth of pdftotext's).  Valid until
 * the next call. */
static inline char *const *tool_environ(const char *tool)
{
    static const char *const readers[] = {"qpdf", "pdftotext", "pdftoppm", "pdfinfo",
                                          "pdffonts", "pdfimages", "mutool"};
    static char **env, preload[4200];
    static size_t cap;
    const char *b = getenv("BUILD"), *old = getenv("LD_PRELOAD");
    const char *name = strrchr(tool, '/') ? strrchr(tool, '/') + 1 : tool;
    char so[4096];
    size_t r = 0;
    while (r < sizeof readers / sizeof *readers && strcmp(name, readers[r]) != 0)
        r++;
    if (r == sizeof readers / sizeof *readers ||
        snprintf(so, sizeof so, "%s/tests/memopen.so", b && *b ? b : "build") >= (int)sizeof so ||
        !realpath(so, preload + strlen("LD_PRELOAD=")))
        return environ;
    memcpy(preload, "LD_PRELOAD=", strlen("LD_PRELOAD="));
    if (old && *old)
        snprintf(preload + strlen(preload), sizeof preload - strlen(preload), ":%s", old);
    size_t n = 0;
    while (environ[n])
        n++;
    if (cap < n + 2) {
        env = realloc(env, (n + 2) * sizeof *env);
        assert_non_null(env);
        cap = n + 2;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "LD_PRELOAD=", strlen("LD_PRELOAD=")) != 0)
            env[k++] = environ[i];
    env[k++] = preload;
    env[k] = NULL;
    return env;
}

/* Starts argv (NULL-terminated; found on PATH) with the file actions fa
 * (destroyed here), then closes close_after (unless -1): its pid, or -1
 * when it cannot start.  posix_spawn, not fork: a fork copies the page
 * tables of the test (run_argv forking cost test_shapes 0.25 s CPU and
 * test_front 0.2 s, which lay documents out in process). */
static inline int spawn_argv(const char *const *argv, posix_spawn_file_actions_t *fa,
                             int close_after)
{
    pid_t pid;
    fflush(NULL);
    int e = posix_spawnp(&pid, argv[0], fa, NULL, (char *const *)argv, tool_environ(argv[0]));
    posix_spawn_file_actions_destroy(fa);
    if (close_after >= 0)
        close(close_after);
    return e != 0 ? -1 : (int)pid;
}

/* Where a spawned command's stderr goes: where the test's goes, into the
 * pipe with its stdout (2>&1), or nowhere (2>/dev/null). */
enum { ERR_KEEP, ERR_TO_OUT, ERR_DROP };

/* Starts argv with its stdout (and its stderr, as err says) into a pipe;
 * *out is the pipe's end to read (fclose it): the pid to wait for, or -1
 * when it did not start.  (Not inlined: inlined into run_argv it moved
 * GCC 12's -Wformat-truncation guesses in test_output.c into a warning.) */
static __attribute__((noinline, unused)) int spawn_pipe(FILE **out, int err,
                                                       const char *const *argv)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    if (err == ERR_TO_OUT)
        posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
    else if (err == ERR_DROP)
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    int pid = spawn_argv(argv, &fa, fds[1]);
    *out = fdopen(fds[0], "r");
    assert_non_null(*out);
    return pid;
}

/* spawn_pipe(), its output read all into *out (malloc'd; its length in
 * *len unless len is NULL: the output may hold NULs). */
static inline int spawn_read(char **out, size_t *len, int err, const char *const *argv)
{
    FILE *f;
    int pid = spawn_pipe(&f, err, argv);
    *out = read_stream(f, len);
    fclose(f);
    return pid;
}

/* The exit status of the child pid as a shell says it (the status, or 128
 * + the signal; 127 when it did not start: pid -1). */
static inline int wait_status(int pid)
{
    int st, rc = 127;
    if (pid >= 0 && waitpid(pid, &st, 0) == pid)
        rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return rc;
}

/* Runs argv (NULL-terminated) directly, without a shell (a shell a run
 * costs a process: test_shapes ran a hundred), and returns its exit status
 * as a shell says it (wait_status); *out gets its stdout, and its stderr
 * too when with_err (one pipe, in the order written; else its stderr is
 * dropped, as shared_tool() keeps it apart), malloc'd. */
static inline int run_argv(char **out, int with_err, const char *const *argv)
{
    return wait_status(spawn_read(out, NULL, with_err ? ERR_TO_OUT : ERR_DROP, argv));
}

/* run_argv(), its output returned (malloc'd) and its exit status in
 * *status. */
static inline char *run_output(int *status, int with_err, const char *const *argv)
{
    char *out;
    *status = run_argv(&out, with_err, argv);
    return out;
}

/* A command the shell would only split into words: no quote, operator,
 * variable, glob, comment or assignment, at most a last word "2>&1" or
 * "2>/dev/null".  Such a command is run without a shell (run_capture): a
 * shell cost 6 ms CPU a command here, and the tests run hundreds.  Returns
 * the number of words put in argv (NULL-terminated, pointing into buf, a
 * copy of cmd), or 0 when a shell must run it; *err is ERR_TO_OUT for
 * 2>&1, ERR_DROP for 2>/dev/null, else ERR_KEEP. */
static inline size_t plain_words(const char *cmd, char *buf, size_t size, char **argv, size_t max,
                                 int *err)
{
    if (strlen(cmd) >= size || strpbrk(cmd, "|;<()$`\\\"'*?[]#~{}!\n"))
        return 0; /* (& and >: only in the last word, below) */
    strcpy(buf, cmd);
    size_t n = 0;
    *err = ERR_KEEP;
    for (char *save = NULL, *w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (n + 1 >= max)
            return 0;
        argv[n++] = w;
    }
    argv[n] = NULL;
    if (n > 1 && !strcmp(argv[n - 1], "2>&1"))
        *err = ERR_TO_OUT;
    else if (n > 1 && !strcmp(argv[n - 1], "2>/dev/null"))
        *err = ERR_DROP;
    if (*err)
        argv[--n] = NULL;
    static const char *const shell_words[] = {"cd", "command", "exec", "exit", "export", "set",
        "unset", "eval", ".", "read", "type", "umask", "if", "for", "while", "until", "case"};
    for (size_t i = 0; n && i < sizeof shell_words / sizeof *shell_words; i++)
        if (!strcmp(argv[0], shell_words[i]))
            return 0;
    for (size_t i = 0; i < n; i++) /* what is left: words only */
        if (strpbrk(argv[i], "&>") || (i == 0 && strchr(argv[i], '=')))
            return 0;
    return n;
}

/* Runs a shell command and returns its stdout (malloc'd, NUL-terminated);
 * *status gets the exit status (or -1).  A plain command (plain_words) is
 * spawned directly, as sh -c would run it. */
static inline char *run_capture(const char *cmd, int *status)
{
    char buf[8192], *argv[64];
    int err, st = -1;
    size_t n = plain_words(cmd, buf, sizeof buf, argv, 64, &err);
    if (n) {
        char *out;
        int pid = spawn_read(&out, NULL, err, (const char *const *)argv);
        if (pid < 0) /* as sh says of a program it cannot run */
            st = 127 << 8;
        else if (waitpid(pid, &st, 0) != pid)
            st = -1;
        if (status)
            *status = (st != -1 && (st & 0x7f) == 0) ? (st >> 8) & 0xff : -1;
        return out;
    }
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char *out = read_stream(p, NULL);
    st = pclose(p);
    if (status)
        *status = (st != -1 && (st & 0x7f) == 0) ? (st >> 8) & 0xff : -1;
    return out;
}

/* Runs a shell command made printf-style and returns its exit status (or
 * -1); its stdout goes to *out (malloc'd) when out is not NULL. */
static inline int run_sh(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int run_sh(char **out, const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int st;
    char *o = run_capture(cmd, &st);
    if (out)
        *out = o;
    else
        free(o);
    return st;
}

/* rm -rf path, without a process (0, or -1 with errno). */
static inline int remove_tree(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return errno == ENOENT ? 0 : -1;
    if (S_ISDIR(sb.st_mode)) {
        DIR *d = opendir(path);
        if (!d)
            return -1;
        for (struct dirent *e; (e = readdir(d));) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char sub[4096];
            if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >= (int)sizeof sub ||
                remove_tree(sub) != 0) {
                closedir(d);
                return -1;
            }
        }
        closedir(d);
        return rmdir(path);
    }
    return unlink(path);
}

/* The python the tests' readers run in: $PYTHON, else Debian's
 * /usr/bin/python3 (the Makefile's deps install it with python3-jsonschema),
 * else the first python3 on PATH.  Not a bare `python3`: a version manager's
 * shim on PATH (pyenv's is a bash script that runs a hundred more) cost
 * 0.3 s a call, seconds of every `make test`. */
static inline const char *test_python(void)
{
    const char *p = getenv("PYTHON");
    if (p && *p)
        return p;
    return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

/* Reads a whole file (malloc'd, NUL-terminated; *len its size when len is
 * not NULL), or NULL. */
static inline char *read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = read_stream(f, len);
    fclose(f);
    return buf;
}

/* cp from to, without a process (0, or -1). */
static inline int copy_file(const char *from, const char *to)
{
    size_t n = 0;
    char *buf = read_whole(from, &n);
    FILE *f = buf ? fopen(to, "wb") : NULL;
    int ok = f && fwrite(buf, 1, n, f) == n;
    ok = f && fclose(f) == 0 && ok;
    free(buf);
    return ok ? 0 : -1;
}

/* cp -r from to (to must not exist), without a process: folders and
 * regular files (0, or -1). */
static inline int copy_tree(const char *from, const char *to)
{
    struct stat sb;
    if (lstat(from, &sb) != 0)
        return -1;
    if (!S_ISDIR(sb.st_mode))
        return S_ISREG(sb.st_mode) ? copy_file(from, to) : -1;
    DIR *d = mkdir(to, 0777) == 0 ? opendir(from) : NULL;
    int rc = d ? 0 : -1;
    for (struct dirent *e; rc == 0 && d && (e = readdir(d));) {
        char a[4096], b[4096];
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (snprintf(a, sizeof a, "%s/%s", from, e->d_name) >= (int)sizeof a ||
            snprintf(b, sizeof b, "%s/%s", to, e->d_name) >= (int)sizeof b)
            rc = -1;
        else
            rc = copy_tree(a, b);
    }
    if (d)
        closedir(d);
    return rc;
}

/* What diff -r says of two trees, without a process: 0 when a and b hold
 * the same names (hidden ones too) and their files the same bytes, else -1
 * with the first difference in why. */
static inline int tree_diff(const char *a, const char *b, char *why, size_t size)
{
    struct stat sa, sb;
    if (lstat(a, &sa) != 0 || lstat(b, &sb) != 0) {
        snprintf(why, size, "only one of %s and %s is there", a, b);
        return -1;
    }
    if (S_ISDIR(sa.st_mode) != S_ISDIR(sb.st_mode) || (!S_ISDIR(sa.st_mode) && !S_ISREG(sa.st_mode))) {
        snprintf(why, size, "%s and %s are not both folders or both files", a, b);
        return -1;
    }
    if (!S_ISDIR(sa.st_mode)) {
        size_t na = 0, nb = 0;
        char *ca = read_whole(a, &na), *cb = read_whole(b, &nb);
        int same = ca && cb && na == nb && memcmp(ca, cb, na) == 0;
        free(ca);
        free(cb);
        if (!same)
            snprintf(why, size, "files %s and %s differ", a, b);
        return same ? 0 : -1;
    }
    struct dirent **la = NULL, **lb = NULL;
    int n = scandir(a, &la, NULL, alphasort), m = scandir(b, &lb, NULL, alphasort), rc = 0;
    if (n < 0 || m < 0) {
        snprintf(why, size, "cannot read %s or %s", a, b);
        rc = -1;
    }
    for (int i = 0, k = 0; rc == 0 && (i < n || k < m);) {
        int c = i < n && k < m ? strcmp(la[i]->d_name, lb[k]->d_name) : i < n ? -1 : 1;
        if (c) {
            snprintf(why, size, "only in %s: %s", c < 0 ? a : b, c < 0 ? la[i]->d_name : lb[k]->d_name);
            rc = -1;
        } else if (strcmp(la[i]->d_name, ".") && strcmp(la[i]->d_name, "..")) {
            char pa[4096], pb[4096];
            snprintf(pa, sizeof pa, "%s/%s", a, la[i]->d_name);
            snprintf(pb, sizeof pb, "%s/%s", b, lb[k]->d_name);
            rc = tree_diff(pa, pb, why, size);
        }
        i++, k++;
    }
    for (int i = 0; i < n; i++)
        free(la[i]);
    for (int i = 0; i < m; i++)
        free(lb[i]);
    free(la);
    free(lb);
    return rc;
}

/* Fails unless a and b are the same files or trees (tree_diff: what cmp or
 * diff -r would say, without a process). */
static inline void assert_same_tree(const char *a, const char *b)
{
    char why[2048];
    if (tree_diff(a, b, why, sizeof why) != 0)
        fail_msg("%s", why);
}

/* mkdir -p, without a shell (0, or -1 with errno). */
static inline int mkdir_parents(const char *path)
{
    char p[1024];
    if (snprintf(p, sizeof p, "%s", path) >= (int)sizeof p)
        return -1;
    for (char *c = p + 1;; c++)
        if (*c == '/' || !*c) {
            char end = *c;
            *c = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST)
                return -1;
            if (!end)
                return 0;
            *c = end;
        }
}

/* Takes the lock PATH (flock(2) on the file, made if missing: the lock
 * flock(1) takes, so tests/readers/readback.mjs waits on the same one);
 * returns its descriptor, to close when done. */
static inline int lock_file(const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0 || flock(fd, LOCK_EX) != 0)
        fail_msg("cannot lock %s: %s", path, strerror(errno));
    return fd;
}

/* The folder into which `$PHAEN render plan -o DIR -j 2 OPTS` wrote, rendered
 * once per test run and shared by every test (in every binary) that only
 * reads those documents: $BUILD/tests/out/shared/<plan's name>-<key>, the
 * key a hash of the program's bytes, the plan's, the official template's
 * and the options (static storage, one per (plan, options)).  The first
 * caller renders into a temporary folder and renames it into place while
 * any other waits on a lock (flock), so binaries running side by side
 * render each one once; tests/run.sh empties the shared folder at the start
 * of a run, and a binary run alone after a rebuild or an edit of the plan
 * or the template gets a new key, so it reads what this build renders.
 * What the render printed (stdout and stderr) is returned in *output when
 * output is not NULL (malloc').  Read only: a test that changes files
 * copies them first. */
static inline const char *shared_render_opts(const char *plan, const char *opts, char **output)
{
    enum { N_SHARED = 8 };
    static struct { char plan[256], opts[128], dir[768]; } seen[N_SHARED];
    static char prog_hex[65];
    const char *b = getenv("BUILD"), *ph = getenv("PHAEN");
    b = b && *b ? b : "build";
    ph = ph && *ph ? ph : "build/phaen";
    opts = opts ? opts : "";
    size_t i = 0;
    while (i < N_SHARED && seen[i].plan[0] &&
           (strcmp(seen[i].plan, plan) != 0 || strcmp(seen[i].opts, opts) != 0))
        i++;
    assert_true(i < N_SHARED);
    char *dir = seen[i].dir;
    if (!seen[i].plan[0]) {
        if (!prog_hex[0]) { /* the program under test, hashed once */
            size_t n = 0;
            char *bin = read_whole(ph, &n);
            if (!bin)
                fail_msg("cannot read the program %s", ph);
            unsigned char d[32];
            sha256(bin, n, d);
            sha256_hex(d, prog_hex);
            free(bin);
        }
        char *p = read_whole(plan, NULL), *t = read_whole("templates/official.conf", NULL);
        if (!p || !t)
            fail_msg("cannot read %s or templates/official.conf", plan);
        size_t klen = strlen(prog_hex) + strlen(p) + strlen(t) + strlen(opts) + 4;
        char *key = malloc(klen);
        assert_non_null(key);
        snprintf(key, klen, "%s\n%s\n%s\n%s", prog_hex, opts, t, p);
        unsigned char d[32];
        char hex[65];
        sha256(key, strlen(key), d);
        sha256_hex(d, hex);
        free(key);
        free(p);
        free(t);
        const char *base = strrchr(plan, '/') ? strrchr(plan, '/') + 1 : plan;
        int blen = (int)(strlen(base) > 4 ? strlen(base) - 4 : strlen(base));
        snprintf(dir, sizeof seen[i].dir, "%s/tests/out/shared/%.*s-%.12s", b, blen, base, hex);
        snprintf(seen[i].plan, sizeof seen[i].plan, "%s", plan);
        snprintf(seen[i].opts, sizeof seen[i].opts, "%s", opts);
    }
    /* made whole in DIR.tmp, then renamed: a folder that is there is done
     * (found without a process: the tests ask for shared renders some
     * sixty times a run, and a shell, mkdir and flock each time cost more
     * than a small test); the log beside it (DIR.log) is written before
     * the rename */
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        char shared[800], lock[800];
        snprintf(shared, sizeof shared, "%s/tests/out/shared", b);
        snprintf(lock, sizeof lock, "%s.lock", dir);
        if (mkdir_parents(shared) != 0)
            fail_msg("cannot make %s: %s", shared, strerror(errno));
        int fd = lock_file(lock);
        if (stat(dir, &sb) != 0) {
            char *out;
            int st = run_sh(&out, "rm -rf %s.tmp && %s render %s -o %s.tmp -j 2 %s >%s.log 2>&1 && "
                            "mv %s.tmp %s", dir, ph, plan, dir, opts, dir, dir, dir);
            if (st != 0) {
                char log[800];
                snprintf(log, sizeof log, "%s.log", dir);
                char *text = read_whole(log, NULL);
                close(fd); /* (fail_msg jumps out of this test) */
                fail_msg("%s render %s -o %s -j 2 %s failed (%d):\n%s%s", ph, plan, dir, opts, st,
                         text ? text : "", out);
            }
            free(out);
        }
        close(fd);
    }
    if (output) {
        char log[800];
        snprintf(log, sizeof log, "%s.log", dir);
        *output = read_whole(log, NULL);
        assert_non_null(*output);
    }
    return dir;
}

/* What a read-only tool says about the files of shared renders (which no
 * test changes): argv (NULL-terminated) is run once per test run for every
 * binary that asks, keyed by its arguments; qpdf --check of the sample's
 * sheets alone took 0.45 s CPU in each of two binaries.  Its stdout,
 * stderr and exit status are kept in $BUILD/tests/out/shared/tools/<key>.out,
 * .err and .rc, made under the lock <key>.lock (tests/readers/readback.mjs
 * keeps its runs the same way, with flock(1)).  The tool is run directly
 * (no shell), and a result already there is read without any process.
 * Returns the exit status; *out gets its stdout, then its stderr
 * when with_err (malloc'd). */
static inline int shared_tool(char **out, int with_err, const char *const *argv)
{
    const char *b = getenv("BUILD");
    b = b && *b ? b : "build";
    size_t klen = 1;
    for (size_t i = 0; argv[i]; i++)
        klen += strlen(argv[i]) + 1;
    char *key = calloc(1, klen), hex[65], dir[600], base[700], path[800], tmp[800];
    assert_non_null(key);
    for (size_t i = 0; argv[i]; i++) /* the arguments, one a line */
        strcat(strcat(key, argv[i]), "\n");
    unsigned char d[32];
    sha256(key, strlen(key), d);
    sha256_hex(d, hex);
    free(key);
    snprintf(dir, sizeof dir, "%s/tests/out/shared/tools", b);
    snprintf(base, sizeof base, "%s/%.16s", dir, hex);
    snprintf(path, sizeof path, "%s.rc", base);
    if (access(path, F_OK) != 0) {
        if (mkdir_parents(dir) != 0)
            fail_msg("cannot make %s: %s", dir, strerror(errno));
        snprintf(tmp, sizeof tmp, "%s.lock", base);
        int fd = lock_file(tmp);
        if (access(path, F_OK) != 0) {
            char o[800], e[800];
            snprintf(o, sizeof o, "%s.out", base);
            snprintf(e, sizeof e, "%s.err", base);
            posix_spawn_file_actions_t fa;
            posix_spawn_file_actions_init(&fa);
            posix_spawn_file_actions_addopen(&fa, 1, o, O_WRONLY | O_CREAT | O_TRUNC, 0666);
            posix_spawn_file_actions_addopen(&fa, 2, e, O_WRONLY | O_CREAT | O_TRUNC, 0666);
            int pid = spawn_argv(argv, &fa, -1);
            if (pid < 0) /* (what a shell would leave: empty outputs, 127) */
                for (int i = 0; i < 2; i++) {
                    FILE *empty = fopen(i ? e : o, "w");
                    if (empty)
                        fclose(empty);
                }
            int rc = wait_status(pid);
            snprintf(tmp, sizeof tmp, "%s.rc.tmp", base);
            FILE *f = fopen(tmp, "w");
            int ok = f && fprintf(f, "%d\n", rc) > 0;
            ok = f && fclose(f) == 0 && ok && rename(tmp, path) == 0;
            if (!ok) {
                close(fd);
                fail_msg("shared_tool %s: cannot write %s", argv[0], path);
            }
        }
        close(fd);
    }
    char *rc = read_whole(path, NULL);
    snprintf(path, sizeof path, "%s.out", base);
    char *o = read_whole(path, NULL);
    snprintf(path, sizeof path, "%s.err", base);
    char *e = with_err ? read_whole(path, NULL) : NULL;
    if (!rc || !o || (with_err && !e))
        fail_msg("shared_tool %s: no %s", argv[0], path);
    int st = atoi(rc);
    free(rc);
    if (e) {
        size_t lo = strlen(o), le = strlen(e);
        o = realloc(o, lo + le + 1);
        assert_non_null(o);
        memcpy(o + lo, e, le + 1);
        free(e);
    }
    *out = o;
    return st;
}

/* Runs a shell command made printf-style and returns what it printed, its
 * stdout and the stderr of every command in it (malloc'd); *status gets
 * the exit status (or -1). */
static inline char *run_all(int *status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline char *run_all(int *status, const char *fmt, ...)
{
    char cmd[8192], all[8300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    /* a plain command gets 2>&1 (run without a shell), any other the parentheses */
    char buf[8192], *argv[64];
    int err;
    if (plain_words(cmd, buf, sizeof buf, argv, 64, &err) && err != ERR_DROP)
        snprintf(all, sizeof all, err == ERR_TO_OUT ? "%s" : "%s 2>&1", cmd);
    else
        snprintf(all, sizeof all, "(%s) 2>&1", cmd);
    return run_capture(all, status);
}

/* The options of a shared render of the master and the action plan only
 * (the draft's: no test reads its sheets but test_front, which renders
 * one), spelt once so the binaries share it. */
#define SHARED_MASTER_ACTION "--only master-plan --only action-plan"

/* shared_render_opts() of every document of the plan. */
static inline const char *shared_render(const char *plan, char **output)
{
    return shared_render_opts(plan, NULL, output);
}

/* Writes s to path (a fixture). */
static inline void write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(s, f);
    assert_int_equal(fclose(f), 0);
}

/* An empty file at path made two minutes old (touch -d '-2 minutes'): a
 * temporary a killed run left, old enough to be swept. */
static inline void write_stale_file(const char *path)
{
    write_file(path, "");
    struct timespec old[2];
    clock_gettime(CLOCK_REALTIME, &old[0]);
    old[0].tv_sec -= 120;
    old[1] = old[0];
    assert_int_equal(utimensat(AT_FDCWD, path, old, 0), 0);
}

/* The process's CPU seconds so far, for the tests that compare how long
 * two sizes take (a ratio, never a time): CPU time, not wall time, as the
 * test binaries run side by side (tests/run.sh) and other jobs share the
 * machine (a 5 ms layout preempted once looked 14 times slower than it
 * is). */
static inline double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whether dir holds a temporary of a render (".NAME.pdf.XXXXXX", with or
 * without phaen's mark): read here, not with ls | grep, as tests poll it
 * every few milliseconds while phaen runs. */
static inline int has_temporary(const char *dir)
{
    DIR *d = opendir(dir);
    int found = 0;
    for (struct dirent *e; d && !found && (e = readdir(d));)
        found = e->d_name[0] == '.' && strstr(e->d_name + 1, ".pdf.") != NULL;
    if (d)
        closedir(d);
    return found;
}

/* What ls -A says of dir, without a process: its names ("." and ".."
 * aside, hidden ones kept), sorted, a line each (malloc'd). */
static inline char *list_names(const char *dir)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    if (n < 0)
        fail_msg("cannot read the folder %s", dir);
    char *names = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&names, &len);
    assert_non_null(m);
    for (int i = 0; i < n; i++) {
        if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, ".."))
            fprintf(m, "%s\n", list[i]->d_name);
        free(list[i]);
    }
    free(list);
    assert_int_equal(fclose(m), 0);
    return names;
}

#endif
