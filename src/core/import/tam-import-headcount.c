/* tam-import-headcount.c: the CAPLAN headcount targets
 * (`month,service,site,target`) into headcount_targets through
 * tam_kpi_put_headcount_target(); one transaction, all or nothing. */
#include "config.h"

#include "tam-import-private.h"
#include "tam-kpi.h"

enum
{
  H_MONTH, /* first: _tam_import_month_rows reads it */
  H_SERVICE,
  H_SITE,
  H_TARGET,
};
const Column _tam_import_headcount_columns[] = {
  { "month", TRUE }, { "service", TRUE }, { "site", TRUE }, { "target", TRUE }, { NULL, FALSE }
};

static gboolean
headcount_row (Import *imp,
               const char *month,
               const PersonRef *agent G_GNUC_UNUSED,
               GHashTable *seen,
               GError **error)
{
  g_autofree char *service = g_ascii_strup (_tam_import_get (imp, H_SERVICE), -1);
  g_autofree char *site = g_ascii_strup (_tam_import_get (imp, H_SITE), -1);
  const char *target_text = _tam_import_get (imp, H_TARGET);
  TamKpiWriteCounts counts = { 0 };
  GError *local_error = NULL;
  double target;
  gboolean ok;

  if (!tam_code_is_valid (tam_services (), service))
    {
      _tam_import_row_bad (imp, "service", _ ("unknown service “%s”"), _tam_import_get (imp, H_SERVICE));
      return TRUE;
    }
  if (!tam_code_is_valid (tam_sites (), site))
    {
      _tam_import_row_bad (imp, "site", _ ("unknown site “%s”"), _tam_import_get (imp, H_SITE));
      return TRUE;
    }
  if (!_tam_import_parse_number (target_text, &target) || target < 0 || target != (double) (gint64) target)
    {
      _tam_import_row_bad (imp, "target", _ ("the target “%s” is not a whole number of agents"), target_text);
      return TRUE;
    }
  if (!_tam_import_kpi_fresh (imp, seen, g_strdup_printf ("%s\x1f%s\x1f%s", month, service, site), "site"))
    return TRUE;
  ok = tam_kpi_put_headcount_target (imp->store, imp->actor, month, service, site, (gint64) target,
                                     &counts, &local_error);
  return _tam_import_kpi_stored (imp, ok, &counts, "site", local_error, error);
}

gboolean
_tam_import_import_headcount (Import *imp,
                              GError **error)
{
  return _tam_import_month_rows (imp, FALSE, headcount_row, error);
}
