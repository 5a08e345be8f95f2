/* tam-coaching-dialogs.c: the Coaching tab's small dialogs (dismiss,
 * acknowledge, record) and the read-only rule catalog. They only ask:
 * the page sends the write to its worker. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-coaching-dialogs.h"
#include "tam-gui-utils.h"

typedef struct
{
  GtkWidget *owner;
  TamCoachingAnswerFunc answer;
  GtkWidget *fields[4];
  GtkWidget *refused; /* acknowledge */
  const TamCatalog *catalog;
  GtkLabel *notes;
} Ask;

static void
ask_free (gpointer data,
          GClosure *closure)
{
  Ask *ask = data;

  g_object_unref (ask->owner);
  g_free (ask);
}

static const char *
field_text (GtkWidget *field)
{
  if (field == NULL)
    return NULL;
  return gtk_editable_get_text (GTK_EDITABLE (field));
}

static GtkWidget *
new_dialog (GtkWidget *owner,
            const char *heading,
            const char *body,
            const char *accept,
            gboolean destructive,
            GtkBox **box)
{
  GtkWidget *dialog = tam_question_new (owner, heading, body, "ok", accept,
                                        destructive ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);

  *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (*box));
  return dialog;
}

static void
response_cb (AdwMessageDialog *dialog,
             const char *response,
             Ask *ask)
{
  const char *values[4] = { NULL };

  if (g_strcmp0 (response, "ok") != 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (ask->fields[i] == NULL)
        continue;
      if (GTK_IS_DROP_DOWN (ask->fields[i]))
        {
          guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (ask->fields[i]));
          const TamCoachingRule *rule = pos < ask->catalog->rules->len
                                            ? g_ptr_array_index (ask->catalog->rules, pos)
                                            : NULL;
          values[i] = rule ? rule->code : NULL;
        }
      else
        values[i] = field_text (ask->fields[i]);
    }
  if (ask->refused != NULL && !gtk_check_button_get_active (GTK_CHECK_BUTTON (ask->refused)))
    values[1] = NULL;
  ask->answer (ask->owner, values);
}

static Ask *
ask_new (GtkWidget *owner,
         TamCoachingAnswerFunc answer,
         GtkWidget *dialog)
{
  Ask *ask = g_new0 (Ask, 1);

  ask->owner = g_object_ref (owner);
  ask->answer = answer;
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), ask, ask_free, 0);
  return ask;
}

AdwMessageDialog *
tam_coaching_ask_dismiss (GtkWidget *owner,
                          const char *what,
                          TamCoachingAnswerFunc answer)
{
  GtkBox *box;
  GtkWidget *dialog = new_dialog (owner, _ ("Dismiss the Proposal?"), what, _ ("_Dismiss"), TRUE, &box);
  Ask *ask = ask_new (owner, answer, dialog);

  ask->fields[0] = tam_labelled_entry_append (box, _ ("_Reason (required)"), NULL);
  tam_question_require_text (dialog, "ok", ask->fields[0]);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (ask->fields[0]);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
refused_toggled_cb (GtkCheckButton *check,
                    GtkWidget *witness)
{
  gtk_widget_set_sensitive (witness, gtk_check_button_get_active (check));
}

AdwMessageDialog *
tam_coaching_ask_acknowledge (GtkWidget *owner,
                              const char *what,
                              const char *today,
                              TamCoachingAnswerFunc answer)
{
  GtkBox *box;
  GtkWidget *dialog = new_dialog (owner, _ ("Acknowledgement"), what, _ ("_Record"), FALSE, &box);
  Ask *ask = ask_new (owner, answer, dialog);

  ask->fields[0] = tam_labelled_entry_append (box, _ ("_Date (YYYY-MM-DD)"), today);
  ask->refused = gtk_check_button_new_with_mnemonic (_ ("The agent _refused to sign (a witness saw it)"));
  gtk_box_append (box, ask->refused);
  ask->fields[1] = tam_labelled_entry_append (box, _ ("_Witness NIK"), NULL);
  gtk_widget_set_sensitive (ask->fields[1], FALSE);
  g_signal_connect (ask->refused, "toggled", G_CALLBACK (refused_toggled_cb), ask->fields[1]);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (ask->fields[0]);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
show_rule_notes (Ask *ask)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (ask->fields[1]));
  const TamCoachingRule *rule = pos < ask->catalog->rules->len ? g_ptr_array_index (ask->catalog->rules, pos) : NULL;
  g_autofree char *text = NULL;

  if (rule != NULL)
    {
      const char *summary = tam_coaching_rule_summary (rule);
      gboolean same = g_strcmp0 (summary, rule->text) == 0;

      /* The IK's text, the English summary (unless it is the same text),
       * the notes and exemptions. */
      text = g_strdup_printf ("%s%s%s%s%s", rule->text, same ? "" : "\n", same ? "" : summary,
                              *rule->notes ? "\n" : "", rule->notes);
    }
  gtk_label_set_text (ask->notes, text ? text : "");
}

