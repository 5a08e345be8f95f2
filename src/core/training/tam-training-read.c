/* tam-training-read.c: what the Training tab, tamctl and the reports
 * read: trainings with their figures, participants, attempts, days, a
 * person's history, the due list, trainers' figures, the trainees. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tam-dates.h"
#include "tam-store-read.h"
#include "tam-training-private.h"

void
tam_training_free (TamTraining *t)
{
  if (t == NULL)
    return;
  g_free (t->title);
  g_free (t->service);
  g_free (t->site);
  g_free (t->trainer_nik);
  g_free (t->trainer_name);
  g_free (t->starts_on);
  g_free (t->ends_on);
  g_free (t->material);
  g_free (t);
}

void
tam_training_participant_free (TamTrainingParticipant *p)
{
  if (p == NULL)
    return;
  g_free (p->nik);
  g_free (p->name);
  g_free (p->status);
  g_free (p->service);
  g_free (p);
}

void
tam_training_attempt_free (TamTrainingAttempt *a)
{
  if (a == NULL)
    return;
  g_free (a->nik);
  g_free (a->name);
  g_free (a->recorded_at);
  g_free (a);
}

void
tam_training_day_free (TamTrainingDay *d)
{
  if (d == NULL)
    return;
  g_free (d->nik);
  g_free (d->date);
  g_free (d);
}

void
tam_training_record_free (TamTrainingRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->title);
  g_free (r->starts_on);
  g_free (r->ends_on);
  g_free (r);
}

void
tam_training_due_row_free (TamTrainingDueRow *r)
{
  if (r == NULL)
    return;
  g_free (r->nik);
  g_free (r->name);
  g_free (r->service);
  g_free (r->site);
  g_free (r->last_training);
  g_free (r->due_on);
  g_free (r->reason);
  g_free (r);
}

void
tam_trainer_stats_free (TamTrainerStats *s)
{
  if (s == NULL)
    return;
  g_free (s->nik);
  g_free (s->name);
  g_free (s);
}

void
tam_trainee_free (TamTrainee *t)
{
  if (t == NULL)
    return;
  g_free (t->nik);
  g_free (t->name);
  g_free (t->service);
  g_free (t->site);
  g_free (t->training_title);
  g_free (t->ends_on);
  g_free (t);
}

const char *
tam_training_due_state_to_code (TamTrainingDueState state)
{
  switch (state)
    {
    case TAM_TRAINING_DUE:
      return "DUE";
    case TAM_TRAINING_OVERDUE:
      return "OVERDUE";
    case TAM_TRAINING_SUGGESTED:
      return "SUGGESTED";
    default:
      return "";
    }
}

const char *
tam_training_due_state_to_label (TamTrainingDueState state)
{
  switch (state)
    {
    case TAM_TRAINING_DUE:
      return _ ("Due");
    case TAM_TRAINING_OVERDUE:
      return _ ("Overdue");
    case TAM_TRAINING_SUGGESTED:
      return _ ("Suggested");
    default:
      return "";
    }
}

static double
column_double_or_nan (sqlite3_stmt *stmt,
                      int col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, col);
}

static int
column_passed (sqlite3_stmt *stmt,
               int col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, col);
}

/* Runs @stmt (bound) and collects its rows with @from_row. */
static GPtrArray *
collect (TamStore *store,
         sqlite3_stmt *stmt,
         TamStoreRowFunc from_row,
         GDestroyNotify free_func,
         GError **error)
{
  return tam_store_collect (store, stmt, from_row, NULL, free_func, _ ("Could not read the trainings"), error);
}

/* collect() of @sql (a literal) with @id bound to its parameter 1. */
static GPtrArray *
collect_by_id (TamStore *store,
               const char *sql,
               gint64 id,
               TamStoreRowFunc from_row,
               GDestroyNotify free_func,
               GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare_by_id (store, sql, id, error);

  return stmt != NULL ? collect (store, stmt, from_row, free_func, error) : NULL;
}

