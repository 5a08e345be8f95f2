/* tam-job.c: a blocking core call in a GTask worker thread, with a
 * progress bar and Cancel (see tam-job.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-job.h"

/* Shared between the worker thread and the main loop (atomic refcount). */
typedef struct
{
  GWeakRef bar;
  char *db_path;
  TamJobFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GMainContext *context;
  gint progress;     /* atomic: 0..10000 */
  gint shown;        /* atomic: last value scheduled for display */
  gint idle_pending; /* atomic flag */
} Job;

struct _TamJobBar
{
  GtkWidget parent_instance;

  GtkLabel *title_label;
  GtkProgressBar *progress_bar;
  GtkButton *cancel_button;

  GCancellable *cancellable;
  Job *job;
  double fraction;
};

G_DEFINE_FINAL_TYPE (TamJobBar, tam_job_bar, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
job_clear (Job *job)
{
  g_weak_ref_clear (&job->bar);
  g_free (job->db_path);
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_main_context_unref (job->context);
}

static Job *
job_ref (Job *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
job_unref (Job *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

static void
tam_job_bar_set_fraction (TamJobBar *self,
                          double fraction)
{
  self->fraction = fraction;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static gboolean
progress_idle_cb (gpointer user_data)
{
  Job *job = user_data;
  g_autoptr (TamJobBar) self = g_weak_ref_get (&job->bar);

  g_atomic_int_set (&job->idle_pending, 0);
  if (self != NULL && self->job == job)
    tam_job_bar_set_fraction (self, g_atomic_int_get (&job->progress) / 10000.0);
  return G_SOURCE_REMOVE;
}

/* The TamProgressFunc given to the worker; any thread. */
static void
job_progress (double fraction,
              gpointer user_data)
{
  Job *job = user_data;
  int value = (int) (CLAMP (fraction, 0.0, 1.0) * 10000.0);

  g_atomic_int_set (&job->progress, value);
  /* Only when it moved by 0.5 % and nothing is queued yet: a worker may
   * call this for every row of a million-row file. */
  if (ABS (value - g_atomic_int_get (&job->shown)) < 50 && value != 10000)
    return;
  if (g_atomic_int_compare_and_exchange (&job->idle_pending, 0, 1))
    {
      GSource *source = g_idle_source_new ();

      g_atomic_int_set (&job->shown, value);
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, progress_idle_cb, job_ref (job), (GDestroyNotify) job_unref);
      g_source_set_static_name (source, "[tam] job progress");
      g_source_attach (source, job->context);
      g_source_unref (source);
    }
}

static void
job_thread (GTask *task,
            gpointer source_object,
            gpointer task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (TamStore) store = NULL;
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  store = tam_store_open (job->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!job->func (store, job->data, job_progress, job, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job_progress (1.0, job);
  g_task_return_boolean (task, TRUE);
}

static void
tam_job_bar_set_running (TamJobBar *self,
                         Job *job)
{
  gboolean was_running = self->job != NULL;

  self->job = job;
  gtk_widget_set_visible (GTK_WIDGET (self), job != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), job != NULL);
  if (was_running != (job != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* Runs on the main loop when the worker is done, before the caller's
 * callback: the bar goes idle so the callback may start another job. */
static void
job_done_cb (GObject *source,
             GAsyncResult *result,
             gpointer user_data)
{
  TamJobBar *self = TAM_JOB_BAR (source);
  GTask *outer = user_data;

  if (self->job == g_task_get_task_data (G_TASK (result)))
    {
      tam_job_bar_set_running (self, NULL);
      g_clear_object (&self->cancellable);
    }
  /* Pass the worker's outcome on, in the outer task the caller sees. */
  {
    GError *error = NULL;

    if (g_task_propagate_boolean (G_TASK (result), &error))
      g_task_return_boolean (outer, TRUE);
    else
      g_task_return_error (outer, error);
  }
  g_object_unref (outer);
}

void
tam_job_bar_run_async (TamJobBar *self,
                       const char *title,
                       const char *db_path,
                       TamJobFunc func,
                       gpointer data,
                       GDestroyNotify data_free,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_autoptr (GTask) outer = NULL;
  g_autoptr (GTask) inner = NULL;
  Job *job;

  g_return_if_fail (TAM_IS_JOB_BAR (self));
  g_return_if_fail (db_path != NULL);
  g_return_if_fail (func != NULL);

  if (self->job != NULL)
    {
      g_task_report_new_error (self, callback, user_data, tam_job_bar_run_async,
                               G_IO_ERROR, G_IO_ERROR_PENDING,
                               _ ("Another job is still running"));
      if (data_free != NULL && data != NULL)
        data_free (data);
      return;
    }

  job = g_atomic_rc_box_new0 (Job);
  g_weak_ref_init (&job->bar, self);
  job->db_path = g_strdup (db_path);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->context = g_main_context_ref_thread_default ();

  self->cancellable = g_cancellable_new ();
  tam_job_bar_set_running (self, job);
  gtk_label_set_text (self->title_label, title);
  tam_job_bar_set_fraction (self, 0.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  /* The outer task is the caller's: it owns the job data (freed after the
   * caller's callback) and does not check the cancellable itself, so a job
   * that finished before it saw the Cancel is reported as done. */
  outer = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (outer, tam_job_bar_run_async);
  g_task_set_task_data (outer, job, (GDestroyNotify) job_unref);
  g_task_set_check_cancellable (outer, FALSE);

  inner = g_task_new (self, self->cancellable, job_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, tam_job_bar_run_async);
  /* Not owning: the worker thread may drop the last reference to the
   * inner task, and the job data must be freed on the main thread. The
   * outer task keeps the job alive until its callback has run, which is
   * after the worker returned. */
  g_task_set_task_data (inner, job, NULL);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_return_on_cancel (inner, FALSE);
  g_task_run_in_thread (inner, job_thread);
}

gboolean
tam_job_bar_run_finish (TamJobBar *self,
                        GAsyncResult *result,
                        GError **error)
{
  g_return_val_if_fail (TAM_IS_JOB_BAR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gpointer
tam_job_get_data (GAsyncResult *result)
{
  Job *job;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  job = g_task_get_task_data (G_TASK (result));
  return job ? job->data : NULL;
}

gboolean
tam_job_bar_get_running (TamJobBar *self)
{
  g_return_val_if_fail (TAM_IS_JOB_BAR (self), FALSE);
  return self->job != NULL;
}

double
tam_job_bar_get_fraction (TamJobBar *self)
{
  g_return_val_if_fail (TAM_IS_JOB_BAR (self), 0.0);
  return self->fraction;
}

void
tam_job_bar_cancel (TamJobBar *self)
{
  g_return_if_fail (TAM_IS_JOB_BAR (self));

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->title_label, _ ("Cancelling…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
    }
}

static void
cancel_clicked_cb (TamJobBar *self)
{
  tam_job_bar_cancel (self);
}

static void
tam_job_bar_unroot (GtkWidget *widget)
{
  /* Leaving the window (closed, user switched): nobody is left to see the
   * result, so stop the work. */
  tam_job_bar_cancel (TAM_JOB_BAR (widget));
  GTK_WIDGET_CLASS (tam_job_bar_parent_class)->unroot (widget);
}

void
tam_job_bar_hold_form (TamJobBar *self,
                       GtkWidget *const *form,
                       GtkWidget *start)
{
  gboolean idle;
  GtkRoot *root;

  g_return_if_fail (TAM_IS_JOB_BAR (self));
  idle = !tam_job_bar_get_running (self);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (!idle && !gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD) && GTK_IS_WINDOW (root))
    gtk_window_set_focus (GTK_WINDOW (root), NULL);
  for (guint i = 0; form[i] != NULL; i++)
    gtk_widget_set_sensitive (form[i], idle);
  if (idle)
    gtk_widget_grab_focus (start);
}

static void
tam_job_bar_dispose (GObject *object)
{
  TamJobBar *self = TAM_JOB_BAR (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAM_TYPE_JOB_BAR);
  /* The template's top child has no id: unparent it ourselves. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (tam_job_bar_parent_class)->dispose (object);
}

static void
tam_job_bar_get_property (GObject *object,
                          guint prop_id,
                          GValue *value,
                          GParamSpec *pspec)
{
  TamJobBar *self = TAM_JOB_BAR (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->job != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tam_job_bar_class_init (TamJobBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_job_bar_dispose;
  object_class->get_property = tam_job_bar_get_property;
  widget_class->unroot = tam_job_bar_unroot;

  properties[PROP_RUNNING] =
      g_param_spec_boolean ("running", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/infomedia/TAM/ui/tam-job-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, TamJobBar, title_label);
  gtk_widget_class_bind_template_child (widget_class, TamJobBar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TamJobBar, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tamjobbar");
}

static void
tam_job_bar_init (TamJobBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
tam_job_bar_new (void)
{
  return g_object_new (TAM_TYPE_JOB_BAR, NULL);
}
