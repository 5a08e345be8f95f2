#pragma once

#include <adwaita.h>

#include "tam-attendance.h"

G_BEGIN_DECLS

#define TAM_TYPE_ATTENDANCE_DIALOG (tam_attendance_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TamAttendanceDialog, tam_attendance_dialog, TAM, ATTENDANCE_DIALOG, AdwWindow)

/* Edits one person-day of F-02 (planned shift, status, check in/out,
 * note); saves with tam_attendance_save, emits "saved" and closes. */
TamAttendanceDialog *tam_attendance_dialog_new  (GtkWindow           *parent,
                                                 TamStore            *store,
                                                 const TamSession    *session,
                                                 const TamAttendance *row);
/* The same as clicking Save; TRUE when the row was stored. */
gboolean             tam_attendance_dialog_save (TamAttendanceDialog *self);

G_END_DECLS
