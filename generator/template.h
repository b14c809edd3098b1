/* template.h - the house style, read from templates/<name>.conf.
 *
 * Everything a document's look depends on is data: page size and margins,
 * fonts and sizes, numeral styles, page-number format, the Thai labels and
 * headings, chapter order, no-break pairs.  Changing a margin or a label needs
 * no recompilation.  Lengths are stored in PDF points (1/72 in).
 *
 * Threads: a template is loaded by one thread and then read by any number.
 */
#ifndef PHAEN_TEMPLATE_H
#define PHAEN_TEMPLATE_H

#include <stddef.h>

#include "diag.h"

/* NUMERALS_THAI_TEXT: Thai digits in Thai text, but the digits of Latin
 * codes and names (MP-01.2, PJ-1.01, Tier 3, ISO 9001) stay ASCII; what
 * "thai" means when the template says `numerals.latin = keep`. */
typedef enum { NUMERALS_THAI, NUMERALS_ARABIC, NUMERALS_THAI_TEXT } NumeralStyle;

typedef struct Template Template;

/* The most columns a table's shares (table.columns.*) name. */
enum { TEMPLATE_MAX_COLUMNS = 8 };

struct Template {
    const char *name;          /* "official" */
    const char *version;       /* "1" */
    const char *path;          /* the file it was read from */
    unsigned long serial;      /* this template's alone in the process (a freed
                                * template's address may be another's):
                                * what the layout keeps with the fonts was
                                * measured under it (layout.c, kept_of) */

    double page_w, page_h;     /* portrait A4: 595.28 x 841.89 */
    double margin_top, margin_bottom, margin_left, margin_right;
    double header_y;           /* baseline area of the page number, from the top */

    const char *font_family;   /* "Laksaman" */
    double body_size;          /* 16 */
    double line_spacing;       /* factor on the font's natural line height, e.g. 0.8 */
    double para_space;         /* extra space after a paragraph */
    double first_line_indent;  /* of body paragraphs */
    double title_size;         /* cover title */
    double chapter_size;       /* level-0 headings */
    double section_size;       /* level-1 headings */
    double table_size;         /* text in tables */
    double detail_size;        /* font.size.detail (12pt, optional): the
                                * action plan's objectives and project
                                * tables, the progress report's projects;
                                * never above table_size */
    double budget_size;        /* font.size.budget (11pt, optional): the
                                * budget summaries; never above table_size */
    double cell_pad;           /* padding inside table cells */
    int justify;               /* 1: justify body text the Thai way; 0: left */

    const char *page_number_format; /* "- %s -": %s is the number */
    NumeralStyle numerals_page, numerals_headings, numerals_dates,
                 numerals_tables, numerals_body;
    int numbering_ids;         /* numbering = id: goals, indicators and strategies
                                * are labelled by their ids; number (default):
                                * by their place in the plan, "1.1.2" */
    int numerals_latin_keep;   /* numerals.latin = keep: Latin codes keep ASCII
                                * digits (the thai styles become THAI_TEXT) */

    const char **chapters;     /* master-plan chapter order: "background", ... */
    size_t n_chapters;
    const char **nobreak;      /* words kept on one line with the word after them:
                                * "พ.ศ.", "ฉบับที่" */
    size_t n_nobreak;
    const char **keepwhole;    /* words never broken, though the dictionary
                                * would: "การค้ามนุษย์" */
    size_t n_keepwhole;
    const char **preferwhole;  /* words broken only when nothing else fits:
                                * "ประเทศไทย", agency names (linebreak.c) */
    size_t n_preferwhole;
    double space_stretch;      /* the most a justified space widens, in em
                                * (0: justify.c's default) */
    double word_stretch;       /* the most a boundary between Thai words
                                * widens before letters open, in em (0: none) */
    double letter_max;         /* the most added between two letters, in em
                                * (0: justify.c's default, the inner gap's cap) */
    double space_shrink;       /* the most a justified space narrows, in em
                                * (0: spaces never narrow) */
    double word_shrink;        /* the most a boundary between Thai words
                                * narrows, in em (0: none) */
    double letter_shrink;      /* the most two letters of a word close up, in
                                * em (0: never) */
    double expand;             /* the most a justified line's glyphs widen or
                                * narrow, a fraction of their width (0: never) */
    double expand_step;        /* ...in steps of this (0: any amount) */
    double letter_worst;       /* letters opened by more than this on average,
                                * in em, are worse than breaking a word
                                * preferred whole, and justify.c opens them
                                * no further (0: no limit) */
    double last_line_min;      /* a paragraph's last line shorter than this is
                                * avoided when the breaks allow (0: no rule) */