/* collect() of @sql (a literal) with the days @from (?1) and @to (?2),
 * each NULL for no bound. */
static GPtrArray *
collect_in_range (TamStore *store,
                  const char *sql,
                  const char *from,
                  const char *to,
                  TamStoreRowFunc from_row,
                  GDestroyNotify free_func,
                  GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  tam_stmt_bind_text_or_null (stmt, 1, from);
  tam_stmt_bind_text_or_null (stmt, 2, to);
  return collect (store, stmt, from_row, free_func, error);
}

#define TRAINING_SELECT                                                                                       \
  "SELECT t.id, t.kind, t.title, t.service, t.site, tr.nik, tr.name, t.starts_on, t.ends_on, t.material,"     \
  " (SELECT count (*) FROM training_participants x WHERE x.training_id = t.id),"                              \
  " (SELECT count (*) FROM training_participants x WHERE x.training_id = t.id AND x.quiz_score IS NOT NULL)," \
  " (SELECT count (*) FROM training_participants x WHERE x.training_id = t.id AND x.passed = 1),"             \
  " (SELECT count (*) FROM training_attendance a WHERE a.training_id = t.id AND a.present = 0),"              \
  " (SELECT avg (x.quiz_score) FROM training_participants x WHERE x.training_id = t.id)"                      \
  " FROM trainings t LEFT JOIN people tr ON tr.id = t.trainer_id"

static gpointer
training_from_row (sqlite3_stmt *stmt,
                   gpointer user_data G_GNUC_UNUSED)
{
  TamTraining *t = g_new0 (TamTraining, 1);

  t->id = sqlite3_column_int64 (stmt, 0);
  t->kind = tam_training_kind_from_code ((const char *) sqlite3_column_text (stmt, 1));
  t->title = tam_stmt_dup_text (stmt, 2);
  t->service = tam_stmt_dup_text (stmt, 3);
  t->site = tam_stmt_dup_text (stmt, 4);
  t->trainer_nik = tam_stmt_dup_text (stmt, 5);
  t->trainer_name = tam_stmt_dup_text (stmt, 6);
  t->starts_on = tam_stmt_dup_text (stmt, 7);
  t->ends_on = tam_stmt_dup_text (stmt, 8);
  t->material = tam_stmt_dup_text (stmt, 9);
  t->n_participants = (guint) sqlite3_column_int (stmt, 10);
  t->n_scored = (guint) sqlite3_column_int (stmt, 11);
  t->n_passed = (guint) sqlite3_column_int (stmt, 12);
  t->n_absences = (guint) sqlite3_column_int (stmt, 13);
  t->mean_score = column_double_or_nan (stmt, 14);
  return t;
}

TamTraining *
tam_training_get (TamStore *store,
                  gint64 id,
                  GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, TRAINING_SELECT " WHERE t.id = ?", error);
  TamTraining *t = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    t = training_from_row (stmt, NULL);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("There is no training %lld"), (long long) id);
  else if (rc != SQLITE_ROW)
    tam_store_set_error (store, error, _ ("Could not read the trainings"));
  return t;
}

GPtrArray *
tam_training_list (TamStore *store,
                   const char *from,
                   const char *to,
                   GError **error)
{
  return collect_in_range (store,
                           TRAINING_SELECT " WHERE t.starts_on <= coalesce (?2, '9999')"
                                           " AND t.ends_on >= coalesce (?1, '')"
                                           " ORDER BY t.starts_on, t.id",
                           from, to, training_from_row, (GDestroyNotify) tam_training_free, error);
}

/* A participation's figures (x, a row of training_participants): days
 * present, days absent, attempts, quiz score, passed. */
#define PARTICIPATION_COLUMNS                                                         \
  " (SELECT count (*) FROM training_attendance a WHERE a.training_id = x.training_id" \
  "   AND a.person_id = x.person_id AND a.present = 1),"                              \
  " (SELECT count (*) FROM training_attendance a WHERE a.training_id = x.training_id" \
  "   AND a.person_id = x.person_id AND a.present = 0),"                              \
  " (SELECT count (*) FROM training_attempts m WHERE m.training_id = x.training_id"   \
  "   AND m.person_id = x.person_id),"                                                \
  " x.quiz_score, x.passed"

