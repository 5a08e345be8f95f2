/* tam-ladder.c: the ladder, the counting rules and the performance
 * chains (see tam-ladder.h). Pure: no SQL, no clock. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tam-ladder.h"

TamLadderProposal
tam_ladder_propose (const TamCoachingRule *rule,
                    const char *date,
                    const TamLadderRecord *records,
                    gsize n_records,
                    guint chain)
{
  TamLadderProposal p = { rule->first, rule->mode == TAM_COACHING_MODE_CONDITIONAL, -1 };

  for (gsize i = 0; i < n_records; i++)
    {
      const TamLadderRecord *r = &records[i];

      /* Only an issued record of the same rule, still valid on the day. */
      if (r->state != TAM_COACHING_STATE_ISSUED || g_strcmp0 (r->rule_code, rule->code) != 0 ||
          r->valid_until == NULL || strcmp (r->valid_until, date) < 0 ||
          r->occurred_on == NULL || strcmp (r->occurred_on, date) > 0)
        continue;
      if ((int) r->level > p.previous)
        p.previous = (int) r->level;
    }

  if (chain > 0)
    {
      p.level = MIN ((guint) rule->first + chain - 1, (guint) rule->top);
      return p;
    }
  switch (rule->mode)
    {
    case TAM_COACHING_MODE_IMMEDIATE_SP4:
      p.level = rule->top;
      break;
    case TAM_COACHING_MODE_DIRECT:
      p.level = p.previous >= 0 ? rule->top : rule->first;
      break;
    case TAM_COACHING_MODE_STEPWISE:
    case TAM_COACHING_MODE_CONDITIONAL:
    default:
      if (p.previous >= 0)
        p.level = MIN (MAX ((int) rule->first, p.previous + 1), (int) rule->top);
      break;
    }
  return p;
}

static gboolean
parse_date (const char *s,
            int *y,
            int *m,
            int *d)
{
  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  *y = atoi (s);
  *m = atoi (s + 5);
  *d = atoi (s + 8);
  return g_date_valid_dmy ((GDateDay) *d, (GDateMonth) *m, (GDateYear) *y);
}

char *
tam_ladder_add_months (const char *date,
                       guint months)
{
  int y, m, d;
  GDate g;

  if (!parse_date (date, &y, &m, &d))
    return NULL;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  /* GDate clamps the 31st to the end of a shorter month. */
  g_date_add_months (&g, months);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&g), g_date_get_month (&g), g_date_get_day (&g));
}