    /* Tables that do not fit (layout_columns.c).  Optional keys: a template
     * without them never shrinks a table and splits it when too wide. */
    double table_min_size;     /* font.size.table.min: the table font may
                                * shrink down to this; 0: it never shrinks */
    int table_split;           /* table.split (default yes): a table too wide
                                * even at the smallest size is split into
                                * column groups; no: it is an error */
    double table_keep_rows;    /* table.keep_rows: body rows kept together on
                                * each side of a page break inside a table */
    /* The look of table rows (optional; the defaults are the official
     * look): greys from 0 (black) to 1 (white, no shading), written in the
     * file in percent of white, and the width of the cell rules. */
    double shade_header;       /* table.shade.header (86: 0.86) */
    double shade_total;        /* table.shade.total (88) */
    double shade_group;        /* table.shade.group (93) */
    double shade_subtotal;     /* table.shade.subtotal (95) */
    double rule_width;         /* table.rule (0.5pt) */

    /* The cover's emblem (optional; compose.c, layout_figure.c): the bytes of the
     * PNG file named by cover.emblem, a path relative to the template's
     * folder, checked when the template is read (image.h).  NULL: none. */
    const unsigned char *emblem;
    size_t emblem_len;
    int emblem_px_w, emblem_px_h;
    double emblem_width;       /* cover.emblem.width (3cm): printed width */
    /* The mark on every page of a plan that is not approved (layout.c):
     * a word painted large, light and diagonal under the text, as paths,
     * so that it never enters the text layer.  Optional keys; the defaults
     * are the official look. */
    const char *draft_text;    /* draft.text ("ร่าง") */
    unsigned draft_colour;     /* draft.color, "#RRGGBB" as 0xRRGGBB (#F3D2D2) */
    double draft_size;         /* draft.size (220pt) */
    double draft_angle;        /* draft.angle: degrees anticlockwise (55) */
    /* The progress report (progressdoc.c, progress.h); optional keys.  A
     * share of target of at least progress.achieved per cent is achieved,
     * of at least progress.close is close, below that below target; each
     * status has a colour (#rrggbb), beside its word and shape. */
    double progress_achieved;  /* default 100 */
    double progress_close;     /* default 80 */
    unsigned colour_achieved, colour_close, colour_below; /* 0xRRGGBB */
    /* The spacing of the cover (compose.c), as fractions of the page
     * height, and around headings (layout.c), as fractions of a body
     * line; optional keys written in percent, the defaults the official
     * look. */
    double cover_top;          /* cover.space.top (22): above the title */
    double cover_top_emblem;   /* cover.space.top.emblem (8): above the emblem */
    double cover_emblem_gap;   /* cover.space.emblem (6): emblem to title */
    double cover_issuer_gap;   /* cover.space.issuer (12): title to issuer */
    double heading_before;     /* heading.space.before (50): unless the
                                * composer gives the heading its own space */
    double heading_after_chapter; /* heading.space.after.chapter (60): level 0 */
    double heading_after;      /* heading.space.after (25): other levels */
    /* The main tables' column shares (table.columns.*, optional; the
     * defaults are the official look): only their ratios matter.  A share
     * marked "phases" is split evenly between the plan's phases. */
    double cols_indicators[5];       /* master: indicator, unit, baseline,
                                      * phases, leads (27 10 10 33 19) */
    double cols_agencies[4];         /* master annex (9 45 14 32) */
    double cols_projects[6];         /* action plan's projects (6 24 30 22 9 11) */
    double cols_sheet_header[2];     /* sheet's header block (24 76) */
    double cols_sheet_leads[4];      /* sheet: projects it leads (9 46 19 26) */
    double cols_sheet_supports[5];   /* sheet: projects it supports (9 34 14 19 24) */
    double cols_sheet_indicators[4]; /* sheet: indicator, unit, baseline,
                                      * phases (28 12 12 48) */
    double cols_sheet_totals[3];     /* sheet: budget per year (30 35 35) */
    double cols_approvals[4];        /* front matter: approvals (6 60 17 17) */
    double cols_glossary[2];         /* front matter: abbreviations (22 78) */
    double cols_alignment[2];        /* the alignment matrix: goal, then the
                                      * sub-plan targets sharing the rest (70 30) */
    double cols_diff[4];             /* the changes annex: id, item, old, new
                                      * (14 30 28 28) */
    double cols_sheet_below[2];      /* sheet: agencies under it (70 30) */
    double cols_form_header[2];      /* forms: the plan's block, and the
                                      * signature row (18 82) */
    double cols_form_indicators[8];  /* forms: indicators (4 44 6 7 7 11 10 11) */
    double cols_form_projects[7];    /* forms: projects (5 31 11 12 8 12 21) */
    double cols_progress_indicators[4]; /* progress report: indicators, weights of
                                      * the name, unit, baseline and each year (30 2 2 10) */
    double cols_progress_agencies[4]; /* progress report: agencies (22 14 32 32) */
    double cols_progress_counts[2];  /* progress report: the summary's counts (60 40) */
    double cols_progress_criteria[2]; /* progress report: the criteria (40 60) */

