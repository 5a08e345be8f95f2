/* tam-kpi-inputs.c: writing what the KPIs read and cannot derive: the
 * ABU scores (kpi_inputs), the CAPLAN headcount targets
 * (headcount_targets), the CT-0 daily targets (agent_targets), and the
 * ABU weights and grade bands (settings). See tam-kpi.h for the rules. */
#include "config.h"

#include "tam-audit.h"
#include "tam-kpi-private.h"

typedef enum
{
  CHANGE_NONE,
  CHANGE_INSERT,
  CHANGE_UPDATE,
} Change;

/* Checks the permission and opens a transaction unless the caller holds
 * one (*own_tx). */
static gboolean
write_begin (TamStore *store,
             const TamSession *actor,
             gboolean *own_tx,
             GError **error)
{
  if (!tam_session_require (actor, TAM_PERM_IMPORT_KPI, error))
    return FALSE;
  *own_tx = !tam_store_in_transaction (store);
  return !*own_tx || tam_store_begin (store, error);
}

static char *
json_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", v));
}

/* Steps @stmt (bound), which selects the value stored now (no row:
 * none), and says what storing @value changes; *@before gets the stored
 * value as a JSON number. */
static Change
stored_change (sqlite3_stmt *stmt,
               double value,
               char **before)
{
  Change change = CHANGE_INSERT;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double old = sqlite3_column_double (stmt, 0);

      change = old == value ? CHANGE_NONE : CHANGE_UPDATE;
      *before = json_number (old);
    }
  sqlite3_reset (stmt);
  return change;
}

/* Counts the change and, in a transaction of our own, audits it (from
 * @before, a JSON number or NULL, to @value) and commits. */
static gboolean
write_end (TamStore *store,
           const TamSession *actor,
           gboolean own_tx,
           Change change,
           const char *entity,
           const char *entity_id,
           const char *before,
           double value,
           TamKpiWriteCounts *counts,
           GError **error)
{
  g_autofree char *after = json_number (value);

  if (counts != NULL)
    {
      if (change == CHANGE_INSERT)
        counts->inserted++;
      else if (change == CHANGE_UPDATE)
        counts->updated++;
      else
        counts->unchanged++;
    }
  if (!own_tx)
    return TRUE;
  if (change != CHANGE_NONE &&
      !tam_audit_append (store, actor, "SET", entity, entity_id, before, after, error))
    {
      tam_store_rollback (store);
      return FALSE;
    }
  return tam_store_commit (store, error);
}

/* The NIK of @person_id when it is an agent; else NULL with an error. */
static char *
agent_nik (TamStore *store,
           gint64 person_id,
           GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, "SELECT nik, role FROM people WHERE id = ?", error);
  char *nik = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "AGENT") == 0)
        nik = tam_stmt_dup_text (stmt, 0);
      else
        g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s is not an agent"),
                     (const char *) sqlite3_column_text (stmt, 0));
    }
  else
    g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("No person with id %lld"), (long long) person_id);
  sqlite3_reset (stmt);
  return nik;
}

/* The table a put_* function writes: one row per key (the month and one
 * or two more columns), one value. Both statements name their
 * parameters after StoredKey's fields; the upsert's value is :value. */
typedef struct
{
  const char *select_sql; /* the value stored now */
  const char *upsert_sql;
  const char *entity; /* the audit row's */
  gboolean whole;     /* the value is a whole number */
} StoredTable;

typedef struct
{
  const char *month;
  gint64 person_id;
  const char *parameter;
  const char *service;
  const char *site;
} StoredKey;

static const StoredTable kpi_inputs = {
  "SELECT value FROM kpi_inputs WHERE month = :month AND person_id = :person_id AND parameter = :parameter",
  "INSERT INTO kpi_inputs (month, person_id, parameter, value) VALUES (:month, :person_id, :parameter, :value)"
  " ON CONFLICT (month, person_id, parameter) DO UPDATE SET value = excluded.value",
  "kpi_input",
  FALSE,
};

static const StoredTable headcount_targets = {
  "SELECT target FROM headcount_targets WHERE month = :month AND service = :service AND site = :site",
  "INSERT INTO headcount_targets (month, service, site, target) VALUES (:month, :service, :site, :value)"
  " ON CONFLICT (month, service, site) DO UPDATE SET target = excluded.target",
  "headcount_target",
  TRUE,
};

