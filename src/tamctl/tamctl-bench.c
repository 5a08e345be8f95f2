#include "config.h"

#include <glib/gi18n.h>
#include "tamctl.h"

/* Placeholder until the command lands. */
int
tamctl_cmd_bench (TamctlContext *ctx,
int            argc,
char         **argv)
{
  g_printerr ("tamctl: %s\n", _("not available yet"));
  return 2;
}

