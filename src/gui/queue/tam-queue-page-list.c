/* tam-queue-page-list.c: the queue page's list: its rows, its selection
 * and counts, and keeping the selection right while the model changes
 * under it (filters, verdicts, undo, refresh). */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-queue-model.h"
#include "tam-queue-page-private.h"
#include "tam-queue-row.h"
#include "tam-tapping.h"

static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static void
set_count_label (GtkLabel *label,
                 const char *format,
                 gint64 n,
                 gboolean known)
{
  /* "…" while the worker is still counting. */
  g_autofree char *number = known ? format_count (n) : g_strdup ("…");
  g_autofree char *text = g_strdup_printf (format, number);

  gtk_label_set_text (label, text);
}

static void
update_counts (TamQueuePage *self)
{
  const gint64 *counts = tam_queue_model_get_state_counts (self->model);
  gboolean known = tam_queue_model_get_counts_ready (self->model);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *number = NULL;
  g_autofree char *shown = NULL;

  /* Translators: %s is a number of calls */
  set_count_label (self->count_pending_label, _ ("Pending: %s"), counts[TAM_STATE_PENDING], known);
  set_count_label (self->count_recalled_label, _ ("Re-called: %s"), counts[TAM_STATE_RECALLED], known);
  set_count_label (self->count_returned_label, _ ("Returned: %s"), counts[TAM_STATE_RETURNED], known);
  set_count_label (self->count_valid_label, _ ("Valid: %s"), counts[TAM_STATE_VALID], known);
  if (known || n < TAM_QUEUE_MODEL_BLOCK)
    {
      number = format_count (n);
      shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s call in the list", "%s calls in the list", n),
                               number);
    }
  else
    shown = g_strdup (_ ("Counting the calls…"));
  gtk_label_set_text (self->count_shown_label, shown);
}

static void
selection_changed_cb (TamQueuePage *self)
{
  if (!self->updating)
    _tam_queue_page_show_selected (self);
}

static void focus_selected_row (TamQueuePage *self);

void
_tam_queue_page_select_position (TamQueuePage *self,
                                 guint position)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  gtk_single_selection_set_selected (self->selection, position);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  /* The focus ring follows the loaded call while the list has the
   * keyboard, so that the two never drift apart (issue 12). */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    focus_selected_row (self);
}

/* Puts the keyboard focus on the row of the loaded call. */
static void
focus_selected_row (TamQueuePage *self)
{
  {
    TamQueueItem *item = gtk_single_selection_get_selected_item (self->selection);
    const TamCall *call = item ? tam_queue_item_get_call (item) : NULL;

    /* The row widgets are the list's children, each holding a
     * TamQueueRow (tam-queue-row.c). */
    for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
         call != NULL && w != NULL; w = gtk_widget_get_next_sibling (w))
      {
        GtkWidget *row = gtk_widget_get_first_child (w);

        if (row != NULL && TAM_IS_QUEUE_ROW (row) && tam_queue_row_get_id (TAM_QUEUE_ROW (row)) == call->id)
          {
            gtk_widget_grab_focus (w);
            break;
          }
      }
  }
}

/* Runs @func-like model edits with the selection's own reactions muted,
 * then shows what ends up selected, once. */
void
_tam_queue_page_begin_update (TamQueuePage *self)
{
  self->updating = TRUE;
}

/* Before an items-changed over the whole list: GtkSingleSelection looks
 * for its selected item among every added row (a get_item each, i.e. the
 * whole million from SQLite) unless nothing is selected. */
