#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TYPE_KPI_PAGE (tam_kpi_page_get_type ())
G_DECLARE_FINAL_TYPE (TamKpiPage, tam_kpi_page, TAM, KPI_PAGE, GtkWidget)

/* The monthly KPI tab (issue 10): month and scope, one card per KPI
 * against its target, the QVS line over twelve months, bars comparing the
 * members one level down (click one to go down: national → site → team →
 * agent), and the ABU scorecard. Everything is computed in a worker on a
 * connection of its own. */
GtkWidget *tam_kpi_page_new (TamStore *store,
                             const TamSession *session);

/* For tests: the month ("YYYY-MM") and scope shown, and whether a load is
 * running. */
const char *tam_kpi_page_get_month (TamKpiPage *self);
const char *tam_kpi_page_get_scope_key (TamKpiPage *self);
gboolean tam_kpi_page_is_loading (TamKpiPage *self);

G_END_DECLS
