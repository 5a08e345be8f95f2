#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TYPE_PACK_DIALOG (tam_pack_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TamPackDialog, tam_pack_dialog, TAM, PACK_DIALOG, AdwWindow)

/* The month-end pack (issue 10) from the app: the month (@month, or the
 * last complete one when NULL) and a folder (typed or chosen with a
 * folder chooser); then tam_report_pack() runs as one job in a worker on
 * its own store (tam-job.h), with a progress bar and Cancel in the dialog.
 * Success lists the files written; a cancel or an error is shown, keeping
 * what the user chose. Opened by win.report-pack (the main menu's Reports
 * and the KPI tab's "Month-End Pack…"). Modal, transient for @parent's
 * window. */
TamPackDialog *tam_pack_dialog_new (GtkWidget *parent,
                                    TamStore *store,
                                    const TamSession *session,
                                    const char *month);

/* For tests: sets the folder and starts the pack (as the Write Pack
 * button does). */
void tam_pack_dialog_write (TamPackDialog *self,
                            const char *folder);
/* TRUE while the pack is being written. */
gboolean tam_pack_dialog_get_running (TamPackDialog *self);
/* The message shown (an error, "cancelled", or what was written), NULL
 * when none. */
const char *tam_pack_dialog_get_message (TamPackDialog *self);
/* Same as pressing Cancel. */
void tam_pack_dialog_cancel (TamPackDialog *self);

G_END_DECLS