static const StoredTable agent_targets = {
  "SELECT daily_target FROM agent_targets WHERE month = :month AND person_id = :person_id",
  "INSERT INTO agent_targets (month, person_id, daily_target) VALUES (:month, :person_id, :value)"
  " ON CONFLICT (month, person_id) DO UPDATE SET daily_target = excluded.daily_target",
  "agent_target",
  TRUE,
};

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char *name,
                 const char *text)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i > 0)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
}

/* Binds the parameters of @key that @stmt names. */
static void
bind_key (sqlite3_stmt *stmt,
          const StoredKey *key)
{
  int person = sqlite3_bind_parameter_index (stmt, ":person_id");

  bind_named_text (stmt, ":month", key->month);
  if (person > 0)
    sqlite3_bind_int64 (stmt, person, key->person_id);
  bind_named_text (stmt, ":parameter", key->parameter);
  bind_named_text (stmt, ":service", key->service);
  bind_named_text (stmt, ":site", key->site);
}

/* Inside write_begin(): stores @value under @key in @table unless it is
 * stored there already, then write_end() (the audit row's id
 * @entity_id); on an error rolls our own transaction back. */
static gboolean
put_row (TamStore *store,
         const TamSession *actor,
         gboolean own_tx,
         const StoredTable *table,
         const StoredKey *key,
         const char *entity_id,
         double value,
         TamKpiWriteCounts *counts,
         GError **error)
{
  g_autofree char *before = NULL;
  sqlite3_stmt *stmt = tam_store_prepare (store, table->select_sql, error);
  Change change;

  if (stmt == NULL)
    return tam_store_rollback_own (store, own_tx);
  bind_key (stmt, key);
  change = stored_change (stmt, value, &before);

  if (change != CHANGE_NONE)
    {
      int value_index;

      stmt = tam_store_prepare (store, table->upsert_sql, error);
      if (stmt == NULL)
        return tam_store_rollback_own (store, own_tx);
      bind_key (stmt, key);
      value_index = sqlite3_bind_parameter_index (stmt, ":value");
      if (table->whole)
        sqlite3_bind_int64 (stmt, value_index, (gint64) value);
      else
        sqlite3_bind_double (stmt, value_index, value);
      if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not store the KPI input"), error))
        return tam_store_rollback_own (store, own_tx);
    }
  return write_end (store, actor, own_tx, change, table->entity, entity_id, before, value, counts, error);
}

/* put_row() of a row of an agent's (@key->person_id, who must be one):
 * its audit id is month/NIK, and /parameter for a kpi_input. */
static gboolean
put_agent_row (TamStore *store,
               const TamSession *actor,
               const StoredTable *table,
               const StoredKey *key,
               double value,
               TamKpiWriteCounts *counts,
               GError **error)
{
  g_autofree char *nik = NULL;
  g_autofree char *entity_id = NULL;
  gboolean own_tx = FALSE;

  if (!write_begin (store, actor, &own_tx, error))
    return FALSE;
  nik = agent_nik (store, key->person_id, error);
  if (nik == NULL)
    return tam_store_rollback_own (store, own_tx);
  if (key->parameter != NULL)
    entity_id = g_strdup_printf ("%s/%s/%s", key->month, nik, key->parameter);
  else
    entity_id = g_strdup_printf ("%s/%s", key->month, nik);
  return put_row (store, actor, own_tx, table, key, entity_id, value, counts, error);
}

gboolean
tam_kpi_put_input (TamStore *store,
                   const TamSession *actor,
                   const char *month,
                   gint64 person_id,
                   TamAbuParameter parameter,
                   double value,
                   TamKpiWriteCounts *counts,
                   GError **error)
{
  const char *code = tam_abu_parameter_to_code (parameter);
  StoredKey key = { .month = month, .person_id = person_id, .parameter = code };

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (actor, TAM_PERM_IMPORT_KPI, error) ||
      !tam_kpi_month_bounds (month, NULL, NULL, error))
    return FALSE;
  if (code == NULL)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("Unknown ABU parameter"));
      return FALSE;
    }
  if (!isfinite (value) || value < 0 || value > 100)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A score is between 0 and 100, not %g"), value);
      return FALSE;
    }
  return put_agent_row (store, actor, &kpi_inputs, &key, value, counts, error);
}

