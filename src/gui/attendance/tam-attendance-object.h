#pragma once

#include <glib-object.h>

#include "tam-attendance.h"

G_BEGIN_DECLS

#define TAM_TYPE_ATTENDANCE_OBJECT (tam_attendance_object_get_type ())
G_DECLARE_FINAL_TYPE (TamAttendanceObject, tam_attendance_object, TAM, ATTENDANCE_OBJECT, GObject)

/* One F-02 row for list models (takes @row over). */
TamAttendanceObject *tam_attendance_object_new (TamAttendance *row);
const TamAttendance *tam_attendance_object_get_row (TamAttendanceObject *self);

#define TAM_TYPE_ADHERENCE_OBJECT (tam_adherence_object_get_type ())
G_DECLARE_FINAL_TYPE (TamAdherenceObject, tam_adherence_object, TAM, ADHERENCE_OBJECT, GObject)

/* One person's adherence for list models (takes @row over). */
TamAdherenceObject *tam_adherence_object_new (TamAdherence *row);
const TamAdherence *tam_adherence_object_get_row (TamAdherenceObject *self);

G_END_DECLS