static gpointer
participant_from_row (sqlite3_stmt *stmt,
                      gpointer user_data G_GNUC_UNUSED)
{
  TamTrainingParticipant *p = g_new0 (TamTrainingParticipant, 1);

  p->person_id = sqlite3_column_int64 (stmt, 0);
  p->nik = tam_stmt_dup_text (stmt, 1);
  p->name = tam_stmt_dup_text (stmt, 2);
  p->status = tam_stmt_dup_text (stmt, 3);
  p->service = tam_stmt_dup_text (stmt, 4);
  p->days_present = (guint) sqlite3_column_int (stmt, 5);
  p->days_absent = (guint) sqlite3_column_int (stmt, 6);
  p->attempts = (guint) sqlite3_column_int (stmt, 7);
  p->score = column_double_or_nan (stmt, 8);
  p->passed = column_passed (stmt, 9);
  return p;
}

GPtrArray *
tam_training_participants (TamStore *store,
                           gint64 training_id,
                           GError **error)
{
  return collect_by_id (store,
                        "SELECT p.id, p.nik, p.name, p.status, p.service," PARTICIPATION_COLUMNS
                        " FROM training_participants x JOIN people p ON p.id = x.person_id"
                        " WHERE x.training_id = ? ORDER BY p.name, p.nik",
                        training_id, participant_from_row, (GDestroyNotify) tam_training_participant_free, error);
}

static gpointer
attempt_from_row (sqlite3_stmt *stmt,
                  gpointer user_data G_GNUC_UNUSED)
{
  TamTrainingAttempt *a = g_new0 (TamTrainingAttempt, 1);

  a->nik = tam_stmt_dup_text (stmt, 0);
  a->name = tam_stmt_dup_text (stmt, 1);
  a->attempt = (guint) sqlite3_column_int (stmt, 2);
  a->score = sqlite3_column_double (stmt, 3);
  a->pass_mark = sqlite3_column_double (stmt, 4);
  a->passed = sqlite3_column_int (stmt, 5) != 0;
  a->recorded_at = tam_stmt_dup_text (stmt, 6);
  return a;
}

GPtrArray *
tam_training_attempts (TamStore *store,
                       gint64 training_id,
                       GError **error)
{
  return collect_by_id (store,
                        "SELECT p.nik, p.name, m.attempt, m.score, m.pass_mark, m.passed, m.recorded_at"
                        " FROM training_attempts m JOIN people p ON p.id = m.person_id"
                        " WHERE m.training_id = ? ORDER BY p.name, p.nik, m.attempt",
                        training_id, attempt_from_row, (GDestroyNotify) tam_training_attempt_free, error);
}

static gpointer
day_from_row (sqlite3_stmt *stmt,
              gpointer user_data G_GNUC_UNUSED)
{
  TamTrainingDay *d = g_new0 (TamTrainingDay, 1);

  d->nik = tam_stmt_dup_text (stmt, 0);
  d->date = tam_stmt_dup_text (stmt, 1);
  d->present = sqlite3_column_int (stmt, 2) != 0;
  return d;
}

GPtrArray *
tam_training_days (TamStore *store,
                   gint64 training_id,
                   GError **error)
{
  return collect_by_id (store,
                        "SELECT p.nik, a.date, a.present FROM training_attendance a"
                        " JOIN people p ON p.id = a.person_id WHERE a.training_id = ?"
                        " ORDER BY p.nik, a.date",
                        training_id, day_from_row, (GDestroyNotify) tam_training_day_free, error);
}