void
_tam_queue_page_unselect_for_reload (TamQueuePage *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

void
_tam_queue_page_end_update (TamQueuePage *self)
{
  self->updating = FALSE;
  _tam_queue_page_show_selected (self);
  update_counts (self);
}

static int
compare_queue_order (const TamCall *a,
                     const TamCall *b)
{
  int c = g_strcmp0 (a->call_start, b->call_start);

  if (c != 0)
    return c;
  return (a->id > b->id) - (a->id < b->id);
}

/* Where @call is (@present) or goes back in the list, looking from @near
 * among the rows the model holds; -1 when it is too far to walk to. */
gint64
_tam_queue_page_find_row (TamQueuePage *self,
                          const TamCall *call,
                          guint near,
                          gboolean present)
{
  GListModel *list = G_LIST_MODEL (self->model);
  guint n = g_list_model_get_n_items (list);
  guint pos = MIN (near, n);
  guint steps = 0;

  if (present)
    {
      for (guint d = 0; d <= TAM_QUEUE_MODEL_BLOCK; d++)
        for (int sign = -1; sign <= 1; sign += 2)
          {
            gint64 i = (gint64) near + sign * (gint64) d;
            g_autoptr (TamQueueItem) item = NULL;

            if (i < 0 || i >= n)
              continue;
            item = g_list_model_get_item (list, (guint) i);
            if (tam_queue_item_get_id (item) == call->id)
              return i;
          }
      return -1;
    }

  /* The queue order is (call_start, id): step back while the row before
   * comes after the call, forward while the row comes before it. */
  while (pos > 0 && steps++ < TAM_QUEUE_MODEL_BLOCK)
    {
      g_autoptr (TamQueueItem) item = g_list_model_get_item (list, pos - 1);
      const TamCall *row = tam_queue_item_get_call (item);

      if (row == NULL || compare_queue_order (row, call) < 0)
        break;
      pos--;
    }
  while (pos < n && steps++ < 2 * TAM_QUEUE_MODEL_BLOCK)
    {
      g_autoptr (TamQueueItem) item = g_list_model_get_item (list, pos);
      const TamCall *row = tam_queue_item_get_call (item);

      if (row == NULL || compare_queue_order (row, call) > 0)
        break;
      pos++;
    }
  return steps < 2 * TAM_QUEUE_MODEL_BLOCK ? (gint64) pos : -1;
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem *item,
              gpointer user_data)
{
  gtk_list_item_set_child (item, tam_queue_row_new ());
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem *item,
             gpointer user_data)
{
  tam_queue_row_set_call (TAM_QUEUE_ROW (gtk_list_item_get_child (item)),
                          tam_queue_item_get_call (gtk_list_item_get_item (item)));
}

/* Folded, the leaflet shows one pane: a call chosen in the list opens. */
static void
row_activated_cb (TamQueuePage *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

/* The back button shows only while the leaflet is folded; set out of the
 * layout pass that folds it. */
static gboolean
folded_idle_cb (gpointer user_data)
{
  TamQueuePage *self = user_data;

  self->folded_idle = 0;
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (self->leaflet));
  return G_SOURCE_REMOVE;
}

static void
folded_cb (TamQueuePage *self)
{
  if (self->folded_idle == 0)
    self->folded_idle = g_idle_add (folded_idle_cb, self);
}

static void
back_clicked_cb (TamQueuePage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static gboolean
focus_idle_cb (gpointer user_data)
{
  TamQueuePage *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    focus_selected_row (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
list_focus_enter_cb (TamQueuePage *self)
{
  /* After the list has placed its own focus. */
  g_idle_add (focus_idle_cb, g_object_ref (self));
}

void
_tam_queue_page_list_init (TamQueuePage *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  /* The column titles scroll sideways with the rows. */
  gtk_scrolled_window_set_hadjustment (self->header_scroller,
                                       gtk_scrolled_window_get_hadjustment (self->list_scroller));
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
  {
    /* The list taking the keyboard (Tab, a click elsewhere in it) puts
     * the focus ring on the loaded call, not on a row of its own. */
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_object (focus, "enter", G_CALLBACK (list_focus_enter_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), focus);
  }
  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back_button, _ ("Back to the list of calls"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Back to the list of calls"), -1);
  gtk_widget_set_halign (self->back_button, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->back_button, 6);
  gtk_widget_set_margin_top (self->back_button, 6);
  gtk_widget_add_css_class (self->back_button, "flat");
  gtk_widget_set_visible (self->back_button, FALSE);
  g_signal_connect_object (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_prepend (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->detail_scroller))), self->back_button);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_box_append (self->header_box, tam_queue_row_header_new ());
}

/* The model and its selection, once the page has a store and session. */
void
_tam_queue_page_list_create_model (TamQueuePage *self)
{
  self->model = tam_queue_model_new (self->store, self->session);
  g_signal_connect_object (self->model, "counts-changed",
                           G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
}
