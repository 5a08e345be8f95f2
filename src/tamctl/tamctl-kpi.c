/* tamctl-kpi.c: `tamctl kpi`, the monthly KPIs (issue 10) as CSV on
 * stdout or a .csv / .xlsx file, from the core's tam-kpi.h.
 *
 * The store is opened read-write, like the app: the per-day counts are
 * brought up to date before they are summed (a read-only store behind an
 * import would fall back to scanning the calls). */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tam-kpi.h"
#include "tamctl.h"

static const char usage_text[] =
    N_ ("usage: tamctl kpi qvs|budget|headcount|scorecard|adherence|ct0 --month YYYY-MM"
        " [--by national|site|service|team|agent] [--day YYYY-MM-DD] [-o FILE.csv|FILE.xlsx] --as NIK\n"
        "       tamctl kpi qvs --from YYYY-MM --to YYYY-MM [--by SCOPE] [--key CODE|NIK] [-o FILE]\n"
        "       tamctl kpi first_pass|headcount|scorecard|adherence|ct0 --from YYYY-MM --to YYYY-MM"
        " [--by SCOPE --key CODE|NIK] [-o FILE.csv]");

static int
usage (void)
{
  return tamctl_usage (_ (usage_text));
}

int
tamctl_cmd_kpi (TamctlContext *ctx,
                int argc,
                char **argv)
{
  g_autofree char *month = NULL;
  g_autofree char *by = NULL;
  g_autofree char *output = NULL;
  g_autofree char *day = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *key = NULL;
  g_autofree char *title = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (TamKpiTable) table = NULL;
  GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_ ("The month"), "YYYY-MM" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_ ("One row per national, site, service, team or agent"), "SCOPE" },
    { "day", 0, 0, G_OPTION_ARG_STRING, &day, N_ ("ct0: one day of the month"), "YYYY-MM-DD" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_ ("The first month of a series"), "YYYY-MM" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_ ("The last month of a series"), "YYYY-MM" },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_ ("A series of this site, service, team leader or agent"), "CODE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write FILE.csv or FILE.xlsx instead of CSV on stdout"), "FILE" },
    { NULL }
  };
  const char *what;
  TamKpiScope scope;
  gboolean scope_given;
  gboolean ok = FALSE;

  octx = g_option_context_new (_ ("qvs|budget|headcount|scorecard|adherence|ct0 — the monthly KPIs"));
  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 2)
    return usage ();
  what = argv[1];
  scope_given = by != NULL;
  if (scope_given && !tam_kpi_scope_parse (by, &scope))
    return tamctl_refuse (_ ("tamctl: unknown scope “%s” (national, site, service, team or agent)\n"), by);
  if (month == NULL && strcmp (what, "budget") == 0)
    month = tam_kpi_current_month ();
  if ((from != NULL || to != NULL) && (from == NULL || to == NULL || month != NULL))
    return usage ();
  if (month == NULL && from == NULL)
    return usage ();

  if (!tamctl_sign_in (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));

  /* A series of another KPI: one member, month by month. */
  if (from != NULL && strcmp (what, "qvs") != 0)
    {
      static const TamctlName kinds[] = {
        { "first_pass", TAM_KPI_FIRST_PASS },
        { "headcount", TAM_KPI_HEADCOUNT },
        { "scorecard", TAM_KPI_ABU },
        { "adherence", TAM_KPI_ADHERENCE },
        { "ct0", TAM_KPI_CT0_AGREE },
      };
      TamKpiSeriesQuery series = { .from = from, .to = to, .scope = scope_given ? scope : TAM_KPI_SCOPE_NATIONAL, .key = key };
      g_autoptr (GArray) points = NULL;
      g_autoptr (GString) csv = g_string_new ("month,value,numerator,denominator\r\n");
      g_autofree char *written = NULL;
      int k = tamctl_name_value (kinds, G_N_ELEMENTS (kinds), what);

      if (k < 0)
        return usage ();
      if (!tam_kpi_series (ctx->store, ctx->session, (TamKpiKind) k, &series, &points, &error))
        return tamctl_fail (g_steal_pointer (&error));
      for (guint i = 0; i < points->len; i++)
        {
          TamKpiPoint *p = &g_array_index (points, TamKpiPoint, i);
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_printf (csv, "%s,%s,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "\r\n", p->month,
                                  isnan (p->value) ? "" : g_ascii_formatd (buf, sizeof buf, "%.2f", p->value),
                                  p->numerator, p->denominator);
        }
      written = output ? g_strdup_printf (_ ("%s written: %s\n"), what, output) : NULL;
      return tamctl_emit (csv, output, written);
    }

  if (strcmp (what, "qvs") == 0)
    {
      if (!scope_given)
        scope = TAM_KPI_SCOPE_AGENT;
      if (from != NULL)
        {
          TamKpiSeriesQuery series = { .from = from, .to = to, .scope = scope, .key = key };

          title = g_strdup_printf (_ ("Quality Validation Score, %s to %s"), from, to);
          ok = tam_kpi_qvs_series (ctx->store, ctx->session, &series, &rows, &error);
        }
      else
        {
          title = g_strdup_printf (_ ("Quality Validation Score, %s"), month);
          ok = tam_kpi_qvs (ctx->store, ctx->session, month, scope, &rows, &error);
        }
      if (ok)
        table = tam_kpi_table_new (TAM_KPI_QVS, scope, title, rows);
    }
  else if (strcmp (what, "budget") == 0)
    {
      if (!scope_given)
        scope = TAM_KPI_SCOPE_TEAM;
      title = g_strdup_printf (_ ("QVS budget, %s"), month);
      ok = tam_kpi_qvs_budget (ctx->store, ctx->session, month, scope, &rows, &error);
      if (ok)
        table = tam_kpi_budget_table_new (title, rows);
    }
  else if (strcmp (what, "headcount") == 0)
    {
      /* Without --by: one row per service and site. */
      title = g_strdup_printf (_ ("Headcount fulfilment, %s"), month);
      ok = tam_kpi_headcount (ctx->store, ctx->session, month, scope_given ? scope : TAM_KPI_SCOPE_SITE,
                              !scope_given, &rows, &error);
      if (ok)
        table = tam_kpi_table_new (TAM_KPI_HEADCOUNT, scope_given ? scope : TAM_KPI_SCOPE_SITE, title, rows);
    }
  else if (strcmp (what, "scorecard") == 0)
    {
      if (!scope_given)
        scope = TAM_KPI_SCOPE_AGENT;
      title = g_strdup_printf (_ ("ABU scorecard, %s"), month);
      ok = scope == TAM_KPI_SCOPE_AGENT
               ? tam_kpi_scorecard (ctx->store, ctx->session, month, &rows, &error)
               : tam_kpi_scorecard_summary (ctx->store, ctx->session, month, scope, &rows, &error);
      if (ok)
        table = tam_kpi_table_new (TAM_KPI_ABU, scope, title, rows);
    }
  else if (strcmp (what, "adherence") == 0)
    {
      if (!scope_given)
        scope = TAM_KPI_SCOPE_TEAM;
      title = g_strdup_printf (_ ("Roster adherence (F-02), %s"), month);
      ok = tam_kpi_adherence (ctx->store, ctx->session, month, scope, &rows, &error);
      if (ok)
        table = tam_kpi_table_new (TAM_KPI_ADHERENCE, scope, title, rows);
    }
  else if (strcmp (what, "ct0") == 0)
    {
      if (!scope_given)
        scope = TAM_KPI_SCOPE_AGENT;
      title = day ? g_strdup_printf (_ ("CT-0 PraNPC AGREE achievement, %s"), day)
                  : g_strdup_printf (_ ("CT-0 PraNPC AGREE achievement, %s"), month);
      ok = tam_kpi_ct0 (ctx->store, ctx->session, month, day, scope, &rows, &error);
      if (ok)
        table = tam_kpi_table_new (TAM_KPI_CT0_AGREE, scope, title, rows);
    }
  else
    return usage ();
  if (!ok)
    return tamctl_fail (g_steal_pointer (&error));

  if (output == NULL)
    {
      g_autofree char *csv = tam_kpi_table_to_csv (table);

      fputs (csv, stdout);
      return 0;
    }
  if (!tam_kpi_table_write (table, output, &error))
    return tamctl_fail (g_steal_pointer (&error));
  /* Translators: title, file: "ABU scorecard, 2026-10 written: kpi.xlsx" */
  g_print (_ ("%s written: %s\n"), title, output);
  return 0;
}
