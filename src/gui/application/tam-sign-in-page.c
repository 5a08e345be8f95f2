/* tam-sign-in-page.c: the first page of the window. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-sign-in-page.h"

struct _TamSignInPage
{
  GtkWidget parent_instance;

  TamStore *store;

  GtkEntry *nik_entry;
  GtkPasswordEntry *password_entry;
  GtkLabel *error_label;
  GtkLabel *no_users_label;
  GtkButton *sign_in_button;
};

G_DEFINE_FINAL_TYPE (TamSignInPage, tam_sign_in_page, GTK_TYPE_WIDGET)

enum
{
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (TamSignInPage *self,
            const char *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->password_entry),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->password_entry),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
sign_in_cb (TamSignInPage *self)
{
  g_autofree char *nik = NULL;
  const char *password;
  g_autoptr (TamSession) session = NULL;
  g_autoptr (GError) error = NULL;

  g_assert (TAM_IS_SIGN_IN_PAGE (self));

  nik = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->nik_entry))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));

  if (*nik == '\0')
    {
      show_error (self, _ ("Enter your NIK"));
      gtk_widget_grab_focus (GTK_WIDGET (self->nik_entry));
      return;
    }
  if (self->store == NULL)
    return;

  session = tam_auth_sign_in (self->store, nik, password, &error);
  if (session == NULL)
    {
      show_error (self, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNED_IN], 0, session);
}

static void
nik_activate_cb (TamSignInPage *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->password_entry)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
  else
    sign_in_cb (self);
}

static void
text_changed_cb (TamSignInPage *self)
{
  gboolean ready = *gtk_editable_get_text (GTK_EDITABLE (self->nik_entry)) != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), ready);
}

void
tam_sign_in_page_set_store (TamSignInPage *self,
                            TamStore *store)
{
  g_return_if_fail (TAM_IS_SIGN_IN_PAGE (self));
  g_set_object (&self->store, store);
  gtk_widget_set_visible (GTK_WIDGET (self->no_users_label),
                          store != NULL && !tam_auth_has_users (store));
}

void
tam_sign_in_page_reset (TamSignInPage *self,
                        const char *nik)
{
  g_return_if_fail (TAM_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->nik_entry), nik ? nik : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  show_error (self, NULL);
  if (nik != NULL && *nik != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->nik_entry));
}

static void
tam_sign_in_page_dispose (GObject *object)
{
  TamSignInPage *self = TAM_SIGN_IN_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), TAM_TYPE_SIGN_IN_PAGE);
  /* The template's top child has no id: unparent it ourselves. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tam_sign_in_page_parent_class)->dispose (object);
}

static void
tam_sign_in_page_class_init (TamSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_sign_in_page_dispose;

  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/infomedia/TAM/ui/tam-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TamSignInPage, nik_entry);
  gtk_widget_class_bind_template_child (widget_class, TamSignInPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, TamSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, TamSignInPage, no_users_label);
  gtk_widget_class_bind_template_child (widget_class, TamSignInPage, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, nik_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tam_sign_in_page_init (TamSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  text_changed_cb (self);
}

GtkWidget *
tam_sign_in_page_new (void)
{
  return g_object_new (TAM_TYPE_SIGN_IN_PAGE, NULL);
}
