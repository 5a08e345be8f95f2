#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-kpi-scorecard-view.h"
#include "tam-kpi.h"
#include "tam-recovery-cycle.h"
#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TYPE_KPI_PAGE (tam_kpi_page_get_type ())
G_DECLARE_FINAL_TYPE (TamKpiPage, tam_kpi_page, TAM, KPI_PAGE, GtkWidget)

/* The monthly KPI tab (issue 10): month and scope pickers (national, a
 * site, a service, a team), one card per KPI against its target (the QVS
 * card of the current month with its budget; an under-target card with
 * "Draft recovery plan…" when the window has win.recovery-draft), the QVS
 * line over twelve months, bars comparing the members one level down
 * (click one to go down: national → site → team; an agent's bar opens
 * their calls of the month in the Queue tab through
 * win.queue-agent-month), and the ABU scorecard as a sortable table
 * (Enter on an agent: their calls). Its menu: the KPI workbook, the
 * month-end pack (win.report, win.report-pack) and, for supervisors, the
 * headcount targets. Everything is computed in a worker on a connection
 * of its own. */
GtkWidget *tam_kpi_page_new (TamStore *store,
                             const TamSession *session);

/* For tests: the month ("YYYY-MM") and scope shown, and whether a load is
 * running. */
const char *tam_kpi_page_get_month (TamKpiPage *self);
const char *tam_kpi_page_get_scope_key (TamKpiPage *self);
gboolean tam_kpi_page_is_loading (TamKpiPage *self);
/* As choosing in the pickers (set_scope: a member of the month's list, or
 * NULL for its first). */
void tam_kpi_page_set_month (TamKpiPage *self,
                             const char *month);
void tam_kpi_page_set_scope (TamKpiPage *self,
                             TamKpiScope scope,
                             const char *key);
TamKpiScope tam_kpi_page_get_scope (TamKpiPage *self);
/* The QVS budget shown on the QVS card (the current month), or NULL. */
const char *tam_kpi_page_get_budget_text (TamKpiPage *self);
/* A past month whose AGREE calls are not all tapped yet: "Provisional:
 * N of M AGREE calls still wait for tapping" (NULL: all tapped, or the
 * current month, which has its budget instead). */
const char *tam_kpi_page_get_provisional_text (TamKpiPage *self);
/* The month's recovery cycle in a line (issue 11, point 7). */
char *tam_kpi_page_cycle_text (const TamRecoveryCycle *cycle);
char *tam_kpi_page_provisional_text (gint64 pending,
                                     gint64 agree);
TamKpiScorecardView *tam_kpi_page_get_scorecard (TamKpiPage *self);

/* The budget's sentence: "Can still take 12 RETURNs of 40 pending and
 * stay at 95 %" or "Under target: needs 30 more VALID to reach 95 %". */
char *tam_kpi_page_budget_text (const TamKpiBudget *budget,
                                double target);

G_END_DECLS