AdwMessageDialog *
tam_coaching_ask_record (GtkWidget *owner,
                         const TamCatalog *catalog,
                         const char *nik,
                         const char *today,
                         TamCoachingAnswerFunc answer)
{
  GtkBox *box;
  GtkWidget *dialog = new_dialog (owner, _ ("Record a Nonconformity"), NULL, _ ("_Record"), FALSE, &box);
  Ask *ask = ask_new (owner, answer, dialog);
  g_autoptr (GtkStringList) rules = gtk_string_list_new (NULL);
  GtkWidget *label;

  ask->catalog = catalog;
  ask->fields[0] = tam_labelled_entry_append (box, _ ("_NIK of the person"), nik);
  for (guint i = 0; i < catalog->rules->len; i++)
    {
      const TamCoachingRule *rule = g_ptr_array_index (catalog->rules, i);
      const char *summary = tam_coaching_rule_summary (rule);
      g_autofree char *text = NULL;

      /* Short enough for the drop-down: the full text shows under it. */
      if (g_utf8_strlen (summary, -1) > 60)
        {
          g_autofree char *cut = g_utf8_substring (summary, 0, 59);
          text = g_strdup_printf ("%s · %s…", rule->code, cut);
        }
      else
        text = g_strdup_printf ("%s · %s", rule->code, summary);
      gtk_string_list_append (rules, text);
    }
  label = gtk_label_new_with_mnemonic (_ ("R_ule"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  ask->fields[1] = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (rules)), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (ask->fields[1]), TRUE);
  tam_drop_down_search_strings (GTK_DROP_DOWN (ask->fields[1]));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), ask->fields[1]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->fields[1]), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Rule"), -1);
  gtk_box_append (box, label);
  gtk_box_append (box, ask->fields[1]);
  ask->notes = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (ask->notes, TRUE);
  gtk_label_set_xalign (ask->notes, 0);
  gtk_label_set_max_width_chars (ask->notes, 50);
  gtk_widget_add_css_class (GTK_WIDGET (ask->notes), "dim-label");
  gtk_box_append (box, GTK_WIDGET (ask->notes));
  g_signal_connect_swapped (ask->fields[1], "notify::selected", G_CALLBACK (show_rule_notes), ask);
  show_rule_notes (ask);
  ask->fields[2] = tam_labelled_entry_append (box, _ ("_Date (YYYY-MM-DD)"), today);
  ask->fields[3] = tam_labelled_entry_append (box, _ ("N_ote"), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (ask->fields[0]);
  return ADW_MESSAGE_DIALOG (dialog);
}

GtkWindow *
tam_coaching_catalog_window_new (GtkWidget *owner,
                                 const TamCatalog *catalog)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *heading = g_strdup_printf (_ ("Rule Catalog (version %s)"), catalog->version);

  gtk_window_set_title (GTK_WINDOW (window), heading);
  gtk_window_set_transient_for (GTK_WINDOW (window), tam_widget_get_window (owner));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 520);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Rules"), -1);
  for (guint i = 0; i < catalog->rules->len; i++)
    {
      const TamCoachingRule *rule = g_ptr_array_index (catalog->rules, i);
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *subtitle = NULL;
      g_autofree char *detail = NULL;
      GtkWidget *label;

      /* Translators: a rule in the catalog: "Service discipline · first level Coaching 1 · stepwise" */
      subtitle = g_strdup_printf (_ ("%s · first level %s · %s"), tam_coaching_category_label (rule->category),
                                  tam_coaching_level_to_label (rule->first),
                                  tam_coaching_mode_to_label (rule->mode));
      g_autofree char *title = g_strdup_printf ("%s · %s", rule->code, tam_coaching_rule_summary (rule));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      detail = g_strdup_printf ("%s\n\n%s%s%s%s%s", rule->text, tam_coaching_rule_summary (rule),
                                *rule->escalation ? "\n\n" : "", rule->escalation, *rule->notes ? "\n\n" : "",
                                rule->notes);
      label = gtk_label_new (detail);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
