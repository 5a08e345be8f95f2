#pragma once

#include <adwaita.h>

#include "tam-store.h"

G_BEGIN_DECLS

/* Background jobs: run one blocking core call (an import, an export, a
 * report) in a worker thread, with a progress bar and a Cancel button, so
 * the window stays responsive.
 *
 * The worker gets its OWN TamStore, opened on the same file as the
 * window's (SQLite connections are not shared between threads). It must
 * not touch widgets; it reports progress through the TamProgressFunc it is
 * given (any thread, as often as it likes: the bar is updated on the main
 * loop, at most once per iteration) and checks @cancellable.
 *
 *   static gboolean
 *   import_func (TamStore *store, gpointer data, TamProgressFunc progress,
 *                gpointer progress_data, GCancellable *cancellable,
 *                GError **error)
 *   {
 *     MyImport *imp = data;
 *     return tam_import_file (store, imp->session, TAM_IMPORT_CALLS, imp->path,
 *                             NULL, progress, progress_data, cancellable,
 *                             &imp->result, error);
 *   }
 *
 *   tam_job_bar_run_async (self->job_bar, _("Importing calls…"),
 *                          tam_store_get_path (store), import_func,
 *                          imp, my_import_free, import_done_cb,
 *                          g_object_ref (self));
 *
 *   static void
 *   import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
 *   {
 *     g_autoptr(MyPage) self = user_data;
 *     g_autoptr(GError) error = NULL;
 *     MyImport *imp = tam_job_get_data (result);
 *
 *     if (!tam_job_bar_run_finish (TAM_JOB_BAR (source), result, &error))
 *       ... G_IO_ERROR_CANCELLED when the user pressed Cancel ...
 *   }
 *
 * TamJobBar is a widget (a label, a progress bar and a Cancel button),
 * hidden while idle; put it in your page (from C: custom types are kept
 * out of the .ui files so gtk4-builder-tool can validate them). One job
 * at a time per bar; bind your buttons' sensitivity to its "running"
 * property. A job still running when the bar leaves the window (window
 * closed, user switched) is cancelled. */

typedef gboolean (*TamJobFunc) (TamStore *store,
                                gpointer data,
                                TamProgressFunc progress,
                                gpointer progress_data,
                                GCancellable *cancellable,
                                GError **error);

#define TAM_TYPE_JOB_BAR (tam_job_bar_get_type ())
G_DECLARE_FINAL_TYPE (TamJobBar, tam_job_bar, TAM, JOB_BAR, GtkWidget)

GtkWidget *tam_job_bar_new (void);
/* Runs @func (@data) in a worker thread on its own store opened on
 * @db_path. @data is freed with @data_free when the job is over (after
 * @callback returns). @callback runs on the main loop with the bar as
 * source object. */
void tam_job_bar_run_async (TamJobBar *self,
                            const char *title,
                            const char *db_path,
                            TamJobFunc func,
                            gpointer data,
                            GDestroyNotify data_free,
                            GAsyncReadyCallback callback,
                            gpointer user_data);
/* TRUE when @func returned TRUE. A job cancelled before its worker
 * started, or whose worker gave up, returns G_IO_ERROR_CANCELLED. A job
 * that completed before it noticed the Cancel returns TRUE: it happened. */
gboolean tam_job_bar_run_finish (TamJobBar *self,
                                 GAsyncResult *result,
                                 GError **error);
/* The @data given to tam_job_bar_run_async. */
gpointer tam_job_get_data (GAsyncResult *result);

gboolean tam_job_bar_get_running (TamJobBar *self);
/* Last progress shown, 0..1. */
double tam_job_bar_get_fraction (TamJobBar *self);
/* For a dialog's form around the bar, from its "notify::running": while
 * the job runs the keyboard goes to Cancel (a focused field must not turn
 * insensitive) and the widgets of @form (NULL-terminated) are
 * insensitive; once it is over they are sensitive again and @start (the
 * button that starts the job) has the keyboard. */
void tam_job_bar_hold_form (TamJobBar *self,
                            GtkWidget *const *form,
                            GtkWidget *start);
/* Same as pressing Cancel. */
void tam_job_bar_cancel (TamJobBar *self);

G_END_DECLS
