/* tam-kpi-headcount.c: headcount fulfilment (Pemenuhan Jumlah SDM) per
 * service and site against the CAPLAN targets (tam-kpi.h). */
#include "config.h"

#include "tam-kpi-private.h"
#include "tam-store.h"

void
tam_kpi_headcount_free (TamKpiHeadcount *row)
{
  if (row == NULL)
    return;
  _tam_kpi_member_clear (&row->m);
  g_free (row);
}

static TamKpiHeadcount *
pair_row (GHashTable *index,
          GPtrArray *rows,
          const char *service,
          const char *site,
          const char *month)
{
  g_autofree char *key = g_strdup_printf ("%s\x1f%s", service, site);
  TamKpiHeadcount *r = g_hash_table_lookup (index, key);

  if (r != NULL)
    return r;
  r = g_new0 (TamKpiHeadcount, 1);
  r->m.scope = TAM_KPI_SCOPE_SITE;
  r->m.key = g_strdup (site);
  r->m.name = g_strdup (tam_site_label (site));
  r->m.site = g_strdup (site);
  r->m.service = g_strdup (service);
  r->m.month = g_strdup (month);
  r->target = -1;
  g_hash_table_insert (index, g_steal_pointer (&key), r);
  g_ptr_array_add (rows, r);
  return r;
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const TamKpiHeadcount *x = *(TamKpiHeadcount *const *) a;
  const TamKpiHeadcount *y = *(TamKpiHeadcount *const *) b;
  int c = (int) tam_service_from_code (x->m.service) - (int) tam_service_from_code (y->m.service);

  if (c != 0)
    return c;
  return (int) tam_site_from_code (x->m.site) - (int) tam_site_from_code (y->m.site);
}

/* One row per pair: service_sites, the targets of the month and the
 * agents available. */
static GPtrArray *
compute_pairs (TamStore *store,
               const char *month,
               const char *next,
               GError **error)
{
  g_autoptr (GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_kpi_headcount_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tam_store_prepare (store, "SELECT service, site FROM service_sites", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    pair_row (index, rows, (const char *) sqlite3_column_text (stmt, 0),
              (const char *) sqlite3_column_text (stmt, 1), month);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = tam_store_prepare (store, "SELECT service, site, target FROM headcount_targets WHERE month = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, month, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    pair_row (index, rows, (const char *) sqlite3_column_text (stmt, 0),
              (const char *) sqlite3_column_text (stmt, 1), month)
        ->target = sqlite3_column_int64 (stmt, 2);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  /* Hired on or before the last day: before the next month's first. */
  stmt = tam_store_prepare (store,
                            "SELECT service, site, count(*) FROM people"
                            " WHERE role = 'AGENT' AND status = 'ACTIVE' AND hired_on < ? AND service IS NOT NULL"
                            " GROUP BY service, site",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, next, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    pair_row (index, rows, (const char *) sqlite3_column_text (stmt, 0),
              (const char *) sqlite3_column_text (stmt, 1), month)
        ->available = sqlite3_column_int64 (stmt, 2);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  g_ptr_array_sort (rows, compare_pairs);
  return g_steal_pointer (&rows);

fail:
  _tam_kpi_sql_error (store, error);
  return NULL;
}

static void
finish (TamKpiHeadcount *r)
{
  r->fulfilment = r->target > 0 ? 100.0 * (double) r->available / (double) r->target : NAN;
}

gboolean
tam_kpi_headcount (TamStore *store,
                   const TamSession *session,
                   const char *month,
                   TamKpiScope scope,
                   gboolean pairs,
                   GPtrArray **rows,
                   GError **error)
{
  g_autofree char *next = NULL;
  g_autoptr (GPtrArray) by_pair = NULL;
  KpiGroups groups;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (!_tam_kpi_check_read (session, month, NULL, &next, error))
    return FALSE;
  if (!pairs && scope != TAM_KPI_SCOPE_NATIONAL && scope != TAM_KPI_SCOPE_SITE &&
      scope != TAM_KPI_SCOPE_SERVICE)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("Headcount fulfilment is counted per service and site, not per %s"),
                   tam_kpi_scope_to_label (scope));
      return FALSE;
    }
  by_pair = compute_pairs (store, month, next, error);
  if (by_pair == NULL)
    return FALSE;
  if (pairs)
    {
      for (guint i = 0; i < by_pair->len; i++)
        finish (by_pair->pdata[i]);
      *rows = g_steal_pointer (&by_pair);
      return TRUE;
    }

  /* The sums of the pairs: every agent available; the targets given (a
   * scope with none has none). */
  _tam_kpi_groups_init (&groups, scope, sizeof (TamKpiHeadcount), (GDestroyNotify) tam_kpi_headcount_free);
  for (guint i = 0; i < by_pair->len; i++)
    {
      TamKpiHeadcount *p = by_pair->pdata[i];
      guint before = groups.rows->len;
      TamKpiHeadcount *r = _tam_kpi_group (&groups, NULL, p->m.site, p->m.service, month);

      if (groups.rows->len > before)
        r->target = -1;
      r->available += p->available;
      if (p->target >= 0)
        r->target = MAX (r->target, 0) + p->target;
    }
  *rows = _tam_kpi_groups_steal (&groups);
  for (guint i = 0; i < (*rows)->len; i++)
    finish ((*rows)->pdata[i]);
  return TRUE;
}
