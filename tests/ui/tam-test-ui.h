#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-people.h"
#include "tam-report-dialog.h"
#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TEST_PASSWORD "rahasia-123"

/* A temporary database with a small operation in it. */
typedef struct
{
  char *dir;
  char *path;
  TamStore *store;
  TamSession *admin; /* a MANAGER session used to set the data up */
  gint64 tl1_id;     /* TL-001, Bandung, Add On Consumer */
  gint64 tl2_id;     /* TL-002, Tangerang, WiFi */
  gint64 ag1_id;     /* AG-001, team TL-001, contract ends in 10 days */
  gint64 ag2_id;     /* AG-002, team TL-001 */
  gint64 ag3_id;     /* AG-003, team TL-002 */
} TamTestDb;

/* Desk accounts (password TAM_TEST_PASSWORD): SPV-001 (SUPERVISOR_OPS),
 * TL-001 and TL-002 (TEAM_LEADER), QCO-001 (QCO). People: 3 active agents
 * and one resigned, plus @n_extra generated agents (for benchmarks). */
TamTestDb *tam_test_db_new (guint n_extra);
void tam_test_db_free (TamTestDb *db);
/* A PENDING AGREE call of @agent_id (Bandung, Add On Consumer); its id.
 * A fixture only: the import of calls has its own tests. */
gint64 tam_test_insert_call (TamStore *store,
                             const char *call_id,
                             gint64 agent_id,
                             const char *call_start,
                             const char *recording);
/* A mono 16-bit PCM WAV at 8 kHz, a 440 Hz tone of @seconds: a call's
 * recording. */
void tam_test_write_wav (const char *path,
                         double seconds);
/* A date @days from today, YYYY-MM-DD. */
char *tam_test_date_from_today (int days);

/* Iterates the main loop until @cond holds; aborts the test after 30 s. */
gboolean tam_test_flag_cb (gpointer flag);
#define tam_test_spin_until(cond)                                                  \
  G_STMT_START                                                                     \
  {                                                                                \
    gboolean timed_out_ = FALSE;                                                   \
    guint timeout_id_ = g_timeout_add_seconds (30, tam_test_flag_cb, &timed_out_); \
    while (!(cond) && !timed_out_)                                                 \
      g_main_context_iteration (NULL, TRUE);                                       \
    if (!timed_out_)                                                               \
      g_source_remove (timeout_id_);                                               \
    if (!(cond))                                                                   \
      g_error ("Timed out waiting for: %s", #cond);                                \
  }                                                                                \
  G_STMT_END
/* Lets pending events run (layout, idles) without waiting. */
void tam_test_flush (void);
/* A key as the user presses it on @widget: the widget's own key binding
 * for @keyval and @mods runs its action, then pending events run (GTK 4.8
 * has no public way to synthesise a key event; this is the binding the
 * event would reach). Aborts when @widget has no such binding. */
void tam_test_press (GtkWidget *widget,
                     guint keyval,
                     GdkModifierType mods);
/* Benchmarks: queues a frame of @window (presented) and iterates the main
 * loop until it is painted. */
void tam_test_wait_painted (GtkWidget *window);
/* Milliseconds since @t0 (g_get_monotonic_time). */
double tam_test_ms_since (gint64 t0);
/* Orders doubles (qsort, g_array_sort). */
int tam_test_cmp_double (gconstpointer a,
                         gconstpointer b);
/* Iterates the main loop until every save sent by a dialog (tam-save.h)
 * has been handed back to it. */
void tam_test_wait_saves (void);

/* The first visible toplevel of @type, or NULL. */
GtkWindow *tam_test_find_window (GType type);
/* The first descendant of @root of @type (depth first), or NULL. */
GtkWidget *tam_test_find_child (GtkWidget *root,
                                GType type);
/* A template child of @widget (a widget of @type), by id. */
#define tam_test_child(widget, type, id) \
  ((gpointer) gtk_widget_get_template_child (GTK_WIDGET (widget), (type), (id)))
/* Clicks the response button labelled @label ("_Close"…) of @dialog, as
 * a user would. */
void tam_test_message_click (AdwMessageDialog *dialog,
                             const char *label);
/* In the report dialog: types @month and @path into their rows and
 * presses Enter in the file row (the default button, Write Report). */
void tam_test_report_type (TamReportDialog *dialog,
                           const char *month,
                           const char *path);
/* Closes every toplevel window. */
void tam_test_close_all (void);

/* TRUE when a write transaction cannot start on @path: another desk
 * holds the database's write lock. */
gboolean tam_test_lock_held_elsewhere (const char *path);
/* Another process (a sqlite3 shell) takes the write lock of @path for
 * @seconds and commits a row of its own; returns it once it holds the
 * lock. *@done turns TRUE (on the main context) when it has exited
 * successfully. It exits right after its commit, while the window's
 * connections still use the WAL: before issue 7's fix, the store's
 * fopen/fclose header check had dropped this process's POSIX locks, so
 * the exiting shell took itself for the last user, deleted the WAL and
 * -shm, and the next connection failed with SQLITE_IOERR_SHORT_READ. */
GSubprocess *tam_test_hold_lock (const char *path,
                                 const char *seconds,
                                 gboolean *done);

/* Registers the resources, adw_init (); call after gtk_test_init. */
void tam_test_ui_init (void);

G_END_DECLS
