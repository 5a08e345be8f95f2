#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TYPE_QUEUE_PAGE (tam_queue_page_get_type ())
G_DECLARE_FINAL_TYPE (TamQueuePage, tam_queue_page, TAM, QUEUE_PAGE, GtkWidget)

/* The QCO's tapping validation queue (issue 3). */
GtkWidget *tam_queue_page_new (TamStore *store,
                               const TamSession *session);

G_END_DECLS
