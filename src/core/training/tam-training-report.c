/* tam-training-report.c: the batch report of the trainings of one month
 * (report registry code "training"): a row per participant of each
 * training (attendance, attempts, latest score, passed) and a sheet of
 * every quiz attempt. .xlsx, or .csv with the attempts in
 * FILE-attempts.csv. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tam-report-util.h"
#include "tam-training-report.h"

/* A row points into the list of trainings and holds a reference to it. */
typedef struct
{
  GPtrArray *trainings;
  TamTraining *training;
  TamTrainingParticipant *p;
} BatchRow;

typedef struct
{
  GPtrArray *trainings;
  TamTraining *training;
  TamTrainingAttempt *a;
} AttemptRow;

static void
batch_row_free (gpointer data)
{
  BatchRow *r = data;

  tam_training_participant_free (r->p);
  g_ptr_array_unref (r->trainings);
  g_free (r);
}

static void
attempt_row_free (gpointer data)
{
  AttemptRow *r = data;

  tam_training_attempt_free (r->a);
  g_ptr_array_unref (r->trainings);
  g_free (r);
}

gboolean
tam_training_report_compute (TamStore *store,
                             const TamSession *session,
                             const char *month,
                             GPtrArray **sheet1,
                             GPtrArray **sheet2,
                             GError **error)
{
  g_autofree char *first = NULL, *next = NULL, *last = NULL;
  g_autoptr (GPtrArray) trainings = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (batch_row_free);
  g_autoptr (GPtrArray) attempts = g_ptr_array_new_with_free_func (attempt_row_free);

  if (!tam_session_require (session, TAM_PERM_EXPORT, error))
    return FALSE;
  if (!_tam_report_check_month (month, &first, &next, error))
    return FALSE;
  last = g_strdup_printf ("%s-31", month);
  trainings = tam_training_list (store, first, last, error);
  if (trainings == NULL)
    return FALSE;
  for (guint i = 0; i < trainings->len; i++)
    {
      TamTraining *t = trainings->pdata[i];
      g_autoptr (GPtrArray) parts = tam_training_participants (store, t->id, error);
      g_autoptr (GPtrArray) tries = parts ? tam_training_attempts (store, t->id, error) : NULL;

      if (tries == NULL)
        return FALSE;
      for (guint k = 0; k < parts->len; k++)
        {
          BatchRow *r = g_new0 (BatchRow, 1);

          r->trainings = g_ptr_array_ref (trainings);
          r->training = t;
          r->p = g_steal_pointer (&parts->pdata[k]);
          g_ptr_array_add (rows, r);
        }
      for (guint k = 0; k < tries->len; k++)
        {
          AttemptRow *r = g_new0 (AttemptRow, 1);

          r->trainings = g_ptr_array_ref (trainings);
          r->training = t;
          r->a = g_steal_pointer (&tries->pdata[k]);
          g_ptr_array_add (attempts, r);
        }
      g_ptr_array_set_free_func (parts, NULL);
      g_ptr_array_set_free_func (tries, NULL);
    }
  *sheet1 = g_steal_pointer (&rows);
  *sheet2 = g_steal_pointer (&attempts);
  return TRUE;
}

static const char *
passed_text (int passed)
{
  return passed < 0 ? "" : passed ? _ ("yes")
                                  : _ ("no");
}

