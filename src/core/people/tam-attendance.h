#pragma once

#include "tam-auth.h"

G_BEGIN_DECLS

/* One row of form F-02: a person's planned shift for a day and what
 * happened. */
struct _TamAttendance
{
  gint64 person_id;
  char *nik;             /* filled by list */
  char *name;            /* filled by list */
  gint64 team_leader_id; /* filled by list */
  char *date;            /* YYYY-MM-DD */
  char *shift_start;     /* HH:MM or NULL (OFF) */
  char *shift_end;
  char *status;   /* PRESENT ... OFF (tam-codes.h) */
  char *check_in; /* HH:MM or NULL */
  char *check_out;
  char *note;
};

typedef struct
{
  gint64 person_id; /* 0 for the team total */
  char *nik;
  char *name;
  guint scheduled; /* days with a shift, not OFF or LEAVE */
  guint present;   /* on time */
  guint late;      /* LATE + LATE_FROM_BREAK */
  guint absent;    /* ABSENT_* */
  guint sick;      /* SICK_* */
  guint leave;
  guint off;
  double adherence; /* present / scheduled * 100; 100 when nothing scheduled */
} TamAdherence;

TamAttendance *tam_attendance_copy (const TamAttendance *row);
void tam_attendance_free (TamAttendance *row);
void tam_adherence_free (TamAdherence *row);

/* Rows from @from to @to inclusive (YYYY-MM-DD), for the team of
 * @team_leader_id (0: everybody), ordered by name then date. */
GPtrArray *tam_attendance_list (TamStore *store,
                                const char *from,
                                const char *to,
                                gint64 team_leader_id,
                                GError **error);
/* Insert or update one person-day. A TEAM_LEADER may edit their own team
 * only; SUPERVISOR_OPS anybody. Validated and audited. */
gboolean tam_attendance_save (TamStore *store,
                              const TamSession *actor,
                              const TamAttendance *row,
                              GError **error);
/* Adherence per person (GPtrArray of TamAdherence) and, in @total, for
 * the whole selection. */
GPtrArray *tam_attendance_adherence (TamStore *store,
                                     const char *from,
                                     const char *to,
                                     gint64 team_leader_id,
                                     TamAdherence *total,
                                     GError **error);

/* Sums of rows: tam_adherence_add() adds @row's day counts into @sum,
 * tam_adherence_finish() sets sum->adherence by the rule above (present
 * / scheduled * 100; 100 when nothing was scheduled). The total of
 * tam_attendance_adherence() and the KPIs per team and site use them. */
void tam_adherence_add (TamAdherence *sum,
                        const TamAdherence *row);
void tam_adherence_finish (TamAdherence *sum);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamAttendance, tam_attendance_free)

G_END_DECLS
