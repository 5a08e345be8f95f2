#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "tam-format.h"

G_BEGIN_DECLS

/* One chart renderer for the screen, PNG, PDF and printing: cairo and
 * PangoCairo, no GTK.
 *
 * A TamChart holds plain data: a kind, a title, a unit, an optional
 * target, and its items (label, value, optional detail, opaque id). It is
 * a reference-counted boxed type, not a GObject: it has no properties or
 * signals of its own (the widget that shows it has them), but the boxed
 * GType lets it travel in a GValue, a property or a signal, and the
 * reference count lets a widget and an export share it.
 *
 *   g_autoptr (TamChart) chart = tam_chart_new (TAM_CHART_LINE, TAM_CHART_UNIT_PERCENT,
 *                                               _("Quality Validation Score"));
 *   tam_chart_set_target (chart, 95);
 *   tam_chart_add_month (chart, "2026-01", 94.2, "1.402 valid / 1.488 agree");
 *   …
 *   tam_chart_write_png (chart, tam_chart_style_default_light (), 1280, 800, "qvs.png", &error);
 *
 * Drawing: tam_chart_layout () measures the text and places everything
 * for one size and style, and keeps it; tam_chart_draw () lays out only
 * when the size, font, language or data changed, then paints. Sizes are
 * in pixels at 96 dpi (a GTK widget's units); the PDF writer scales them
 * to points.
 *
 * Kinds:
 * - LINE: a KPI over months (or any ordered series) in the order added;
 *   an item whose value is NaN is a gap ("No data" on hover).
 * - BAR: a comparison (sites, teams, agents), kept sorted by value,
 *   highest first (NaN last; equal values keep their order), so an
 *   item's index is its place on the chart.
 *
 * The value axis: a count starts at 0. A percentage or a score starts
 * at a round value below the lowest of the values and the target (about
 * 15 % of their spread lower, at least 5 points shown, never below 0)
 * and ends at 100 when the values stay under it: a 95 % target among
 * values of 90–99 is readable, which on 0–100 it is not. The lowest
 * tick is labelled, so the floor is never hidden; bars of a percentage
 * chart rise from that floor.
 *
 * Items under the target (value < target) are drawn in the style's
 * warning colour: a bar in that colour, a point as a larger diamond. The
 * target is a dashed line labelled "Target 95 %" in the right margin.
 *
 * Labels never overlap: month labels skip (every 2nd, 3rd… counted
 * back from the latest, which is always shown), bar labels turn 45° and
 * are shortened with "…", value labels of bars turn upright when they are
 * wider than a bar, and a point's value label is left out when it would
 * touch one already placed (the latest month and those under target are
 * placed first). The exact value is always in the hover text.
 *
 * Not thread-safe: use a chart from one thread at a time. The PNG and PDF
 * writers lay out on their own and only read the data, so a worker may
 * export a chart nobody changes meanwhile. */

typedef enum
{
  TAM_CHART_LINE,
  TAM_CHART_BAR,
} TamChartKind;

typedef enum
{
  TAM_CHART_UNIT_PERCENT, /* 0–100, "95,3 %", 1 decimal */
  TAM_CHART_UNIT_COUNT,   /* whole numbers, "1.402", axis from 0 */
  TAM_CHART_UNIT_SCORE,   /* 0–100 without a sign, "72,5", 1 decimal */
} TamChartUnit;

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} TamChartColor;

/* Colours and font, chosen by the caller: the widget reads them from the
 * theme, PNG and PDF use tam_chart_style_default_light (). A background
 * with alpha 0 is not painted. @font is a Pango font description string
 * ("Cantarell 11"); NULL means "Sans 10". The strings are borrowed. */
typedef struct
{
  TamChartColor foreground;
  TamChartColor background;
  TamChartColor grid;
  TamChartColor accent;  /* the line, points and bars */
  TamChartColor warning; /* under the target */
  TamChartColor target;  /* the dashed target line and its label */
  const char *font;
} TamChartStyle;

const TamChartStyle *tam_chart_style_default_light (void);
const TamChartStyle *tam_chart_style_default_dark (void);

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} TamChartRect;

typedef struct _TamChart TamChart;

#define TAM_TYPE_CHART (tam_chart_get_type ())
GType tam_chart_get_type (void) G_GNUC_CONST;

TamChart *tam_chart_new (TamChartKind kind,
                         TamChartUnit unit,
                         const char *title);
TamChart *tam_chart_ref (TamChart *chart);
void tam_chart_unref (TamChart *chart);
/* A new chart with the same data (not the layout or highlight). */
TamChart *tam_chart_copy (TamChart *chart);

TamChartKind tam_chart_get_kind (TamChart *chart);
TamChartUnit tam_chart_get_unit (TamChart *chart);
const char *tam_chart_get_title (TamChart *chart);
void tam_chart_set_title (TamChart *chart,
                          const char *title);
