/* tam-recovery-page-private.h: what the Recovery plans tab's files share
 * (tam-recovery-page.c: the list, detail, writes and actions;
 * tam-recovery-page-draft.c: the draft dialog): the page's struct and its
 * writes. */
#pragma once

#include "tam-calendar.h"
#include "tam-chart-view.h"
#include "tam-kpi.h"
#include "tam-recovery-page.h"
#include "tam-recovery.h"
#include "tam-work.h"

G_BEGIN_DECLS

#define N_ACTION_ROWS 3

struct _TamRecoveryPage
{
  GtkWidget parent_instance;

  TamStore *store;
  TamSession *session;
  char *today;
  char *yesterday;
  TamCalendar *calendar;
  GPtrArray *plans; /* TamRecoveryPlan, as listed */

  guint generation;
  gboolean loading;
  TamPageWork work;
  guint detail_generation;
  gboolean detail_loading;
  gint64 to_decide;
  gint64 keep_id;
  gboolean filling;

  GSimpleAction *draft_action; /* win.recovery-draft, while in a window */
  GtkWidget *dialog;           /* the draft dialog open now */

  GtkWidget *main_box;
  GtkDropDown *box_dropdown;
  GtkLabel *count_label;
  GtkStack *list_stack;
  GtkListView *list;
  GtkStringList *rows; /* the plans' markup, in self->plans' order */
  GtkSingleSelection *selection;
  GtkWidget *detail_box;
  GtkLabel *title_label;
  GtkLabel *facts_label;
  GtkLabel *analysis_label;
  GtkListBox *actions_list;
  TamChartView *chart_view;
  GtkLabel *history_label;
  GtkWidget *buttons[10];
};

typedef enum
{
  OP_DRAFT,
  OP_REVISE,
  OP_FOLLOW_UP,
  OP_SUBMIT,
  OP_APPROVE,
  OP_REJECT,
  OP_DONE,
  OP_CLOSE,
  OP_VERIFY,
  OP_PDF,
} Op;

typedef struct
{
  Op op;
  gint64 id;
  char *text; /* reason, note, path, analysis */
  /* A draft. */
  TamKpiKind kpi;
  TamKpiScope scope;
  char *ref;
  char *period;
  guint causes;
  GStrv what, owner, due;
  /* Results. */
  gint64 new_id;
  guint met, not_met;
} Write;

/* A plan's figure with two decimals, "—" for none (NAN). */
char *_tam_recovery_page_figure (double v);
/* Sends @w through the page's save worker (taken); the list is read
 * again after it. */
void _tam_recovery_page_send_write (TamRecoveryPage *self,
                                    Write *w);
/* The draft dialog: a new plan (OP_DRAFT, @kpi, @scope, @ref and
 * @period to fill it), a plan changed or revised (OP_REVISE), or a
 * follow-up (OP_FOLLOW_UP), of @plan. */
GtkWidget *_tam_recovery_page_open_draft (TamRecoveryPage *self,
                                          Op op,
                                          const TamRecoveryPlan *plan,
                                          TamKpiKind kpi,
                                          TamKpiScope scope,
                                          const char *ref,
                                          const char *period);

G_END_DECLS
