/* tam-calendar.h: working days (hari kerja) for the recovery plans' due
 * dates and the SOP's HK+3 (issue 11, point 5).
 *
 * A working day is a Monday to Friday that is neither an Indonesian
 * national holiday nor cuti bersama. The holidays ship as data
 * (data/holidays.csv: the government's SKB for 2026, estimates for 2027)
 * and a supervisor corrects them in the database (calendar_days,
 * migration 8): a day added as a holiday, or a shipped holiday removed
 * (stored as a WORKDAY override). */
#pragma once

#include "tam-auth.h"

G_BEGIN_DECLS

typedef struct _TamCalendar TamCalendar;

typedef enum
{
  TAM_DAY_WORKDAY,
  TAM_DAY_WEEKEND,
  TAM_DAY_HOLIDAY,      /* libur nasional (shipped) */
  TAM_DAY_CUTI_BERSAMA, /* cuti bersama (shipped) */
  TAM_DAY_ADDED,        /* a holiday added in the database */
} TamDayKind;

typedef struct
{
  char date[11];
  TamDayKind kind;
  char *name;
  gboolean estimated; /* shipped as an estimate (no SKB yet) */
  gboolean removed;   /* a shipped holiday made a working day again */
} TamCalendarDay;

/* The shipped file: $TAM_DATADIR/holidays.csv, the installed one, or the
 * source tree's data/holidays.csv. */
char *tam_calendar_default_path (void);

/* Reads @path (NULL: the default path). An error names the file and
 * the line. */
TamCalendar *tam_calendar_new_from_file (const char *path,
                                         GError **error);
/* The shipped days with the database's corrections (@store may be NULL:
 * the shipped days only). */
TamCalendar *tam_calendar_load (TamStore *store,
                                GError **error);
void tam_calendar_free (TamCalendar *calendar);

/* Adds (or removes, @holiday FALSE) a correction in memory only (tests;
 * the database's own go through tam_calendar_add / _remove). */
void tam_calendar_override (TamCalendar *calendar,
                            const char *date,
                            gboolean holiday,
                            const char *name);

/* @date "YYYY-MM-DD"; FALSE for anything else. */
gboolean tam_calendar_is_workday (const TamCalendar *calendar,
                                  const char *date);
/* What @date is and its holiday's name (NULL on a plain day). */
TamDayKind tam_calendar_day_kind (const TamCalendar *calendar,
                                  const char *date,
                                  const char **name);

/* The date @n working days after @date (before it when @n < 0; @date
 * itself when @n is 0), "YYYY-MM-DD"; NULL when @date is not a date.
 * HK+3 of a Friday is the next Wednesday. */
char *tam_workday_add (const TamCalendar *calendar,
                       const char *date,
                       int n);
/* Working days from @from (excluded) to @to (included); negative when
 * @to is before @from. */
int tam_workdays_between (const TamCalendar *calendar,
                          const char *from,
                          const char *to);

/* Every holiday of @year (0: every year), shipped and added, removed ones
 * flagged, in date order: TamCalendarDay. */
GPtrArray *tam_calendar_list (const TamCalendar *calendar,
                              int year);
void tam_calendar_day_free (TamCalendarDay *day);

/* The database's corrections: a supervisor or manager
 * (TAM_PERM_EDIT_CALENDAR). Add: @date becomes a holiday named @name
 * (refused on a day that already is one). Remove: a holiday added here
 * is deleted; a shipped one is made a working day (refused on a day that
 * is no holiday). Audited. */
gboolean tam_calendar_add (TamStore *store,
                           const TamSession *session,
                           const char *date,
                           const char *name,
                           GError **error);
gboolean tam_calendar_remove (TamStore *store,
                              const TamSession *session,
                              const char *date,
                              GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamCalendar, tam_calendar_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamCalendarDay, tam_calendar_day_free)

G_END_DECLS
