#include "config.h"

#include <glib/gi18n-lib.h>

#include "tam-demo.h"

gboolean
tam_demo_generate (TamStore        *store,
                   int              scale,
                   guint64          seed,
                   TamProgressFunc  progress,
                   gpointer         user_data,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_set_error_literal (error, TAM_ERROR, TAM_ERROR_FAILED, _("Demo data is not available yet"));
  return FALSE;
}
