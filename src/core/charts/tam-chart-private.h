#pragma once

#include <pango/pangocairo.h>

#include "tam-chart.h"

G_BEGIN_DECLS

/* The chart's data (tam-chart.c), its geometry (tam-chart-layout.c),
 * painting (tam-chart-draw.c) and the PNG/PDF writers
 * (tam-chart-export.c). */

typedef struct
{
  char *label;
  double value; /* NaN: no data */
  char *detail;
  char *id;
  char *month; /* the "YYYY-MM" key of tam_chart_add_month (), or NULL */
} TamChartItem;

/* Where one item goes. */
typedef struct
{
  double x;         /* the middle of its column */
  double y;         /* the point, or the top of the bar; NaN without a value */
  TamChartRect bar; /* BAR only */
  PangoLayout *label;
  gboolean label_shown;
  double label_x; /* horizontal: top left; turned: the end of the text */
  double label_y;
  PangoLayout *value; /* NULL: not shown */
  double value_x;     /* top left (a turned label: bottom middle) */
  double value_y;
  gboolean value_inside; /* inside the top of the bar */
} TamChartSlot;

#define TAM_CHART_MAX_TICKS 16

typedef struct
{
  /* What it was made for. */
  double width;
  double height;
  char *font;
  TamLanguage lang;
  guint serial;

  PangoContext *context;
  double em; /* the height of a line of text */
  double pad;

  PangoLayout *title;
  double title_x;
  double title_y;
  PangoLayout *empty; /* "No data": nothing else is set */

  TamChartRect plot;
  double headroom; /* above the plot, for value labels */
  double band;     /* the width of one item's column */
  double lo;
  double hi;
  guint n_ticks;
  double tick_y[TAM_CHART_MAX_TICKS];
  PangoLayout *tick_label[TAM_CHART_MAX_TICKS];
  double tick_label_right; /* tick labels end here */

  double target_y; /* NaN: no target */
  PangoLayout *target_label;
  double target_label_x;
  double target_label_y;

  gboolean labels_turned;
  gboolean values_upright;
  guint n_slots;
  TamChartSlot *slots;
} TamChartGeometry;

struct _TamChart
{
  gatomicrefcount ref;
  TamChartKind kind;
  TamChartUnit unit;
  char *title;
  double target;
  int decimals;
  TamLanguage lang;
  GArray *items; /* TamChartItem */
  int highlight;
  guint serial; /* bumped on every change of what is drawn */
  TamChartGeometry *geometry;
};

static inline TamChartItem *
_tam_chart_item (TamChart *chart,
                 guint index)
{
  return &g_array_index (chart->items, TamChartItem, index);
}

int _tam_chart_decimals (TamChart *chart);
char *_tam_chart_format_target (TamChart *chart);
gboolean _tam_chart_under (TamChart *chart,
                           double value);

TamChartGeometry *_tam_chart_geometry_new (TamChart *chart,
                                           const TamChartStyle *style,
                                           double width,
                                           double height);
void _tam_chart_geometry_free (TamChartGeometry *geometry);
gboolean _tam_chart_geometry_matches (TamChartGeometry *geometry,
                                      TamChart *chart,
                                      const TamChartStyle *style,
                                      double width,
                                      double height);

void _tam_chart_paint (TamChart *chart,
                       TamChartGeometry *geometry,
                       const TamChartStyle *style,
                       int highlight,
                       cairo_t *cr);

G_END_DECLS