static gpointer
record_from_row (sqlite3_stmt *stmt,
                 gpointer user_data G_GNUC_UNUSED)
{
  TamTrainingRecord *r = g_new0 (TamTrainingRecord, 1);

  r->training_id = sqlite3_column_int64 (stmt, 0);
  r->kind = tam_training_kind_from_code ((const char *) sqlite3_column_text (stmt, 1));
  r->title = tam_stmt_dup_text (stmt, 2);
  r->starts_on = tam_stmt_dup_text (stmt, 3);
  r->ends_on = tam_stmt_dup_text (stmt, 4);
  r->days_present = (guint) sqlite3_column_int (stmt, 5);
  r->days_absent = (guint) sqlite3_column_int (stmt, 6);
  r->attempts = (guint) sqlite3_column_int (stmt, 7);
  r->score = column_double_or_nan (stmt, 8);
  r->passed = column_passed (stmt, 9);
  return r;
}

GPtrArray *
tam_training_history (TamStore *store,
                      gint64 person_id,
                      GError **error)
{
  return collect_by_id (store,
                        "SELECT t.id, t.kind, t.title, t.starts_on, t.ends_on," PARTICIPATION_COLUMNS
                        " FROM training_participants x JOIN trainings t ON t.id = x.training_id"
                        " WHERE x.person_id = ? ORDER BY t.starts_on DESC, t.id DESC",
                        person_id, record_from_row, (GDestroyNotify) tam_training_record_free, error);
}

static int
due_compare (gconstpointer a,
             gconstpointer b)
{
  const TamTrainingDueRow *x = *(TamTrainingDueRow *const *) a;
  const TamTrainingDueRow *y = *(TamTrainingDueRow *const *) b;
  int c = strcmp (x->due_on, y->due_on);

  return c != 0 ? c : strcmp (x->nik, y->nik);
}

static TamTrainingDueRow *
due_row (sqlite3_stmt *stmt,
         TamTrainingKind kind,
         const char *last,
         const char *due_on,
         TamTrainingDueState state,
         const char *reason)
{
  TamTrainingDueRow *r = g_new0 (TamTrainingDueRow, 1);

  r->nik = tam_stmt_dup_text (stmt, 0);
  r->name = tam_stmt_dup_text (stmt, 1);
  r->service = tam_stmt_dup_text (stmt, 2);
  r->site = tam_stmt_dup_text (stmt, 3);
  r->kind = kind;
  r->last_training = g_strdup (last);
  r->due_on = g_strdup (due_on);
  r->state = state;
  r->reason = g_strdup (reason);
  return r;
}

