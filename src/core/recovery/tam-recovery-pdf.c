/* tam-recovery-pdf.c: a recovery plan as a PDF (see tam-recovery-pdf.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "tam-kpi-chart.h"
#include "tam-pdf-page.h"
#include "tam-recovery-pdf.h"

#define MARGIN 48.0
#define LABEL_WIDTH 130.0

static char *
percent (double v)
{
  return isnan (v) ? g_strdup ("—") : g_strdup_printf ("%.2f", v);
}

static void
field (cairo_t *cr,
       PangoLayout *label,
       PangoLayout *value,
       const char *name,
       const char *text,
       double x,
       double *y)
{
  double ly = *y;

  tam_pdf_show (cr, label, name, x, &ly, 0);
  tam_pdf_show (cr, value, text, x + LABEL_WIDTH, y, 1.5);
  *y = MAX (*y, ly + 1.5);
}

void
tam_recovery_draw_page (const TamRecoveryPlan *p,
                        GPtrArray *history,
                        gpointer chart,
                        cairo_t *cr,
                        double width,
                        double height)
{
  double x = MARGIN, y = MARGIN, w = width - 2 * MARGIN;
  g_autoptr (PangoLayout) head = NULL, title = NULL, label = NULL, value = NULL, body = NULL, small = NULL;
  g_autofree char *heading = g_strdup_printf (_ ("Recovery plan %lld (version %d)"), (long long) p->id, p->version);
  g_autofree char *scope = g_strdup_printf ("%s: %s (%s)", tam_kpi_scope_to_label (p->scope), p->scope_name, p->scope_ref);
  g_autofree char *actual = percent (p->actual), *target = percent (p->target);
  g_autofree char *figures = g_strdup_printf (_ ("%s against a target of %s"), actual, target);
  g_autofree char *verified = NULL;
  g_autofree char *drafted = g_strdup_printf ("%s (%s), %s", p->drafted_by_name, p->drafted_by_nik, p->drafted_at);
  g_autofree char *decided = p->decided_by_nik ? g_strdup_printf ("%s (%s), %s", p->decided_by_name, p->decided_by_nik,
                                                                  p->decided_at)
                                               : g_strdup ("—");
  g_autoptr (GString) causes = g_string_new (NULL);
  double col[] = { 0, 0.50, 0.70, 0.85 };

  for (int i = 0; i < TAM_N_CAUSES; i++)
    if (p->causes & (1u << i))
      {
        if (causes->len > 0)
          g_string_append (causes, ", ");
        g_string_append (causes, tam_recovery_cause_to_label (1u << i));
      }
  if (!isnan (p->verified_value))
    {
      g_autofree char *v = percent (p->verified_value), *t = percent (p->verified_target);

      verified = g_strdup_printf (_ ("%s in %s against %s"), v, p->verify_month, t);
    }

  tam_pdf_page_begin (cr);

  head = tam_pdf_layout_new (cr, "DejaVu Sans Bold 8", w);
  tam_pdf_show (cr, head, "CONTACT CENTER TRANSVISION — TAM OUTBOUND — IN.OCC.TELK.P-10", x, &y, 3);
  tam_pdf_rule (cr, x, y, w, 0.6);
  y += 10;
  title = tam_pdf_layout_new (cr, "DejaVu Sans Bold 12", w);
  tam_pdf_show (cr, title, heading, x, &y, 10);

  label = tam_pdf_layout_new (cr, "DejaVu Sans Bold 8.5", LABEL_WIDTH - 6);
  value = tam_pdf_layout_new (cr, "DejaVu Sans 8.5", w - LABEL_WIDTH);
  field (cr, label, value, _ ("KPI"), tam_kpi_kind_to_label (p->kpi), x, &y);
  field (cr, label, value, _ ("Scope"), scope, x, &y);
  field (cr, label, value, _ ("Period"), p->period, x, &y);
  field (cr, label, value, _ ("Figure (from the KPI module)"), figures, x, &y);
  field (cr, label, value, _ ("Verified on"), p->verify_month, x, &y);
  field (cr, label, value, _ ("State"), tam_recovery_state_to_label (p->state), x, &y);
  if (verified != NULL)
    field (cr, label, value, _ ("Verification"), verified, x, &y);
  field (cr, label, value, _ ("Drafted by"), drafted, x, &y);
  field (cr, label, value, _ ("Decided by"), decided, x, &y);
  if (p->decision_reason[0] != '\0')
    field (cr, label, value, _ ("Reason"), p->decision_reason, x, &y);
  field (cr, label, value, _ ("Causes"), causes->len ? causes->str : "—", x, &y);
  y += 6;
  body = tam_pdf_layout_new (cr, "DejaVu Sans 8.5", w);
  tam_pdf_show (cr, label, _ ("Analysis"), x, &y, 2);
  pango_layout_set_justify (body, TRUE);
  tam_pdf_show (cr, body, p->analysis[0] ? p->analysis : "—", x, &y, 8);

  /* The actions as a table. */
  tam_pdf_show (cr, label, _ ("Actions"), x, &y, 3);
  {
    const char *heads[] = { _ ("What"), _ ("Owner"), _ ("Due"), _ ("Done") };
    double row_y = y;

    small = tam_pdf_layout_new (cr, "DejaVu Sans 8", w);
    for (int c = 0; c < 4; c++)
      {
        double cy = row_y;

        pango_layout_set_width (label, (int) (((c < 3 ? col[c + 1] : 1.0) - col[c]) * w * PANGO_SCALE));
        tam_pdf_show (cr, label, heads[c], x + col[c] * w, &cy, 0);
        y = MAX (y, cy);
      }
    y += 2;
    tam_pdf_rule (cr, x, y, w, 0.6);
    y += 3;
    for (guint i = 0; i < p->actions->len; i++)
      {
        TamRecoveryAction *a = p->actions->pdata[i];
        g_autofree char *owner = a->owner_nik ? g_strdup_printf ("%s (%s)", a->owner_name, a->owner_nik) : g_strdup ("—");
        g_autofree char *done = a->done_on ? g_strdup_printf ("%s %s", a->done_on, a->done_note ? a->done_note : "")
                                           : g_strdup (a->overdue ? _ ("overdue") : "—");
        const char *cells[] = { a->text, owner, a->due_on, done };
        double next = y;

        for (int c = 0; c < 4; c++)
          {
            double cy = y;

            pango_layout_set_width (small, (int) ((((c < 3 ? col[c + 1] : 1.0) - col[c]) * w - 6) * PANGO_SCALE));
            tam_pdf_show (cr, small, cells[c], x + col[c] * w, &cy, 2);
            next = MAX (next, cy);
          }
        y = next;
      }
    pango_layout_set_width (label, (int) ((LABEL_WIDTH - 6) * PANGO_SCALE));
  }
  y += 8;

  /* The chart over the period, then the history in what is left. */
  if (chart != NULL && y < height - MARGIN - 260)
    {
      cairo_save (cr);
      cairo_translate (cr, x, y);
      tam_chart_draw_page (chart, tam_chart_style_default_light (), cr, w, 200);
      cairo_restore (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      y += 208;
    }
  if (history != NULL && history->len > 0)
    {
      tam_pdf_show (cr, label, _ ("History"), x, &y, 2);
      pango_layout_set_width (small, (int) (w * PANGO_SCALE));
      for (guint i = 0; i < history->len && y < height - MARGIN - 12; i++)
        {
          TamRecoveryEvent *e = history->pdata[i];
          g_autofree char *line = g_strdup_printf ("%s  v%d  %s  %s (%s)%s%s", e->at, e->version, e->event,
                                                   e->actor_name ? e->actor_name : "", e->actor_nik ? e->actor_nik : "",
                                                   e->reason && *e->reason ? " — " : "", e->reason ? e->reason : "");

          tam_pdf_show (cr, small, line, x, &y, 1);
        }
    }
  cairo_restore (cr);
}