static gboolean
write_xlsx (const TamReportOutput *o,
            GPtrArray *rows,
            GPtrArray *attempts,
            GError **error)
{
  static const TamReportColumn heads[] = {
    { N_ ("Training"), 12 },
    { N_ ("Kind"), 12 },
    { N_ ("Title"), 40 },
    { N_ ("Service"), 12 },
    { N_ ("Site"), 12 },
    { N_ ("Trainer"), 12 },
    { N_ ("From"), 12 },
    { N_ ("To"), 12 },
    { N_ ("NIK"), 12 },
    { N_ ("Name"), 24 },
    { N_ ("Days present"), 12 },
    { N_ ("Days absent"), 12 },
    { N_ ("Attempts"), 12 },
    { N_ ("Latest score"), 12 },
    { N_ ("Passed"), 12 },
  };
  static const TamReportColumn aheads[] = {
    { N_ ("Training"), 12 },
    { N_ ("Title"), 40 },
    { N_ ("NIK"), 12 },
    { N_ ("Name"), 24 },
    { N_ ("Attempt"), 12 },
    { N_ ("Score"), 12 },
    { N_ ("Pass mark"), 12 },
    { N_ ("Passed"), 12 },
    { N_ ("Recorded at"), 20 },
  };
  TamReportFormats fmt;
  lxw_workbook *wb;
  lxw_worksheet *ws, *wa;
  g_autofree char *title_text = NULL;
  guint total = rows->len + attempts->len, done = 0;
  lxw_row_t row = 2;

  wb = _tam_report_workbook_new (o->path, o->tmp_path, &fmt, error);
  if (wb == NULL)
    return FALSE;
  title_text = g_strdup_printf (_ ("Training batches, %s"), o->month);
  ws = _tam_report_sheet_new (wb, &fmt, _ ("Batches"), title_text, heads, G_N_ELEMENTS (heads));
  for (guint i = 0; i < rows->len && !g_cancellable_is_cancelled (o->cancellable); i++, row++)
    {
      BatchRow *r = rows->pdata[i];
      TamTraining *t = r->training;

      worksheet_write_number (ws, row, 0, (double) t->id, NULL);
      worksheet_write_string (ws, row, 1, tam_training_kind_to_label (t->kind), NULL);
      worksheet_write_string (ws, row, 2, t->title, NULL);
      if (t->service)
        worksheet_write_string (ws, row, 3, t->service, NULL);
      if (t->site)
        worksheet_write_string (ws, row, 4, t->site, NULL);
      if (t->trainer_nik)
        worksheet_write_string (ws, row, 5, t->trainer_nik, NULL);
      worksheet_write_string (ws, row, 6, t->starts_on, NULL);
      worksheet_write_string (ws, row, 7, t->ends_on, NULL);
      worksheet_write_string (ws, row, 8, r->p->nik, NULL);
      worksheet_write_string (ws, row, 9, r->p->name, NULL);
      worksheet_write_number (ws, row, 10, r->p->days_present, NULL);
      worksheet_write_number (ws, row, 11, r->p->days_absent, NULL);
      worksheet_write_number (ws, row, 12, r->p->attempts, NULL);
      if (!isnan (r->p->score))
        worksheet_write_number (ws, row, 13, r->p->score, fmt.dec);
      if (r->p->passed >= 0)
        worksheet_write_string (ws, row, 14, passed_text (r->p->passed), NULL);
      _tam_report_progress (o->progress, o->user_data, ++done, total);
    }

  g_free (title_text);
  title_text = g_strdup_printf (_ ("Quiz attempts, %s"), o->month);
  wa = _tam_report_sheet_new (wb, &fmt, _ ("Attempts"), title_text, aheads, G_N_ELEMENTS (aheads));
  row = 2;
  for (guint i = 0; i < attempts->len && !g_cancellable_is_cancelled (o->cancellable); i++, row++)
    {
      AttemptRow *r = attempts->pdata[i];

      worksheet_write_number (wa, row, 0, (double) r->training->id, NULL);
      worksheet_write_string (wa, row, 1, r->training->title, NULL);
      worksheet_write_string (wa, row, 2, r->a->nik, NULL);
      worksheet_write_string (wa, row, 3, r->a->name, NULL);
      worksheet_write_number (wa, row, 4, r->a->attempt, NULL);
      worksheet_write_number (wa, row, 5, r->a->score, fmt.dec);
      worksheet_write_number (wa, row, 6, r->a->pass_mark, fmt.dec);
      worksheet_write_string (wa, row, 7, passed_text (r->a->passed), NULL);
      worksheet_write_string (wa, row, 8, r->a->recorded_at, NULL);
      _tam_report_progress (o->progress, o->user_data, ++done, total);
    }
  return _tam_report_workbook_close (wb, o->path, o->tmp_path, o->cancellable, error);
}

static gboolean
write_csv (const TamReportOutput *o,
           GPtrArray *rows,
           GPtrArray *attempts,
           GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) aout = g_string_new (NULL);
  guint total = rows->len + attempts->len, done = 0;

  g_string_append (out, "training_id,kind,title,service,site,trainer_nik,starts_on,ends_on,nik,name,"
                        "days_present,days_absent,attempts,score,passed\r\n");
  for (guint i = 0; i < rows->len; i++)
    {
      BatchRow *r = rows->pdata[i];
      TamTraining *t = r->training;

      if (g_cancellable_set_error_if_cancelled (o->cancellable, error))
        return FALSE;
      _tam_report_csv_int (out, t->id);
      _tam_report_csv_field (out, tam_training_kind_to_code (t->kind), FALSE);
      _tam_report_csv_field (out, t->title, FALSE);
      _tam_report_csv_field (out, t->service, FALSE);
      _tam_report_csv_field (out, t->site, FALSE);
      _tam_report_csv_field (out, t->trainer_nik, FALSE);
      _tam_report_csv_field (out, t->starts_on, FALSE);
      _tam_report_csv_field (out, t->ends_on, FALSE);
      _tam_report_csv_field (out, r->p->nik, FALSE);
      _tam_report_csv_field (out, r->p->name, FALSE);
      _tam_report_csv_int (out, r->p->days_present);
      _tam_report_csv_int (out, r->p->days_absent);
      _tam_report_csv_int (out, r->p->attempts);
      if (isnan (r->p->score))
        _tam_report_csv_field (out, "", FALSE);
      else
        _tam_report_csv_double (out, r->p->score, FALSE);
      _tam_report_csv_field (out, r->p->passed < 0 ? "" : r->p->passed ? "1"
                                                                       : "0",
                             TRUE);
      _tam_report_progress (o->progress, o->user_data, ++done, total);
    }
  g_string_append (aout, "training_id,title,nik,name,attempt,score,pass_mark,passed,recorded_at\r\n");
  for (guint i = 0; i < attempts->len; i++)
    {
      AttemptRow *r = attempts->pdata[i];

      _tam_report_csv_int (aout, r->training->id);
      _tam_report_csv_field (aout, r->training->title, FALSE);
      _tam_report_csv_field (aout, r->a->nik, FALSE);
      _tam_report_csv_field (aout, r->a->name, FALSE);
      _tam_report_csv_int (aout, r->a->attempt);
      _tam_report_csv_double (aout, r->a->score, FALSE);
      _tam_report_csv_double (aout, r->a->pass_mark, FALSE);
      _tam_report_csv_field (aout, r->a->passed ? "1" : "0", FALSE);
      _tam_report_csv_field (aout, r->a->recorded_at, TRUE);
      _tam_report_progress (o->progress, o->user_data, ++done, total);
    }
  return _tam_report_csv_save (o->path, out, o->second_path, aout, error);
}

TAM_REPORT_DEFINE_WRITE (tam_training_report_write, tam_training_report_compute, write_csv, write_xlsx, TAM_TRAINING_REPORT_ATTEMPTS_CSV_SUFFIX)
