/* fuzz_template.c - libFuzzer target over the template reader.
 *
 * Each input is read as a house-style file from memory
 * (template_load_memory): keys, units, numbers, bounds, the room the
 * values leave for text.  A template that loads is freed at once, so
 * LeakSanitizer sees a leak in any path.  Built and run by `make fuzz`,
 * seeded from the files in templates/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!devnull) {
        devnull = fopen("/dev/null", "w");
        if (!devnull)
            abort();
    }
    Diag d;
    diag_init(&d, devnull, 0);
    Template *t = template_load_memory((const char *)data, size, "fuzz.conf", &d);
    /* what loads is what the layout gets: these must hold */
    if (t && (t->page_w > 14400 || t->page_h > 14400 || t->body_size < 4 ||
              t->body_size > 200 || t->line_spacing > 3 ||
              t->margin_left + t->margin_right >= t->page_w))
        abort();
    template_free(t);
    diag_finish(&d);
    return 0;
}
