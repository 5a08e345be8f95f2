#include "config.h"

#include <glib/gi18n.h>

#include "tam-queue-page.h"

/* Placeholder until the queue lands (issue 3). */
struct _TamQueuePage
{
  GtkWidget parent_instance;
  GtkWidget *status;
};

G_DEFINE_FINAL_TYPE (TamQueuePage, tam_queue_page, GTK_TYPE_WIDGET)

static void
tam_queue_page_dispose (GObject *object)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (object);

  g_clear_pointer (&self->status, gtk_widget_unparent);
  G_OBJECT_CLASS (tam_queue_page_parent_class)->dispose (object);
}

static void
tam_queue_page_class_init (TamQueuePageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tam_queue_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
tam_queue_page_init (TamQueuePage *self)
{
  self->status = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), _("Tapping queue"));
  gtk_widget_set_parent (self->status, GTK_WIDGET (self));
}

GtkWidget *
tam_queue_page_new (TamStore         *store,
                    const TamSession *session)
{
  return g_object_new (TAM_TYPE_QUEUE_PAGE, NULL);
}
