/* tam-training.c: trainings, participants, attendance and quiz attempts
 * (the writes; see tam-training.h). Reads are in tam-training-read.c,
 * the score import in tam-training-import.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-coaching.h"
#include "tam-codes.h"
#include "tam-dates.h"
#include "tam-people.h"
#include "tam-store-read.h"
#include "tam-text.h"
#include "tam-training-private.h"

#define TRAINING_JSON                                                                               \
  "SELECT json_object('id', t.id, 'kind', t.kind, 'title', t.title, 'service', t.service, 'site',"  \
  " t.site, 'trainer', (SELECT nik FROM people WHERE id = t.trainer_id), 'starts_on', t.starts_on," \
  " 'ends_on', t.ends_on, 'material', t.material) FROM trainings t WHERE t.id = ?"

double
tam_training_pass_mark (TamStore *store)
{
  g_autofree char *text = tam_store_get_setting (store, "training_pass_mark", NULL);
  char *end = NULL;
  double v;

  if (text == NULL)
    return TAM_TRAINING_DEFAULT_PASS_MARK;
  v = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (v) || v < 0 || v > 100)
    return TAM_TRAINING_DEFAULT_PASS_MARK;
  return v;
}

int
tam_training_refresher_months (TamStore *store)
{
  g_autofree char *text = tam_store_get_setting (store, "training_refresher_months", NULL);
  gint64 v;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 1, 60, &v, NULL))
    return TAM_TRAINING_DEFAULT_REFRESHER_MONTHS;
  return (int) v;
}

static gboolean
set_setting (TamStore *store,
             const TamSession *actor,
             const char *key,
             const char *value,
             GError **error)
{
  g_autofree char *before = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  gboolean own_tx = !tam_store_in_transaction (store);

  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  before = tam_store_get_setting (store, key, NULL);
  before_json = before ? g_strdup_printf ("{\"%s\":\"%s\"}", key, before) : NULL;
  after_json = g_strdup_printf ("{\"%s\":\"%s\"}", key, value);
  if (!tam_store_set_setting (store, key, value, error) ||
      !tam_audit_append (store, actor, "UPDATE", "setting", key, before_json, after_json, error))
    return tam_store_rollback_own (store, own_tx);
  return tam_store_commit_own (store, own_tx, error);
}

gboolean
tam_training_set_pass_mark (TamStore *store,
                            const TamSession *actor,
                            double pass_mark,
                            GError **error)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (!tam_session_require (actor, TAM_PERM_RECORD_TRAINING, error))
    return FALSE;
  if (!isfinite (pass_mark) || pass_mark < 0 || pass_mark > 100)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("The pass mark is a score from 0 to 100, not %g"), pass_mark);
      return FALSE;
    }
  g_ascii_formatd (text, sizeof text, "%g", pass_mark);
  return set_setting (store, actor, "training_pass_mark", text, error);
}

gboolean
tam_training_set_refresher_months (TamStore *store,
                                   const TamSession *actor,
                                   int months,
                                   GError **error)
{
  char text[16];

  if (!tam_session_require (actor, TAM_PERM_RECORD_TRAINING, error))
    return FALSE;
  if (months < 1 || months > 60)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("A refresher is due every 1 to 60 months, not %d"), months);
      return FALSE;
    }
  g_snprintf (text, sizeof text, "%d", months);
  return set_setting (store, actor, "training_refresher_months", text, error);
}

/* The person of @nik, or an error naming the NIK. */
static TamPerson *
read_person (TamStore *store,
             const char *nik,
             GError **error)
{
  return tam_person_lookup (store, nik, _ ("Nobody has the NIK %s"), error);
}

