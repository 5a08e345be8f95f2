/* tam-coaching-page-private.h: what the files of the Coaching tab share
 * (the way gnome-text-editor splits its window): tam-coaching-page.c
 * (set-up, the selection's API, focus), tam-coaching-page-list.c (the list
 * read in a worker, the filters, the sidebar's count, moving in the
 * list), tam-coaching-page-detail.c (the detail pane and a person's
 * ladder, read in a worker), tam-coaching-page-actions.c (which actions
 * apply, the decisions through the save worker, the letter's print and
 * PDF). Not public API. */
#pragma once

#include <adwaita.h>

#include "tam-coaching-page.h"
#include "tam-coaching.h"
#include "tam-ladder-view.h"
#include "tam-slot-model.h"
#include "tam-work.h"

G_BEGIN_DECLS

#define N_MONTHS 24

struct _TamCoachingPage
{
  GtkWidget parent_instance;

  TamStore *store;
  TamSession *session;
  char *today;
  const TamCatalog *catalog; /* NULL when it failed to load */

  GPtrArray *categories; /* codes, per drop-down position after "All" */
  GPtrArray *months;     /* YYYY-MM, per drop-down position after "All" */
  GArray *team_ids;      /* gint64, per drop-down position */
  gboolean teams_filled;
  gboolean updating;

  GListStore *records;
  GtkSortListModel *sort_model;
  TamSlotModel *slots;
  GtkSingleSelection *selection;

  guint generation; /* of the list load in flight */
  gboolean loading;
  TamPageWork work; /* reads and decisions */
  gint64 open_count;
  gint64 keep_id; /* select it after the next load */
  guint keep_position;

  gboolean entering; /* focus came into the page in this main loop turn */
  guint ladder_generation;
  char *ladder_nik;

  /* Template children. */
  GtkBox *filter_box;
  GtkFlowBox *filter_flow;
  GtkDropDown *state_dropdown;
  GtkDropDown *site_dropdown;
  GtkDropDown *team_dropdown;
  GtkDropDown *level_dropdown;
  GtkDropDown *category_dropdown;
  GtkDropDown *month_dropdown;
  GtkLabel *count_label;
  GtkMenuButton *menu_button;
  GtkPaned *paned;
  GtkStack *list_stack;
  AdwStatusPage *empty_page;
  GtkSpinner *spinner;
  GtkColumnView *records_view;
  GtkColumnViewColumn *person_column;
  GtkColumnViewColumn *rule_column;
  GtkColumnViewColumn *level_column;
  GtkColumnViewColumn *state_column;
  GtkColumnViewColumn *occurred_column;
  GtkColumnViewColumn *valid_column;
  GtkBox *detail_box;
  GtkLabel *person_label;
  GtkLabel *rule_label;
  GtkLabel *summary_label;
  GtkLabel *notes_label;
  GtkLabel *record_label;
  GtkLabel *ladder_heading;
  GtkBox *ladder_box;
  TamLadderView *ladder_view; /* made in code: builder-tool knows no Tam types */
  GtkLabel *standing_label;
  GtkButton *issue_button;
  GtkButton *dismiss_button;
  GtkButton *ack_button;
  GtkButton *confirm_button;
  GtkButton *record_button;
  GtkButton *print_button;
  GtkButton *export_button;
};

/* tam-coaching-page.c */
const TamCoachingRecord *_tam_coaching_page_selected_record (TamCoachingPage *self);
gboolean _tam_coaching_page_is_role (TamCoachingPage *self,
                                     TamRole role);

/* tam-coaching-page-list.c */
void _tam_coaching_page_filter_changed (TamCoachingPage *self);
void _tam_coaching_page_show_position (TamCoachingPage *self,
                                       guint position);
void _tam_coaching_page_move (TamCoachingPage *self,
                              int step);
gboolean _tam_coaching_page_list_key_cb (GtkEventControllerKey *controller,
                                         guint keyval,
                                         guint keycode,
                                         GdkModifierType state,
                                         TamCoachingPage *self);

/* tam-coaching-page-detail.c */
void _tam_coaching_page_selection_changed (TamCoachingPage *self);

/* tam-coaching-page-actions.c */
void _tam_coaching_page_update_actions (TamCoachingPage *self);
void _tam_coaching_page_class_init_actions (GtkWidgetClass *widget_class);

G_END_DECLS
