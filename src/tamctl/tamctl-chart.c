/* tamctl-chart.c: `tamctl chart`, a KPI chart as PNG or PDF on a machine
 * with no display: the same chart (kpi/tam-kpi-chart.c) and renderer
 * (charts/) as the KPI tab. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-kpi-chart.h"
#include "tamctl.h"

static const char usage_text[] =
    N_ ("usage: tamctl chart qvs|first_pass|headcount|score --from YYYY-MM --to YYYY-MM"
        " [--by site|service|team|agent] [--key CODE|NIK] [--dark] -o FILE.png|FILE.pdf --as NIK");

int
tamctl_cmd_chart (TamctlContext *ctx,
                  int argc,
                  char **argv)
{
  static const TamctlName kinds[] = {
    { "qvs", TAM_KPI_QVS },
    { "first_pass", TAM_KPI_FIRST_PASS },
    { "headcount", TAM_KPI_HEADCOUNT },
    { "score", TAM_KPI_ABU },
    { "adherence", TAM_KPI_ADHERENCE },
    { "ct0", TAM_KPI_CT0_AGREE },
  };
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *by = NULL;
  g_autofree char *key = NULL;
  g_autofree char *output = NULL;
  gboolean dark = FALSE;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (TamChart) chart = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_ ("The first month of the line"), "YYYY-MM" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_ ("The last month of the line; with --by, the month of the bars"), "YYYY-MM" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_ ("Bars comparing the sites, services, teams or agents of the month --to"), "SCOPE" },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_ ("A line of this site, service, team leader or agent"), "CODE" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_ ("Draw with the dark style"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("FILE.png or FILE.pdf"), "FILE" },
    { NULL }
  };
  TamKpiScope scope = TAM_KPI_SCOPE_NATIONAL;
  TamKpiKind kind = TAM_KPI_QVS;
  int k;
  gboolean pdf;
  gboolean ok;

  octx = g_option_context_new (_ ("qvs|first_pass|headcount|score — a KPI chart as PNG or PDF"));
  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  k = argc == 2 ? tamctl_name_value (kinds, G_N_ELEMENTS (kinds), argv[1]) : -1;
  if (k < 0 || to == NULL || output == NULL || (by == NULL && from == NULL))
    return tamctl_usage (_ (usage_text));
  kind = (TamKpiKind) k;
  pdf = g_str_has_suffix (output, ".pdf") || g_str_has_suffix (output, ".PDF");
  if (!pdf && !g_str_has_suffix (output, ".png") && !g_str_has_suffix (output, ".PNG"))
    return tamctl_usage (_ ("the chart is written as FILE.png or FILE.pdf"));
  if (by != NULL && (!tam_kpi_scope_parse (by, &scope) || scope == TAM_KPI_SCOPE_NATIONAL))
    return tamctl_refuse (_ ("tamctl: unknown scope “%s” (site, service, team or agent)\n"), by);
  if (key != NULL && by == NULL)
    return tamctl_usage (_ ("--key needs --by: the scope the key belongs to"));

  if (!tamctl_sign_in (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  if (by != NULL && key == NULL)
    chart = tam_kpi_chart_bars (ctx->store, ctx->session, kind, to, scope, &error);
  else
    {
      TamKpiSeriesQuery line = { .from = from ? from : to, .to = to, .scope = scope, .key = key };

      chart = tam_kpi_chart_line (ctx->store, ctx->session, kind, &line, &error);
    }
  if (chart == NULL)
    return tamctl_fail (g_steal_pointer (&error));

  if (pdf)
    ok = tam_chart_write_pdf (chart, dark ? tam_chart_style_default_dark () : tam_chart_style_default_light (), 0, 0,
                              output, &error);
  else
    ok = tam_chart_write_png (chart, dark ? tam_chart_style_default_dark () : tam_chart_style_default_light (), 1280, 800,
                              output, &error);
  if (!ok)
    return tamctl_fail (g_steal_pointer (&error));
  g_print (_ ("Chart written: %s\n"), output);
  return 0;
}