gint64
tam_training_add (TamStore *store,
                  const TamSession *actor,
                  const TamTrainingSpec *spec,
                  GError **error)
{
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *after = NULL;
  g_autofree char *id_text = NULL;
  gint64 trainer_id = 0;
  gint64 id;
  sqlite3_stmt *stmt;
  gboolean own_tx;

  g_return_val_if_fail (TAM_IS_STORE (store), 0);
  g_return_val_if_fail (spec != NULL, 0);

  if (!tam_session_require (actor, TAM_PERM_RECORD_TRAINING, error))
    return 0;
  if (tam_training_kind_to_code (spec->kind) == NULL)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("The kind of training is INITIAL, REFRESHMENT or PRODUCT_SOCIALIZATION"));
      return 0;
    }
  if (tam_text_is_blank (spec->title))
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A training needs a title"));
      return 0;
    }
  if (spec->service == NULL || !tam_code_is_valid (tam_services (), spec->service))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("Unknown service “%s”"), spec->service ? spec->service : "");
      return 0;
    }
  if (spec->site != NULL && !tam_code_is_valid (tam_sites (), spec->site))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("Unknown site “%s”"), spec->site);
      return 0;
    }
  starts = tam_parse_date (spec->from);
  ends = tam_parse_date (spec->to);
  if (starts == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("The first day “%s” is not a date (2026-10-05 or 05/10/2026)"),
                   spec->from ? spec->from : "");
      return 0;
    }
  if (ends == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("The last day “%s” is not a date (2026-10-05 or 05/10/2026)"),
                   spec->to ? spec->to : "");
      return 0;
    }
  if (strcmp (ends, starts) < 0)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A training cannot end before it starts"));
      return 0;
    }

  own_tx = !tam_store_in_transaction (store);
  if (own_tx && !tam_store_begin (store, error))
    return 0;
  if (spec->site != NULL)
    {
      stmt = tam_store_prepare (store, "SELECT 1 FROM service_sites WHERE service = ? AND site = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, spec->service, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, spec->site, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s is not run at %s"),
                       tam_service_label (spec->service), tam_site_label (spec->site));
          goto fail;
        }
      sqlite3_reset (stmt);
    }
  if (spec->trainer_nik != NULL)
    {
      g_autoptr (TamPerson) trainer = read_person (store, spec->trainer_nik, error);

      if (trainer == NULL)
        goto fail;
      if (g_strcmp0 (trainer->role, "TRAINER") != 0)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s is not a trainer (role %s)"), spec->trainer_nik,
                       trainer->role);
          goto fail;
        }
      trainer_id = trainer->id;
    }
  else if (actor != NULL && g_strcmp0 (actor->role, "TRAINER") == 0)
    trainer_id = actor->person_id;

  stmt = tam_store_prepare (store,
                            "INSERT INTO trainings (kind, title, service, site, trainer_id, starts_on, ends_on, material)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, tam_training_kind_to_code (spec->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, g_strstrip (g_strdup (spec->title)), -1, g_free);
  sqlite3_bind_text (stmt, 3, spec->service, -1, SQLITE_TRANSIENT);
  tam_stmt_bind_text_or_null (stmt, 4, spec->site);
  if (trainer_id != 0)
    sqlite3_bind_int64 (stmt, 5, trainer_id);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, starts, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, ends, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, spec->material ? spec->material : "", -1, SQLITE_TRANSIENT);
  if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not save the training"), error))
    goto fail;
  id = sqlite3_last_insert_rowid (tam_store_get_db (store));
  after = tam_store_query_text_by_id (store, TRAINING_JSON, id);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (!tam_audit_append (store, actor, "INSERT", "training", id_text, NULL, after, error))
    goto fail;
  return tam_store_commit_own (store, own_tx, error) ? id : 0;

fail:
  tam_store_rollback_own (store, own_tx);
  return 0;
}

/* @sql (a literal) prepared with @training_id bound to its parameter 1
 * and @person_id to its parameter 2. */
static sqlite3_stmt *
prepare_participation (TamStore *store,
                       const char *sql,
                       gint64 training_id,
                       gint64 person_id,
                       GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, sql, error);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, training_id);
      sqlite3_bind_int64 (stmt, 2, person_id);
    }
  return stmt;
}