    /* Spacing, indents and sizes the composers and the contents use
     * (optional keys, template.c's finish_look; the defaults are the
     * official look).  Lengths are in points; the others are written in
     * percent and kept here as fractions of what each comment names. */
    double part_space;         /* paragraph.space.part (100): above a part's
                                * title within a chapter, of font.size */
    double vision_space;       /* vision.space (4pt): above the vision */
    double align_space;        /* alignment.space (6pt): above each plan the
                                * alignment chapter names */
    double align_legend_space; /* alignment.space.legend (6pt) */
    double align_target_space; /* alignment.space.target (4pt): above each
                                * sub-plan target of the legend */
    double diff_title_space;   /* diff.space.title (4pt): above the changes
                                * annex's plan title */
    double cover_title_en_gap; /* cover.space.title_en (100): above the
                                * English title, of font.size */
    double cover_version_gap;  /* cover.space.version (100): above the
                                * version line, of font.size */
    double signature_indent;   /* signature.indent (8): of the text width */
    double signature_space;    /* signature.space (250): above the name, of
                                * font.size */
    double strategy_indent;    /* heading.indent.strategy (50): of
                                * paragraph.indent */
    double table_space;        /* table.space (25): above and below a
                                * table, of a body line */
    double mark_room;          /* table.mark.room (100): where the text of
                                * a cell with a status mark starts, of the
                                * table font (doc.h, CellMark) */
    double toc_indent;         /* contents.indent (150): a level's indent,
                                * of font.size */
    double toc_number_width;   /* contents.number_width (300): the page
                                * numbers' column, of font.size */
    double toc_chapter_space;  /* contents.space.chapter (30): above a
                                * chapter's entry, of a body line */
    double toc_leader_rule;    /* contents.leader.rule (0.8pt): the dots' size */
    double toc_leader_dot;     /* contents.leader.dot (0.8pt): a dot's length */
    double toc_leader_gap;     /* contents.leader.gap (3.2pt): between dots */
    double toc_leader_space;   /* contents.leader.space (4pt): between the
                                * leader and the text or number */
    double form_space;         /* form.space (50): above the instructions and
                                * the signature row, of font.size */
    double chart_label;        /* progress.chart.label (80): of font.size.table */
    double chart_height;       /* progress.chart.height (190pt): the bar charts */
    double chart_height_indicator; /* progress.chart.height.indicator (165pt) */
    double chart_space;        /* progress.chart.space (50): above each
                                * indicator's chart title, of font.size */
    /* the charts' greys (written in percent of white, as the table
     * shades) and rule widths (chart.c) */
    double chart_grey_allocated; /* progress.chart.grey.allocated (78): bars */
    double chart_grey_spent;   /* progress.chart.grey.spent (30): bars */
    double chart_grey_grid;    /* progress.chart.grey.grid (75) */
    double chart_grey_target;  /* progress.chart.grey.target (35): the line */
    double chart_grey_actual;  /* progress.chart.grey.actual (10): line, points */
    double chart_rule_grid;    /* progress.chart.rule.grid (0.4pt) */
    double chart_rule_axis;    /* progress.chart.rule.axis (0.7pt) */
    double chart_rule_bar;     /* progress.chart.rule.bar (0.5pt): bar outlines */
    double chart_rule_target;  /* progress.chart.rule.target (1.1pt) */
    double chart_rule_actual;  /* progress.chart.rule.actual (1.5pt) */
    double chart_rule_baseline; /* progress.chart.rule.baseline (0.9pt): the
                                * baseline's diamond */

    /* Not template keys: how the layout decides rather than how a page
     * looks (the layout's tolerances, 0.01 pt and the 1 % and 1 pt of slack
     * on measured widths, the half-point step of a shrinking table font,
     * half a page as the most a table's header may take, 2.2 body lines as
     * a paragraph's look-ahead), the proportions of the status marks and
     * of the charts to their text size (layout_table.c mark_paint, chart.c), the
     * label column's quarter-em grid (layout.c para_label), and the PDF's
     * structure (pdf.c). */

    /* labels (key -> text), sorted by key for template_label() */
    struct TemplateLabel { const char *key, *text; } *labels;
    size_t n_labels;

    void *store;               /* private: owns the strings */
};

/* Reads the template file at path.  Returns NULL after reporting every
 * problem (unknown key, bad length, missing required key) to d as
 * `path:line: error: ...`.  Free with template_free(). */
Template *template_load(const char *path, Diag *d);

/* The same from memory (at most 1 MiB); `name` is used in diagnostics
 * (for fuzzing and tests). */
Template *template_load_memory(const char *buf, size_t len, const char *name, Diag *d);

void template_free(Template *t);

/* The label for key (e.g. "issue" -> "ประเด็นยุทธศาสตร์ที่").  A key missing from
 * the template is a programming error in the composer: every key the
 * composers use is required by template_load(), so this never returns NULL. */
const char *template_label(const Template *t, const char *key);

#endif
