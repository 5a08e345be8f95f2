/* tam-coaching-propose.c: proposals from attendance (statuses and the
 * counting rules) and the monthly KPI inputs, never twice for the same
 * event (see tam-coaching.h). One pass reads the agents' relevant
 * attendance in key order, their issued records and the keys of the
 * events already proposed, and inserts what is new in one transaction. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-coaching-private.h"
#include "tam-dates.h"

GArray *
_tam_coaching_kpi_read (TamStore *store,
                        gint64 person_id,
                        const char *through_month,
                        GError **error)
{
  sqlite3_stmt *s = tam_store_prepare (store,
                                       "SELECT k.person_id, k.month, k.parameter, k.value FROM kpi_inputs k"
                                       " JOIN people p ON p.id = k.person_id"
                                       " WHERE p.role = 'AGENT' AND p.status IN ('TRAINING','ACTIVE')"
                                       " AND (?1 = 0 OR k.person_id = ?1) AND (?2 IS NULL OR k.month <= ?2)"
                                       " ORDER BY k.person_id, k.parameter, k.month",
                                       error);
  GArray *out;

  if (s == NULL)
    return NULL;
  sqlite3_bind_int64 (s, 1, person_id);
  tam_stmt_bind_text_or_null (s, 2, through_month);
  out = g_array_new (FALSE, TRUE, sizeof (TamCoachingKpiRow));
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      TamCoachingKpiRow row = { sqlite3_column_int64 (s, 0), { "", "", sqlite3_column_double (s, 3) } };

      g_strlcpy (row.kpi.month, (const char *) sqlite3_column_text (s, 1), sizeof row.kpi.month);
      g_strlcpy (row.kpi.parameter, (const char *) sqlite3_column_text (s, 2), sizeof row.kpi.parameter);
      g_array_append_val (out, row);
    }
  sqlite3_reset (s);
  return out;
}

GHashTable *
_tam_coaching_kpi_weights (TamStore *store,
                           GError **error)
{
  sqlite3_stmt *s = tam_store_prepare (store,
                                       "SELECT substr (key, 12), value FROM settings WHERE key LIKE 'kpi\\_weight\\_%' ESCAPE '\\'",
                                       error);
  GHashTable *weights = NULL;

  if (s == NULL)
    return NULL;
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      if (weights == NULL)
        weights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (weights, tam_stmt_dup_text (s, 0), tam_stmt_dup_text (s, 1));
    }
  sqlite3_reset (s);
  return weights;
}

/* Binds the range of person ids a query covers: one person, or everybody
 * (0). A range, not "?1 = 0 OR person_id = ?1", so that one person's
 * rows are found by the index. */
static void
bind_people (sqlite3_stmt *s,
             int from,
             int to,
             gint64 person_id)
{
  sqlite3_bind_int64 (s, from, person_id);
  sqlite3_bind_int64 (s, to, person_id != 0 ? person_id : G_MAXINT64);
}

typedef struct
{
  TamStore *store;
  const TamCatalog *catalog;
  const TamCoachingRule *by_status[TAM_ATTENDANCE_STATUS_OFF + 1];
  const TamCoachingRule *alpa;
  const TamCoachingRule *absences;
  const TamCoachingRule *kpi_parameter; /* per parameter chains */
  const TamCoachingRule *kpi_overall;
  GHashTable *done;   /* "person\x1frule\x1fkey" of events proposed before */
  GHashTable *seen;   /* the same for the events of this run */
  GHashTable *issued; /* person id -> GArray of TamLadderRecord */
  GStringChunk *chunk;
  guint n_new;
  gint64 first_id, last_id;
  /* MEETING_ABSENT, for absences from trainings (issue 14) */
  const TamCoachingRule *training_absent;
} Run;

static gboolean
propose_one (Run *run,
             gint64 person_id,
             const TamCoachingRule *rule,
             const char *date,
             const char *key,
             guint chain,
             const char *note,
             GError **error)
{
  char done_key[96];
  GArray *records;
  TamCoachingNewRecord record;
  gint64 id;

  g_snprintf (done_key, sizeof done_key, "%" G_GINT64_FORMAT "\x1f%s\x1f%s", person_id, rule->code, key);
  g_hash_table_add (run->seen, g_strdup (done_key));
  if (g_hash_table_contains (run->done, done_key))
    return TRUE;
  records = g_hash_table_lookup (run->issued, &person_id);
  record = (TamCoachingNewRecord){
    .person_id = person_id,
    .rule = rule,
    .proposal = tam_ladder_propose (rule, date, records ? (TamLadderRecord *) (void *) records->data : NULL,
                                    records ? records->len : 0, chain),
    .occurred_on = date,
    .event_key = key,
    .note = note,
  };
  id = _tam_coaching_insert (run->store, run->catalog, &record, error);
  if (id == 0)
    return FALSE;
  g_hash_table_add (run->done, g_strdup (done_key));
  if (run->first_id == 0)
    run->first_id = id;
  run->last_id = id;
  run->n_new++;
  return TRUE;
}