static int
enrolled (TamStore *store,
          gint64 training_id,
          gint64 person_id,
          GError **error)
{
  sqlite3_stmt *stmt = prepare_participation (store,
                                              "SELECT 1 FROM training_participants WHERE training_id = ? AND person_id = ?",
                                              training_id, person_id, error);
  int found;

  if (stmt == NULL)
    return -1;
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* Checks that @nik may be enrolled in @t; @out gets the person. */
static gboolean
check_enroll (TamStore *store,
              const TamTraining *t,
              const char *nik,
              TamPerson **out,
              GError **error)
{
  g_autofree char *today = tam_today ();
  const TamPerson *p;
  int e;

  *out = read_person (store, nik, error);
  if (*out == NULL)
    return FALSE;
  p = *out;
  /* Someone who left is refused for a training still to come or under
   * way; a past one may be recorded after the fact with them in it. */
  if (g_strcmp0 (p->status, "TRAINING") != 0 && g_strcmp0 (p->status, "ACTIVE") != 0 &&
      strcmp (t->ends_on, today) >= 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s (%s) has left (%s) and cannot be enrolled"),
                   p->name, nik, tam_person_status_label (p->status));
      return FALSE;
    }
  if (t->kind == TAM_TRAINING_INITIAL && p->service != NULL && g_strcmp0 (p->service, t->service) != 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("%s (%s) works for %s; this initial training is for %s"), p->name, nik,
                   tam_service_label (p->service), tam_service_label (t->service));
      return FALSE;
    }
  e = enrolled (store, t->id, p->id, error);
  if (e < 0)
    return FALSE;
  if (e > 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE, _ ("%s (%s) is already enrolled in “%s”"), p->name, nik,
                   t->title);
      return FALSE;
    }
  return TRUE;
}

gboolean
tam_training_enroll (TamStore *store,
                     const TamSession *actor,
                     gint64 training_id,
                     const char *const *niks,
                     GError **error)
{
  g_autoptr (TamTraining) t = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean own_tx = !tam_store_in_transaction (store);

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (actor, TAM_PERM_RECORD_TRAINING, error))
    return FALSE;
  if (niks == NULL || niks[0] == NULL)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("Name at least one NIK to enroll"));
      return FALSE;
    }
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  if ((t = tam_training_get (store, training_id, error)) == NULL)
    goto fail;
  for (guint i = 0; niks[i] != NULL; i++)
    {
      g_autoptr (TamPerson) p = NULL;
      g_autofree char *id_text = NULL;
      g_autofree char *after = NULL;
      sqlite3_stmt *stmt;

      if (g_hash_table_contains (seen, niks[i]))
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE, _ ("%s is named twice"), niks[i]);
          goto fail;
        }
      g_hash_table_add (seen, (gpointer) niks[i]);
      if (!check_enroll (store, t, niks[i], &p, error))
        goto fail;
      stmt = prepare_participation (store,
                                    "INSERT INTO training_participants (training_id, person_id) VALUES (?, ?)",
                                    training_id, p->id, error);
      if (stmt == NULL)
        goto fail;
      if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not enroll a participant"), error))
        goto fail;
      id_text = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", training_id, niks[i]);
      after = g_strdup_printf ("{\"training\":%" G_GINT64_FORMAT ",\"nik\":\"%s\"}", training_id, niks[i]);
      if (!tam_audit_append (store, actor, "INSERT", "training_participant", id_text, NULL, after, error))
        goto fail;
    }
  return tam_store_commit_own (store, own_tx, error);

fail:
  return tam_store_rollback_own (store, own_tx);
}

/* Reads the training and the participant @nik for a per-participant write. */
static gboolean
read_participant (TamStore *store,
                  gint64 training_id,
                  const char *nik,
                  TamTraining **t,
                  TamPerson **p,
                  GError **error)
{
  int e;

  if ((*t = tam_training_get (store, training_id, error)) == NULL || (*p = read_person (store, nik, error)) == NULL)
    return FALSE;
  e = enrolled (store, training_id, (*p)->id, error);
  if (e < 0)
    return FALSE;
  if (e == 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("%s (%s) is not enrolled in “%s”"), (*p)->name, nik,
                   (*t)->title);
      return FALSE;
    }
  return TRUE;
}

