#pragma once

#include <adwaita.h>

#include "tam-store.h"

G_BEGIN_DECLS

/* The app's settings (schema com.infomedia.TAM). Falls back to the schema
 * compiled in the build tree, so an uninstalled `tam` runs too. Every page
 * should get its GSettings from here. */
GSettings *tam_settings_new (void);

/* A string list of the labels of @codes (NULL-terminated), preceded by
 * @first (e.g. "All") when it is not NULL. */
GtkStringList *tam_code_string_list_new (const char *const *codes,
                                         const char *(*label) (const char *code),
                                         const char *first);
/* The code at @position of a list made by tam_code_string_list_new (with
 * @has_first as given there); NULL for the "first" entry or out of range. */
const char *tam_code_at (const char *const *codes,
                         guint position,
                         gboolean has_first);
/* The position of @code in such a list; the "first" entry (0) when absent. */
guint tam_code_position (const char *const *codes,
                         const char *code,
                         gboolean has_first);

/* A Team drop-down's list: "All teams", then "Team Name (NIK)" for each
 * team leader among @people (TamPerson, or NULL), in their order. @ids
 * (gint64) is refilled with the team leader's id of each position, 0 for
 * "All teams". */
GtkStringList *tam_team_string_list_new (GPtrArray *people,
                                         GArray *ids);

/* Lets @dropdown's search find the strings of its GtkStringList (the
 * "string" property of its items). */
void tam_drop_down_search_strings (GtkDropDown *dropdown);

/* A cell factory for GtkColumnView: a TamCell (a cheap one-line label)
 * showing the string property @property of the row item. */
GtkListItemFactory *tam_label_factory_new (const char *property);
/* Sets a label factory and a string sorter on @column for @property of
 * rows of @item_type. */
void tam_column_setup (GtkColumnViewColumn *column,
                       GType item_type,
                       const char *property);

/* The window @widget is in, or NULL (not in one yet). */
GtkWindow *tam_widget_get_window (GtkWidget *widget);
/* @widget's text colour from its CSS (GTK 4.8 has no gtk_widget_get_color). */
void tam_widget_get_text_color (GtkWidget *widget,
                                GdkRGBA *color);

/* A modal message with a Close button, transient for @parent's window. */
GtkWidget *tam_show_message (GtkWidget *parent,
                             const char *heading,
                             const char *body);

/* A modal question over @owner's window: Cancel (response "cancel",
 * also Escape) and @accept_label (response @accept, the default one) in
 * @appearance. The caller sets its fields as the extra child, connects
 * "response" and presents it. */
GtkWidget *tam_question_new (GtkWidget *owner,
                             const char *heading,
                             const char *body,
                             const char *accept,
                             const char *accept_label,
                             AdwResponseAppearance appearance);
/* Response @accept of @dialog is enabled only while @entry holds more
 * than white space. */
void tam_question_require_text (GtkWidget *dialog,
                                const char *accept,
                                GtkWidget *entry);
/* Appends a label (@mnemonic) and an entry (@text, or empty; Enter
 * activates the default response) under it to @box; returns the entry. */
GtkWidget *tam_labelled_entry_append (GtkBox *box,
                                      const char *mnemonic,
                                      const char *text);

/* Shows @message under a form field: adds the "error" style class to
 * @field, sets @error_label, marks the field invalid for assistive tech.
 * NULL @message clears it. */
void tam_field_set_error (GtkWidget *field,
                          GtkLabel *error_label,
                          const char *message);

/* A modal chooser for a TAM Desk database file (SQLite), with an "All
 * files" filter too; the caller connects "response" and shows it. */
GtkFileChooserNative *tam_database_chooser_new (GtkWindow *parent,
                                                const char *accept_label);
/* What a chooser shown with tam_file_chooser_show () calls with the
 * local path the user accepted. */
typedef void (*TamPathChosenFunc) (GtkWidget *owner,
                                   const char *path);
/* Shows @chooser; once the user accepts a local file or folder, calls
 * @chosen (@owner, its path). Holds @owner meanwhile; frees @chooser. */
void tam_file_chooser_show (GtkFileChooserNative *chooser,
                            GtkWidget *owner,
                            TamPathChosenFunc chosen);
/* Asks where to save a PDF (a modal chooser with a PDF filter, @name
 * proposed), then calls @chosen (@owner, its path) as
 * tam_file_chooser_show () does. */
void tam_pdf_chooser_show (GtkWidget *owner,
                           const char *title,
                           const char *accept_label,
                           const char *name,
                           TamPathChosenFunc chosen);
/* A file chooser for imports (CSV and spreadsheets) or exports. */
GtkFileChooserNative *tam_file_chooser_new (GtkWidget *parent,
                                            const char *title,
                                            GtkFileChooserAction action,
                                            const char *accept_label,
                                            gboolean with_xlsx);

/* Shows @text under a form in @label, in the error style when @error;
 * NULL @text hides the label. */
void tam_message_label_set (GtkLabel *label,
                            const char *text,
                            gboolean error);
/* The text tam_message_label_set () shows in @label, or NULL while
 * hidden: a dialog's message is kept there only. */
const char *tam_message_label_get (GtkLabel *label);

/* The title @page has in the window's sidebar (the page's GtkStackPage),
 * and whether it asks for attention (a count of what waits); nothing
 * when @page is not in a stack. */
void tam_sidebar_set_title (GtkWidget *page,
                            const char *title,
                            gboolean needs_attention);

/* Selects the item @step away from the one selected in @selection (the
 * first when none is), staying in the list; returns its position, or
 * GTK_INVALID_LIST_POSITION when the list is empty. */
guint tam_selection_step (GtkSingleSelection *selection,
                          int step);

/* Appends @line to @text, on a line of its own. */
void tam_text_append_line (GString *text,
                           const char *line);

/* @dialog goes when its transient parent goes, like destroy-with-parent,
 * but the parent is forgotten first. GTK 4.8's destroy-with-parent keeps
 * a pointer to the parent, and a dialog that outlives it (a worker still
 * holding a reference) then touches the freed parent when it is finally
 * released. Call it once transient-for is set. */
void tam_window_close_with_parent (GtkWindow *dialog);
/* A new window of @type (a GtkWindow) over @parent's window (NULL @parent:
 * none), which goes with it (tam_window_close_with_parent ()). */
gpointer tam_window_new_over (GType type,
                              GtkWidget *parent);

G_END_DECLS
