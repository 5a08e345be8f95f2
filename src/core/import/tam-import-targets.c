/* tam-import-targets.c: the CT-0 PraNPC daily AGREE targets of the
 * agents (`month,nik,daily_target`) into agent_targets through
 * tam_kpi_put_agent_target(); one transaction, all or nothing. */
#include "config.h"

#include "tam-import-private.h"
#include "tam-kpi.h"

enum
{
  T_MONTH,
  T_NIK,
  T_TARGET,
};
const Column _tam_import_targets_columns[] = {
  { "month", TRUE }, { "nik", TRUE }, { "daily_target", TRUE }, { NULL, FALSE }
};

gboolean
_tam_import_import_targets (Import *imp,
                            GError **error)
{
  g_autoptr (GHashTable) people = _tam_import_load_people (imp, error);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  if (people == NULL)
    return FALSE;
  while ((rc = _tam_import_next_row (imp, error)) > 0)
    {
      const char *target_text = _tam_import_get (imp, T_TARGET);
      TamKpiWriteCounts counts = { 0 };
      GError *local_error = NULL;
      const PersonRef *agent;
      char month[8];
      double target;
      gboolean ok;

      if (!_tam_import_parse_month (imp, _tam_import_get (imp, T_MONTH), month))
        continue;
      agent = _tam_import_kpi_agent (imp, people, _tam_import_get (imp, T_NIK));
      if (agent == NULL)
        continue;
      if (!_tam_import_parse_number (target_text, &target) || target < 0 || target != (double) (gint64) target)
        {
          _tam_import_row_bad (imp, "daily_target", _ ("the daily target “%s” is not a whole number of calls"), target_text);
          continue;
        }
      if (_tam_import_kpi_seen (imp, seen, g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT, month, agent->id), "nik"))
        continue;
      if (!_tam_import_writing (imp))
        continue;
      ok = tam_kpi_put_agent_target (imp->store, imp->actor, month, agent->id, (gint64) target,
                                     &counts, &local_error);
      if (!_tam_import_kpi_stored (imp, ok, &counts, "daily_target", local_error, error))
        return FALSE;
    }
  return rc == 0;
}
