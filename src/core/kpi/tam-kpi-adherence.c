/* tam-kpi-adherence.c: roster adherence (F-02) per team, site, service
 * or agent for a month: tam_attendance_adherence()'s rows of the agents,
 * summed with its own rule (tam_adherence_add / _finish), not a second
 * count of the attendance. */
#include "config.h"

#include "tam-attendance.h"
#include "tam-kpi-private.h"
#include "tam-store.h"

void
tam_kpi_adherence_free (TamKpiAdherence *row)
{
  if (row == NULL)
    return;
  _tam_kpi_member_clear (&row->m);
  g_free (row);
}

gboolean
tam_kpi_adherence (TamStore *store,
                   const TamSession *session,
                   const char *month,
                   TamKpiScope scope,
                   GPtrArray **rows,
                   GError **error)
{
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  g_autoptr (GHashTable) people = NULL;
  g_autoptr (GPtrArray) persons = NULL;
  g_autoptr (GHashTable) sums = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autofree char *to = NULL;
  KpiGroups groups;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (!_tam_kpi_check_read (session, month, &first, &next, error))
    return FALSE;
  /* tam_attendance_adherence takes both ends inclusive. */
  to = _tam_kpi_day_add (next, -1);

  people = _tam_kpi_load_people (store, error);
  if (people == NULL)
    return FALSE;
  persons = tam_attendance_adherence (store, first, to, 0, NULL, error);
  if (persons == NULL)
    return FALSE;

  _tam_kpi_groups_init (&groups, scope, sizeof (TamKpiAdherence), (GDestroyNotify) tam_kpi_adherence_free);
  for (guint i = 0; i < persons->len; i++)
    {
      TamAdherence *a = persons->pdata[i];
      const KpiAgent *agent = g_hash_table_lookup (people, &a->person_id);
      TamKpiAdherence *r;
      TamAdherence *sum;

      /* The agents' roster: team leaders and desk staff have their own
       * rows in F-02 but are no team's adherence. */
      if (agent == NULL || g_strcmp0 (agent->role, "AGENT") != 0)
        continue;
      r = _tam_kpi_group (&groups, agent, NULL, NULL, month);
      sum = g_hash_table_lookup (sums, r);
      if (sum == NULL)
        {
          sum = g_new0 (TamAdherence, 1);
          g_hash_table_insert (sums, r, sum);
        }
      tam_adherence_add (sum, a);
      r->agents++;
    }
  *rows = _tam_kpi_groups_steal (&groups);
  for (guint i = 0; i < (*rows)->len; i++)
    {
      TamKpiAdherence *r = (*rows)->pdata[i];
      TamAdherence *sum = g_hash_table_lookup (sums, r);

      tam_adherence_finish (sum);
      r->scheduled = sum->scheduled;
      r->present = sum->present;
      r->late = sum->late;
      r->absent = sum->absent;
      r->sick = sum->sick;
      r->leave = sum->leave;
      r->adherence = sum->adherence;
    }
  return TRUE;
}
