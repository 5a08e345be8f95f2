/* tam-training-page-private.h: what the Training tab's files share
 * (tam-training-page.c: the month's sessions, a session, reading and
 * writing, the actions; tam-training-overview.c: the overview): the
 * page's struct and what its worker read. */
#pragma once

#include "tam-training-page.h"
#include "tam-training.h"
#include "tam-work.h"

G_BEGIN_DECLS

struct _TamTrainingPage
{
  GtkBox parent_instance;

  TamStore *store;
  TamSession *session;
  gboolean can_record;
  char *month; /* YYYY-MM */
  char *today;
  gint64 open_id; /* the session shown, 0: none */
  guint loading;
  TamPageWork work;
  guint generation;      /* of the session read last, to drop stale results */
  gboolean focus_scores; /* Enter on a session: to its first score entry */

  GtkLabel *month_label;
  GtkListBox *list;
  GtkWidget *list_scroll; /* hidden while the overview is shown */
  GtkStack *stack;
  GtkLabel *title_label;
  GtkLabel *info_label;
  GtkLabel *status_label;
  GtkButton *import_button;
  GtkButton *enroll_button;
  GtkButton *new_button;
  GtkToggleButton *overview_button;
  GtkWidget *grid_holder; /* the participants' grid is its only child */
  GtkWidget *overview_holder;
  double pass_mark; /* as last read with the overview */
  int refresher_months;
  GPtrArray *entries;   /* GtkEntry, in participant order */
  GPtrArray *trainings; /* TamTraining of the month, as listed */
};

typedef enum
{
  READ_MONTH,
  READ_SESSION,
  READ_OVERVIEW,
} ReadKind;

typedef struct
{
  ReadKind kind;
  char *month;
  char *today;
  gint64 id;
  guint generation;
  GPtrArray *a, *b, *c, *d; /* the results, by kind */
  double pass_mark;         /* READ_OVERVIEW: the settings */
  int refresher_months;
  TamTraining *training;
} ReadJob;

/* A score as the tab shows it: "81.5" / "81,5"; "–" for none. */
char *_tam_training_score_text (double v);
/* Shows the overview of @job (READ_OVERVIEW). */
void _tam_training_page_apply_overview (TamTrainingPage *self,
                                        ReadJob *job);

G_END_DECLS
