/* tam-page-save.h: the writes of a tab (the Coaching, Recovery plans and
 * Training tabs' buttons), each through tam_save_async (): a worker on a
 * store of its own, tried again while another desk holds the database.
 *
 * Embed a TamPageSave in the page's struct, tam_page_save_init () it
 * once its status label exists and call tam_page_save_dispose () from
 * dispose. Each write is sent with tam_page_save_send (): its work's func
 * runs in the worker with a copy of the session (it must be repeatable,
 * see tam-save.h); while the database is busy the status label says
 * "Waiting for another desk…"; its done runs on the main loop (the page
 * as source) once it is over, unless the page was disposed meanwhile
 * (the page is held until then). */
#pragma once

#include <gtk/gtk.h>

#include "tam-read.h"

G_BEGIN_DECLS

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
/* Runs @work (tam-read.h) on @data, the write's input and output. */
void tam_page_save_send (TamPageSave *s,
                         const char *db_path,
                         const TamSession *session,
                         const TamWork *work,
                         gpointer data);
void tam_page_save_dispose (TamPageSave *s);

G_END_DECLS
