/* tam-recovery-page-draft.c: the Recovery plans tab's draft dialog: a
 * new plan, a revision or a follow-up, its figures read from the KPI
 * module in a worker as the KPI, scope and period change; the window's
 * win.recovery-draft "KPI\tSCOPE\tPERIOD" (tam_recovery_page_draft). */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tam-gui-utils.h"
#include "tam-recovery-page-private.h"

/* The scopes in the dialog's drop-down order. */
static const TamKpiScope scopes[] = { TAM_KPI_SCOPE_TEAM, TAM_KPI_SCOPE_AGENT, TAM_KPI_SCOPE_SITE,
                                      TAM_KPI_SCOPE_SERVICE };

/* ---- the draft dialog -------------------------------------------------- */

typedef struct
{
  TamRecoveryPage *self;
  Op op;
  gint64 id;
  GtkWidget *dialog;
  GtkDropDown *kpi;
  GtkDropDown *scope;
  GtkWidget *ref;
  GtkWidget *period;
  GtkLabel *figures;
  GtkTextView *analysis;
  GtkWidget *causes[TAM_N_CAUSES];
  GtkWidget *what[N_ACTION_ROWS], *owner[N_ACTION_ROWS], *due[N_ACTION_ROWS];
  guint figures_generation;
} Draft;

static void
draft_free (gpointer data,
            GClosure *closure)
{
  Draft *d = data;

  if (d->self->dialog == d->dialog)
    d->self->dialog = NULL;
  g_object_unref (d->self);
  g_free (d);
}

typedef struct
{
  TamKpiKind kpi;
  TamKpiScope scope;
  char *ref;
  char *period;
  guint generation;
  double actual, target;
} FigJob;

static void
fig_job_free (FigJob *job)
{
  g_free (job->ref);
  g_free (job->period);
  g_free (job);
}

static gboolean
fig_func (TamStore *store,
          const TamSession *session,
          gpointer data,
          GError **error)
{
  FigJob *job = data;

  return tam_recovery_figures (store, session,
                               &(TamRecoveryFigureQuery){ .kpi = job->kpi,
                                                          .scope = job->scope,
                                                          .scope_ref = job->ref,
                                                          .period = job->period },
                               &job->actual, &job->target, error);
}

static void
fig_done_cb (GObject *source,
             gpointer data,
             const GError *error)
{
  GtkLabel *label = GTK_LABEL (source);
  FigJob *job = data;
  g_autofree char *text = NULL;

  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "tam-generation")) != job->generation)
    return;
  if (error != NULL)
    text = g_strdup (error->message);
  else
    {
      g_autofree char *actual = _tam_recovery_page_figure (job->actual), *target = _tam_recovery_page_figure (job->target);

      /* Translators: in the draft dialog, read from the KPI module */
      text = g_strdup_printf (_ ("Actual %s against a target of %s"), actual, target);
    }
  gtk_label_set_text (label, text);
}

static const TamWork fig_work = { fig_func, fig_done_cb, (GDestroyNotify) fig_job_free };

static void
draft_inputs_changed (Draft *d)
{
  FigJob *job;
  guint pos = gtk_drop_down_get_selected (d->scope);
  const char *ref = gtk_editable_get_text (GTK_EDITABLE (d->ref));
  const char *period = gtk_editable_get_text (GTK_EDITABLE (d->period));

  d->figures_generation++;
  g_object_set_data (G_OBJECT (d->figures), "tam-generation", GUINT_TO_POINTER (d->figures_generation));
  if (*ref == '\0' || strlen (period) != 7)
    {
      gtk_label_set_text (d->figures, _ ("The figures come from the KPI module once the scope and period are given."));
      return;
    }
  job = g_new0 (FigJob, 1);
  job->kpi = (TamKpiKind) gtk_drop_down_get_selected (d->kpi);
  job->scope = scopes[MIN (pos, G_N_ELEMENTS (scopes) - 1)];
  job->ref = g_strdup (ref);
  job->period = g_strdup (period);
  job->generation = d->figures_generation;
  tam_read_async (d->figures, tam_store_get_path (d->self->store), d->self->session, &fig_work, job);
}