gboolean
tam_training_attend (TamStore *store,
                     const TamSession *actor,
                     gint64 training_id,
                     const char *nik,
                     const char *date,
                     gboolean present,
                     GError **error)
{
  g_autoptr (TamTraining) t = NULL;
  g_autoptr (TamPerson) p = NULL;
  g_autofree char *day = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *id_text = NULL;
  gboolean own_tx = !tam_store_in_transaction (store);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (actor, TAM_PERM_RECORD_TRAINING, error))
    return FALSE;
  if ((day = tam_parse_date_or_error (date, error)) == NULL)
    return FALSE;
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  if (!read_participant (store, training_id, nik, &t, &p, error))
    goto fail;
  if (strcmp (day, t->starts_on) < 0 || strcmp (day, t->ends_on) > 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s is outside the training “%s” (%s to %s)"), day, t->title,
                   t->starts_on, t->ends_on);
      goto fail;
    }
  stmt = prepare_participation (store,
                                "SELECT present FROM training_attendance WHERE training_id = ? AND person_id = ? AND date = ?",
                                training_id, p->id, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 3, day, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    before = g_strdup_printf ("{\"date\":\"%s\",\"present\":%d}", day, sqlite3_column_int (stmt, 0));
  sqlite3_reset (stmt);
  after = g_strdup_printf ("{\"date\":\"%s\",\"present\":%d}", day, present ? 1 : 0);
  if (g_strcmp0 (before, after) == 0)
    {
      /* Nothing changes. */
      if (own_tx)
        tam_store_rollback (store);
      return TRUE;
    }
  stmt = prepare_participation (store,
                                "INSERT INTO training_attendance (training_id, person_id, date, present) VALUES (?1, ?2, ?3, ?4)"
                                " ON CONFLICT (training_id, person_id, date) DO UPDATE SET present = ?4",
                                training_id, p->id, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 3, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, present ? 1 : 0);
  if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not save the attendance"), error))
    goto fail;
  stmt = prepare_participation (store,
                                "UPDATE training_participants SET attended = EXISTS (SELECT 1 FROM training_attendance a"
                                " WHERE a.training_id = ?1 AND a.person_id = ?2 AND a.present = 1)"
                                " WHERE training_id = ?1 AND person_id = ?2",
                                training_id, p->id, error);
  if (stmt == NULL)
    goto fail;
  if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not save the attendance"), error))
    goto fail;
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", training_id, nik);
  if (!tam_audit_append (store, actor, before ? "UPDATE" : "INSERT", "training_attendance", id_text, before, after, error))
    goto fail;
  /* An agent's absence is a nonconformity of the IK Pembinaan (row 10):
   * proposed to coaching, withdrawn again when corrected while undecided. */
  if (g_strcmp0 (p->role, "AGENT") == 0 && (!present || (before != NULL && strstr (before, "\"present\":0") != NULL)))
    tam_coaching_training_changed (store, p->id, day);
  return tam_store_commit_own (store, own_tx, error);

fail:
  return tam_store_rollback_own (store, own_tx);
}

gboolean
_tam_training_score_one (TamStore *store,
                         const TamSession *actor,
                         const TamTrainingScoreRow *row,
                         guint *attempt,
                         GError **error)
{
  sqlite3_stmt *stmt;
  gint64 n;
  gboolean passed = row->score >= row->pass_mark;
  g_autofree char *id_text = NULL;
  g_autofree char *after = NULL;
  char score_text[G_ASCII_DTOSTR_BUF_SIZE];

  stmt = prepare_participation (store,
                                "SELECT coalesce (max (attempt), 0) + 1 FROM training_attempts WHERE training_id = ? AND person_id = ?",
                                row->training_id, row->person_id, error);
  if (stmt == NULL)
    return FALSE;
  n = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 1;
  sqlite3_reset (stmt);

  stmt = prepare_participation (store,
                                "INSERT INTO training_attempts (training_id, person_id, attempt, score, pass_mark, passed,"
                                " recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                row->training_id, row->person_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 3, n);
  sqlite3_bind_double (stmt, 4, row->score);
  sqlite3_bind_double (stmt, 5, row->pass_mark);
  sqlite3_bind_int (stmt, 6, passed ? 1 : 0);
  sqlite3_bind_text (stmt, 7, row->now, -1, SQLITE_TRANSIENT);
  if (actor != NULL && actor->person_id != 0)
    sqlite3_bind_int64 (stmt, 8, actor->person_id);
  else
    sqlite3_bind_null (stmt, 8);
  if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not save the score"), error))
    return FALSE;
  stmt = prepare_participation (store,
                                "UPDATE training_participants SET quiz_score = ?3, passed = ?4 WHERE training_id = ?1 AND person_id = ?2",
                                row->training_id, row->person_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_double (stmt, 3, row->score);
  sqlite3_bind_int (stmt, 4, passed ? 1 : 0);
  if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not save the score"), error))
    return FALSE;
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT "/%s/%" G_GINT64_FORMAT, row->training_id, row->nik, n);
  g_ascii_formatd (score_text, sizeof score_text, "%g", row->score);
  after = g_strdup_printf ("{\"score\":%s,\"passed\":%s}", score_text, passed ? "true" : "false");
  if (!tam_audit_append (store, actor, "INSERT", "training_attempt", id_text, NULL, after, error))
    return FALSE;
  if (attempt != NULL)
    *attempt = (guint) n;
  return TRUE;
}

gboolean
_tam_training_check_score (double score,
                           GError **error)
{
  if (!isfinite (score) || score < 0 || score > 100)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A quiz score is from 0 to 100, not %g"), score);
      return FALSE;
    }
  return TRUE;
}

