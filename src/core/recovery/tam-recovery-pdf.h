/* tam-recovery-pdf.h: a recovery plan as an A4 PDF for distribution
 * (Desk Control hands it to the action owners): the KPI, scope, period
 * and figures, the analysis and causes, the actions with their due
 * dates, the KPI's chart over the period (kpi/tam-kpi-chart.h) and the
 * plan's history. cairo-pdf, like the coaching letters. */
#pragma once

#include <cairo.h>

#include "tam-recovery.h"

G_BEGIN_DECLS

/* Draws the plan on @cr, one page of @width x @height points. @chart
 * may be NULL (no chart). */
void tam_recovery_draw_page (const TamRecoveryPlan *plan,
                             GPtrArray *history,
                             gpointer chart,
                             cairo_t *cr,
                             double width,
                             double height);

/* Plan @id as the session may see it, written to @path (through a
 * temporary file). */
gboolean tam_recovery_write_pdf (TamStore *store,
                                 const TamSession *session,
                                 gint64 id,
                                 const char *path,
                                 GError **error);

G_END_DECLS
