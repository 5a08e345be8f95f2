/* tam-kpi-member.c: scope members, months, targets and settings shared
 * by every KPI (tam-kpi.h), and the grouping of tam-kpi-private.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tam-kpi-private.h"
#include "tam-store.h"

gboolean
tam_kpi_scope_parse (const char *text,
                     TamKpiScope *scope)
{
  g_autofree char *upper = NULL;
  int value;

  if (text == NULL)
    return FALSE;
  upper = g_ascii_strup (text, -1);
  value = (int) tam_kpi_scope_from_code (upper);
  if (value < 0)
    return FALSE;
  *scope = (TamKpiScope) value;
  return TRUE;
}

static gboolean
month_parts (const char *month,
             int *y,
             int *m)
{
  if (month == NULL || strlen (month) != 7 || month[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (month[i]))
      return FALSE;
  *y = atoi (month);
  *m = atoi (month + 5);
  return *y >= 1900 && *m >= 1 && *m <= 12;
}

gboolean
tam_kpi_month_bounds (const char *month,
                      char **first,
                      char **next,
                      GError **error)
{
  int y, m;

  if (!month_parts (month, &y, &m))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("“%s” is not a month (YYYY-MM)"),
                   month ? month : "");
      return FALSE;
    }
  if (first != NULL)
    *first = g_strdup_printf ("%04d-%02d-01", y, m);
  if (next != NULL)
    *next = m == 12 ? g_strdup_printf ("%04d-01-01", y + 1) : g_strdup_printf ("%04d-%02d-01", y, m + 1);
  return TRUE;
}

char *
tam_kpi_month_add (const char *month,
                   int n)
{
  int y, m, k;

  if (!month_parts (month, &y, &m))
    return NULL;
  k = y * 12 + (m - 1) + n;
  return g_strdup_printf ("%04d-%02d", k / 12, k % 12 + 1);
}

char *
tam_kpi_current_month (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m");
}

/* ------------------------------------------------------------------ */
/* Settings */

static double
setting_double (TamStore *store,
                const char *key,
                double fallback)
{
  g_autofree char *text = tam_store_get_setting (store, key, NULL);
  char *end = NULL;
  double v;

  if (text == NULL)
    return fallback;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
    return fallback;
  return v;
}

double
tam_kpi_target (TamStore *store,
                TamKpiKind kind)
{
  g_return_val_if_fail (TAM_IS_STORE (store), NAN);

  switch (kind)
    {
    case TAM_KPI_QVS:
    case TAM_KPI_FIRST_PASS:
      return setting_double (store, "qvs_target", 95);
    case TAM_KPI_HEADCOUNT:
      return setting_double (store, "headcount_target", 95);
    case TAM_KPI_ABU:
      return setting_double (store, "grade_b", 60);
    case TAM_KPI_ADHERENCE:
      return setting_double (store, "adherence_target", 95);
    case TAM_KPI_CT0_AGREE:
      return setting_double (store, "ct0_target", 100);
    default:
      return NAN;
    }
}

void
tam_kpi_abu_weights (TamStore *store,
                     double weights[TAM_N_ABU_PARAMETERS])
{
  g_return_if_fail (TAM_IS_STORE (store));

  for (int p = 0; p < TAM_N_ABU_PARAMETERS; p++)
    {
      g_autofree char *key = g_strconcat ("kpi_weight_", tam_abu_parameter_to_code (p), NULL);
      double w = setting_double (store, key, 1.0);

      weights[p] = w > 0 ? w : 0;
    }
}

void
tam_kpi_abu_bands (TamStore *store,
                   TamAbuBands *bands)
{
  g_return_if_fail (TAM_IS_STORE (store));

  bands->a = setting_double (store, "grade_a", 80);
  bands->b = setting_double (store, "grade_b", 60);
  bands->c = setting_double (store, "grade_c", 40);
}

