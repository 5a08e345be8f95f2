/* main.c: the `tam` desktop app. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tam-application.h"

int
main (int argc,
      char *argv[])
{
  g_autoptr (TamApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* TAM_LOCALEDIR lets an uninstalled build find its own catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TAM_LOCALEDIR") ? g_getenv ("TAM_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_ ("TAM Desk"));
  app = tam_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