static void
draft_response_cb (AdwMessageDialog *dialog,
                   const char *response,
                   Draft *d)
{
  TamRecoveryPage *self = d->self;
  GtkTextIter start, end;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (d->analysis);
  g_autoptr (GStrvBuilder) what = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) owner = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) due = g_strv_builder_new ();
  Write *w;

  if (self->dialog == GTK_WIDGET (dialog))
    self->dialog = NULL;
  if (g_strcmp0 (response, "ok") != 0)
    return;
  w = g_new0 (Write, 1);
  w->op = d->op;
  w->id = d->id;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  w->text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  w->kpi = (TamKpiKind) gtk_drop_down_get_selected (d->kpi);
  w->scope = scopes[MIN (gtk_drop_down_get_selected (d->scope), G_N_ELEMENTS (scopes) - 1)];
  w->ref = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->ref))));
  w->period = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->period))));
  for (int i = 0; i < TAM_N_CAUSES; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (d->causes[i])))
      w->causes |= 1u << i;
  for (int i = 0; i < N_ACTION_ROWS; i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (d->what[i]));

      if (*text == '\0')
        continue;
      g_strv_builder_add (what, text);
      g_strv_builder_add (owner, gtk_editable_get_text (GTK_EDITABLE (d->owner[i])));
      g_strv_builder_add (due, gtk_editable_get_text (GTK_EDITABLE (d->due[i])));
    }
  w->what = g_strv_builder_end (what);
  w->owner = g_strv_builder_end (owner);
  w->due = g_strv_builder_end (due);
  _tam_recovery_page_send_write (self, w);
}

static GtkWidget *
labelled (GtkGrid *grid,
          int row,
          const char *title,
          GtkWidget *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, field, 1, row, 3, 1);
  gtk_widget_set_hexpand (field, TRUE);
  return field;
}

static GtkWidget *
entry_with (const char *text,
            const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  return entry;
}

/* Opens the dialog: a new plan (@plan NULL; @kpi, @scope, @ref, @period
 * fill it), a plan changed or revised (OP_REVISE), or a follow-up. */
