/* fonts.c - see fonts.h. */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

struct FontSet {
    FcConfig *config;
    PangoFontMap *map;
    PangoContext *ctx;
};

/* cairo 1.16 keeps one font face per font file and set of options, in a
 * list on the file's FreeType font that every thread's pango font map
 * searches and changes without a lock (cairo-ft-font.c:
 * _cairo_ft_font_face_create, _cairo_ft_font_face_destroy).  Two threads
 * making the first font of a file at the same time each add a face; a
 * document then gets fonts of both faces and embeds the file twice (the
 * sample's 4 font subsets become 6), depending on timing.  And a face whose
 * last font goes away is taken off the list while another thread may be
 * taking it.  So the first fonts_open, before any worker thread starts,
 * makes the face of every font file in the folder and holds it until
 * fonts_cleanup(): from then on threads only find faces, never add or
 * remove one, and a face is the same object for the whole process. */
static pthread_mutex_t held_lock = PTHREAD_MUTEX_INITIALIZER;
static GPtrArray *held; /* cairo_font_face_t, one reference each */

static void hold_faces(FontSet *fs)
{
    FcPattern *any = FcPatternCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_STYLE, FC_WEIGHT, FC_SLANT, FC_WIDTH,
                                       (char *)0);
    FcFontSet *set = any && os ? FcFontList(fs->config, any, os) : NULL;
    pthread_mutex_lock(&held_lock);
    if (!held)
        held = g_ptr_array_new_with_free_func((GDestroyNotify)cairo_font_face_destroy);
    for (int i = 0; set && i < set->nfont; i++) {
        PangoFontDescription *fd = pango_fc_font_description_from_pattern(set->fonts[i], FALSE);
        pango_font_description_set_absolute_size(fd, 16 * PANGO_SCALE);
        PangoFont *font = pango_font_map_load_font(fs->map, fs->ctx, fd);
        pango_font_description_free(fd);
        cairo_scaled_font_t *sf = font && PANGO_IS_CAIRO_FONT(font)
            ? pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)) : NULL;
        cairo_font_face_t *face = sf ? cairo_scaled_font_get_font_face(sf) : NULL;
        if (face && cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS &&
            !g_ptr_array_find(held, face, NULL))
            g_ptr_array_add(held, cairo_font_face_reference(face));
        if (font)
            g_object_unref(font);
    }
    pthread_mutex_unlock(&held_lock);
    if (set)
        FcFontSetDestroy(set);
    if (os)
        FcObjectSetDestroy(os);
    if (any)
        FcPatternDestroy(any);
}

static gboolean second_font(PangoFontset *set, PangoFont *font, gpointer n)
{
    (void)set;
    (void)font;
    return ++*(int *)n == 2;
}

/* pango 1.50 gives every font map a thread of its own that matches and
 * sorts fonts for it in the background, in the order asked (the first map's
 * thread also runs FcInit).  What is still queued when the map is dropped
 * keeps running, with the map and our FcConfig, and nothing joins the
 * thread: tearing fontconfig down at exit (FcFini) under a sort still
 * running, or leaving the process while one runs, is what LeakSanitizer
 * reported as leaked fontconfig memory in 'phaen check' (4 runs of 20).
 * So before its map goes, a FontSet asks for one more sort, of a font
 * nothing else uses, and waits for it: every sort queued before it is
 * done then.  The thread holds the map until it has let go of that last
 * job; the map is dropped once we hold the only reference, so that it
 * ends here, not in that thread while we tear down. */
static void finish_sorts(FontSet *fs)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_absolute_size(fd, 977.25 * PANGO_SCALE); /* used by no text */
    PangoFontset *set = pango_font_map_load_fontset(fs->map, fs->ctx, fd,
                                                    pango_language_from_string("th"));
    pango_font_description_free(fd);
    if (set) {
        int n = 0;
        pango_fontset_foreach(set, second_font, &n); /* the second font waits for the sort */
        g_object_unref(set);
    }
}

/* Waits (at most a second) until the caller holds the only reference to
 * map: the fontconfig thread's jobs each hold one while they run. */
static void wait_only_ref(PangoFontMap *map)
{
    for (int i = 0; i < 2000 && g_atomic_int_get(&G_OBJECT(map)->ref_count) > 1; i++)
        g_usleep(500);
}

void fonts_close(FontSet *fs)
{
    if (!fs)
        return;
    if (fs->ctx) /* its layouts hold the context and the map */
        g_object_set_data(G_OBJECT(fs->ctx), FONTS_KEPT, NULL);
    if (fs->map && fs->ctx)
        finish_sorts(fs);
    if (fs->ctx)
        g_object_unref(fs->ctx);
    if (fs->map) {
        /* A job of the map's fontconfig thread holds the map until its
         * very end, after it has dropped its patterns, and dropping the
         * last reference to patterns takes them out of the map's hash
         * table, from that thread, without a lock.  So the jobs must be
         * over (we hold the only reference) before shutdown frees that
         * table: shutting down first was a double free under ASan
         * (verify, one run in a few).  Then drop pango's caches of
         * fontconfig patterns and its reference to our configuration. */
        wait_only_ref(fs->map);
        pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(fs->map));
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fs->map), NULL);
        wait_only_ref(fs->map);
        g_object_unref(fs->map);
    }
    if (fs->config)
        FcConfigDestroy(fs->config);
    free(fs);
}