TamAbuGrade
tam_kpi_abu_grade (double score,
                   const TamAbuBands *bands)
{
  const double eps = 1e-9;

  if (isnan (score))
    return TAM_ABU_GRADE_D;
  if (score + eps >= bands->a)
    return TAM_ABU_GRADE_A;
  if (score + eps >= bands->b)
    return TAM_ABU_GRADE_B;
  if (score + eps >= bands->c)
    return TAM_ABU_GRADE_C;
  return TAM_ABU_GRADE_D;
}

/* ------------------------------------------------------------------ */
/* People and groups */

static void
kpi_agent_free (gpointer data)
{
  KpiAgent *a = data;

  g_free (a->nik);
  g_free (a->name);
  g_free (a->role);
  g_free (a->status);
  g_free (a->hired_on);
  g_free (a->site);
  g_free (a->service);
  g_free (a->tl_nik);
  g_free (a->tl_name);
  g_free (a->tl_site);
  g_free (a->tl_service);
  g_free (a);
}

GHashTable *
_tam_kpi_load_people (TamStore *store,
                      GError **error)
{
  g_autoptr (GHashTable) people = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, kpi_agent_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tam_store_prepare (store,
                            "SELECT p.id, p.nik, p.name, p.role, p.status, p.hired_on, p.site, p.service,"
                            " COALESCE (p.team_leader_id, 0), tl.nik, tl.name, tl.site, tl.service"
                            " FROM people p LEFT JOIN people tl ON tl.id = p.team_leader_id",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KpiAgent *a = g_new0 (KpiAgent, 1);

      a->id = sqlite3_column_int64 (stmt, 0);
      a->nik = tam_stmt_dup_text (stmt, 1);
      a->name = tam_stmt_dup_text (stmt, 2);
      a->role = tam_stmt_dup_text (stmt, 3);
      a->status = tam_stmt_dup_text (stmt, 4);
      a->hired_on = tam_stmt_dup_text (stmt, 5);
      a->site = tam_stmt_dup_text (stmt, 6);
      a->service = tam_stmt_dup_text (stmt, 7);
      a->team_leader_id = sqlite3_column_int64 (stmt, 8);
      a->tl_nik = tam_stmt_dup_text (stmt, 9);
      a->tl_name = tam_stmt_dup_text (stmt, 10);
      a->tl_site = tam_stmt_dup_text (stmt, 11);
      a->tl_service = tam_stmt_dup_text (stmt, 12);
      g_hash_table_insert (people, &a->id, a);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tam_kpi_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&people);
}

void
_tam_kpi_member_clear (TamKpiMember *m)
{
  g_clear_pointer (&m->key, g_free);
  g_clear_pointer (&m->name, g_free);
  g_clear_pointer (&m->site, g_free);
  g_clear_pointer (&m->service, g_free);
  g_clear_pointer (&m->team_leader_nik, g_free);
  g_clear_pointer (&m->team_leader_name, g_free);
  g_clear_pointer (&m->month, g_free);
}

void
_tam_kpi_groups_init (KpiGroups *groups,
                      TamKpiScope scope,
                      gsize row_size,
                      GDestroyNotify free_row)
{
  groups->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  groups->rows = g_ptr_array_new_with_free_func (free_row);
  groups->row_size = row_size;
  groups->scope = scope;
}

void
_tam_kpi_groups_clear (KpiGroups *groups)
{
  g_clear_pointer (&groups->index, g_hash_table_unref);
  g_clear_pointer (&groups->rows, g_ptr_array_unref);
}

