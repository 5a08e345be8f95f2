#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TYPE_KPI_HEADCOUNT_DIALOG (tam_kpi_headcount_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TamKpiHeadcountDialog, tam_kpi_headcount_dialog, TAM, KPI_HEADCOUNT_DIALOG, AdwWindow)

/* The CAPLAN headcount targets of @month, one row per service and site
 * (read in a worker), each a spin button; Save writes the changed ones
 * with tam_kpi_put_headcount_target() (TAM_PERM_IMPORT_KPI: supervisors
 * and the manager; each its own short transaction, audited) in a worker
 * (widgets/tam-save.h), then closes. From the KPI tab's menu. */
TamKpiHeadcountDialog *tam_kpi_headcount_dialog_new (GtkWidget *parent,
                                                     TamStore *store,
                                                     const TamSession *session,
                                                     const char *month);

/* For tests: whether the rows are loaded; set the target of @service at
 * @site (as typing it); save (as the Save button); the message shown. */
gboolean tam_kpi_headcount_dialog_is_loaded (TamKpiHeadcountDialog *self);
gboolean tam_kpi_headcount_dialog_set_target (TamKpiHeadcountDialog *self,
                                              const char *service,
                                              const char *site,
                                              gint64 target);
void tam_kpi_headcount_dialog_save (TamKpiHeadcountDialog *self);
const char *tam_kpi_headcount_dialog_get_message (TamKpiHeadcountDialog *self);

G_END_DECLS
