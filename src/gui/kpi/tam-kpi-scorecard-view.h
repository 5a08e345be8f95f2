#pragma once

#include <adwaita.h>

#include "tam-kpi.h"

G_BEGIN_DECLS

#define TAM_TYPE_KPI_SCORECARD_VIEW (tam_kpi_scorecard_view_get_type ())
G_DECLARE_FINAL_TYPE (TamKpiScorecardView, tam_kpi_scorecard_view, TAM, KPI_SCORECARD_VIEW, GtkWidget)

/* The columns, in order; each sorts (click its header, or choose it in the
 * "Sort by" drop-down above the table). */
typedef enum
{
  TAM_SCORECARD_COLUMN_AGENT,
  TAM_SCORECARD_COLUMN_TEAM,
  TAM_SCORECARD_COLUMN_AHT,
  TAM_SCORECARD_COLUMN_FCR,
  TAM_SCORECARD_COLUMN_CALLMON,
  TAM_SCORECARD_COLUMN_SALES_TARGET,
  TAM_SCORECARD_COLUMN_KUIS,
  TAM_SCORECARD_COLUMN_SCORE,
  TAM_SCORECARD_COLUMN_GRADE,
  TAM_SCORECARD_COLUMN_FLAGS,
  TAM_N_SCORECARD_COLUMNS,
} TamScorecardColumn;

/* The ABU scorecard as a sortable table (GtkColumnView): agent, team
 * leader, the five parameters, the score, the grade (coloured: A green, B
 * blue, C orange, D red) and the flags (under B; each parameter under 60,
 * its cell marked too). Lowest score first until another sort is chosen.
 * Enter or a double click on a row emits "agent-activated" with the
 * agent's NIK. */
GtkWidget *tam_kpi_scorecard_view_new (void);

/* Shows @rows (TamKpiScore; copied) whose agents @keep accepts (NULL:
 * all). @low_bound: a parameter under it is flagged (the B band). */
void tam_kpi_scorecard_view_set_rows (TamKpiScorecardView *self,
                                      GPtrArray *rows,
                                      gboolean (*keep) (const TamKpiScore *row, gpointer data),
                                      gpointer data,
                                      double low_bound);

/* Sorts by @column; @descending for highest first. */
void tam_kpi_scorecard_view_sort (TamKpiScorecardView *self,
                                  TamScorecardColumn column,
                                  gboolean descending);

/* For tests: the rows shown, in the order shown. */
guint tam_kpi_scorecard_view_get_n_rows (TamKpiScorecardView *self);
const char *tam_kpi_scorecard_view_get_nik (TamKpiScorecardView *self,
                                            guint position);
/* The flags text of the row at @position ("Under B · AHT 55,0"), "" when
 * none. */
char *tam_kpi_scorecard_view_dup_flags (TamKpiScorecardView *self,
                                        guint position);
/* Emits "agent-activated" for the row at @position (as Enter on it). */
void tam_kpi_scorecard_view_activate (TamKpiScorecardView *self,
                                      guint position);

G_END_DECLS
