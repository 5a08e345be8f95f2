#pragma once

#include "tam-job.h"
#include "tam-queue-model.h"
#include "tam-queue-page.h"
#include "tam-queue-writer.h"
#include "tam-recording-player.h"

G_BEGIN_DECLS

/* The queue page is one type over several files, sharing this struct:
 *   tam-queue-page.c          the type, the template, messages, the filter bar
 *   tam-queue-page-list.c     the list, its selection and counts, moving in it
 *   tam-queue-page-detail.c   the detail pane: the call, claims, checklist,
 *                             history, the player and its folder
 *   tam-queue-page-actions.c  the widget actions and keys, verdicts, undo,
 *                             refresh, import, the writer's answers
 *   tam-queue-page-recall.c   the re-call dialog
 * Its Reports menu opens the report dialog (src/gui/reports/). */

struct _TamQueuePage
{
  GtkWidget parent_instance;

  TamStore *store; /* reads only, on the main loop */
  TamSession *session;
  TamQueueWriter *writer; /* every write, in order, off the main loop */
  TamQueueModel *model;
  GtkSingleSelection *selection;

  /* Filter choices: ids parallel to the drop-down lists (0 = any). */
  GArray *leader_ids;
  GArray *agent_ids;

  /* The call in the detail pane. */
  TamCall *current;
  guint current_position;
  gint64 claimed_id; /* the call we hold (or asked for) a claim on */
  guint claim_seq;   /* the writer's number of that claim */
  guint reclaim_source;
  char *params_service; /* service of the checklist shown */
  GPtrArray *checks;    /* GtkCheckButton, data "code"/"critical" */
  gboolean updating;    /* model edits of our own in progress */
  gboolean mapped_once;

  /* The last verdict, for Ctrl+Z: its tapping once stored, or the
   * writer's number of the verdict while it is on its way. */
  guint undo_seq;
  gint64 undo_tapping_id;
  gint64 undo_call_id;
  TamCallState undo_state; /* the state the verdict left it in */
  char *undo_call_label;

  char *banner_text;
  char *last_toast;
  AdwToast *toast;       /* the latest toast, until dismissed */
  gint64 undo_recall_id; /* the TL's last re-call, for its toast's Undo */
  guint toasts_alive;    /* toasts shown or queued, not dismissed */

  TamRecordingPlayer *player;
  TamJobBar *job_bar;
  GSettings *settings; /* NULL when the schema is missing */

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkWidget *filter_box;
  GtkEntry *from_entry;
  GtkEntry *to_entry;
  GtkDropDown *site_dropdown;
  GtkDropDown *service_dropdown;
  GtkDropDown *leader_dropdown;
  GtkDropDown *agent_dropdown;
  GtkDropDown *state_dropdown;
  GtkLabel *count_pending_label;
  GtkLabel *count_recalled_label;
  GtkLabel *count_returned_label;
  GtkLabel *count_valid_label;
  GtkLabel *count_shown_label;
  GtkLabel *today_label;
  GtkRevealer *banner_revealer;
  GtkLabel *banner_label;
  GtkBox *job_box;
  GtkBox *header_box;
  GtkWidget *busy_box;
  GtkSpinner *busy_spinner;
  GtkListView *list_view;
  GtkScrolledWindow *header_scroller;
  GtkScrolledWindow *list_scroller;
  AdwLeaflet *leaflet;
  GtkWidget *back_button; /* to the list, while the leaflet is folded */
  guint folded_idle;
  GtkStack *detail_stack;
  AdwStatusPage *empty_status;
  GtkLabel *title_label;
  GtkLabel *state_label;
  GtkLabel *agent_value;
  GtkLabel *team_value;
  GtkLabel *service_value;
  GtkLabel *product_value;
  GtkLabel *time_value;
  GtkLabel *customer_value;
  GtkLabel *claim_label;
  GtkBox *player_box;
  GtkBox *checklist_box;
  GtkScrolledWindow *detail_scroller;
  GtkRevealer *return_revealer;
  GtkLabel *return_hint_label;
  GtkTextView *recommendation_view;
  GtkWidget *verdict_box;
  GtkWidget *recall_button;
  GtkBox *history_box;
};

/* tam-queue-page.c */
void _tam_queue_page_show_banner (TamQueuePage *self,
                                  const char *message);
void _tam_queue_page_show_toast (TamQueuePage *self,
                                 const char *title,
                                 gboolean with_undo);
/* A toast whose Undo button activates @undo_action. */
void _tam_queue_page_show_toast_full (TamQueuePage *self,
                                      const char *title,
                                      const char *undo_action);
guint _tam_queue_page_push_write (TamQueuePage *self,
                                  TamWrite *op);

/* The QCO's tappings of today against the daily target. */
void _tam_queue_page_update_today (TamQueuePage *self);