gboolean
tam_training_score (TamStore *store,
                    const TamSession *actor,
                    gint64 training_id,
                    const char *nik,
                    double score,
                    guint *attempt,
                    GError **error)
{
  return tam_training_score_at (store, actor, training_id, nik, score, NULL, attempt, error);
}

gboolean
tam_training_score_at (TamStore *store,
                       const TamSession *actor,
                       gint64 training_id,
                       const char *nik,
                       double score,
                       const char *recorded_at,
                       guint *attempt,
                       GError **error)
{
  g_autoptr (TamTraining) t = NULL;
  g_autoptr (TamPerson) p = NULL;
  g_autofree char *now = NULL;
  TamTrainingScoreRow row;
  gboolean own_tx = !tam_store_in_transaction (store);

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (actor, TAM_PERM_RECORD_TRAINING, error))
    return FALSE;
  if (!_tam_training_check_score (score, error))
    return FALSE;
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  now = recorded_at != NULL ? g_strdup (recorded_at) : tam_now_string ();
  if (!read_participant (store, training_id, nik, &t, &p, error))
    goto fail;
  row = (TamTrainingScoreRow){ training_id, p->id, nik, score, tam_training_pass_mark (store), now };
  if (!_tam_training_score_one (store, actor, &row, attempt, error))
    goto fail;
  return tam_store_commit_own (store, own_tx, error);

fail:
  return tam_store_rollback_own (store, own_tx);
}

gboolean
tam_training_gate_check (TamStore *store,
                         gint64 person_id,
                         const char *nik,
                         const char *name,
                         const char *service,
                         GError **error)
{
  sqlite3_stmt *stmt;
  gboolean passed;
  gint64 enrolled_in = 0;

  stmt = tam_store_prepare (store,
                            "SELECT coalesce (max (tp.passed), 0), count (*) FROM training_participants tp"
                            " JOIN trainings t ON t.id = tp.training_id"
                            " WHERE tp.person_id = ?1 AND t.kind = 'INITIAL' AND (?2 IS NULL OR t.service = ?2)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  tam_stmt_bind_text_or_null (stmt, 2, service);
  passed = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 1;
  enrolled_in = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  if (passed)
    return TRUE;
  if (service == NULL)
    g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                 _ ("%s (%s) cannot become ACTIVE: they have not passed an initial training"), name, nik);
  else if (enrolled_in == 0)
    g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                 _ ("%s (%s) cannot become ACTIVE: they have not passed an initial training for %s (not enrolled in one)"),
                 name, nik, tam_service_label (service));
  else
    g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                 _ ("%s (%s) cannot become ACTIVE: they have not passed an initial training for %s (no passing quiz score yet)"),
                 name, nik, tam_service_label (service));
  return FALSE;
}

char *
tam_training_add_months (const char *date,
                         int months)
{
  int y, m, d;
  GDate g;
  char buf[16];

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return NULL;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, d, m, y);
  if (months >= 0)
    g_date_add_months (&g, (guint) months);
  else
    g_date_subtract_months (&g, (guint) -months);
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d", g_date_get_year (&g), g_date_get_month (&g), g_date_get_day (&g));
  return g_strdup (buf);
}
