/* tam-page-work.h: what a tab (Coaching, Recovery plans, Training) does
 * on the database, off the main loop: its reads (tam_read_async ()) and
 * its writes (tam_save_async (): tried again while another desk holds
 * the database), each on a worker's own store with a copy of the
 * session (see tam-read.h for TamWork).
 *
 * Embed a TamPageWork in the page's struct, tam_page_work_init () it
 * once its status label exists and call tam_page_work_dispose () from
 * dispose. A work's done runs on the main loop with the page as source,
 * unless the page was disposed meanwhile (the page is held until then).
 * While a write waits for the database the status label says "Waiting
 * for another desk…"; a write's func must be repeatable (tam-save.h). */
#pragma once

#include <gtk/gtk.h>

#include "tam-read.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWidget *page;   /* not owned */
  GtkLabel *status;  /* not owned */
  guint writing;     /* writes sent and not over */
  gboolean disposed; /* what is over after it touches nothing */
} TamPageWork;

void tam_page_work_init (TamPageWork *pw,
                         GtkWidget *page,
                         GtkLabel *status);
/* Reads with @work on @data, the job (its input and output). */
void tam_page_work_read (TamPageWork *pw,
                         TamStore *store,
                         const TamSession *session,
                         const TamWork *work,
                         gpointer data);
/* Writes with @work on @data, the write (its input and output). */
void tam_page_work_save (TamPageWork *pw,
                         TamStore *store,
                         const TamSession *session,
                         const TamWork *work,
                         gpointer data);
void tam_page_work_dispose (TamPageWork *pw);

G_END_DECLS