/* tam-queue-page-list.c */
void _tam_queue_page_list_init (TamQueuePage *self);
void _tam_queue_page_list_create_model (TamQueuePage *self);
void _tam_queue_page_begin_update (TamQueuePage *self);
void _tam_queue_page_unselect_for_reload (TamQueuePage *self);
void _tam_queue_page_end_update (TamQueuePage *self);
void _tam_queue_page_select_position (TamQueuePage *self,
                                      guint position);
gint64 _tam_queue_page_find_row (TamQueuePage *self,
                                 const TamCall *call,
                                 guint near,
                                 gboolean present);

/* tam-queue-page-detail.c */
void _tam_queue_page_detail_init (TamQueuePage *self);
void _tam_queue_page_show_selected (TamQueuePage *self);
void _tam_queue_page_hide_return (TamQueuePage *self);
void _tam_queue_page_scroll_to_checklist (TamQueuePage *self);
/* The recordings folder of the settings, NULL when not set. */
char *_tam_queue_page_recordings_folder (TamQueuePage *self);
char *_tam_queue_page_person_text (const char *name,
                                   const char *nik);
void _tam_queue_page_release_claim (TamQueuePage *self);
void _tam_queue_page_show_claim_problem (TamQueuePage *self,
                                         const char *message);
void _tam_queue_page_claim_done (TamQueuePage *self,
                                 TamWrite *op);

/* tam-queue-page-actions.c */
/* The banner of a return with every box ticked (it clears as soon as one
 * is unticked). */
const char *_tam_queue_page_needs_one_failed (void);
void _tam_queue_page_class_actions_init (GtkWidgetClass *widget_class);
void _tam_queue_page_actions_init (TamQueuePage *self);
void _tam_queue_page_write_done_cb (TamWrite *op,
                                    gpointer user_data);

/* tam-queue-page-recall.c */
void _tam_queue_page_recall_action (GtkWidget *widget,
                                    const char *action_name,
                                    GVariant *parameter);
void _tam_queue_page_recall_done (TamQueuePage *self,
                                  TamWrite *op);
void _tam_queue_page_recall_undo_action (GtkWidget *widget,
                                         const char *action_name,
                                         GVariant *parameter);
void _tam_queue_page_recall_undo_done (TamQueuePage *self,
                                       TamWrite *op);
/* For the tests: the re-call dialog's file chooser (not shown), rooted at
 * the recordings folder. */
GtkFileChooserNative *_tam_queue_page_recall_chooser_new (TamQueuePage *self,
                                                          GtkWidget *parent);

/* For the tests and benchmarks: what the QCO sees, without the mouse. */
TamQueueModel *_tam_queue_page_get_model (TamQueuePage *self);
GtkSingleSelection *_tam_queue_page_get_selection (TamQueuePage *self);
/* The call in the detail pane, or NULL. */
const TamCall *_tam_queue_page_get_current (TamQueuePage *self);
/* The message of the inline banner, NULL when it is hidden. */
const char *_tam_queue_page_get_banner (TamQueuePage *self);
/* Toasts shown or waiting in the overlay's queue (issue 12: at most one). */
guint _tam_queue_page_get_toasts_alive (TamQueuePage *self);
/* The title of the last toast shown. */
const char *_tam_queue_page_get_last_toast (TamQueuePage *self);
TamRecordingPlayer *_tam_queue_page_get_player (TamQueuePage *self);
/* Ticks or unticks the checklist box of parameter @code; FALSE when the
 * current call's service has no such parameter. */
gboolean _tam_queue_page_set_parameter_met (TamQueuePage *self,
                                            const char *code,
                                            gboolean met);
gboolean _tam_queue_page_get_parameter_met (TamQueuePage *self,
                                            const char *code);
guint _tam_queue_page_get_n_parameters (TamQueuePage *self);
void _tam_queue_page_set_recommendation (TamQueuePage *self,
                                         const char *text);
/* What the Import Calls button starts once a file is chosen: a job on
 * the page's job bar. */
void _tam_queue_page_import (TamQueuePage *self,
                             const char *path);
gboolean _tam_queue_page_get_job_running (TamQueuePage *self);
/* Iterates the main context until the page's writer has handed back the
 * result of every write asked of it (claims, verdicts, undo, re-calls),
 * including those the results themselves asked for. */
void _tam_queue_page_wait_idle (TamQueuePage *self);
guint _tam_queue_page_get_pending_writes (TamQueuePage *self);
/* How long the writer waits for a busy database before giving up. */
void _tam_queue_page_set_write_retry_limit (TamQueuePage *self,
                                            guint milliseconds);
/* TRUE while "Waiting for another desk…" shows. */
gboolean _tam_queue_page_get_busy_shown (TamQueuePage *self);

G_END_DECLS
