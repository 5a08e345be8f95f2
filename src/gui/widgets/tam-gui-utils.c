/* tam-gui-utils.c: small helpers shared by the pages. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-cell.h"
#include "tam-enums.h"
#include "tam-gui-utils.h"
#include "tam-people.h"

GSettings *
tam_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
#ifdef TAM_BUILD_SCHEMA_DIR
  if (schema == NULL)
    {
      g_autoptr (GSettingsSchemaSource) build_source = NULL;

      build_source = g_settings_schema_source_new_from_directory (TAM_BUILD_SCHEMA_DIR, source,
                                                                  FALSE, NULL);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, APP_ID, TRUE);
    }
#endif
  if (schema == NULL)
    g_error ("The settings schema %s is not installed", APP_ID);

  return g_settings_new_full (schema, NULL, NULL);
}

GtkStringList *
tam_code_string_list_new (const char *const *codes,
                          const char *(*label) (const char *code),
                          const char *first)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (list, first);
  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (list, label (codes[i]));
  return list;
}

GtkStringList *
tam_team_string_list_new (GPtrArray *people,
                          GArray *ids)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  gint64 all = 0;

  g_array_set_size (ids, 0);
  g_array_append_val (ids, all);
  gtk_string_list_append (list, _ ("All teams"));
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      const TamPerson *p = g_ptr_array_index (people, i);
      g_autofree char *label = NULL;

      if (tam_role_from_code (p->role) != TAM_ROLE_TEAM_LEADER)
        continue;
      /* Translators: a team, named after its leader: "Team Budi Santoso (TL-0001)" */
      label = g_strdup_printf (_ ("Team %s (%s)"), p->name, p->nik);
      gtk_string_list_append (list, label);
      g_array_append_val (ids, p->id);
    }
  return list;
}

void
tam_drop_down_search_strings (GtkDropDown *dropdown)
{
  g_autoptr (GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  gtk_drop_down_set_expression (dropdown, expression);
}

const char *
tam_code_at (const char *const *codes,
             guint position,
             gboolean has_first)
{
  guint n = g_strv_length ((char **) codes);

  if (has_first)
    {
      if (position == 0)
        return NULL;
      position--;
    }
  return position < n ? codes[position] : NULL;
}

guint
tam_code_position (const char *const *codes,
                   const char *code,
                   gboolean has_first)
{
  for (guint i = 0; code != NULL && codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], code) == 0)
      return has_first ? i + 1 : i;
  return 0;
}

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem *item,
                gpointer user_data)
{
  GtkWidget *cell = tam_cell_new ();

  /* Columns without a fixed width are sized by their content. */
  tam_cell_set_measure_text (TAM_CELL (cell), TRUE);
  gtk_list_item_set_child (item, cell);
}

static void
label_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem *item,
               const char *property)
{
  g_autofree char *text = NULL;

  g_object_get (gtk_list_item_get_item (item), property, &text, NULL);
  tam_cell_set_text (TAM_CELL (gtk_list_item_get_child (item)), text);
}

GtkListItemFactory *
tam_label_factory_new (const char *property)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  /* property names are interned GParamSpec names: static strings. */
  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (label_bind_cb), (gpointer) g_intern_string (property));
  return factory;
}

void
tam_column_setup (GtkColumnViewColumn *column,
                  GType item_type,
                  const char *property)
{
  g_autoptr (GtkListItemFactory) factory = tam_label_factory_new (property);
  GtkExpression *expression = gtk_property_expression_new (item_type, NULL, property);
  g_autoptr (GtkSorter) sorter = GTK_SORTER (gtk_string_sorter_new (expression));

  if (gtk_column_view_column_get_factory (column) == NULL)
    gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
}

