/* tam-check.c: `tamctl check` and the tests' full check of a database:
 * the store's integrity (SQLite's integrity_check and foreign keys) and
 * the audit log's hash chain and checkpoint, and the calls and verdicts
 * against the audit log (tapping/tam-tapping-audit.c). Composed here so that the store knows
 * nothing of the audit log. */
#include "config.h"

#include "tam-audit.h"
#include "tam-check.h"
#include "tam-tapping.h"

gboolean
tam_check (TamStore *store,
           GString *report,
           GError **error)
{
  g_autoptr (GError) store_error = NULL;
  gboolean ok;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  /* Both run, so the report is whole; the store's failure comes first. */
  ok = tam_store_check (store, report, &store_error);
  if (!tam_audit_verify (store, report, ok ? error : NULL))
    ok = FALSE;
  if (!tam_tapping_audit_verify (store, report, ok ? error : NULL))
    ok = FALSE;
  if (store_error != NULL)
    g_propagate_error (error, g_steal_pointer (&store_error));
  return ok;
}
