#pragma once

#include <adwaita.h>

#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TYPE_REPORT_DIALOG (tam_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TamReportDialog, tam_report_dialog, TAM, REPORT_DIALOG, AdwWindow)

/* The one report dialog, driven by the core's registry (tam-reports.h):
 * the report (preselected when @code names one of the registry, else
 * chosen here), the month (the last complete one by default), the file
 * (.xlsx or .csv, typed or chosen with a save dialog); then the
 * registry's write runs in a worker on its own store (tam-job.h), with a
 * progress bar and Cancel in the dialog. An error or a cancel is shown in
 * the dialog, keeping what the user chose; success shows the file's path.
 * Modal, transient for @parent's window. */
TamReportDialog *tam_report_dialog_new (GtkWidget *parent,
                                        TamStore *store,
                                        const TamSession *session,
                                        const char *code);

/* The code of the chosen report ("f18"). */
const char *tam_report_dialog_get_code (TamReportDialog *self);
/* TRUE while the report is being written. */
gboolean tam_report_dialog_get_running (TamReportDialog *self);
/* The message the dialog shows (an error, "cancelled", or the path
 * written), NULL when none. */
const char *tam_report_dialog_get_message (TamReportDialog *self);

G_END_DECLS
