/* tam-import-targets.c: the CT-0 PraNPC daily AGREE targets of the
 * agents (`month,nik,daily_target`) into agent_targets through
 * tam_kpi_put_agent_target(); one transaction, all or nothing. */
#include "config.h"

#include "tam-import-private.h"
#include "tam-kpi.h"

enum
{
  T_MONTH, /* month and NIK first: _tam_import_month_rows reads them */
  T_NIK,
  T_TARGET,
};
const Column _tam_import_targets_columns[] = {
  { "month", TRUE }, { "nik", TRUE }, { "daily_target", TRUE }, { NULL, FALSE }
};

static gboolean
target_row (Import *imp,
            const char *month,
            const PersonRef *agent,
            GHashTable *seen,
            GError **error)
{
  const char *target_text = _tam_import_get (imp, T_TARGET);
  TamKpiWriteCounts counts = { 0 };
  GError *local_error = NULL;
  double target;
  gboolean ok;

  if (!_tam_import_parse_number (target_text, &target) || target < 0 || target != (double) (gint64) target)
    {
      _tam_import_row_bad (imp, "daily_target", _ ("the daily target “%s” is not a whole number of calls"), target_text);
      return TRUE;
    }
  if (!_tam_import_kpi_fresh (imp, seen, g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT, month, agent->id), "nik"))
    return TRUE;
  ok = tam_kpi_put_agent_target (imp->store, imp->actor, month, agent->id, (gint64) target, &counts, &local_error);
  return _tam_import_kpi_stored (imp, ok, &counts, "daily_target", local_error, error);
}

gboolean
_tam_import_import_targets (Import *imp,
                            GError **error)
{
  return _tam_import_month_rows (imp, TRUE, target_row, error);
}
