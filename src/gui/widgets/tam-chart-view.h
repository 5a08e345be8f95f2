#pragma once

#include <adwaita.h>

#include "tam-chart.h"

G_BEGIN_DECLS

/* A TamChart on screen, drawn by the core renderer (tam-chart.h) in its
 * snapshot, in the theme's colours (looked up on every frame, so a
 * switch to dark follows at once).
 *
 * - Hover: the item under the pointer is highlighted and its tooltip
 *   gives the exact value and counts ("Jan 2026: 94,2 % · 1.402 valid /
 *   1.488 agree").
 * - Click, or Enter/Space on the highlighted item: "item-activated"
 *   (guint index) for drill-down; tam_chart_get_item_id () names it.
 * - Keyboard: focusable; Left/Right (Home/End) move the highlight.
 * - Accessible: an image whose label is the chart's summary ("Quality
 *   Validation Score: 12 items, 3 under the target of 95 %.") and whose
 *   description is the highlighted item's text.
 *
 * Actions (for menus and tests): chart.previous, chart.next,
 * chart.first, chart.last, chart.activate.
 *
 *   GtkWidget *view = tam_chart_view_new ();
 *   tam_chart_view_set_chart (TAM_CHART_VIEW (view), chart);
 *   g_signal_connect_object (view, "item-activated", G_CALLBACK (drill_down_cb), self,
 *                            G_CONNECT_SWAPPED);
 *
 *   static void
 *   drill_down_cb (MyPage *self, guint index, TamChartView *view)
 *   {
 *     const char *id = tam_chart_get_item_id (tam_chart_view_get_chart (view), index);
 *     ... the next level (site → team → agent → the Queue filtered) for id ...
 *   }
 *
 * Printing: with gtk_print_operation_set_unit (op, GTK_UNIT_POINTS),
 * draw-page calls tam_chart_draw_page () on the print context's cairo
 * context with its width and height. */

#define TAM_TYPE_CHART_VIEW (tam_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (TamChartView, tam_chart_view, TAM, CHART_VIEW, GtkWidget)

GtkWidget *tam_chart_view_new (void);
/* Shows @chart (a reference is kept; NULL shows nothing). The chart's
 * layout and highlight belong to the view while it shows it. */
void tam_chart_view_set_chart (TamChartView *self,
                               TamChart *chart);
TamChart *tam_chart_view_get_chart (TamChartView *self);
/* The highlighted item, or -1. */
int tam_chart_view_get_highlight (TamChartView *self);
void tam_chart_view_set_highlight (TamChartView *self,
                                   int index);
/* The colours and font the view draws with now (from the theme). The
 * style's font string belongs to the view. */
void tam_chart_view_get_style (TamChartView *self,
                               TamChartStyle *style);

G_END_DECLS