gboolean
tam_kpi_put_headcount_target (TamStore *store,
                              const TamSession *actor,
                              const char *month,
                              const char *service,
                              const char *site,
                              gint64 target,
                              TamKpiWriteCounts *counts,
                              GError **error)
{
  StoredKey key = { .month = month, .service = service, .site = site };
  g_autofree char *entity_id = NULL;
  gboolean own_tx = FALSE;
  sqlite3_stmt *stmt;
  gboolean pair;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (actor, TAM_PERM_IMPORT_KPI, error) ||
      !tam_kpi_month_bounds (month, NULL, NULL, error))
    return FALSE;
  if (target < 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A headcount target is 0 or more, not %lld"), (long long) target);
      return FALSE;
    }
  if (!write_begin (store, actor, &own_tx, error))
    return FALSE;

  stmt = tam_store_prepare (store, "SELECT 1 FROM service_sites WHERE service = ? AND site = ?", error);
  if (stmt == NULL)
    return tam_store_rollback_own (store, own_tx);
  tam_stmt_bind_text_or_null (stmt, 1, service);
  tam_stmt_bind_text_or_null (stmt, 2, site);
  pair = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!pair)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("The service %s is not run at the site %s"),
                   service ? service : "", site ? site : "");
      return tam_store_rollback_own (store, own_tx);
    }
  entity_id = g_strdup_printf ("%s/%s/%s", month, service, site);
  return put_row (store, actor, own_tx, &headcount_targets, &key, entity_id, target, counts, error);
}

gboolean
tam_kpi_put_agent_target (TamStore *store,
                          const TamSession *actor,
                          const char *month,
                          gint64 person_id,
                          gint64 daily_target,
                          TamKpiWriteCounts *counts,
                          GError **error)
{
  StoredKey key = { .month = month, .person_id = person_id };

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (actor, TAM_PERM_IMPORT_KPI, error) ||
      !tam_kpi_month_bounds (month, NULL, NULL, error))
    return FALSE;
  if (daily_target < 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A daily target is 0 or more, not %lld"), (long long) daily_target);
      return FALSE;
    }
  return put_agent_row (store, actor, &agent_targets, &key, daily_target, counts, error);
}

/* ------------------------------------------------------------------ */
/* Settings */

static gboolean
set_setting (TamStore *store,
             const TamSession *actor,
             const char *key,
             double value,
             GError **error)
{
  g_autofree char *before = NULL;
  g_autofree char *after = json_number (value);
  gboolean own_tx = FALSE;

  if (!write_begin (store, actor, &own_tx, error))
    return FALSE;
  before = tam_store_get_setting (store, key, NULL);
  if (!tam_store_set_setting (store, key, after, error))
    {
      return tam_store_rollback_own (store, own_tx);
    }
  return write_end (store, actor, own_tx, g_strcmp0 (before, after) == 0 ? CHANGE_NONE : CHANGE_UPDATE,
                    "setting", key, before, value, NULL, error);
}

gboolean
tam_kpi_set_abu_weight (TamStore *store,
                        const TamSession *actor,
                        TamAbuParameter parameter,
                        double weight,
                        GError **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (tam_abu_parameter_to_code (parameter) == NULL || !isfinite (weight) || weight < 0)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A weight is a parameter's, 0 or more"));
      return FALSE;
    }
  key = g_strconcat ("kpi_weight_", tam_abu_parameter_to_code (parameter), NULL);
  return set_setting (store, actor, key, weight, error);
}

gboolean
tam_kpi_set_grade_band (TamStore *store,
                        const TamSession *actor,
                        TamAbuGrade grade,
                        double lower_bound,
                        GError **error)
{
  static const char *const keys[] = { "grade_a", "grade_b", "grade_c" };
  TamAbuBands bands;
  double *slot;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (grade < TAM_ABU_GRADE_A || grade > TAM_ABU_GRADE_C || !isfinite (lower_bound) ||
      lower_bound < 0 || lower_bound > 100)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _ ("A grade band is the lower bound of A, B or C, between 0 and 100"));
      return FALSE;
    }
  tam_kpi_abu_bands (store, &bands);
  slot = grade == TAM_ABU_GRADE_A ? &bands.a : grade == TAM_ABU_GRADE_B ? &bands.b
                                                                        : &bands.c;
  *slot = lower_bound;
  if (!(bands.a > bands.b && bands.b > bands.c))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("The grade bands must fall from A to C (A %g, B %g, C %g)"), bands.a, bands.b, bands.c);
      return FALSE;
    }
  return set_setting (store, actor, keys[grade], lower_bound, error);
}
