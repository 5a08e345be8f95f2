/* tam-training-dialogs.c: the Training tab's New Training and Enroll
 * dialogs (see tam-training-dialogs.h). They only ask; the page writes
 * through its worker, and the core checks everything. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tam-codes.h"
#include "tam-enums.h"
#include "tam-gui-utils.h"
#include "tam-training-dialogs.h"

void
tam_training_draft_free (TamTrainingDraft *draft)
{
  if (draft == NULL)
    return;
  g_string_chunk_free (draft->texts);
  g_free (draft);
}

/* The grid of a dialog's fields, added with add_row (). */
static GtkGrid *
form_grid_new (void)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());

  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  return grid;
}

static GtkWidget *
add_row (GtkGrid *grid,
         int row,
         const char *mnemonic,
         GtkWidget *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_widget_set_hexpand (field, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, field, 1, row, 1, 1);
  return field;
}

static GtkWidget *
code_dropdown (const char *const *codes,
               const char *(*label) (const char *code),
               const char *selected)
{
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (tam_code_string_list_new (codes, label, NULL)), NULL);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), tam_code_position (codes, selected, FALSE));
  return dropdown;
}

static const char *
kind_label (const char *code)
{
  return tam_training_kind_to_label (tam_training_kind_from_code (code));
}

static const char *const kind_codes[] = { "INITIAL", "REFRESHMENT", "PRODUCT_SOCIALIZATION", NULL };

/* Each dialog's answers below start with the owner, held while it is
 * shown. */
static void
ask_free (gpointer data,
          GClosure *closure)
{
  GtkWidget **owner = data;

  g_object_unref (*owner);
  g_free (data);
}

