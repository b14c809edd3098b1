/* outfile.h - output files that appear whole or not at all, and the folder
 * they go into.
 *
 * Every byte phaen writes goes through an OutFile: a temporary beside the
 * target (".NAME.pdf.phaen-XXXXXX"), whose every write, flush, sync and close
 * is checked here, whatever the library producing the bytes says (cairo 1.16
 * can report success after its writes failed), and whose size on disk must
 * equal the bytes written.  Only then may it be renamed into place.
 *
 * Live temporaries are kept in one process-wide list so that a signal
 * handler (main.c) can remove them all: outfile_remove_all().
 *
 * Threads: safe from several threads (the render threads stage their
 * files at once): the list is locked, the umask read once; an OutFile
 * itself belongs to one thread at a time.
 */
#ifndef PHAEN_OUTFILE_H
#define PHAEN_OUTFILE_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

typedef struct OutFile OutFile;

/* Why an output could not be written: the errno of the first failure and
 * the step it happened in ("cannot create a file in this folder", "cannot
 * write", ...).  err == 0: no I/O failure. */
typedef struct OutError {
    int err;
    const char *step;
} OutError;

/* Creates the temporary for `path` (same folder, so the rename cannot cross
 * file systems), with the mode a new file gets under the umask.  Returns
 * NULL with *e set. */
OutFile *outfile_create(const char *path, OutError *e);

/* Appends len bytes.  Returns 0, or -1 once any write has failed (the first
 * failure is kept for outfile_close()). */
int outfile_write(OutFile *f, const void *data, size_t len);

/* The stream, for in-place fixes of the same length (pdf.c's dates).
 * Bytes written through it directly are not counted: a change of length
 * must go through outfile_write() or outfile_rewrite(), or the size check
 * of outfile_close() fails. */
FILE *outfile_stream(OutFile *f);

/* Replaces everything written so far with len bytes of data (a
 * post-processing step that made a new version of the whole file).
 * Returns 0, or -1 (kept for outfile_close(), like a failed write). */
int outfile_rewrite(OutFile *f, const void *data, size_t len);

/* Flushes, fsyncs, compares the size on disk with the bytes written and
 * closes.  Returns 0, or -1 with *e set (the first failure of any write
 * since outfile_create() included).  The temporary stays until commit or
 * discard. */
int outfile_close(OutFile *f, OutError *e);

/* Renames closed temporaries into place, all of them under the lock that
 * outfile_remove_all() takes, so a signal ends the run either before the
 * first rename or after the last; then syncs their folders.  Frees every
 * file (NULL entries are skipped).  Returns 0, or -1 with *e and *failed
 * (the index of the file that could not be renamed) set; it and the files
 * after it are removed, those before it stay in place. */
int outfile_commit_all(OutFile **files, size_t n, OutError *e, size_t *failed);

/* Renames one closed temporary into place and frees it (0 or -1, *e). */
int outfile_commit(OutFile *f, OutError *e);

/* A whole file in one call: create, write len bytes, close, commit.
 * Returns 0, or -1 with *e set (the temporary removed). */
int outfile_save(const char *path, const void *data, size_t len, OutError *e);

/* Removes the temporary and frees f (NULL is fine). */
void outfile_discard(OutFile *f);

/* The target path f was created for. */
const char *outfile_path(const OutFile *f);

/* Removes every live temporary of the process and keeps the list locked,
 * so that no new one can appear: call only right before the process ends
 * (main.c's signal thread). */
void outfile_remove_all(void);

/* Removes from `dir` the temporaries phaen left there (killed runs) that
 * were last changed before `before`: names ".NAME.pdf.phaen-XXXXXX", and
 * the older ".NAME.pdf.XXXXXX" when NAME is safe as a file name.  Returns
 * how many were removed. */
int outfile_sweep(const char *dir, struct timespec before);

/* Locks `dir` for one render (flock on the folder itself, released when the
 * process ends).  When another render holds it, says so once on `msg` and
 * waits; on a file system without locks, warns and goes on.  Returns the
 * descriptor to close when done, or -1 with errno set. */
int outfile_lock_dir(const char *dir, FILE *msg);

#endif