GPtrArray *
tam_training_due (TamStore *store,
                  const char *on,
                  GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_training_due_row_free);
  g_autoptr (GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *day = tam_parse_date_or_error (on, error);
  g_autofree char *window = NULL;
  g_autofree char *since = NULL;
  g_autofree char *last_month = NULL;
  g_autofree char *grade_b = NULL;
  int months = tam_training_refresher_months (store);
  sqlite3_stmt *stmt;
  int rc;

  if (day == NULL)
    return NULL;
  window = tam_training_add_months (day, 1);
  since = tam_training_add_months (day, -months);
  {
    g_autofree char *prev = tam_training_add_months (day, -1);
    last_month = g_strndup (prev, 7);
  }

  /* Refreshers: N months after the last passed INITIAL or REFRESHMENT
   * training, or after the hire date when none is on record (the
   * workforce taken as trained). */
  stmt = tam_store_prepare (store,
                            "SELECT p.nik, p.name, p.service, p.site, p.hired_on,"
                            " (SELECT max (t.ends_on) FROM training_participants x JOIN trainings t ON t.id = x.training_id"
                            "   WHERE x.person_id = p.id AND x.passed = 1 AND t.kind IN ('INITIAL','REFRESHMENT')"
                            "   AND t.ends_on <= ?1)"
                            " FROM people p WHERE p.role = 'AGENT' AND p.status = 'ACTIVE'",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *hired = (const char *) sqlite3_column_text (stmt, 4);
      const char *last = (const char *) sqlite3_column_text (stmt, 5);
      g_autofree char *due_on = tam_training_add_months (last ? last : hired, months);

      if (due_on == NULL || strcmp (due_on, window) > 0)
        continue;
      g_ptr_array_add (rows, due_row (stmt, TAM_TRAINING_REFRESHMENT, last, due_on,
                                      strcmp (due_on, day) < 0 ? TAM_TRAINING_OVERDUE : TAM_TRAINING_DUE, NULL));
      g_hash_table_add (listed, tam_stmt_dup_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_error;

  /* Product socializations of the last N months (and those under way):
   * a product is a socialization's title, given in as many sessions as
   * it takes; each ACTIVE agent of the service (at its site), hired
   * before its last session, who has neither attended nor passed one of
   * them, is due by the last session's end: hearing it is what counts
   * before offering the product. */
  stmt = tam_store_prepare (store,
                            "WITH s AS (SELECT service, site, title, max (ends_on) AS last_on"
                            "   FROM trainings WHERE kind = 'PRODUCT_SOCIALIZATION' AND ends_on >= ?1 AND starts_on <= ?2"
                            "   GROUP BY service, site, title),"
                            " heard AS (SELECT DISTINCT x.person_id, t.service, t.title FROM s"
                            "   JOIN trainings t ON t.service = s.service AND t.title = s.title"
                            "   AND t.kind = 'PRODUCT_SOCIALIZATION'"
                            "   JOIN training_participants x ON x.training_id = t.id WHERE x.passed = 1 OR x.attended = 1)"
                            " SELECT p.nik, p.name, p.service, p.site, s.last_on, s.last_on, s.title"
                            " FROM s JOIN people p ON p.service = s.service"
                            " AND p.role = 'AGENT' AND p.status = 'ACTIVE' AND p.hired_on <= s.last_on"
                            " AND (s.site IS NULL OR p.site = s.site)"
                            " WHERE NOT EXISTS (SELECT 1 FROM heard h WHERE h.person_id = p.id AND h.service = s.service"
                            "   AND h.title = s.title)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *ends = (const char *) sqlite3_column_text (stmt, 5);

      g_ptr_array_add (rows, due_row (stmt, TAM_TRAINING_PRODUCT_SOCIALIZATION, NULL, ends,
                                      strcmp (ends, day) < 0 ? TAM_TRAINING_OVERDUE : TAM_TRAINING_DUE,
                                      (const char *) sqlite3_column_text (stmt, 6)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_error;

  /* Suggested: a parameter of last month's scorecard under grade B
   * (its KUIS from the month's quizzes when none was imported, as the
   * scorecard takes it). */
  grade_b = tam_store_get_setting (store, "grade_b", "60");
  stmt = tam_store_prepare (store,
                            "WITH k AS (SELECT person_id, parameter, value FROM kpi_inputs WHERE month = ?1"
                            "   UNION ALL SELECT x.person_id, 'KUIS', avg (x.quiz_score) FROM training_participants x"
                            "   JOIN trainings t ON t.id = x.training_id"
                            "   WHERE t.ends_on BETWEEN ?1 || '-01' AND ?1 || '-31' AND x.quiz_score IS NOT NULL"
                            "   AND NOT EXISTS (SELECT 1 FROM kpi_inputs i WHERE i.month = ?1 AND i.person_id = x.person_id"
                            "     AND i.parameter = 'KUIS')"
                            "   GROUP BY x.person_id)"
                            " SELECT p.nik, p.name, p.service, p.site, group_concat (k.parameter, ', ')"
                            " FROM k JOIN people p ON p.id = k.person_id"
                            " WHERE k.value < CAST (?2 AS REAL)"
                            " AND p.role = 'AGENT' AND p.status = 'ACTIVE'"
                            " GROUP BY p.id ORDER BY p.nik",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, last_month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, grade_b, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *reason = NULL;

      if (g_hash_table_contains (listed, sqlite3_column_text (stmt, 0)))
        continue;
      reason = g_strdup_printf (_ ("%s under %s in %s"), sqlite3_column_text (stmt, 4), grade_b, last_month);
      g_ptr_array_add (rows, due_row (stmt, TAM_TRAINING_REFRESHMENT, NULL, day, TAM_TRAINING_SUGGESTED, reason));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_error;

  g_ptr_array_sort (rows, due_compare);
  return g_steal_pointer (&rows);

sql_error:
  tam_store_set_error (store, error, _ ("Could not read the trainings"));
  return NULL;
}

static gpointer
trainer_stats_from_row (sqlite3_stmt *stmt,
                        gpointer user_data G_GNUC_UNUSED)
{
  TamTrainerStats *s = g_new0 (TamTrainerStats, 1);

  s->nik = tam_stmt_dup_text (stmt, 0);
  s->name = tam_stmt_dup_text (stmt, 1);
  s->trainings = (guint) sqlite3_column_int (stmt, 2);
  s->participants = (guint) sqlite3_column_int (stmt, 3);
  s->scored = (guint) sqlite3_column_int (stmt, 4);
  s->passed = (guint) sqlite3_column_int (stmt, 5);
  s->mean_score = column_double_or_nan (stmt, 6);
  return s;
}

GPtrArray *
tam_training_trainer_stats (TamStore *store,
                            const char *from,
                            const char *to,
                            GError **error)
{
  return collect_in_range (store,
                           "SELECT tr.nik, tr.name, count (DISTINCT t.id), count (x.person_id),"
                           " count (x.quiz_score), coalesce (sum (x.passed = 1), 0), avg (x.quiz_score)"
                           " FROM trainings t LEFT JOIN people tr ON tr.id = t.trainer_id"
                           " LEFT JOIN training_participants x ON x.training_id = t.id"
                           " WHERE t.starts_on <= coalesce (?2, '9999') AND t.ends_on >= coalesce (?1, '')"
                           " GROUP BY t.trainer_id ORDER BY tr.name",
                           from, to, trainer_stats_from_row, (GDestroyNotify) tam_trainer_stats_free, error);
}

static gpointer
trainee_from_row (sqlite3_stmt *stmt,
                  gpointer user_data G_GNUC_UNUSED)
{
  TamTrainee *t = g_new0 (TamTrainee, 1);

  t->nik = tam_stmt_dup_text (stmt, 0);
  t->name = tam_stmt_dup_text (stmt, 1);
  t->service = tam_stmt_dup_text (stmt, 2);
  t->site = tam_stmt_dup_text (stmt, 3);
  t->training_id = sqlite3_column_int64 (stmt, 4);
  t->training_title = tam_stmt_dup_text (stmt, 5);
  t->ends_on = tam_stmt_dup_text (stmt, 6);
  t->score = column_double_or_nan (stmt, 7);
  t->passed = column_passed (stmt, 8);
  return t;
}

GPtrArray *
tam_training_trainees (TamStore *store,
                       GError **error)
{
  /* Their latest INITIAL training (by start), if any. */
  sqlite3_stmt *stmt = tam_store_prepare (store,
                                          "SELECT p.nik, p.name, p.service, p.site, t.id, t.title, t.ends_on, x.quiz_score, x.passed"
                                          " FROM people p"
                                          " LEFT JOIN trainings t ON t.id = (SELECT t2.id FROM training_participants x2"
                                          "   JOIN trainings t2 ON t2.id = x2.training_id"
                                          "   WHERE x2.person_id = p.id AND t2.kind = 'INITIAL'"
                                          "   ORDER BY t2.starts_on DESC, t2.id DESC LIMIT 1)"
                                          " LEFT JOIN training_participants x ON x.training_id = t.id AND x.person_id = p.id"
                                          " WHERE p.status = 'TRAINING' ORDER BY p.name, p.nik",
                                          error);

  if (stmt == NULL)
    return NULL;
  return collect (store, stmt, trainee_from_row, (GDestroyNotify) tam_trainee_free, error);
}