/* Whether the config holds `family` with the given weight. */
static int has_face(FcConfig *cfg, const char *family, int weight)
{
    FcPattern *pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family,
                                    FC_WEIGHT, FcTypeInteger, weight, (char *)0);
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_WEIGHT, (char *)0);
    FcFontSet *set = FcFontList(cfg, pat, os);
    int found = set && set->nfont > 0;
    if (set)
        FcFontSetDestroy(set);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    return found;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n > k && strcasecmp(s + n - k, suf) == 0;
}

static int cmp_names(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Adds every .ttf/.otf file of dir to cfg; -1 when the folder cannot be
 * read or a font file is refused. */
static int add_font_files(FcConfig *cfg, const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, cmp_names);
    if (n < 0)
        return -1;
    int rc = 0;
    for (int i = 0; i < n; i++) {
        const char *nm = names[i]->d_name;
        if (rc == 0 && nm[0] != '.' && (has_suffix(nm, ".ttf") || has_suffix(nm, ".otf"))) {
            char *path = g_strdup_printf("%s/%s", dir, nm);
            if (!FcConfigAppFontAddFile(cfg, (const FcChar8 *)path))
                rc = -1;
            g_free(path);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

static void open_map(FontSet *fs);

/* pango 1.50's first font map runs FcInit (in a thread of its own), which
 * reads the host's fontconfig files and font caches for a configuration
 * nothing of ours uses: a third of what `phaen check` did on a small plan
 * (24 of 81 million instructions, callgrind).  FcInit does nothing when a
 * current configuration is already set, so the first FontSet's own (the
 * folder's fonts only) is made current first, once a process; each font
 * map is still given its FontSet's configuration. */
static void use_as_current(FcConfig *cfg)
{
    static int done;
    pthread_mutex_lock(&held_lock);
    if (!done)
        done = FcConfigSetCurrent(cfg);
    pthread_mutex_unlock(&held_lock);
}

FontSet *fonts_open(const char *dir, const char *family, Diag *d)
{
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_error(d, dir, 0, "fonts folder not found");
        return NULL;
    }
    FontSet *fs = calloc(1, sizeof *fs);
    if (!fs)
        return NULL;
    /* A bare config: no system fonts.  Fonts are added file by file (in
     * name order), so no cache folder is needed or written. */
    fs->config = FcConfigCreate();
    if (!fs->config || add_font_files(fs->config, dir) != 0) {
        diag_error(d, dir, 0, "cannot read the fonts in this folder");
        fonts_close(fs);
        return NULL;
    }
    /* Adding succeeds on a folder without our family: check the faces. */
    if (!has_face(fs->config, family, FC_WEIGHT_REGULAR) ||
        !has_face(fs->config, family, FC_WEIGHT_BOLD)) {
        diag_error(d, dir, 0, "font family '%s' (regular and bold) not found in this folder",
                   family);
        fonts_close(fs);
        return NULL;
    }
    use_as_current(fs->config);
    open_map(fs);
    hold_faces(fs);
    return fs;
}

/* The font map and its context over fs->config, every metric pinned. */
static void open_map(FontSet *fs)
{
    fs->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fs->map), fs->config);
    /* The map's resolution as the context's: pango asks fontconfig for a
     * font with the map's (96 by default) where a layout measures an empty
     * line or its height, and with the context's elsewhere, and the two
     * patterns differ (size 16.5 against 22 at 22 px) though they find the
     * same font.  pango 1.50 starts two threads for each new pattern: a
     * render of tests/data/minimal.xml started 110 threads, and 57 with
     * one resolution (9 ms CPU of 155 less); the PDFs are the same bytes. */
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fs->map), 72.0);
    fs->ctx = pango_font_map_create_context(fs->map);

    /* Pin every metric setting: layout must not depend on defaults. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(fs->ctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(fs->ctx, 72.0); /* 1 unit = 1 pt */
    pango_context_set_round_glyph_positions(fs->ctx, FALSE);
    PangoLanguage *th = pango_language_from_string("th");
    pango_context_set_language(fs->ctx, th);
    pango_context_set_base_dir(fs->ctx, PANGO_DIRECTION_LTR);
}

FontSet *fonts_sibling(FontSet *fs)
{
    FontSet *sib = calloc(1, sizeof *sib);
    if (!sib)
        return NULL;
    sib->config = FcConfigReference(fs->config);
    open_map(sib);
    return sib;
}

PangoContext *fonts_context(FontSet *fs)
{
    return fs->ctx;
}

void fonts_cleanup(void)
{
    pthread_mutex_lock(&held_lock);
    if (held)
        g_ptr_array_free(held, TRUE);
    held = NULL;
    pthread_mutex_unlock(&held_lock);
    /* cairo's font caches hold fontconfig patterns until reset. */
    cairo_debug_reset_static_data();
    FcFini();
}
