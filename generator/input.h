/* input.h - files phaen reads: regular files of bounded size only.
 *
 * A plan, a template or a PDF to verify named by a device (/dev/zero,
 * /dev/urandom), a FIFO or a socket would be read without end or block
 * forever; a huge regular file would be read into memory.  Every input is
 * opened here: without blocking (a FIFO is refused, not waited on), checked
 * to be a regular file, and checked against a size limit before a byte is
 * read.
 *
 * Threads: no shared state; safe from several threads.
 */
#ifndef PHAEN_INPUT_H
#define PHAEN_INPUT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* Opens path for reading when it is a regular file of at most limit bytes;
 * *size (may be NULL) gets its size.  Returns NULL after reporting to d
 * ("templates/x.conf: error: cannot read the template: it is a character
 * device, not a regular file"), `what` naming the input ("the template"). */
FILE *input_open(const char *path, size_t limit, const char *what, Diag *d, size_t *size);

/* Reads what remains of f, at most limit bytes, into a NUL-terminated
 * buffer (malloc'd; *len its length).  NULL after reporting to d when the
 * file is longer than limit (it grew since it was opened) or cannot be
 * read.  Does not close f. */
char *input_read(FILE *f, const char *path, size_t limit, const char *what, Diag *d,
                 size_t *len);

#endif