gpointer
_tam_kpi_group (KpiGroups *groups,
                const KpiAgent *agent,
                const char *site,
                const char *service,
                const char *month)
{
  const char *key = NULL;
  g_autofree char *index_key = NULL;
  TamKpiMember *m;

  if (site == NULL && agent != NULL)
    site = agent->site;
  if (service == NULL && agent != NULL)
    service = agent->service;
  switch (groups->scope)
    {
    case TAM_KPI_SCOPE_NATIONAL:
      break;
    case TAM_KPI_SCOPE_SITE:
      key = site;
      break;
    case TAM_KPI_SCOPE_SERVICE:
      key = service;
      break;
    case TAM_KPI_SCOPE_TEAM:
      key = agent ? agent->tl_nik : NULL;
      break;
    case TAM_KPI_SCOPE_AGENT:
      key = agent ? agent->nik : NULL;
      break;
    default:
      g_assert_not_reached ();
    }
  index_key = g_strdup_printf ("%s\x1f%s", month ? month : "", key ? key : "");
  m = g_hash_table_lookup (groups->index, index_key);
  if (m != NULL)
    return m;

  m = g_malloc0 (groups->row_size);
  m->scope = groups->scope;
  m->key = g_strdup (key);
  m->month = g_strdup (month);
  switch (groups->scope)
    {
    case TAM_KPI_SCOPE_NATIONAL:
      break;
    case TAM_KPI_SCOPE_SITE:
      m->name = g_strdup (tam_site_label (site));
      m->site = g_strdup (site);
      break;
    case TAM_KPI_SCOPE_SERVICE:
      m->name = g_strdup (tam_service_label (service));
      m->service = g_strdup (service);
      break;
    case TAM_KPI_SCOPE_TEAM:
      if (agent != NULL && agent->tl_nik != NULL)
        {
          m->name = g_strdup (agent->tl_name);
          m->site = g_strdup (agent->tl_site);
          m->service = g_strdup (agent->tl_service);
        }
      break;
    case TAM_KPI_SCOPE_AGENT:
      if (agent != NULL)
        {
          m->name = g_strdup (agent->name);
          m->site = g_strdup (agent->site);
          m->service = g_strdup (agent->service);
          m->team_leader_nik = g_strdup (agent->tl_nik);
          m->team_leader_name = g_strdup (agent->tl_name);
        }
      break;
    default:
      g_assert_not_reached ();
    }
  g_hash_table_insert (groups->index, g_steal_pointer (&index_key), m);
  g_ptr_array_add (groups->rows, m);
  return m;
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const TamKpiMember *x = *(TamKpiMember *const *) a;
  const TamKpiMember *y = *(TamKpiMember *const *) b;
  int c;

  if ((c = g_strcmp0 (x->month, y->month)) != 0)
    return c;
  if ((c = g_strcmp0 (x->site, y->site)) != 0)
    return c;
  /* A team without a leader (the agents who have none) last. */
  if (x->scope == TAM_KPI_SCOPE_TEAM && (x->key == NULL) != (y->key == NULL))
    return x->key == NULL ? 1 : -1;
  if ((c = g_strcmp0 (x->team_leader_name, y->team_leader_name)) != 0)
    return c;
  if ((c = g_strcmp0 (x->name, y->name)) != 0)
    return c;
  return g_strcmp0 (x->key, y->key);
}

GPtrArray *
_tam_kpi_groups_steal (KpiGroups *groups)
{
  GPtrArray *rows = g_steal_pointer (&groups->rows);

  g_ptr_array_sort (rows, compare_members);
  _tam_kpi_groups_clear (groups);
  return rows;
}

char *
_tam_kpi_day_add (const char *date,
                  int days)
{
  int y = 0, m = 0, d = 0;
  GDate g;
  char out[11];

  if (sscanf (date, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return NULL;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  if (days >= 0)
    g_date_add_days (&g, (guint) days);
  else
    g_date_subtract_days (&g, (guint) -days);
  g_snprintf (out, sizeof out, "%04d-%02d-%02d", g_date_get_year (&g), g_date_get_month (&g), g_date_get_day (&g));
  return g_strdup (out);
}

double
_tam_kpi_pct (gint64 num,
              gint64 den)
{
  return den != 0 ? 100.0 * (double) num / (double) den : NAN;
}

gboolean
_tam_kpi_check_read (const TamSession *session,
                     const char *month,
                     char **first,
                     char **next,
                     GError **error)
{
  return tam_session_require (session, TAM_PERM_VIEW, error) &&
         tam_kpi_month_bounds (month, first, next, error);
}

void
_tam_kpi_sql_error (TamStore *store,
                    GError **error)
{
  tam_store_set_error (store, error, _ ("Could not compute the KPI"));
}
