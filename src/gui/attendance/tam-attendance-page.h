#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TYPE_ATTENDANCE_PAGE (tam_attendance_page_get_type ())
G_DECLARE_FINAL_TYPE (TamAttendancePage, tam_attendance_page, TAM, ATTENDANCE_PAGE, GtkWidget)

/* Form F-02: a team's planned shifts against what happened, for a day or
 * a month, with adherence per person and for the team. */
GtkWidget *tam_attendance_page_new (TamStore *store,
                                    const TamSession *session);
void tam_attendance_page_reload (TamAttendancePage *self);
/* Shows the day (@month FALSE) or the month of @date (YYYY-MM-DD) for the
 * team of @team_leader_id (0: everybody). */
void tam_attendance_page_show (TamAttendancePage *self,
                               const char *date,
                               gboolean month,
                               gint64 team_leader_id);
/* What the Import button runs once a file is chosen. */
void tam_attendance_page_import_file (TamAttendancePage *self,
                                      const char *path);

G_END_DECLS