GtkWindow *
tam_widget_get_window (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
tam_widget_get_text_color (GtkWidget *widget,
                           GdkRGBA *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

GtkWidget *
tam_show_message (GtkWidget *parent,
                  const char *heading,
                  const char *body)
{
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  /* An AdwMessageDialog closes (and is destroyed) by itself on a
   * response. */
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
tam_field_set_error (GtkWidget *field,
                     GtkLabel *error_label,
                     const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_label_set_text (error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_label_set_text (error_label, "");
      gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* A modal chooser over @parent, with Cancel. */
static GtkFileChooserNative *
chooser_new (GtkWindow *parent,
             const char *title,
             GtkFileChooserAction action,
             const char *accept_label)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent, action, accept_label, _ ("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

static void
add_all_files_filter (GtkFileChooserNative *chooser)
{
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _ ("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
}

GtkFileChooserNative *
tam_database_chooser_new (GtkWindow *parent,
                          const char *accept_label)
{
  GtkFileChooserNative *chooser =
      chooser_new (parent, _ ("Choose a Database"), GTK_FILE_CHOOSER_ACTION_OPEN, accept_label);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("TAM Desk databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_filter_add_suffix (filter, "sqlite");
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  add_all_files_filter (chooser);
  return chooser;
}

GtkFileChooserNative *
tam_file_chooser_new (GtkWidget *parent,
                      const char *title,
                      GtkFileChooserAction action,
                      const char *accept_label,
                      gboolean with_xlsx)
{
  GtkFileChooserNative *chooser = chooser_new (tam_widget_get_window (parent), title, action, accept_label);
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, with_xlsx ? _ ("CSV files and spreadsheets") : _ ("CSV files"));
  gtk_file_filter_add_suffix (all, "csv");
  gtk_file_filter_add_mime_type (all, "text/csv");
  if (with_xlsx)
    {
      gtk_file_filter_add_suffix (all, "xlsx");
      gtk_file_filter_add_mime_type (all, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  add_all_files_filter (chooser);
  return chooser;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int response,
                     GtkWidget *owner)
{
  TamPathChosenFunc chosen = g_object_get_data (G_OBJECT (chooser), "tam-chosen");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        chosen (owner, path);
    }
  g_object_unref (chooser);
  g_object_unref (owner);
}

void
tam_file_chooser_show (GtkFileChooserNative *chooser,
                       GtkWidget *owner,
                       TamPathChosenFunc chosen)
{
  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));
  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (chosen != NULL);

  g_object_set_data (G_OBJECT (chooser), "tam-chosen", chosen);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (owner));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
parent_destroyed_cb (GtkWindow *dialog)
{
  /* GTK has forgotten the parent already (destroy-with-parent is off). */
  gtk_window_destroy (dialog);
}

void
tam_window_close_with_parent (GtkWindow *dialog)
{
  GtkWindow *parent;

  g_return_if_fail (GTK_IS_WINDOW (dialog));

  gtk_window_set_destroy_with_parent (dialog, FALSE);
  parent = gtk_window_get_transient_for (dialog);
  if (parent != NULL)
    g_signal_connect_object (parent, "destroy", G_CALLBACK (parent_destroyed_cb), dialog, G_CONNECT_SWAPPED);
}

gpointer
tam_window_new_over (GType type,
                     GtkWidget *parent)
{
  GtkWindow *window = g_object_new (type, "transient-for", tam_widget_get_window (parent), NULL);

  tam_window_close_with_parent (window);
  return window;
}

void
tam_pdf_chooser_show (GtkWidget *owner,
                      const char *title,
                      const char *accept_label,
                      const char *name,
                      TamPathChosenFunc chosen)
{
  GtkFileChooserNative *chooser =
      chooser_new (tam_widget_get_window (owner), title, GTK_FILE_CHOOSER_ACTION_SAVE, accept_label);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("PDF documents"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  tam_file_chooser_show (chooser, owner, chosen);
}

void
tam_message_label_set (GtkLabel *label,
                       const char *text,
                       gboolean error)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

const char *
tam_message_label_get (GtkLabel *label)
{
  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}

void
tam_text_append_line (GString *text,
                      const char *line)
{
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, line);
}

void
tam_sidebar_set_title (GtkWidget *page,
                       const char *title,
                       gboolean needs_attention)
{
  GtkWidget *parent = gtk_widget_get_parent (page);
  GtkStackPage *stack_page;

  if (!GTK_IS_STACK (parent))
    return;
  stack_page = gtk_stack_get_page (GTK_STACK (parent), page);
  gtk_stack_page_set_title (stack_page, title);
  gtk_stack_page_set_needs_attention (stack_page, needs_attention);
}

GtkWidget *
tam_question_new (GtkWidget *owner,
                  const char *heading,
                  const char *body,
                  const char *accept,
                  const char *accept_label,
                  AdwResponseAppearance appearance)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (tam_widget_get_window (owner), heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), accept, accept_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, accept, appearance);
  adw_message_dialog_set_default_response (dialog, accept);
  adw_message_dialog_set_close_response (dialog, "cancel");
  return GTK_WIDGET (dialog);
}

static void
required_changed_cb (GtkEditable *entry,
                     AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, g_object_get_data (G_OBJECT (entry), "tam-accept"), *text != '\0');
}

void
tam_question_require_text (GtkWidget *dialog,
                           const char *accept,
                           GtkWidget *entry)
{
  g_object_set_data_full (G_OBJECT (entry), "tam-accept", g_strdup (accept), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (required_changed_cb), dialog);
  required_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
}

GtkWidget *
tam_labelled_entry_append (GtkBox *box,
                           const char *mnemonic,
                           const char *text)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (box, label);
  gtk_box_append (box, entry);
  return entry;
}

guint
tam_selection_step (GtkSingleSelection *selection,
                    int step)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (selection));
  guint pos = gtk_single_selection_get_selected (selection);

  if (n == 0)
    return GTK_INVALID_LIST_POSITION;
  if (pos == GTK_INVALID_LIST_POSITION)
    pos = 0;
  else
    pos = (guint) CLAMP ((int) pos + step, 0, (int) n - 1);
  gtk_single_selection_set_selected (selection, pos);
  return pos;
}