static gboolean
person_attendance (Run *run,
                   gint64 person_id,
                   GArray *days,
                   GArray *events,
                   GError **error)
{
  for (guint i = 0; i < days->len; i++)
    {
      const TamLadderDay *d = &g_array_index (days, TamLadderDay, i);
      const TamCoachingRule *rule = (int) d->status >= 0 ? run->by_status[d->status] : NULL;
      char key[16];

      if (rule == NULL)
        continue;
      g_snprintf (key, sizeof key, "att:%s", d->date);
      if (!propose_one (run, person_id, rule, d->date, key, 0, tam_attendance_status_to_code (d->status), error))
        return FALSE;
    }
  g_array_set_size (events, 0);
  tam_ladder_count (&run->catalog->settings, (TamLadderDay *) (void *) days->data, days->len, events);
  for (guint i = 0; i < events->len; i++)
    {
      const TamLadderCountEvent *e = &g_array_index (events, TamLadderCountEvent, i);
      const TamCoachingRule *rule = e->count == TAM_COUNT_ALPA_MONTH ? run->alpa : run->absences;
      char note[32];

      if (rule == NULL)
        continue;
      g_snprintf (note, sizeof note, "%s %u", e->count == TAM_COUNT_ALPA_MONTH ? "ALPA" : "ABSEN", e->n);
      if (!propose_one (run, person_id, rule, e->date, e->key, 0, note, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
from_attendance (Run *run,
                 gint64 person_id,
                 const char *through,
                 GError **error)
{
  sqlite3_stmt *s = tam_store_prepare (run->store,
                                       "SELECT a.person_id, a.date, a.status FROM attendance a"
                                       " JOIN people p ON p.id = a.person_id"
                                       " WHERE p.role = 'AGENT' AND p.status IN ('TRAINING','ACTIVE')"
                                       " AND a.person_id BETWEEN ?1 AND ?3 AND a.date <= ?2"
                                       " AND a.status IN ('LATE','LATE_FROM_BREAK','ABSENT_NOTICE','ABSENT_SHORT_NOTICE',"
                                       " 'ABSENT_NO_NOTICE','SICK_NO_NOTE')"
                                       " ORDER BY a.person_id, a.date",
                                       error);
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (TamLadderDay));
  g_autoptr (GArray) events = g_array_new (FALSE, FALSE, sizeof (TamLadderCountEvent));
  gint64 current = 0;
  gboolean ok = TRUE;
  int rc;

  if (s == NULL)
    return FALSE;
  bind_people (s, 1, 3, person_id);
  sqlite3_bind_text (s, 2, through, -1, SQLITE_TRANSIENT);
  while (ok && (rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      gint64 pid = sqlite3_column_int64 (s, 0);
      TamLadderDay d;

      if (pid != current && days->len > 0)
        {
          ok = person_attendance (run, current, days, events, error);
          g_array_set_size (days, 0);
        }
      current = pid;
      g_strlcpy (d.date, (const char *) sqlite3_column_text (s, 1), sizeof d.date);
      d.status = tam_attendance_status_from_code ((const char *) sqlite3_column_text (s, 2));
      g_array_append_val (days, d);
    }
  sqlite3_reset (s);
  if (ok && days->len > 0)
    ok = person_attendance (run, current, days, events, error);
  return ok;
}

static char *
month_end (const char *month)
{
  char next[8];
  g_autofree char *first = NULL;
  GDate d;

  tam_ladder_next_month (month, next);
  first = g_strdup_printf ("%s-01", next);
  g_date_clear (&d, 1);
  g_date_set_parse (&d, first);
  g_date_subtract_days (&d, 1);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}

static gboolean
person_kpi (Run *run,
            gint64 person_id,
            const TamLadderKpi *values,
            gsize n,
            GHashTable *weights,
            GError **error)
{
  g_autoptr (GArray) events = g_array_new (FALSE, FALSE, sizeof (TamLadderKpiEvent));

  tam_ladder_kpi (&run->catalog->settings, values, n, weights, events);
  for (guint i = 0; i < events->len; i++)
    {
      const TamLadderKpiEvent *e = &g_array_index (events, TamLadderKpiEvent, i);
      gboolean overall = strcmp (e->parameter, "OVERALL") == 0;
      const TamCoachingRule *rule = overall ? run->kpi_overall : run->kpi_parameter;
      g_autofree char *day = NULL;
      char key[40], note[48];

      if (rule == NULL)
        continue;
      /* A parameter the rule does not name is not proposed. */
      if (!overall && !g_strv_contains ((const char *const *) rule->parameters, e->parameter))
        continue;
      day = month_end (e->month);
      g_snprintf (key, sizeof key, "kpi:%s:%s", e->parameter, e->month);
      g_snprintf (note, sizeof note, "%s %s %.1f (%u)", e->month, e->parameter, e->value, e->chain);
      if (!propose_one (run, person_id, rule, day, key, e->chain, note, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
from_kpi (Run *run,
          gint64 person_id,
          const char *through,
          GError **error)
{
  char month[8];
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (TamLadderKpi));
  g_autoptr (GHashTable) weights = NULL;
  GError *local = NULL;
  gint64 current = 0;

  if (run->kpi_parameter == NULL && run->kpi_overall == NULL)
    return TRUE;
  g_strlcpy (month, through, sizeof month);
  weights = _tam_coaching_kpi_weights (run->store, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  rows = _tam_coaching_kpi_read (run->store, person_id, month, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i <= rows->len; i++)
    {
      const TamCoachingKpiRow *r = i < rows->len ? &g_array_index (rows, TamCoachingKpiRow, i) : NULL;

      if ((r == NULL || r->person_id != current) && values->len > 0)
        {
          if (!person_kpi (run, current, (TamLadderKpi *) (void *) values->data, values->len, weights, error))
            return FALSE;
          g_array_set_size (values, 0);
        }
      if (r == NULL)
        break;
      current = r->person_id;
      g_array_append_val (values, r->kpi);
    }
  return TRUE;
}

/* Absent from a day of a training the agent was enrolled in (issue 14):
 * IK Pembinaan row 10, MEETING_ABSENT. */
static gboolean
from_training (Run *run,
               gint64 person_id,
               const char *through,
               GError **error)
{
  sqlite3_stmt *s;
  gboolean ok = TRUE;
  int rc;

  if (run->training_absent == NULL)
    return TRUE;
  s = tam_store_prepare (run->store,
                         "SELECT a.person_id, a.training_id, a.date, t.title FROM training_attendance a"
                         " JOIN trainings t ON t.id = a.training_id JOIN people p ON p.id = a.person_id"
                         " WHERE p.role = 'AGENT' AND p.status IN ('TRAINING','ACTIVE') AND a.present = 0"
                         " AND a.person_id BETWEEN ?1 AND ?3 AND a.date <= ?2"
                         " ORDER BY a.person_id, a.date",
                         error);
  if (s == NULL)
    return FALSE;
  bind_people (s, 1, 3, person_id);
  sqlite3_bind_text (s, 2, through, -1, SQLITE_TRANSIENT);
  while (ok && (rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      g_autofree char *date = tam_stmt_dup_text (s, 2);
      g_autofree char *title = tam_stmt_dup_text (s, 3);
      char key[48];

      g_snprintf (key, sizeof key, "trn:%" G_GINT64_FORMAT ":%s", (gint64) sqlite3_column_int64 (s, 1), date);
      ok = propose_one (run, sqlite3_column_int64 (s, 0), run->training_absent, date, key, 0, title, error);
    }
  sqlite3_reset (s);
  return ok;
}

static gboolean
load_state (Run *run,
            gint64 person_id,
            GError **error)
{
  sqlite3_stmt *s;

  /* The issued records by person, for the ladder. */
  s = tam_store_prepare (run->store,
                         "SELECT person_id, nonconformity, level, occurred_on, valid_until FROM coaching_records"
                         " WHERE person_id BETWEEN ?1 AND ?2 AND state = 'ISSUED'",
                         error);
  if (s == NULL)
    return FALSE;
  bind_people (s, 1, 2, person_id);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      gint64 pid = sqlite3_column_int64 (s, 0);
      GArray *records = g_hash_table_lookup (run->issued, &pid);
      TamLadderRecord r = {
        g_string_chunk_insert_const (run->chunk, (const char *) sqlite3_column_text (s, 1)),
        tam_coaching_level_from_code ((const char *) sqlite3_column_text (s, 2)),
        TAM_COACHING_STATE_ISSUED,
        g_string_chunk_insert_const (run->chunk, (const char *) sqlite3_column_text (s, 3)),
        sqlite3_column_type (s, 4) == SQLITE_NULL ? NULL
                                                  : g_string_chunk_insert_const (run->chunk, (const char *) sqlite3_column_text (s, 4)),
      };

      if (records == NULL)
        {
          records = g_array_new (FALSE, FALSE, sizeof (TamLadderRecord));
          g_hash_table_insert (run->issued, g_memdup2 (&pid, sizeof pid), records);
        }
      g_array_append_val (records, r);
    }
  sqlite3_reset (s);

  /* The events proposed before, whatever became of them. */
  s = tam_store_prepare (run->store,
                         "SELECT person_id, nonconformity, event_key FROM coaching_records"
                         " WHERE person_id BETWEEN ?1 AND ?2 AND event_key IS NOT NULL",
                         error);
  if (s == NULL)
    return FALSE;
  bind_people (s, 1, 2, person_id);
  while (sqlite3_step (s) == SQLITE_ROW)
    g_hash_table_add (run->done, g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s", (gint64) sqlite3_column_int64 (s, 0),
                                                  sqlite3_column_text (s, 1), sqlite3_column_text (s, 2)));
  sqlite3_reset (s);
  return TRUE;
}

/* The desk's own proposals, not decided yet, whose event is gone (a LATE
 * day corrected to PRESENT, a KPI value corrected) are withdrawn: deleted,
 * so that the event, should it come back, is proposed again. Decided
 * records and those recorded by hand stay. */
static gboolean
withdraw_stale (Run *run,
                gint64 person_id,
                const char *through,
                guint *n_withdrawn,
                GError **error)
{
  g_autoptr (GArray) stale = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *s = tam_store_prepare (run->store,
                                       "SELECT r.id, r.person_id, r.nonconformity, r.event_key FROM coaching_records r"
                                       " JOIN people p ON p.id = r.person_id"
                                       " WHERE r.state = 'PROPOSED' AND r.proposed_by IS NULL AND r.event_key IS NOT NULL"
                                       " AND r.occurred_on <= ?2 AND r.person_id BETWEEN ?1 AND ?3"
                                       " AND p.role = 'AGENT' AND p.status IN ('TRAINING','ACTIVE')",
                                       error);

  *n_withdrawn = 0;
  if (s == NULL)
    return FALSE;
  bind_people (s, 1, 3, person_id);
  sqlite3_bind_text (s, 2, through, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s", (gint64) sqlite3_column_int64 (s, 1),
                                              sqlite3_column_text (s, 2), sqlite3_column_text (s, 3));

      if (!g_hash_table_contains (run->seen, key))
        {
          gint64 id = sqlite3_column_int64 (s, 0);

          g_array_append_val (stale, id);
        }
    }
  sqlite3_reset (s);
  for (guint i = 0; i < stale->len; i++)
    {
      gint64 id = g_array_index (stale, gint64, i);
      g_autofree char *before = tam_store_query_text_by_id (run->store,
                                                            "SELECT json_object('id', id, 'person_id', person_id, 'rule',"
                                                            " nonconformity, 'level', level, 'event', event_key)"
                                                            " FROM coaching_records WHERE id = ?",
                                                            id);
      g_autofree char *entity_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      s = tam_store_prepare (run->store, "DELETE FROM coaching_records WHERE id = ?", error);
      if (s == NULL)
        return FALSE;
      sqlite3_bind_int64 (s, 1, id);
      if (!tam_store_step_write (run->store, s, FALSE, _ ("Could not update the coaching record"), error))
        return FALSE;
      if (!tam_audit_append (run->store, NULL, "WITHDRAW", "coaching_records", entity_id, before, NULL, error))
        return FALSE;
    }
  *n_withdrawn = stale->len;
  return TRUE;
}

static void
array_free (gpointer data)
{
  g_array_unref (data);
}

/* The work of tam_coaching_propose and the attendance hook, in the
 * caller's transaction (or its own). */
static gboolean
propose_run (TamStore *store,
             const TamSession *actor,
             gint64 person_id,
             const char *through,
             guint *n_new,
             GError **error)
{
  g_autoptr (GError) catalog_error = NULL;
  const TamCatalog *catalog = tam_catalog_get_default (&catalog_error);
  g_autofree char *last = NULL;
  gboolean own_tx = !tam_store_in_transaction (store);
  gboolean ok;
  guint n_withdrawn = 0;
  Run run = { 0 };

  if (n_new != NULL)
    *n_new = 0;
  if (catalog == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("Nothing is proposed: %s"), catalog_error->message);
      return FALSE;
    }
  run.store = store;
  run.catalog = catalog;
  for (guint i = 0; i < catalog->rules->len; i++)
    {
      const TamCoachingRule *rule = catalog->rules->pdata[i];

      if (rule->trigger == TAM_TRIGGER_ATTENDANCE && (int) rule->status >= 0 &&
          rule->status <= TAM_ATTENDANCE_STATUS_OFF && run.by_status[rule->status] == NULL)
        run.by_status[rule->status] = rule;
      else if (rule->trigger == TAM_TRIGGER_COUNT && rule->count == TAM_COUNT_ALPA_MONTH)
        run.alpa = rule;
      else if (rule->trigger == TAM_TRIGGER_COUNT && rule->count == TAM_COUNT_ABSENCES_3_MONTHS)
        run.absences = rule;
      else if (rule->trigger == TAM_TRIGGER_KPI && g_strv_contains ((const char *const *) rule->parameters, "OVERALL"))
        run.kpi_overall = rule;
      else if (rule->trigger == TAM_TRIGGER_KPI)
        run.kpi_parameter = rule;
    }

  run.training_absent = tam_catalog_find (catalog, "MEETING_ABSENT");

  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  if (!own_tx && !tam_store_exec (store, "SAVEPOINT coaching_propose", error))
    return FALSE;

  if (through == NULL)
    {
      /* Everybody's last day by the date index, one person's by the key. */
      sqlite3_stmt *s = person_id == 0 ? tam_store_prepare (store, "SELECT max (date) FROM attendance", error)
                                       : tam_store_prepare (store, "SELECT max (date) FROM attendance WHERE person_id = ?",
                                                            error);

      ok = s != NULL;
      if (ok)
        {
          if (person_id != 0)
            sqlite3_bind_int64 (s, 1, person_id);
          if (sqlite3_step (s) == SQLITE_ROW)
            last = tam_stmt_dup_text (s, 0);
          sqlite3_reset (s);
        }
      through = last;
    }
  else
    ok = TRUE;

  run.done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.issued = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, array_free);
  run.chunk = g_string_chunk_new (4096);
  /* No attendance at all: nothing to propose (ok stays as it is). */
  ok = ok && (through == NULL || (load_state (&run, person_id, error) &&
                                  from_attendance (&run, person_id, through, error) &&
                                  from_kpi (&run, person_id, through, error) &&
                                  from_training (&run, person_id, through, error) &&
                                  withdraw_stale (&run, person_id, through, &n_withdrawn, error)));
  if (ok && run.n_new > 0)
    {
      g_autofree char *entity_id = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, run.first_id, run.last_id);
      g_autofree char *after = g_strdup_printf ("{\"proposed\":%u,\"through\":\"%s\",\"catalog\":\"%s\"}",
                                                run.n_new, through, catalog->version);

      ok = tam_audit_append (store, actor, "PROPOSE", "coaching_records", entity_id, NULL, after, error);
    }
  g_hash_table_unref (run.done);
  g_hash_table_unref (run.seen);
  g_hash_table_unref (run.issued);
  g_string_chunk_free (run.chunk);

  if (own_tx)
    {
      if (ok && tam_store_commit (store, error))
        {
          if (n_new != NULL)
            *n_new = run.n_new;
          return TRUE;
        }
      tam_store_rollback (store);
      return FALSE;
    }
  if (ok)
    ok = tam_store_exec (store, "RELEASE coaching_propose", error);
  else
    {
      tam_store_exec (store, "ROLLBACK TO coaching_propose", NULL);
      tam_store_exec (store, "RELEASE coaching_propose", NULL);
    }
  if (ok && n_new != NULL)
    *n_new = run.n_new;
  return ok;
}

gboolean
tam_coaching_propose (TamStore *store,
                      const TamSession *session,
                      const char *through,
                      guint *n_new,
                      GError **error)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (session, TAM_PERM_PROPOSE_COACHING, error))
    return FALSE;
  if ((day = tam_parse_date_or_error (through, error)) == NULL)
    return FALSE;
  return propose_run (store, session, 0, day, n_new, error);
}

void
tam_coaching_attendance_changed (TamStore *store,
                                 gint64 person_id)
{
  g_autoptr (GError) error = NULL;

  /* Proposals follow the attendance; they never stop it being saved. */
  if (!propose_run (store, NULL, person_id, NULL, NULL, &error))
    g_debug ("Coaching proposals after an attendance change: %s", error->message);
}

void
tam_coaching_training_changed (TamStore *store,
                               gint64 person_id,
                               const char *through)
{
  g_autoptr (GError) error = NULL;

  if (!propose_run (store, NULL, person_id, through, NULL, &error))
    g_debug ("Coaching proposals after a training attendance change: %s", error->message);
}