/* NaN: no target (the default). */
void tam_chart_set_target (TamChart *chart,
                           double target);
double tam_chart_get_target (TamChart *chart);
/* Decimals of the values; -1 (default): 1 for a percentage or a score,
 * 0 for a count. */
void tam_chart_set_decimals (TamChart *chart,
                             int decimals);
/* TAM_LANGUAGE_AUTO (default): tam_format_language () when drawn. */
void tam_chart_set_language (TamChart *chart,
                             TamLanguage lang);
TamLanguage tam_chart_get_language (TamChart *chart);

/* Adds an item; @detail (e.g. "1.402 valid / 1.488 agree") and @id (the
 * caller's key for drill-down: a site code, a NIK, a month) may be NULL.
 * Returns its index (a bar chart's later items may move it). */
guint tam_chart_add_item (TamChart *chart,
                          const char *label,
                          double value,
                          const char *detail,
                          const char *id);
/* Adds a month: its label is @month_key ("YYYY-MM") as "Jan 2026" in the
 * chart's language, its id the key. FALSE (nothing added) for a bad key. */
gboolean tam_chart_add_month (TamChart *chart,
                              const char *month_key,
                              double value,
                              const char *detail);
void tam_chart_clear_items (TamChart *chart);

guint tam_chart_get_n_items (TamChart *chart);
const char *tam_chart_get_item_label (TamChart *chart,
                                      guint index);
double tam_chart_get_item_value (TamChart *chart,
                                 guint index);
const char *tam_chart_get_item_detail (TamChart *chart,
                                       guint index);
const char *tam_chart_get_item_id (TamChart *chart,
                                   guint index);
gboolean tam_chart_item_is_under_target (TamChart *chart,
                                         guint index);
/* The value as the chart shows it: "95,3 %", "1.402". */
char *tam_chart_format_value (TamChart *chart,
                              double value);
/* "Jan 2026: 94,2 % · 1.402 valid / 1.488 agree" (hover, keyboard). */
char *tam_chart_dup_item_text (TamChart *chart,
                               guint index);
/* "Quality Validation Score: 12 items, 3 under the target of 95 %." */
char *tam_chart_dup_summary (TamChart *chart);

/* The item drawn highlighted (hover, keyboard), or -1. */
void tam_chart_set_highlight (TamChart *chart,
                              int index);
int tam_chart_get_highlight (TamChart *chart);

/* Places everything for @width × @height and @style's font; kept until
 * one of them or the data changes. */
void tam_chart_layout (TamChart *chart,
                       const TamChartStyle *style,
                       double width,
                       double height);
/* Paints the chart on @cr at (0, 0), laying out first if needed. */
void tam_chart_draw (TamChart *chart,
                     const TamChartStyle *style,
                     cairo_t *cr,
                     double width,
                     double height);

/* Paints the chart on a page of @width × @height points (a PDF page, a
 * GtkPrintContext's cairo context in points): laid out at 96 dpi for
 * @width × @height × 4/3 pixels and scaled, so a page has the proportions
 * of the screen. Uses a layout of its own (not the kept one) and no
 * highlight. */
void tam_chart_draw_page (TamChart *chart,
                          const TamChartStyle *style,
                          cairo_t *cr,
                          double width,
                          double height);

/* Questions about the last layout (FALSE / -1 / NaN before one). */
/* The item whose column holds (@x, @y) in the plot or its labels, or -1. */
int tam_chart_hit (TamChart *chart,
                   double x,
                   double y);
gboolean tam_chart_get_plot_area (TamChart *chart,
                                  TamChartRect *rect);
/* The bar, or a square around the point. */
gboolean tam_chart_get_item_area (TamChart *chart,
                                  guint index,
                                  TamChartRect *rect);
/* The y of the target line (the line covers the two pixel rows around
 * it), NaN without a target. */
double tam_chart_get_target_y (TamChart *chart);

/* A PNG of @width × @height pixels. */
gboolean tam_chart_write_png (TamChart *chart,
                              const TamChartStyle *style,
                              int width,
                              int height,
                              const char *path,
                              GError **error);
/* A one-page PDF of @width × @height points; 0 × 0 is A4 landscape. Fonts
 * are embedded (cairo embeds a subset of every font it draws). */
gboolean tam_chart_write_pdf (TamChart *chart,
                              const TamChartStyle *style,
                              double width,
                              double height,
                              const char *path,
                              GError **error);
/* @n_charts charts, one a page, in one PDF titled @title (may be NULL):
 * the charts of the month-end pack. */
gboolean tam_chart_write_pdf_pages (TamChart *const *charts,
                                    guint n_charts,
                                    const TamChartStyle *style,
                                    double width,
                                    double height,
                                    const char *title,
                                    const char *path,
                                    GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamChart, tam_chart_unref)

G_END_DECLS
