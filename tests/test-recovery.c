/* test-recovery.c: recovery plans (issue 11, src/core/recovery): the
 * working-day calendar (weekends, the Lebaran cuti bersama of 2026, a
 * holiday added and a shipped one removed in the database, a bad data
 * file), the state machine (every legal and illegal step), self-approval
 * and a rejection without a reason refused, verification figures against
 * the KPI module for each scope, follow-up plans, and permissions by role
 * and scope. */
#include "config.h"

#include <math.h>

#include "tam-calendar.h"
#include "tam-kpi.h"
#include "tam-recovery-cycle.h"
#include "tam-recovery.h"
#include "tam-reports.h"
#include "tapping-world.h"

/* ------------------------------------------------------------------ */
/* The calendar */

static TamCalendar *
shipped (void)
{
  g_autoptr (GError) error = NULL;
  TamCalendar *c = tam_calendar_load (NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

static void
assert_add (const TamCalendar *c,
            const char *from,
            int n,
            const char *expected)
{
  g_autofree char *got = tam_workday_add (c, from, n);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_calendar_weekends (void)
{
  g_autoptr (TamCalendar) c = shipped ();

  /* HK+3 of a Friday is the next Wednesday. */
  assert_add (c, "2026-10-09", 3, "2026-10-14");
  assert_add (c, "2026-10-09", 1, "2026-10-12");
  /* From a Saturday or a Sunday, the first working day is Monday. */
  assert_add (c, "2026-10-10", 1, "2026-10-12");
  assert_add (c, "2026-10-11", 1, "2026-10-12");
  assert_add (c, "2026-10-12", -1, "2026-10-09");
  assert_add (c, "2026-10-10", 0, "2026-10-10");
  assert_add (c, "2026-10-05", 10, "2026-10-19");
  g_assert_null (tam_workday_add (c, "2026-02-30", 1));
  g_assert_false (tam_calendar_is_workday (c, "2026-10-10"));
  g_assert_true (tam_calendar_is_workday (c, "2026-10-09"));
  g_assert_cmpint (tam_workdays_between (c, "2026-10-09", "2026-10-14"), ==, 3);
  g_assert_cmpint (tam_workdays_between (c, "2026-10-14", "2026-10-09"), ==, -3);
  /* Independence day (Monday) and Christmas with its cuti bersama. */
  assert_add (c, "2026-08-14", 1, "2026-08-18");
  assert_add (c, "2026-12-23", 1, "2026-12-28");
}

static void
test_calendar_lebaran (void)
{
  g_autoptr (TamCalendar) c = shipped ();
  g_autoptr (GPtrArray) days = tam_calendar_list (c, 2026);
  const char *name = NULL;
  guint cuti = 0;

  /* 18 March cuti bersama Nyepi, 19 Nyepi, 20 cuti bersama, 21-22 Idul
   * Fitri (a weekend), 23-24 cuti bersama: Tuesday 17 + 1 is Wednesday 25. */
  assert_add (c, "2026-03-17", 1, "2026-03-25");
  assert_add (c, "2026-03-17", 3, "2026-03-27");
  assert_add (c, "2026-03-25", -1, "2026-03-17");
  g_assert_cmpint (tam_workdays_between (c, "2026-03-13", "2026-03-31"), ==, 7);
  g_assert_cmpint (tam_calendar_day_kind (c, "2026-03-20", &name), ==, TAM_DAY_CUTI_BERSAMA);
  g_assert_nonnull (strstr (name, "Idul Fitri"));
  g_assert_cmpint (tam_calendar_day_kind (c, "2026-03-19", &name), ==, TAM_DAY_HOLIDAY);
  g_assert_nonnull (strstr (name, "Nyepi"));
  g_assert_cmpint (tam_calendar_day_kind (c, "2026-03-21", NULL), ==, TAM_DAY_HOLIDAY);
  g_assert_cmpint (tam_calendar_day_kind (c, "2026-03-25", NULL), ==, TAM_DAY_WORKDAY);
  /* The SKB of 2026: 8 days of cuti bersama; 2027 is estimated. */
  for (guint i = 0; i < days->len; i++)
    {
      TamCalendarDay *d = days->pdata[i];

      cuti += d->kind == TAM_DAY_CUTI_BERSAMA;
      g_assert_false (d->estimated);
    }
  g_assert_cmpuint (cuti, ==, 8);
  g_clear_pointer (&days, g_ptr_array_unref);
  days = tam_calendar_list (c, 2027);
  g_assert_cmpuint (days->len, >, 10);
  g_assert_true (((TamCalendarDay *) days->pdata[0])->estimated);
}

static void
test_calendar_bad_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tam-holidays-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "holidays.csv", NULL);
  TamCalendar *c;

  g_file_set_contents (path, "# comment\ndate,kind,name,source\n2026-01-01,HOLIDAY,Tahun Baru,SKB\n"
                             "2026-13-01,HOLIDAY,Bad,SKB\n",
                       -1, &error);
  g_assert_no_error (error);
  c = tam_calendar_new_from_file (path, &error);
  g_assert_null (c);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "line 4"));
  g_assert_nonnull (strstr (error->message, "date"));
  g_clear_error (&error);
  g_file_set_contents (path, "date,kind,name,source\n2026-01-01,FEAST,Tahun Baru,SKB\n", -1, NULL);
  c = tam_calendar_new_from_file (path, &error);
  g_assert_null (c);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 2, field kind"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_calendar_user_days (void)
{
  World w;
  g_autoptr (GError) error = NULL;
  gint64 audit;

  world_setup (&w, "calendar", FALSE);
  audit = tam_store_query_int (w.store, "SELECT count(*) FROM audit_log", 0, NULL);
  /* A flood closes the office on Wednesday 14 October. */
  g_assert_false (tam_calendar_add (w.store, w.tl_b, "2026-10-14", "Banjir", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_calendar_add (w.store, w.admin, "2026-10-14", " ", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (tam_calendar_add (w.store, w.admin, "2026-10-14", "Banjir", &error));
  g_assert_no_error (error);
  {
    g_autoptr (TamCalendar) c = tam_calendar_load (w.store, &error);
    const char *name = NULL;

    g_assert_no_error (error);
    assert_add (c, "2026-10-09", 3, "2026-10-15");
    g_assert_cmpint (tam_calendar_day_kind (c, "2026-10-14", &name), ==, TAM_DAY_ADDED);
    g_assert_cmpstr (name, ==, "Banjir");
  }
  /* Twice, or on a shipped holiday: refused. */
  g_assert_false (tam_calendar_add (w.store, w.admin, "2026-10-14", "Banjir lagi", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (tam_calendar_add (w.store, w.admin, "2026-08-17", "Kemerdekaan", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE);
  g_clear_error (&error);
  /* The government moves the Christmas cuti bersama: removed here. */
  g_assert_true (tam_calendar_remove (w.store, w.spvq, "2026-12-24", &error));
  g_assert_no_error (error);
  g_assert_false (tam_calendar_remove (w.store, w.admin, "2026-10-13", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tam_calendar_remove (w.store, w.admin, "24/13/2026", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr (TamCalendar) c = tam_calendar_load (w.store, &error);

    g_assert_no_error (error);
    assert_add (c, "2026-12-23", 1, "2026-12-24");
    g_assert_true (tam_calendar_is_workday (c, "2026-12-24"));
  }
  g_assert_true (tam_calendar_remove (w.store, w.admin, "2026-10-14", &error));
  g_assert_no_error (error);
  {
    g_autoptr (TamCalendar) c = tam_calendar_load (w.store, &error);

    assert_add (c, "2026-10-09", 3, "2026-10-14");
  }
  /* Each change audited. */
  g_assert_cmpint (tam_store_query_int (w.store, "SELECT count(*) FROM audit_log", 0, NULL), ==, audit + 3);
  world_teardown (&w);
}

/* ------------------------------------------------------------------ */
/* Plans */

static const char *const consent[] = { "CONSENT", NULL };

static void
tap (World *w,
     const TamSession *qco,
     gint64 call,
     gboolean valid)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (tam_call_decide (w->store, qco, call, valid ? "VALID" : "RETURN", valid ? NULL : consent,
                                  valid ? NULL : "Ask for an explicit yes", NULL, &error));
  g_assert_no_error (error);
}

/* October: ani 1 of 2 valid, budi 0 of 1 (team TLB001 1 of 3).
 * November: ani 2 of 3, budi 1 of 1 (team 3 of 4, 75 %), cici (CT-0,
 * Bandung) 1 of 1, dodi (Medan) 1 of 2: site Bandung 4 of 5 (80 %),
 * service ADDON_CONSUMER 4 of 6 (66.67 %). December: ani 1 of 1. */
static void
calls (World *w)
{
  tap (w, w->qco_b, world_call (w, "O1", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-05 09:00:00", "AGREE"), TRUE);
  tap (w, w->qco_b, world_call (w, "O2", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-06 09:00:00", "AGREE"), FALSE);
  tap (w, w->qco_b, world_call (w, "O3", w->budi, "BANDUNG", "ADDON_CONSUMER", "2026-10-06 10:00:00", "AGREE"), FALSE);
  tap (w, w->qco_b, world_call (w, "N1", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-11-02 09:00:00", "AGREE"), TRUE);
  tap (w, w->qco_b, world_call (w, "N2", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-11-03 09:00:00", "AGREE"), TRUE);
  tap (w, w->qco_b, world_call (w, "N3", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-11-04 09:00:00", "AGREE"), FALSE);
  tap (w, w->qco_b, world_call (w, "N4", w->budi, "BANDUNG", "ADDON_CONSUMER", "2026-11-04 10:00:00", "AGREE"), TRUE);
  tap (w, w->qco_b, world_call (w, "N5", w->cici, "BANDUNG", "CT0_PRANPC", "2026-11-05 10:00:00", "AGREE"), TRUE);
  tap (w, w->qco_m, world_call (w, "N6", w->dodi, "MEDAN", "ADDON_CONSUMER", "2026-11-05 11:00:00", "AGREE"), TRUE);
  tap (w, w->qco_m, world_call (w, "N7", w->dodi, "MEDAN", "ADDON_CONSUMER", "2026-11-06 11:00:00", "AGREE"), FALSE);
  tap (w, w->qco_b, world_call (w, "D1", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-12-01 09:00:00", "AGREE"), TRUE);
}

static gint64
draft (World *w,
       const TamSession *who,
       TamKpiKind kpi,
       TamKpiScope scope,
       const char *ref,
       const char *period,
       guint n_actions,
       GError **error)
{
  TamRecoveryActionSpec actions[] = {
    { "Briefing ulang parameter CONSENT", "TLB001", "2026-11-16" },
    { "Role play closing", "10000001", "2026-11-20" },
  };
  TamRecoveryDraft d = { kpi, scope, ref, period, "RETURN tinggi pada CONSENT", TAM_CAUSE_PEOPLE | TAM_CAUSE_PROCESS,
                         actions, n_actions };

  return tam_recovery_draft (w->store, who, &d, "2026-11-10 09:00:00", error);
}

static TamRecoveryPlan *
get (World *w,
     gint64 id)
{
  g_autoptr (GError) error = NULL;
  TamRecoveryPlan *p = tam_recovery_get (w->store, w->admin, id, &error);

  g_assert_no_error (error);
  return p;
}

static TamRecoveryState
state_of (World *w,
          gint64 id)
{
  g_autoptr (TamRecoveryPlan) p = get (w, id);

  return p->state;
}

#define REFUSED(call, code)               \
  G_STMT_START                            \
  {                                       \
    g_autoptr (GError) e_ = NULL;         \
    GError **error_ = &e_;                \
    gboolean ok_ = (call);                \
    (void) error_;                        \
    g_assert_false (ok_);                 \
    g_assert_error (e_, TAM_ERROR, code); \
  }                                       \
  G_STMT_END

static void
test_state_machine (void)
{
  World w;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamRecoveryPlan) plan = NULL;
  g_autoptr (GPtrArray) history = NULL;
  TamRecoveryActionSpec revised[] = { { "Kalibrasi dengan QCO", "TLB001", "2026-11-18" } };
  TamRecoveryActionSpec early[] = { { "Terlambat", "TLB001", "2026-11-09" } };
  gint64 id, empty, action;

  world_setup (&w, "recovery", FALSE);
  calls (&w);

  /* DRAFT: the figures come from the KPI module. */
  id = draft (&w, w.tl_b, TAM_KPI_QVS, TAM_KPI_SCOPE_TEAM, "TLB001", "2026-10", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  plan = get (&w, id);
  g_assert_cmpint (plan->state, ==, TAM_RECOVERY_DRAFT);
  g_assert_cmpfloat_with_epsilon (plan->actual, 100.0 / 3, 1e-9);
  g_assert_cmpfloat (plan->target, ==, 95);
  g_assert_cmpstr (plan->verify_month, ==, "2026-11");
  g_assert_cmpstr (plan->site, ==, "BANDUNG");
  g_assert_cmpuint (plan->causes, ==, TAM_CAUSE_PEOPLE | TAM_CAUSE_PROCESS);
  g_assert_cmpuint (plan->actions->len, ==, 2);
  g_assert_cmpint (plan->version, ==, 1);
  action = ((TamRecoveryAction *) plan->actions->pdata[0])->id;

  /* From DRAFT: approve, reject, verify, close, done are refused. */
  REFUSED (tam_recovery_approve (w.store, w.spvq, id, NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_reject (w.store, w.spvq, id, "Belum lengkap", NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_verify_plan (w.store, w.spvq, id, "2026-12-31", NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_close (w.store, w.spvq, id, NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_action_done (w.store, w.tl_b, action, NULL, "2026-11-12", error_), TAM_ERROR_CONFLICT);
  /* Due dates before the plan's creation; a plan without actions. */
  REFUSED (tam_recovery_revise (w.store, w.tl_b, id, NULL, 0, early, 1, NULL, error_), TAM_ERROR_INVALID);
  empty = draft (&w, w.tl_b, TAM_KPI_QVS, TAM_KPI_SCOPE_AGENT, "10000001", "2026-10", 0, &error);
  g_assert_no_error (error);
  REFUSED (tam_recovery_submit (w.store, w.tl_b, empty, NULL, error_), TAM_ERROR_INVALID);
  g_assert_cmpint (state_of (&w, empty), ==, TAM_RECOVERY_DRAFT);
  {
    TamRecoveryActionSpec bad[] = { { "X", "TLB001", "2026-11-01" } };
    TamRecoveryDraft d = { TAM_KPI_QVS, TAM_KPI_SCOPE_TEAM, "TLB001", "2026-10", "", 0, bad, 1 };
    gint64 before = tam_store_query_int (w.store, "SELECT count(*) FROM recovery_plans", 0, NULL);

    g_assert_cmpint (tam_recovery_draft (w.store, w.tl_b, &d, "2026-11-10 09:00:00", &error), ==, 0);
    g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
    g_clear_error (&error);
    /* Nothing stored. */
    g_assert_cmpint (tam_store_query_int (w.store, "SELECT count(*) FROM recovery_plans", 0, NULL), ==, before);
  }

  /* Only the drafter submits. DRAFT -> SUBMITTED. */
  REFUSED (tam_recovery_submit (w.store, w.admin, id, NULL, error_), TAM_ERROR_PERMISSION);
  g_assert_true (tam_recovery_submit (w.store, w.tl_b, id, "2026-11-10 10:00:00", &error));
  g_assert_no_error (error);
  /* From SUBMITTED: submit, revise, verify, close, done refused. */
  REFUSED (tam_recovery_submit (w.store, w.tl_b, id, NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_revise (w.store, w.tl_b, id, "x", 0, revised, 1, NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_verify_plan (w.store, w.spvq, id, "2026-12-31", NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_close (w.store, w.spvq, id, NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_action_done (w.store, w.tl_b, action, NULL, "2026-11-12", error_), TAM_ERROR_CONFLICT);
  /* QVS is decided by a quality supervisor: not the operations one. */
  REFUSED (tam_recovery_approve (w.store, w.admin, id, NULL, error_), TAM_ERROR_PERMISSION);
  /* A rejection needs a reason. */
  REFUSED (tam_recovery_reject (w.store, w.spvq, id, "  ", NULL, error_), TAM_ERROR_INVALID);
  REFUSED (tam_recovery_reject (w.store, w.spvq, id, NULL, NULL, error_), TAM_ERROR_INVALID);
  g_assert_cmpint (state_of (&w, id), ==, TAM_RECOVERY_SUBMITTED);
  /* SUBMITTED -> REJECTED. */
  g_assert_true (tam_recovery_reject (w.store, w.spvq, id, "Lampirkan hasil call monitoring", "2026-11-11 09:00:00",
                                      &error));
  g_assert_no_error (error);
  g_clear_pointer (&plan, tam_recovery_plan_free);
  plan = get (&w, id);
  g_assert_cmpint (plan->state, ==, TAM_RECOVERY_REJECTED);
  g_assert_cmpstr (plan->decision_reason, ==, "Lampirkan hasil call monitoring");
  g_assert_cmpstr (plan->decided_by_nik, ==, "SPQ001");
  /* From REJECTED: approve, submit (revise first), verify, close refused. */
  REFUSED (tam_recovery_approve (w.store, w.spvq, id, NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_submit (w.store, w.tl_b, id, NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_verify_plan (w.store, w.spvq, id, "2026-12-31", NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_close (w.store, w.spvq, id, NULL, error_), TAM_ERROR_CONFLICT);
  /* Only the drafter revises. REJECTED -> DRAFT, version 2. */
  REFUSED (tam_recovery_revise (w.store, w.admin, id, "x", 0, revised, 1, NULL, error_), TAM_ERROR_PERMISSION);
  g_assert_true (tam_recovery_revise (w.store, w.tl_b, id, "RETURN tinggi; hasil call monitoring terlampir",
                                      TAM_CAUSE_PEOPLE, revised, 1, "2026-11-11 10:00:00", &error));
  g_assert_no_error (error);
  g_clear_pointer (&plan, tam_recovery_plan_free);
  plan = get (&w, id);
  g_assert_cmpint (plan->state, ==, TAM_RECOVERY_DRAFT);
  g_assert_cmpint (plan->version, ==, 2);
  g_assert_null (plan->decided_by_nik);
  g_assert_cmpuint (plan->actions->len, ==, 1);
  action = ((TamRecoveryAction *) plan->actions->pdata[0])->id;
  g_assert_true (tam_recovery_submit (w.store, w.tl_b, id, "2026-11-11 11:00:00", &error));
  g_assert_no_error (error);
  /* SUBMITTED -> APPROVED. */
  g_assert_true (tam_recovery_approve (w.store, w.spvq, id, "2026-11-12 09:00:00", &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (&w, id), ==, TAM_RECOVERY_APPROVED);
  /* From APPROVED: approve, reject, submit, revise (its actions), close
   * refused; verification waits for the end of November. */
  REFUSED (tam_recovery_approve (w.store, w.spvq, id, NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_reject (w.store, w.spvq, id, "x", NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_submit (w.store, w.tl_b, id, NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_revise (w.store, w.tl_b, id, "x", 0, revised, 1, NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_close (w.store, w.spvq, id, NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_verify_plan (w.store, w.spvq, id, "2026-11-29", NULL, error_), TAM_ERROR_CONFLICT);
  /* Carried out: the owner marks the action done, once; overdue before. */
  {
    TamRecoveryFilter f = { TAM_RECOVERY_BOX_IN_PROGRESS, -1, "2026-11-19" };
    g_autoptr (GPtrArray) rows = tam_recovery_list (w.store, w.tl_b, &f, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpuint (((TamRecoveryPlan *) rows->pdata[0])->n_overdue, ==, 1);
  }
  REFUSED (tam_recovery_action_done (w.store, w.qco_b, action, NULL, "2026-11-17", error_), TAM_ERROR_PERMISSION);
  g_assert_true (tam_recovery_action_done (w.store, w.tl_b, action, "Sudah dilaksanakan", "2026-11-17", &error));
  g_assert_no_error (error);
  REFUSED (tam_recovery_action_done (w.store, w.tl_b, action, NULL, "2026-11-18", error_), TAM_ERROR_CONFLICT);
  /* APPROVED -> VERIFIED_NOT_MET: the team's November QVS is 75 %. */
  g_assert_true (tam_recovery_verify_plan (w.store, w.tl_b, id, "2026-11-30", "2026-12-01 08:00:00", &error));
  g_assert_no_error (error);
  g_clear_pointer (&plan, tam_recovery_plan_free);
  plan = get (&w, id);
  g_assert_cmpint (plan->state, ==, TAM_RECOVERY_VERIFIED_NOT_MET);
  g_assert_cmpfloat_with_epsilon (plan->verified_value, 75.0, 1e-9);
  g_assert_cmpfloat (plan->verified_target, ==, 95);
  /* From VERIFIED: approve, verify, done refused; the drafter does not close. */
  REFUSED (tam_recovery_approve (w.store, w.spvq, id, NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_verify_plan (w.store, w.spvq, id, "2026-12-31", NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_close (w.store, w.tl_b, id, NULL, error_), TAM_ERROR_PERMISSION);
  /* VERIFIED_NOT_MET -> CLOSED, then a follow-up plan, once. */
  g_assert_true (tam_recovery_close (w.store, w.spvq, id, "2026-12-02 09:00:00", &error));
  g_assert_no_error (error);
  REFUSED (tam_recovery_close (w.store, w.spvq, id, NULL, error_), TAM_ERROR_CONFLICT);
  REFUSED (tam_recovery_approve (w.store, w.spvq, id, NULL, error_), TAM_ERROR_CONFLICT);
  {
    TamRecoveryActionSpec next[] = { { "Pendampingan harian", "TLB001", "2026-12-10" } };
    gint64 follow = tam_recovery_follow_up (w.store, w.tl_b, id, "Belum tercapai", next, 1, "2026-12-02 10:00:00",
                                            &error);
    g_autoptr (TamRecoveryPlan) f = NULL;

    g_assert_no_error (error);
    f = get (&w, follow);
    g_assert_cmpint (f->follows_id, ==, id);
    g_assert_cmpstr (f->period, ==, "2026-11");
    g_assert_cmpstr (f->verify_month, ==, "2026-12");
    g_assert_cmpfloat_with_epsilon (f->actual, 75.0, 1e-9);
    g_clear_pointer (&plan, tam_recovery_plan_free);
    plan = get (&w, id);
    g_assert_cmpint (plan->follow_up_id, ==, follow);
    g_assert_cmpint (tam_recovery_follow_up (w.store, w.tl_b, id, "", next, 1, NULL, &error), ==, 0);
    g_assert_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE);
    g_clear_error (&error);
  }

  /* Every version and decision kept. */
  history = tam_recovery_history (w.store, w.admin, id, &error);
  g_assert_no_error (error);
  {
    static const char *const events[] = { "DRAFT", "SUBMIT", "REJECT", "REVISE", "SUBMIT", "APPROVE", "DONE", "VERIFY",
                                          "CLOSE" };
    static const int versions[] = { 1, 1, 1, 2, 2, 2, 2, 2, 2 };

    g_assert_cmpuint (history->len, ==, G_N_ELEMENTS (events));
    for (guint i = 0; i < history->len; i++)
      {
        TamRecoveryEvent *e = history->pdata[i];

        g_assert_cmpstr (e->event, ==, events[i]);
        g_assert_cmpint (e->version, ==, versions[i]);
      }
    g_assert_cmpstr (((TamRecoveryEvent *) history->pdata[2])->reason, ==, "Lampirkan hasil call monitoring");
    g_assert_nonnull (strstr (((TamRecoveryEvent *) history->pdata[1])->snapshot, "Role play closing"));
    g_assert_null (strstr (((TamRecoveryEvent *) history->pdata[4])->snapshot, "Role play closing"));
  }
  g_assert_cmpint (tam_store_query_int (w.store, "SELECT count(*) FROM audit_log WHERE action LIKE 'RECOVERY_%'", 0, NULL),
                   ==, 9 + 2);
  world_teardown (&w);
}

static void
test_self_approval (void)
{
  World w;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamSession) mgr = NULL;
  gint64 id;

  world_setup (&w, "recovery-self", FALSE);
  calls (&w);
  mgr = world_person (&w, "MGR001", "Hendra Gunawan", "MANAGER", "BANDUNG", NULL, 0);
  /* A quality supervisor drafts for the Bandung site and may not approve
   * it; a manager may. */
  id = draft (&w, w.spvq, TAM_KPI_QVS, TAM_KPI_SCOPE_SITE, "BANDUNG", "2026-10", 1, &error);
  g_assert_no_error (error);
  g_assert_true (tam_recovery_submit (w.store, w.spvq, id, NULL, &error));
  g_assert_no_error (error);
  REFUSED (tam_recovery_approve (w.store, w.spvq, id, NULL, error_), TAM_ERROR_PERMISSION);
  REFUSED (tam_recovery_reject (w.store, w.spvq, id, "Sendiri", NULL, error_), TAM_ERROR_PERMISSION);
  g_assert_cmpuint (tam_recovery_count_to_decide (w.store, w.spvq, NULL), ==, 0);
  g_assert_cmpuint (tam_recovery_count_to_decide (w.store, mgr, NULL), ==, 1);
  g_assert_true (tam_recovery_approve (w.store, mgr, id, NULL, &error));
  g_assert_no_error (error);
  /* The database refuses it too. */
  g_assert_cmpint (sqlite3_exec (tam_store_get_db (w.store), "UPDATE recovery_plans SET decided_by = drafted_by", NULL,
                                 NULL, NULL) &
                       0xff,
                   ==, SQLITE_CONSTRAINT);
  world_teardown (&w);
}

/* The verified figure of each scope equals the KPI module's. */
static void
test_verify_scopes (void)
{
  World w;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamSession) mgr = NULL;
  static const struct
  {
    TamKpiScope scope;
    const char *ref;
    double october, november;
  } cases[] = {
    { TAM_KPI_SCOPE_AGENT, "10000001", 50.0, 200.0 / 3 },
    { TAM_KPI_SCOPE_TEAM, "TLB001", 100.0 / 3, 75.0 },
    { TAM_KPI_SCOPE_SITE, "BANDUNG", 100.0 / 3, 80.0 },
    { TAM_KPI_SCOPE_SERVICE, "ADDON_CONSUMER", 100.0 / 3, 200.0 / 3 },
  };
  gint64 ids[G_N_ELEMENTS (cases)];
  gint64 met_id;
  guint met = 0, not_met = 0;

  world_setup (&w, "recovery-verify", FALSE);
  calls (&w);
  mgr = world_person (&w, "MGR001", "Hendra Gunawan", "MANAGER", "BANDUNG", NULL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TamRecoveryPlan) p = NULL;

      ids[i] = draft (&w, w.admin, TAM_KPI_QVS, cases[i].scope, cases[i].ref, "2026-10", 1, &error);
      g_assert_no_error (error);
      p = get (&w, ids[i]);
      g_assert_cmpfloat_with_epsilon (p->actual, cases[i].october, 1e-9);
      g_assert_true (tam_recovery_submit (w.store, w.admin, ids[i], NULL, &error));
      g_assert_true (tam_recovery_approve (w.store, w.spvq, ids[i], NULL, &error));
      g_assert_no_error (error);
    }
  /* An agent met in December (1 of 1). */
  met_id = draft (&w, w.admin, TAM_KPI_QVS, TAM_KPI_SCOPE_AGENT, "10000001", "2026-11", 1, &error);
  g_assert_true (tam_recovery_submit (w.store, w.admin, met_id, NULL, &error));
  g_assert_true (tam_recovery_approve (w.store, mgr, met_id, NULL, &error));
  g_assert_no_error (error);

  /* Before the end of November, nothing. */
  g_assert_true (tam_recovery_verify (w.store, w.admin, "2026-11-29", &met, &not_met, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (met + not_met, ==, 0);
  g_assert_true (tam_recovery_verify (w.store, w.admin, "2026-11-30", &met, &not_met, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (met, ==, 0);
  g_assert_cmpuint (not_met, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TamRecoveryPlan) p = get (&w, ids[i]);
      g_autoptr (GArray) cards = NULL;

      g_assert_cmpint (p->state, ==, TAM_RECOVERY_VERIFIED_NOT_MET);
      g_assert_cmpfloat_with_epsilon (p->verified_value, cases[i].november, 1e-9);
      /* The same number as the KPI tab's card. */
      g_assert_true (tam_kpi_cards (w.store, w.admin, "2026-11", cases[i].scope, cases[i].ref, &cards, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (g_array_index (cards, TamKpiCard, TAM_KPI_QVS).value, p->verified_value, 1e-9);
    }
  g_assert_cmpint (state_of (&w, met_id), ==, TAM_RECOVERY_APPROVED);
  g_assert_true (tam_recovery_verify (w.store, w.admin, "2026-12-31", &met, &not_met, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (met, ==, 1);
  g_assert_cmpuint (not_met, ==, 0);
  g_assert_cmpint (state_of (&w, met_id), ==, TAM_RECOVERY_VERIFIED_MET);
  /* A follow-up is for a plan not met only. */
  {
    TamRecoveryActionSpec next[] = { { "x", "TLB001", "2026-12-31" } };

    g_assert_cmpint (tam_recovery_follow_up (w.store, w.admin, met_id, "", next, 1, NULL, &error), ==, 0);
    g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
    g_clear_error (&error);
  }
  world_teardown (&w);
}

static void
test_permissions (void)
{
  World w;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamSession) spv_m = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  gint64 own, medan, adherence;

  world_setup (&w, "recovery-perm", FALSE);
  calls (&w);
  spv_m = world_person (&w, "SPV002", "Rahmat Hidayat", "SUPERVISOR_OPS", "MEDAN", NULL, 0);

  /* A team leader drafts for their own team and its agents only. */
  own = draft (&w, w.tl_b, TAM_KPI_QVS, TAM_KPI_SCOPE_AGENT, "10000002", "2026-10", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (draft (&w, w.tl_b, TAM_KPI_QVS, TAM_KPI_SCOPE_TEAM, "TLM001", "2026-10", 1, &error), ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (draft (&w, w.tl_b, TAM_KPI_QVS, TAM_KPI_SCOPE_AGENT, "20000001", "2026-10", 1, &error), ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (draft (&w, w.tl_b, TAM_KPI_QVS, TAM_KPI_SCOPE_SITE, "BANDUNG", "2026-10", 1, &error), ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  /* QCOs and trainers do not draft; a headcount plan is not per team. */
  g_assert_cmpint (draft (&w, w.qco_b, TAM_KPI_QVS, TAM_KPI_SCOPE_TEAM, "TLB001", "2026-10", 1, &error), ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (draft (&w, w.trainer, TAM_KPI_QVS, TAM_KPI_SCOPE_TEAM, "TLB001", "2026-10", 1, &error), ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (draft (&w, w.admin, TAM_KPI_HEADCOUNT, TAM_KPI_SCOPE_TEAM, "TLB001", "2026-10", 1, &error), ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (draft (&w, w.admin, TAM_KPI_QVS, TAM_KPI_SCOPE_SITE, "NOWHERE", "2026-10", 1, &error), ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (draft (&w, w.admin, TAM_KPI_QVS, TAM_KPI_SCOPE_SITE, "BANDUNG", "2026-13", 1, &error), ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  {
    TamRecoveryActionSpec a[] = { { "Briefing", "TLM001", "2026-11-16" } };
    TamRecoveryDraft d = { TAM_KPI_QVS, TAM_KPI_SCOPE_TEAM, "TLM001", "2026-10", "", 0, a, 1 };

    medan = tam_recovery_draft (w.store, w.admin, &d, "2026-11-10 09:00:00", &error);
    g_assert_no_error (error);
  }
  /* Each team leader sees their own. */
  rows = tam_recovery_list (w.store, w.tl_b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((TamRecoveryPlan *) rows->pdata[0])->id, ==, own);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = tam_recovery_list (w.store, w.tl_m, NULL, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((TamRecoveryPlan *) rows->pdata[0])->id, ==, medan);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_null (tam_recovery_get (w.store, w.tl_m, own, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Operations KPIs: the operations supervisor of the site decides. */
  adherence = draft (&w, w.tl_b, TAM_KPI_ADHERENCE, TAM_KPI_SCOPE_TEAM, "TLB001", "2026-10", 1, &error);
  g_assert_no_error (error);
  g_assert_true (tam_recovery_submit (w.store, w.tl_b, adherence, NULL, &error));
  g_assert_no_error (error);
  REFUSED (tam_recovery_approve (w.store, w.tl_b, adherence, NULL, error_), TAM_ERROR_PERMISSION);
  REFUSED (tam_recovery_approve (w.store, w.tl_m, adherence, NULL, error_), TAM_ERROR_PERMISSION);
  REFUSED (tam_recovery_approve (w.store, w.spvq, adherence, NULL, error_), TAM_ERROR_PERMISSION);
  REFUSED (tam_recovery_approve (w.store, spv_m, adherence, NULL, error_), TAM_ERROR_PERMISSION);
  g_assert_cmpuint (tam_recovery_count_to_decide (w.store, w.admin, NULL), ==, 1);
  g_assert_cmpuint (tam_recovery_count_to_decide (w.store, spv_m, NULL), ==, 0);
  g_assert_true (tam_recovery_approve (w.store, w.admin, adherence, NULL, &error));
  g_assert_no_error (error);
  /* Approved plans reach Desk Control at the site: every team leader there. */
  {
    g_autoptr (TamSession) tl_b2 = tam_session_copy (w.tl_b2);
    g_autoptr (TamRecoveryPlan) p = tam_recovery_get (w.store, tl_b2, adherence, &error);

    g_assert_no_error (error);
    g_assert_nonnull (p);
  }
  world_teardown (&w);
}

/* The cycle's speed (issue 11, point 7): from the end of the missed
 * month to the draft, from submission to decision, the share met. */
static void
test_cycle (void)
{
  World w;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) by_drafter = NULL;
  g_autoptr (GPtrArray) by_site = NULL;
  g_autofree char *dir = NULL, *csv = NULL, *text = NULL, *sites = NULL;
  TamRecoveryCycle *r;
  gint64 id;

  world_setup (&w, "recovery-cycle", FALSE);
  calls (&w);
  /* Drafted 2026-11-10 09:00: 9.375 days and 7 working days after
   * October (Monday 2 to Tuesday 10 November). */
  id = draft (&w, w.tl_b, TAM_KPI_QVS, TAM_KPI_SCOPE_TEAM, "TLB001", "2026-10", 1, &error);
  g_assert_no_error (error);
  g_assert_true (tam_recovery_submit (w.store, w.tl_b, id, "2026-11-10 10:00:00", &error));
  g_assert_true (tam_recovery_approve (w.store, w.spvq, id, "2026-11-11 22:00:00", &error));
  g_assert_true (tam_recovery_verify_plan (w.store, w.spvq, id, "2026-11-30", NULL, &error));
  g_assert_no_error (error);
  /* Another plan of the month, not decided yet. */
  draft (&w, w.admin, TAM_KPI_QVS, TAM_KPI_SCOPE_SITE, "BANDUNG", "2026-10", 1, &error);
  g_assert_no_error (error);

  g_assert_true (tam_recovery_cycle_compute (w.store, w.admin, "2026-10", &by_drafter, &by_site, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (by_drafter->len, ==, 3);
  r = by_drafter->pdata[1];
  g_assert_cmpstr (r->key, ==, "TLB001");
  g_assert_cmpint (r->plans, ==, 1);
  g_assert_cmpfloat_with_epsilon (r->days_to_draft, 9.375, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->workdays_to_draft, 7, 1e-9);
  g_assert_cmpint (r->decided, ==, 1);
  g_assert_cmpfloat_with_epsilon (r->days_to_decision, 1.5, 1e-6);
  g_assert_cmpint (r->verified, ==, 1);
  g_assert_cmpint (r->met, ==, 0);
  g_assert_cmpfloat (r->met_share, ==, 0);
  r = by_drafter->pdata[0];
  g_assert_cmpstr (r->key, ==, "SPV001");
  g_assert_cmpint (r->decided, ==, 0);
  g_assert_true (isnan (r->days_to_decision));
  g_assert_true (isnan (r->met_share));
  r = by_drafter->pdata[2];
  g_assert_cmpstr (r->key, ==, "");
  g_assert_cmpint (r->plans, ==, 2);
  g_assert_cmpint (r->decided, ==, 1);
  /* One site, both plans. */
  g_assert_cmpuint (by_site->len, ==, 2);
  g_assert_cmpstr (((TamRecoveryCycle *) by_site->pdata[0])->key, ==, "BANDUNG");
  g_assert_cmpint (((TamRecoveryCycle *) by_site->pdata[0])->plans, ==, 2);

  /* In the registry: tamctl report cycle, the report dialog. */
  g_assert_nonnull (tam_report_find ("cycle"));
  dir = g_dir_make_tmp ("tam-cycle-XXXXXX", NULL);
  csv = g_build_filename (dir, "cycle.csv", NULL);
  g_assert_true (tam_report_find ("cycle")->write (w.store, w.admin, "2026-10", csv, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "key,name,site,plans,days_to_draft,workdays_to_draft,decided,days_to_decision"));
  g_assert_nonnull (strstr (text, "TLB001,Asep Sunarya,BANDUNG,1,9.38,7.00,1,1.50,1,0,0.00"));
  g_unlink (csv);
  sites = tam_report_second_csv_path (tam_report_find ("cycle"), csv);
  g_unlink (sites);
  g_rmdir (dir);
  world_teardown (&w);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/recovery/calendar/weekends", test_calendar_weekends);
  g_test_add_func ("/recovery/calendar/lebaran", test_calendar_lebaran);
  g_test_add_func ("/recovery/calendar/bad-file", test_calendar_bad_file);
  g_test_add_func ("/recovery/calendar/user-days", test_calendar_user_days);
  g_test_add_func ("/recovery/state-machine", test_state_machine);
  g_test_add_func ("/recovery/self-approval", test_self_approval);
  g_test_add_func ("/recovery/verify-scopes", test_verify_scopes);
  g_test_add_func ("/recovery/permissions", test_permissions);
  g_test_add_func ("/recovery/cycle", test_cycle);
  return g_test_run ();
}
