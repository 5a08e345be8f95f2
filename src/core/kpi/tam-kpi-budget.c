/* tam-kpi-budget.c: how many more RETURNs a team or site can take this
 * month before its QVS falls under the target, or, when it is under
 * already, how many VALID calls it would need (tam-kpi.h). Integer
 * arithmetic in hundredths of a percent, so that a budget of exactly 0
 * (95.00 %) is not lost to rounding. */
#include "config.h"

#include "tam-kpi-private.h"
#include "tam-store.h"

void
tam_kpi_budget_free (TamKpiBudget *row)
{
  if (row == NULL)
    return;
  _tam_kpi_member_clear (&row->m);
  g_free (row);
}

/* Floor and ceiling of @a / @b for @b > 0, whatever the sign of @a. */
static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static gint64
ceil_div (gint64 a,
          gint64 b)
{
  return -floor_div (-a, b);
}

void
tam_kpi_budget_compute (TamKpiBudget *b,
                        double target)
{
  /* t in hundredths of a percent: 95 -> 9500 of 10000. */
  gint64 t = (gint64) llround (CLAMP (target, 0.0, 100.0) * 100.0);
  gint64 best = b->valid + b->pending;
  gint64 slack = 10000 * best - t * b->agree;

  b->qvs = _tam_kpi_pct (b->valid, b->agree);
  b->best = _tam_kpi_pct (best, b->agree);
  if (slack >= 0)
    {
      b->under = FALSE;
      b->returns_left = floor_div (slack, 10000);
      b->valid_needed = 0;
    }
  else
    {
      b->under = TRUE;
      b->returns_left = 0;
      /* (best + x) / (agree + x) >= t  <=>  x >= (t agree - best) / (1 - t);
       * a target of 100 % cannot be regained by adding calls. */
      b->valid_needed = t < 10000 ? ceil_div (-slack, 10000 - t) : G_MAXINT64;
    }
}

gboolean
tam_kpi_qvs_budget (TamStore *store,
                    const TamSession *session,
                    const char *month,
                    TamKpiScope scope,
                    GPtrArray **rows,
                    GError **error)
{
  g_autoptr (GPtrArray) qvs = NULL;
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_kpi_budget_free);
  double target;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (!tam_kpi_qvs (store, session, month, scope, &qvs, error))
    return FALSE;
  target = tam_kpi_target (store, TAM_KPI_QVS);
  for (guint i = 0; i < qvs->len; i++)
    {
      TamKpiQvs *q = qvs->pdata[i];
      TamKpiBudget *b = g_new0 (TamKpiBudget, 1);

      /* The member moves over whole. */
      b->m = q->m;
      memset (&q->m, 0, sizeof q->m);
      b->agree = q->agree;
      b->valid = q->valid;
      b->returned = q->returned;
      b->pending = q->pending;
      tam_kpi_budget_compute (b, target);
      g_ptr_array_add (out, b);
    }
  *rows = g_steal_pointer (&out);
  return TRUE;
}
