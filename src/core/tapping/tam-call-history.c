/* tam-call-history.c: the tappings and re-calls of one call. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-codes.h"
#include "tam-tapping-private.h"
#include "tam-tapping.h"

void
tam_tapping_record_free (TamTappingRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->actor_nik);
  g_free (record->actor_name);
  g_free (record->at);
  g_free (record->verdict);
  g_free (record->text);
  g_free (record->recording);
  g_strfreev (record->failed_codes);
  g_strfreev (record->failed_texts);
  g_free (record->reason);
  g_free (record);
}
/* ------------------------------------------------------------------ */
/* History */

static gint64
history_slot (const TamTappingRecord *r)
{
  return (gint64) r->attempt * 2 + (r->kind == TAM_HISTORY_RECALL ? 1 : 0);
}

static int
history_cmp (gconstpointer a,
             gconstpointer b)
{
  const TamTappingRecord *x = *(TamTappingRecord *const *) a;
  const TamTappingRecord *y = *(TamTappingRecord *const *) b;
  gint64 sx = history_slot (x), sy = history_slot (y);
  int c;

  if (sx != sy)
    return sx < sy ? -1 : 1;
  c = g_strcmp0 (x->at, y->at);
  if (c != 0)
    return c;
  return x->id < y->id ? -1 : x->id > y->id;
}

GPtrArray *
tam_call_history (TamStore *store,
                  const TamSession *session,
                  gint64 id,
                  GError **error)
{
  g_autoptr (TamCall) call = NULL;
  g_autoptr (GPtrArray) taps = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_tapping_record_free);
  g_autoptr (GPtrArray) recalls = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_tapping_record_free);
  g_autoptr (GPtrArray) history = NULL;
  sqlite3_stmt *stmt;
  guint i = 0, j = 0;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  call = tam_call_get (store, session, id, error);
  if (call == NULL)
    return NULL;

  stmt = tam_store_prepare (store,
                            "SELECT t.id, t.attempt, p.nik, p.name, t.tapped_at, t.verdict, t.recommendation, t.undone,"
                            " (SELECT group_concat (ap.code, ',') FROM"
                            "   (SELECT ap.code FROM tapping_failures f"
                            "    JOIN assessment_parameters ap ON ap.id = f.parameter_id"
                            "    WHERE f.tapping_id = t.id ORDER BY ap.position, ap.code) AS ap),"
                            " (SELECT group_concat (ap.text, char (31)) FROM"
                            "   (SELECT tam_tr (ap.text) AS text FROM tapping_failures f"
                            "    JOIN assessment_parameters ap ON ap.id = f.parameter_id"
                            "    WHERE f.tapping_id = t.id ORDER BY ap.position, ap.code) AS ap),"
                            " t.reason"
                            " FROM tappings t JOIN people p ON p.id = t.qco_id"
                            " WHERE t.call_id = ? ORDER BY t.tapped_at, t.id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TamTappingRecord *r = g_new0 (TamTappingRecord, 1);
      const char *codes = (const char *) sqlite3_column_text (stmt, 8);

      r->kind = TAM_HISTORY_TAPPING;
      r->id = sqlite3_column_int64 (stmt, 0);
      r->attempt = sqlite3_column_int (stmt, 1);
      r->actor_nik = tam_stmt_dup_text (stmt, 2);
      r->actor_name = tam_stmt_dup_text (stmt, 3);
      r->at = tam_stmt_dup_text (stmt, 4);
      r->verdict = tam_stmt_dup_text (stmt, 5);
      r->text = tam_stmt_dup_text (stmt, 6);
      r->undone = sqlite3_column_int (stmt, 7) != 0;
      const char *texts = (const char *) sqlite3_column_text (stmt, 9);
      g_autoptr (GStrvBuilder) code_list = g_strv_builder_new ();
      g_autoptr (GStrvBuilder) text_list = g_strv_builder_new ();
      g_auto (GStrv) split_codes = (codes != NULL && *codes != '\0') ? g_strsplit (codes, ",", -1) : NULL;
      g_auto (GStrv) split_texts = (texts != NULL && *texts != '\0') ? g_strsplit (texts, "\x1f", -1) : NULL;

      r->reason = tam_stmt_dup_text (stmt, 10);
      for (guint k = 0; split_codes != NULL && split_codes[k] != NULL; k++)
        {
          g_strv_builder_add (code_list, split_codes[k]);
          g_strv_builder_add (text_list, split_texts != NULL && k < g_strv_length (split_texts) ? split_texts[k] : split_codes[k]);
        }
      if (g_strcmp0 (r->reason, TAM_REASON_RECORDING) == 0)
        {
          g_strv_builder_add (code_list, TAM_REASON_RECORDING);
          g_strv_builder_add (text_list, tam_reason_recording_label ());
        }
      r->failed_codes = g_strv_builder_end (code_list);
      r->failed_texts = g_strv_builder_end (text_list);
      g_ptr_array_add (taps, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = tam_store_prepare (store,
                            "SELECT r.id, r.attempt, p.nik, p.name, r.recorded_at, r.note, r.recording"
                            " FROM recalls r JOIN people p ON p.id = r.recorded_by"
                            " WHERE r.call_id = ? ORDER BY r.recorded_at, r.id",
                            error);
  if (stmt == NULL)
    goto fail_quiet;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TamTappingRecord *r = g_new0 (TamTappingRecord, 1);

      r->kind = TAM_HISTORY_RECALL;
      r->id = sqlite3_column_int64 (stmt, 0);
      r->attempt = sqlite3_column_int (stmt, 1);
      r->actor_nik = tam_stmt_dup_text (stmt, 2);
      r->actor_name = tam_stmt_dup_text (stmt, 3);
      r->at = tam_stmt_dup_text (stmt, 4);
      r->text = tam_stmt_dup_text (stmt, 5);
      r->recording = tam_stmt_dup_text (stmt, 6);
      g_ptr_array_add (recalls, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  /* In the order things happened, which the attempt numbers give even
   * within one second: tapping N (and its undone predecessors), then the
   * re-call answering it, then tapping N + 1. */
  history = g_ptr_array_new_full (taps->len + recalls->len, (GDestroyNotify) tam_tapping_record_free);
  for (i = 0; i < taps->len; i++)
    g_ptr_array_add (history, taps->pdata[i]);
  for (j = 0; j < recalls->len; j++)
    g_ptr_array_add (history, recalls->pdata[j]);
  g_ptr_array_sort (history, history_cmp);
  /* The records now belong to @history. */
  g_ptr_array_set_free_func (taps, NULL);
  g_ptr_array_set_free_func (recalls, NULL);
  return g_steal_pointer (&history);

fail:
  tam_store_set_error (store, error, _ ("Could not read the tapping history"));
fail_quiet:
  return NULL;
}

gboolean
tam_tapping_count_today (TamStore *store,
                         const TamSession *session,
                         int *out_valid,
                         int *out_returned,
                         GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  *out_valid = *out_returned = 0;
  if (!tam_session_require (session, TAM_PERM_TAP, error))
    return FALSE;
  stmt = tam_store_prepare (store,
                            "SELECT verdict, count(*) FROM tappings INDEXED BY tappings_qco"
                            " WHERE qco_id = ? AND tapped_at >= ? AND undone = 0 GROUP BY verdict",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session->person_id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (tam_verdict_from_code ((const char *) sqlite3_column_text (stmt, 0)) == TAM_VERDICT_VALID)
        *out_valid = sqlite3_column_int (stmt, 1);
      else
        *out_returned = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _ ("Could not count today's tappings"));
      return FALSE;
    }
  return TRUE;
}
