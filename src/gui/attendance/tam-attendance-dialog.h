#pragma once

#include <adwaita.h>

#include "tam-attendance.h"

G_BEGIN_DECLS

#define TAM_TYPE_ATTENDANCE_DIALOG (tam_attendance_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TamAttendanceDialog, tam_attendance_dialog, TAM, ATTENDANCE_DIALOG, AdwWindow)

/* Edits one person-day of F-02 (planned shift, status, check in/out,
 * note); saves with tam_attendance_save in a worker of its own
 * (tam-save.h), the button showing "Saving…" meanwhile, then emits
 * "saved" and closes, or shows the core's refusal. Closed while a save
 * waits, it hides at once and the save completes: "saved" is still
 * emitted, a refusal is shown over the parent window. */
TamAttendanceDialog *tam_attendance_dialog_new (GtkWindow *parent,
                                                TamStore *store,
                                                const TamSession *session,
                                                const TamAttendance *row);
/* The same as clicking Save, then waits for the outcome, iterating the
 * main context (for tests; the button does not wait): TRUE when the row
 * was stored. FALSE at once for a wrong time or while a save is on its
 * way already. */
gboolean tam_attendance_dialog_save (TamAttendanceDialog *self);

G_END_DECLS