gboolean
tam_ladder_is_absence (TamAttendanceStatus status)
{
  switch (status)
    {
    case TAM_ATTENDANCE_STATUS_ABSENT_NOTICE:
    case TAM_ATTENDANCE_STATUS_ABSENT_SHORT_NOTICE:
    case TAM_ATTENDANCE_STATUS_ABSENT_NO_NOTICE:
    case TAM_ATTENDANCE_STATUS_SICK_NO_NOTE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Months since year 0 of "YYYY-MM...". */
static int
month_index (const char *date)
{
  return atoi (date) * 12 + atoi (date + 5) - 1;
}

void
tam_ladder_count (const TamCatalogSettings *settings,
                  const TamLadderDay *days,
                  gsize n_days,
                  GArray *events)
{
  int alpa_month = -1;
  guint alpa = 0;
  /* Absences not used up by an earlier event, oldest first. */
  g_autoptr (GArray) open = g_array_new (FALSE, FALSE, sizeof (int));
  guint months = MAX (settings->absence_months, 1);

  for (gsize i = 0; i < n_days; i++)
    {
      const TamLadderDay *day = &days[i];
      int mi = month_index (day->date);

      if (day->status == TAM_ATTENDANCE_STATUS_ABSENT_NO_NOTICE)
        {
          if (mi != alpa_month)
            {
              alpa_month = mi;
              alpa = 0;
            }
          if (++alpa == settings->alpa_per_month)
            {
              TamLadderCountEvent e = { TAM_COUNT_ALPA_MONTH, "", "", alpa };

              memcpy (e.date, day->date, 11);
              g_snprintf (e.key, sizeof e.key, "alpa:%.7s", day->date);
              g_array_append_val (events, e);
            }
        }

      if (tam_ladder_is_absence (day->status))
        {
          guint keep = 0;

          /* Drop absences before the first month of the window. */
          while (keep < open->len && g_array_index (open, int, keep) <= mi - (int) months)
            keep++;
          g_array_remove_range (open, 0, keep);
          g_array_append_val (open, mi);
          if (open->len >= settings->absences)
            {
              TamLadderCountEvent e = { TAM_COUNT_ABSENCES_3_MONTHS, "", "", open->len };

              memcpy (e.date, day->date, 11);
              g_snprintf (e.key, sizeof e.key, "abs:%s", day->date);
              g_array_append_val (events, e);
              g_array_set_size (open, 0);
            }
        }
    }
}

void
tam_ladder_next_month (const char *month,
                       char out[8])
{
  int y = atoi (month), m = atoi (month + 5);

  if (++m > 12)
    {
      m = 1;
      y++;
    }
  g_snprintf (out, 8, "%04d-%02d", y, m);
}

double
tam_ladder_overall_score (const TamLadderKpi *values,
                          gsize n_values,
                          TamLadderWeights *weights)
{
  double sum = 0, total = 0;

  for (gsize i = 0; i < n_values; i++)
    {
      const char *w = weights ? g_hash_table_lookup (weights, values[i].parameter) : NULL;
      double weight = w ? g_ascii_strtod (w, NULL) : 1.0;

      if (weight <= 0)
        continue;
      sum += weight * values[i].value;
      total += weight;
    }
  return total > 0 ? sum / total : 0;
}

static int
kpi_cmp (gconstpointer a,
         gconstpointer b)
{
  const TamLadderKpi *x = a, *y = b;
  int c = strcmp (x->parameter, y->parameter);

  return c != 0 ? c : strcmp (x->month, y->month);
}

static int
month_cmp (gconstpointer a,
           gconstpointer b)
{
  const TamLadderKpi *x = a, *y = b;
  int c = strcmp (x->month, y->month);

  return c != 0 ? c : strcmp (x->parameter, y->parameter);
}

/* Chains over @v sorted by (parameter, month). */
static void
chains (const TamCatalogSettings *settings,
        const TamLadderKpi *v,
        gsize n,
        GArray *events)
{
  guint chain = 0;

  for (gsize i = 0; i < n; i++)
    {
      char expected[8];

      if (i > 0 && strcmp (v[i].parameter, v[i - 1].parameter) == 0)
        {
          tam_ladder_next_month (v[i - 1].month, expected);
          if (strcmp (expected, v[i].month) != 0)
            chain = 0; /* a month without a value breaks the chain */
        }
      else
        chain = 0;
      if (v[i].value < settings->performance_threshold)
        {
          TamLadderKpiEvent e = { "", "", v[i].value, ++chain };

          memcpy (e.month, v[i].month, 8);
          memcpy (e.parameter, v[i].parameter, 16);
          g_array_append_val (events, e);
        }
      else
        chain = 0;
    }
}

void
tam_ladder_kpi (const TamCatalogSettings *settings,
                const TamLadderKpi *values,
                gsize n_values,
                TamLadderWeights *weights,
                GArray *events)
{
  g_autofree TamLadderKpi *v = g_memdup2 (values, n_values * sizeof *values);
  g_autoptr (GArray) overall = g_array_new (FALSE, FALSE, sizeof (TamLadderKpi));

  if (n_values == 0)
    return;
  qsort (v, n_values, sizeof *v, kpi_cmp);
  chains (settings, v, n_values, events);

  /* The overall score, month by month. */
  qsort (v, n_values, sizeof *v, month_cmp);
  for (gsize i = 0; i < n_values;)
    {
      gsize j = i;
      TamLadderKpi o = { "", "OVERALL", 0 };

      while (j < n_values && strcmp (v[j].month, v[i].month) == 0)
        j++;
      memcpy (o.month, v[i].month, 8);
      o.value = tam_ladder_overall_score (v + i, j - i, weights);
      g_array_append_val (overall, o);
      i = j;
    }
  chains (settings, (TamLadderKpi *) (void *) overall->data, overall->len, events);
}
