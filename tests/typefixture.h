/* typefixture.h - the official template and the fonts of fonts/, opened
 * once for a test file that lays out text (tpl, fonts), and closed again,
 * with fontconfig's memory, so ASan sees no leak.  Include after
 * testutil.h; pass type_setup and type_teardown to cmocka's group. */
#ifndef PHAEN_TYPEFIXTURE_H
#define PHAEN_TYPEFIXTURE_H

#include "fonts.h"
#include "template.h"

static Template *tpl;
static FontSet *fonts;

static int type_setup(void **state)
{
    (void)state;
    Diag d;
    diag_init(&d, stderr, 0);
    tpl = template_load("templates/official.conf", &d);
    fonts = tpl ? fonts_open("fonts", tpl->font_family, &d) : NULL;
    return fonts ? 0 : -1;
}

static int type_teardown(void **state)
{
    (void)state;
    fonts_close(fonts);
    template_free(tpl);
    fonts_cleanup();
    return 0;
}

#endif
