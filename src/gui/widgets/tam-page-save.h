/* tam-page-save.h: the writes of a tab (the Coaching, Recovery plans and
 * Training tabs' buttons), each through tam_save_async (): a worker on a
 * store of its own, tried again while another desk holds the database.
 *
 * Embed a TamPageSave in the page's struct, tam_page_save_init () it
 * once its status label exists and call tam_page_save_dispose () from
 * dispose. Each write is sent with tam_page_save_send (): @func runs in
 * the worker with a copy of the session (it must be repeatable, see
 * tam-save.h); while the database is busy the status label says "Waiting
 * for another desk…"; @done runs on the main loop once it is over, unless
 * the page was disposed meanwhile (the page is held until then). */
#pragma once

#include <gtk/gtk.h>

#include "tam-read.h"

G_BEGIN_DECLS

/* Main loop: the write is over; @error is NULL when it was stored. */
typedef void (*TamPageSaveDone) (GtkWidget *page,
                                 gpointer data,
                                 const GError *error);

typedef struct
{
  GtkWidget *page;   /* not owned */
  GtkLabel *status;  /* not owned */
  guint writing;     /* writes sent and not over */
  gboolean disposed; /* outcomes after it touch nothing */
} TamPageSave;

void tam_page_save_init (TamPageSave *s,
                         GtkWidget *page,
                         GtkLabel *status);
/* @data is the worker's input and output, freed with @data_free after
 * @done. */
void tam_page_save_send (TamPageSave *s,
                         const char *db_path,
                         const TamSession *session,
                         TamStoreFunc func,
                         gpointer data,
                         GDestroyNotify data_free,
                         TamPageSaveDone done);
void tam_page_save_dispose (TamPageSave *s);

G_END_DECLS