/* Shows @dialog; @response_cb gets @ask, freed with the dialog. */
static void
ask_show (GtkWidget *dialog,
          gpointer ask,
          GCallback response_cb,
          GtkWidget *focus)
{
  g_signal_connect_data (dialog, "response", response_cb, ask, ask_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (focus);
}

typedef struct
{
  GtkWidget *owner;
  TamTrainingDraftFunc done;
  GtkWidget *kind, *title, *service, *site, *from, *to, *material;
} NewAsk;

/* @entry's text, trimmed, kept in @draft. */
static const char *
entry_text (TamTrainingDraft *draft,
            GtkWidget *entry)
{
  return g_strstrip (g_string_chunk_insert (draft->texts, gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
new_response_cb (AdwMessageDialog *dialog,
                 const char *response,
                 NewAsk *ask)
{
  TamTrainingDraft *draft;

  if (g_strcmp0 (response, "add") != 0)
    return;
  draft = g_new0 (TamTrainingDraft, 1);
  draft->texts = g_string_chunk_new (256);
  draft->spec.kind = (TamTrainingKind) gtk_drop_down_get_selected (GTK_DROP_DOWN (ask->kind));
  draft->spec.title = entry_text (draft, ask->title);
  draft->spec.service = tam_services ()[gtk_drop_down_get_selected (GTK_DROP_DOWN (ask->service))];
  draft->spec.site = tam_sites ()[gtk_drop_down_get_selected (GTK_DROP_DOWN (ask->site))];
  draft->spec.from = entry_text (draft, ask->from);
  draft->spec.to = entry_text (draft, ask->to);
  draft->spec.material = entry_text (draft, ask->material);
  ask->done (ask->owner, draft);
}

void
tam_training_ask_new (GtkWidget *owner,
                      const char *site,
                      const char *service,
                      const char *today,
                      TamTrainingDraftFunc done)
{
  GtkWidget *dialog = tam_question_new (owner, _ ("New Training"),
                                        _ ("The trainer is you when you are a trainer. Enroll the participants next (Ctrl+E)."),
                                        "add", _ ("_Add"), ADW_RESPONSE_SUGGESTED);
  GtkGrid *grid = form_grid_new ();
  NewAsk *ask = g_new0 (NewAsk, 1);

  ask->owner = g_object_ref (owner);
  ask->done = done;
  ask->kind = add_row (grid, 0, _ ("_Kind"), code_dropdown (kind_codes, kind_label, "INITIAL"));
  ask->title = add_row (grid, 1, _ ("_Title"), gtk_entry_new ());
  ask->service = add_row (grid, 2, _ ("_Service"), code_dropdown (tam_services (), tam_service_label, service));
  ask->site = add_row (grid, 3, _ ("S_ite"), code_dropdown (tam_sites (), tam_site_label, site));
  ask->from = add_row (grid, 4, _ ("_From"), gtk_entry_new ());
  ask->to = add_row (grid, 5, _ ("T_o"), gtk_entry_new ());
  ask->material = add_row (grid, 6, _ ("_Material"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (ask->from), today);
  gtk_editable_set_text (GTK_EDITABLE (ask->to), today);
  gtk_entry_set_activates_default (GTK_ENTRY (ask->title), TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (ask->to), TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (ask->material), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (grid));
  tam_question_require_text (dialog, "add", ask->title);
  ask_show (dialog, ask, G_CALLBACK (new_response_cb), ask->title);
}

typedef struct
{
  GtkWidget *owner;
  TamTrainingNiksFunc done;
  GtkWidget *entry;
} EnrollAsk;

static char **
split_niks (const char *text)
{
  g_auto (GStrv) parts = g_strsplit_set (text, " ,;\t\n", -1);
  g_autoptr (GPtrArray) niks = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (niks, g_strdup (parts[i]));
  g_ptr_array_add (niks, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&niks), FALSE);
}

static void
enroll_response_cb (AdwMessageDialog *dialog,
                    const char *response,
                    EnrollAsk *ask)
{
  char **niks;

  if (g_strcmp0 (response, "enroll") != 0)
    return;
  niks = split_niks (gtk_editable_get_text (GTK_EDITABLE (ask->entry)));
  if (niks[0] == NULL)
    {
      g_strfreev (niks);
      return;
    }
  ask->done (ask->owner, niks);
}

static void
niks_changed_cb (GtkEditable *editable,
                 AdwMessageDialog *dialog)
{
  g_auto (GStrv) niks = split_niks (gtk_editable_get_text (editable));

  adw_message_dialog_set_response_enabled (dialog, "enroll", niks[0] != NULL);
}

void
tam_training_ask_enroll (GtkWidget *owner,
                         const char *title,
                         TamTrainingNiksFunc done)
{
  /* Translators: the Enroll dialog's text: "Training Awal Add On: the NIKs, separated by spaces or commas" */
  g_autofree char *body = g_strdup_printf (_ ("%s: the NIKs, separated by spaces or commas. All are enrolled, or none."),
                                           title);
  GtkWidget *dialog = tam_question_new (owner, _ ("Enroll Participants"), body, "enroll", _ ("_Enroll"),
                                        ADW_RESPONSE_SUGGESTED);
  EnrollAsk *ask = g_new0 (EnrollAsk, 1);

  ask->owner = g_object_ref (owner);
  ask->done = done;
  ask->entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (ask->entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("NIKs"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), ask->entry);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "enroll", FALSE);
  g_signal_connect (ask->entry, "changed", G_CALLBACK (niks_changed_cb), dialog);
  ask_show (dialog, ask, G_CALLBACK (enroll_response_cb), ask->entry);
}

typedef struct
{
  GtkWidget *owner;
  TamTrainingSettingsFunc done;
  GtkWidget *mark, *months;
} SettingsAsk;

static void
settings_response_cb (AdwMessageDialog *dialog,
                      const char *response,
                      SettingsAsk *ask)
{
  if (g_strcmp0 (response, "save") != 0)
    return;
  ask->done (ask->owner, gtk_spin_button_get_value (GTK_SPIN_BUTTON (ask->mark)),
             gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (ask->months)));
}

void
tam_training_ask_settings (GtkWidget *owner,
                           double pass_mark,
                           int refresher_months,
                           TamTrainingSettingsFunc done)
{
  GtkWidget *dialog = tam_question_new (owner, _ ("Training Settings"),
                                        _ ("A new pass mark judges the attempts recorded from now on; earlier ones keep theirs."),
                                        "save", _ ("_Save"), ADW_RESPONSE_SUGGESTED);
  GtkGrid *grid = form_grid_new ();
  SettingsAsk *ask = g_new0 (SettingsAsk, 1);

  ask->owner = g_object_ref (owner);
  ask->done = done;
  ask->mark = add_row (grid, 0, _ ("_Pass mark (0–100)"), gtk_spin_button_new_with_range (0, 100, 1));
  ask->months = add_row (grid, 1, _ ("_Refresher every (months)"), gtk_spin_button_new_with_range (1, 60, 1));
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (ask->mark), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ask->mark), pass_mark);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ask->months), refresher_months);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (grid));
  ask_show (dialog, ask, G_CALLBACK (settings_response_cb), ask->mark);
}
