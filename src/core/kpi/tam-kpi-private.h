/* tam-kpi-private.h: what the files of the KPI module share (not public
 * API): the agents as the KPIs see them, grouping rows by scope member,
 * rates. */
#pragma once

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tam-codes.h"
#include "tam-kpi.h"

G_BEGIN_DECLS

/* A person as the KPIs group them (people joined to their TL). */
typedef struct
{
  gint64 id;
  char *nik;
  char *name;
  char *role;
  char *status;
  char *hired_on;
  char *site;
  char *service; /* may be NULL */
  gint64 team_leader_id;
  char *tl_nik; /* NULL: no team leader */
  char *tl_name;
  char *tl_site;
  char *tl_service;
} KpiAgent;

/* Every person by id (gint64 * -> KpiAgent *). */
GHashTable *_tam_kpi_load_people (TamStore *store,
                                  GError **error);

/* Rows grouped by scope member (and month): _tam_kpi_group returns the
 * row of the member that @agent (or, for SITE and SERVICE, @site and
 * @service when given: the call's) belongs to at @scope, adding a new
 * zeroed row of @row_size to @rows on first sight. Every row type starts
 * with a TamKpiMember. */
typedef struct
{
  GHashTable *index; /* key -> row, not owning */
  GPtrArray *rows;   /* owning */
  gsize row_size;
  TamKpiScope scope;
} KpiGroups;

void _tam_kpi_groups_init (KpiGroups *groups,
                           TamKpiScope scope,
                           gsize row_size,
                           GDestroyNotify free_row);
void _tam_kpi_groups_clear (KpiGroups *groups);
gpointer _tam_kpi_group (KpiGroups *groups,
                         const KpiAgent *agent,
                         const char *site,
                         const char *service,
                         const char *month);
/* Sorts the rows (month, site, team leader, name, key) and hands them
 * over. */
GPtrArray *_tam_kpi_groups_steal (KpiGroups *groups);

void _tam_kpi_member_clear (TamKpiMember *m);

/* 100 * @num / @den, NAN when @den is 0. */
double _tam_kpi_pct (gint64 num,
                     gint64 den);

/* Reading needs TAM_PERM_VIEW and a month; *first and *next get its
 * bounds when not NULL. */
gboolean _tam_kpi_check_read (const TamSession *session,
                              const char *month,
                              char **first,
                              char **next,
                              GError **error);

/* TAM_PERM_VIEW and a series' months: @from <= @to, at most 120. */
gboolean _tam_kpi_check_range (const TamSession *session,
                               const char *from,
                               const char *to,
                               GError **error);

/* "YYYY-MM-DD" @days after @date (negative: before), without the
 * locale-dependent g_date_set_parse(). */
char *_tam_kpi_day_add (const char *date,
                        int days);

/* An error naming what could not be read. */
void _tam_kpi_sql_error (TamStore *store,
                         GError **error);

G_END_DECLS
