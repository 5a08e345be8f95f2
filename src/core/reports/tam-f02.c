/* tam-f02.c: report F-02, the attendance of a month (see tam-f02.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tam-attendance.h"
#include "tam-enums.h"
#include "tam-f02.h"
#include "tam-report-util.h"

gboolean
tam_f02_compute (TamStore *store,
                 const TamSession *session,
                 const char *month,
                 GPtrArray **rows,
                 GPtrArray **people,
                 GError **error)
{
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  g_autofree char *last = NULL;
  TamAdherence total = { 0 };
  gint64 team = 0;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (rows != NULL && people != NULL, FALSE);

  if (!tam_session_require (session, TAM_PERM_EXPORT, error) ||
      !_tam_report_check_month (month, &first, &next, error))
    return FALSE;
  if (tam_role_from_code (session->role) == TAM_ROLE_TEAM_LEADER)
    team = session->person_id;
  /* Dates are ISO strings: the 31st bounds every month. */
  last = g_strdup_printf ("%.7s-31", first);

  *rows = tam_attendance_list (store, first, last, team, error);
  if (*rows == NULL)
    return FALSE;
  *people = tam_attendance_adherence (store, first, last, team, &total, error);
  if (*people == NULL)
    {
      g_clear_pointer (rows, g_ptr_array_unref);
      g_free (total.nik);
      g_free (total.name);
      return FALSE;
    }
  /* The total last, person_id 0. */
  {
    TamAdherence *t = g_new0 (TamAdherence, 1);

    *t = total;
    t->person_id = 0;
    g_ptr_array_add (*people, t);
  }
  return TRUE;
}

static const char *
status_label (const TamAttendance *a)
{
  return tam_attendance_status_to_label (tam_attendance_status_from_code (a->status));
}

static gboolean
write_xlsx (const TamReportOutput *o,
            GPtrArray *rows,
            GPtrArray *people,
            GError **error)
{
  static const TamReportColumn heads[] = {
    { N_ ("NIK"), 12 },
    { N_ ("Name"), 26 },
    { N_ ("Date"), 12 },
    { N_ ("Shift start"), 12 },
    { N_ ("Shift end"), 12 },
    { N_ ("Status"), 12 },
    { N_ ("Check-in"), 12 },
    { N_ ("Check-out"), 12 },
    { N_ ("Note"), 30 },
  };
  static const TamReportColumn pheads[] = {
    { N_ ("NIK"), 12 },
    { N_ ("Name"), 26 },
    { N_ ("Scheduled days"), 12 },
    { N_ ("On time"), 12 },
    { N_ ("Late"), 12 },
    { N_ ("Absent"), 12 },
    { N_ ("Sick"), 12 },
    { N_ ("Leave"), 12 },
    { N_ ("Off"), 12 },
    { N_ ("Adherence"), 12 },
  };
  g_autofree char *title = NULL;
  guint total_rows = rows->len + people->len, done = 0;
  TamReportFormats fmt;
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_row_t row = 2;

  wb = _tam_report_workbook_new (o->path, o->tmp_path, &fmt, error);
  if (wb == NULL)
    return FALSE;
  title = g_strdup_printf (_ ("F-02 Attendance, %s"), o->month);
  ws = _tam_report_sheet_new (wb, &fmt, "F-02", title, heads, G_N_ELEMENTS (heads));
  for (guint i = 0; i < rows->len && !g_cancellable_is_cancelled (o->cancellable); i++, row++)
    {
      const TamAttendance *a = rows->pdata[i];
      const char *texts[] = { a->nik, a->name, a->date, a->shift_start, a->shift_end,
                              status_label (a), a->check_in, a->check_out, a->note };

      for (lxw_col_t c = 0; c < G_N_ELEMENTS (texts); c++)
        _tam_report_write_text (ws, row, c, texts[c], NULL);
      _tam_report_progress (o->progress, o->user_data, ++done, total_rows);
    }

  g_free (title);
  title = g_strdup_printf (_ ("F-02 Adherence per person, %s"), o->month);
  ws = _tam_report_sheet_new (wb, &fmt, _ ("Adherence"), title, pheads, G_N_ELEMENTS (pheads));
  row = 2;
  for (guint i = 0; i < people->len && !g_cancellable_is_cancelled (o->cancellable); i++, row++)
    {
      const TamAdherence *p = people->pdata[i];
      lxw_format *f = p->person_id == 0 ? fmt.bold : NULL;
      const guint counts[] = { p->scheduled, p->present, p->late, p->absent, p->sick, p->leave, p->off };

      if (p->person_id == 0)
        worksheet_write_string (ws, row, 0, _ ("Total"), f);
      else
        _tam_report_write_text (ws, row, 0, p->nik, f);
      _tam_report_write_text (ws, row, 1, p->name, f);
      for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
        worksheet_write_number (ws, row, 2 + k, counts[k], f);
      /* Nothing scheduled is no 100 %: the cell stays empty. */
      if (p->scheduled > 0)
        worksheet_write_number (ws, row, 9, p->adherence / 100.0, p->person_id == 0 ? fmt.bold_pct : fmt.pct);
      _tam_report_progress (o->progress, o->user_data, ++done, total_rows);
    }
  return _tam_report_workbook_close (wb, o->path, o->tmp_path, o->cancellable, error);
}

static gboolean
write_csv (const TamReportOutput *o,
           GPtrArray *rows,
           GPtrArray *people,
           GError **error)
{
  g_autoptr (GString) out = g_string_new ("nik,name,date,shift_start,shift_end,status,check_in,check_out,note\r\n");
  g_autoptr (GString) pout = g_string_new ("level,nik,name,scheduled,on_time,late,absent,sick,leave,off,adherence\r\n");
  guint total_rows = rows->len + people->len, done = 0;

  /* Machine-readable: status codes; adherence with one decimal, empty
   * when nothing was scheduled. */
  for (guint i = 0; i < rows->len; i++)
    {
      const TamAttendance *a = rows->pdata[i];
      const char *texts[] = { a->nik, a->name, a->date, a->shift_start, a->shift_end,
                              a->status, a->check_in, a->check_out, a->note };

      if (g_cancellable_set_error_if_cancelled (o->cancellable, error))
        return FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
        _tam_report_csv_field (out, texts[k], k + 1 == G_N_ELEMENTS (texts));
      _tam_report_progress (o->progress, o->user_data, ++done, total_rows);
    }
  for (guint i = 0; i < people->len; i++)
    {
      const TamAdherence *p = people->pdata[i];
      const guint counts[] = { p->scheduled, p->present, p->late, p->absent, p->sick, p->leave, p->off };

      if (g_cancellable_set_error_if_cancelled (o->cancellable, error))
        return FALSE;
      _tam_report_csv_field (pout, p->person_id == 0 ? "TOTAL" : "PERSON", FALSE);
      _tam_report_csv_field (pout, p->nik, FALSE);
      _tam_report_csv_field (pout, p->name, FALSE);
      for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
        _tam_report_csv_int (pout, counts[k]);
      if (p->scheduled > 0)
        _tam_report_csv_double (pout, p->adherence, TRUE);
      else
        _tam_report_csv_field (pout, NULL, TRUE);
      _tam_report_progress (o->progress, o->user_data, ++done, total_rows);
    }
  return _tam_report_csv_save (o->path, out, o->second_path, pout, error);
}

TAM_REPORT_DEFINE_WRITE (tam_f02_write, tam_f02_compute, write_csv, write_xlsx, TAM_F02_ADHERENCE_CSV_SUFFIX)