GtkWidget *
_tam_recovery_page_open_draft (TamRecoveryPage *self,
                               Op op,
                               const TamRecoveryPlan *plan,
                               TamKpiKind kpi,
                               TamKpiScope scope,
                               const char *ref,
                               const char *period)
{
  Draft *d = g_new0 (Draft, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *causes = gtk_flow_box_new ();
  g_autoptr (GtkStringList) kpis = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) scope_names = gtk_string_list_new (NULL);
  g_autofree char *hk3 = NULL;
  g_autofree char *hint = NULL;
  const char *heading = op == OP_DRAFT       ? _ ("Draft a Recovery Plan")
                        : op == OP_FOLLOW_UP ? _ ("Draft the Follow-up Plan")
                                             : _ ("Change the Plan");
  int row = 0;

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  d->self = g_object_ref (self);
  d->op = op;
  d->id = plan ? plan->id : 0;
  if (plan != NULL)
    {
      kpi = plan->kpi;
      scope = plan->scope;
      ref = plan->scope_ref;
      period = op == OP_FOLLOW_UP ? plan->verify_month : plan->period;
    }
  for (int k = TAM_KPI_QVS; k <= TAM_KPI_CT0_AGREE; k++)
    gtk_string_list_append (kpis, tam_kpi_kind_to_label (k));
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    gtk_string_list_append (scope_names, tam_kpi_scope_to_label (scopes[i]));

  d->dialog = tam_question_new (GTK_WIDGET (self), heading,
                                _ ("The actual figure and the target are read from the KPI module."), "ok",
                                _ ("_Save Draft"), ADW_RESPONSE_SUGGESTED);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  d->kpi = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kpis)), NULL));
  gtk_drop_down_set_selected (d->kpi, (guint) kpi);
  labelled (GTK_GRID (grid), row++, _ ("_KPI"), GTK_WIDGET (d->kpi));
  d->scope = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (scope_names)), NULL));
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    if (scopes[i] == scope)
      gtk_drop_down_set_selected (d->scope, i);
  labelled (GTK_GRID (grid), row++, _ ("_Scope"), GTK_WIDGET (d->scope));
  d->ref = labelled (GTK_GRID (grid), row++, _ ("_NIK or code"), entry_with (ref, _ ("TL001, 20240232, BANDUNG…")));
  d->period = labelled (GTK_GRID (grid), row++, _ ("_Period missed"), entry_with (period, "YYYY-MM"));
  d->figures = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (d->figures, 0);
  gtk_label_set_wrap (d->figures, TRUE);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->figures), 1, row++, 3, 1);
  if (plan != NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (d->kpi), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (d->scope), FALSE);
      gtk_widget_set_sensitive (d->ref, FALSE);
      gtk_widget_set_sensitive (d->period, FALSE);
    }

  d->analysis = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (d->analysis, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (d->analysis, FALSE);
  if (plan != NULL && op == OP_REVISE)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (d->analysis), plan->analysis, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (d->analysis));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 64);
  gtk_widget_add_css_class (scroller, "card");
  labelled (GTK_GRID (grid), row++, _ ("_Analysis of causes"), scroller);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (d->analysis), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  gtk_grid_get_child_at (GTK_GRID (grid), 0, row - 1), NULL, -1);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (causes), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (causes), 5);
  for (int i = 0; i < TAM_N_CAUSES; i++)
    {
      d->causes[i] = gtk_check_button_new_with_label (tam_recovery_cause_to_label (1u << i));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (d->causes[i]),
                                   plan != NULL && op == OP_REVISE && (plan->causes & (1u << i)));
      gtk_flow_box_append (GTK_FLOW_BOX (causes), d->causes[i]);
    }
  {
    GtkWidget *label = gtk_label_new (_ ("Causes"));

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
    gtk_grid_attach (GTK_GRID (grid), causes, 1, row++, 3, 1);
  }

  /* Due dates count working days: the SOP's HK+3 as the default. */
  hk3 = self->calendar ? tam_workday_add (self->calendar, self->today, 3) : g_strdup (self->today);
  /* Translators: in the draft dialog: "Actions (what, owner's NIK, due date; HK+3 is 2026-12-09)" */
  hint = g_strdup_printf (_ ("Actions (what, owner's NIK, due date; HK+3 is %s)"), hk3);
  {
    GtkWidget *label = gtk_label_new (hint);

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_grid_attach (GTK_GRID (grid), label, 0, row++, 4, 1);
  }
  for (int i = 0; i < N_ACTION_ROWS; i++)
    {
      const TamRecoveryAction *a = plan && op == OP_REVISE && (guint) i < plan->actions->len ? plan->actions->pdata[i]
                                                                                             : NULL;
      g_autofree char *name = g_strdup_printf (_ ("Action %d"), i + 1);

      d->what[i] = entry_with (a ? a->text : NULL, _ ("What is to be done"));
      d->owner[i] = entry_with (a ? a->owner_nik : (i == 0 ? self->session->nik : NULL), _ ("Owner's NIK"));
      d->due[i] = entry_with (a ? a->due_on : hk3, "YYYY-MM-DD");
      gtk_widget_set_hexpand (d->what[i], TRUE);
      gtk_editable_set_width_chars (GTK_EDITABLE (d->owner[i]), 10);
      gtk_editable_set_width_chars (GTK_EDITABLE (d->due[i]), 11);
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->what[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->owner[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Owner's NIK"),
                                      -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->due[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Due date"), -1);
      gtk_grid_attach (GTK_GRID (grid), d->what[i], 0, row, 2, 1);
      gtk_grid_attach (GTK_GRID (grid), d->owner[i], 2, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), d->due[i], 3, row++, 1, 1);
    }

  /* The form scrolls on a small screen (1024 × 600): the responses stay. */
  {
    GtkWidget *form = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (form), grid);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (form), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (form), TRUE);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (form), 340);
    gtk_widget_set_size_request (grid, 480, -1);
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (d->dialog), form);
  }
  g_signal_connect_data (d->dialog, "response", G_CALLBACK (draft_response_cb), d, draft_free, 0);
  g_signal_connect_swapped (d->kpi, "notify::selected", G_CALLBACK (draft_inputs_changed), d);
  g_signal_connect_swapped (d->scope, "notify::selected", G_CALLBACK (draft_inputs_changed), d);
  g_signal_connect_swapped (d->ref, "changed", G_CALLBACK (draft_inputs_changed), d);
  g_signal_connect_swapped (d->period, "changed", G_CALLBACK (draft_inputs_changed), d);
  draft_inputs_changed (d);
  self->dialog = d->dialog;
  gtk_window_present (GTK_WINDOW (d->dialog));
  gtk_widget_grab_focus (plan != NULL ? GTK_WIDGET (d->analysis) : d->ref);
  return d->dialog;
}

gboolean
tam_recovery_page_draft (TamRecoveryPage *self,
                         const char *spec)
{
  g_auto (GStrv) parts = NULL;
  g_autofree char *ref = NULL;
  TamKpiKind kpi;
  TamKpiScope scope;

  g_return_val_if_fail (TAM_IS_RECOVERY_PAGE (self), FALSE);
  if (!tam_session_can (self->session, TAM_PERM_DRAFT_RECOVERY) || spec == NULL)
    return FALSE;
  parts = g_strsplit (spec, "\t", 3);
  if (g_strv_length (parts) != 3 || !tam_recovery_kpi_parse (parts[0], &kpi) ||
      !tam_recovery_scope_parse (parts[1], &scope, &ref))
    return FALSE;
  _tam_recovery_page_open_draft (self, OP_DRAFT, NULL, kpi, scope, ref, parts[2]);
  return TRUE;
}