typedef struct
{
  const TamRecoveryPlan *plan;
  GPtrArray *history;
  TamChart *chart;
} Page;

static void
draw_plan (cairo_t *cr,
           double width,
           double height,
           gpointer data)
{
  Page *page = data;

  tam_recovery_draw_page (page->plan, page->history, page->chart, cr, width, height);
}

gboolean
tam_recovery_write_pdf (TamStore *store,
                        const TamSession *session,
                        gint64 id,
                        const char *path,
                        GError **error)
{
  g_autoptr (TamRecoveryPlan) plan = tam_recovery_get (store, session, id, error);
  g_autoptr (GPtrArray) history = NULL;
  g_autofree char *title = NULL, *from = NULL;
  Page page = { 0 };
  gboolean ok;

  if (plan == NULL || (history = tam_recovery_history (store, session, id, error)) == NULL)
    return FALSE;
  /* Five months before the period to the month it is verified on. */
  from = tam_kpi_month_add (plan->period, -5);
  page.plan = plan;
  page.history = history;
  page.chart = tam_kpi_chart_line (store, session, plan->kpi,
                                   &(TamKpiSeriesQuery){ .from = from, .to = plan->verify_month, .scope = plan->scope, .key = plan->scope_ref },
                                   NULL);
  title = g_strdup_printf (_ ("Recovery plan %lld"), (long long) id);
  ok = tam_pdf_write_a4 (path, title, NULL, draw_plan, &page, error);
  if (page.chart != NULL)
    tam_chart_unref (page.chart);
  return ok;
}
