/* The tapping queue in the core: the state machine, the rules of a
 * verdict, permissions and visibility, claims and their expiry, undo, the
 * queue's filters and paging, the parameters, and tamctl tap / recall. */
#include "config.h"

#include <gio/gio.h>

#include "tam-audit.h"
#include "tam-import.h"
#include "tam-schema.h"
#include "tam-tapping.h"
#include "tapping-world.h"

typedef struct
{
  World w;
  gint64 b1, b2, b3; /* AGREE, Bandung, ani (ADDON_CONSUMER) */
  gint64 c1;         /* AGREE, Bandung, cici (CT0_PRANPC) */
  gint64 m1;         /* AGREE, Medan, dodi */
  gint64 d1;         /* DECLINE, Bandung, ani */
} Fixture;

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  world_setup (&f->w, "tapping", GPOINTER_TO_INT (data));
  f->b1 = world_call (&f->w, "B-001", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-05 09:12:33", "AGREE");
  f->b2 = world_call (&f->w, "B-002", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-05 10:00:00", "AGREE");
  f->b3 = world_call (&f->w, "B-003", f->w.budi, "BANDUNG", "ADDON_CONSUMER", "2026-10-06 08:30:00", "AGREE");
  f->c1 = world_call (&f->w, "C-001", f->w.cici, "BANDUNG", "CT0_PRANPC", "2026-10-04 14:00:00", "AGREE");
  f->m1 = world_call (&f->w, "M-001", f->w.dodi, "MEDAN", "ADDON_CONSUMER", "2026-10-05 11:00:00", "AGREE");
  f->d1 = world_call (&f->w, "B-900", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-05 12:00:00", "DECLINE");
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  world_teardown (&f->w);
}

static char *
call_state (Fixture *f,
            gint64 id)
{
  return world_text (&f->w, "SELECT state FROM calls WHERE id = ?", id);
}

static const char *const consent[] = { "CONSENT", NULL };
static const char *const greeting[] = { "GREETING", NULL };

static void
test_valid (Fixture *f,
            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCall) call = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autofree char *state = NULL;
  g_autoptr (GString) report = g_string_new (NULL);
  gint64 audits = world_int (&f->w, "SELECT count(*) FROM audit_log WHERE ? > 0", 1);
  gint64 tid = 0;

  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, "", &tid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tid, >, 0);

  call = tam_call_get (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (call->state, ==, "VALID");
  g_assert_cmpint (call->attempts, ==, 1);
  g_assert_cmpstr (call->first_verdict, ==, "VALID");
  g_assert_cmpint (call->claimed_by, ==, 0);

  history = tam_call_history (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  {
    TamTappingRecord *r = history->pdata[0];
    g_assert_cmpint (r->kind, ==, TAM_HISTORY_TAPPING);
    g_assert_cmpint (r->id, ==, tid);
    g_assert_cmpint (r->attempt, ==, 1);
    g_assert_cmpstr (r->verdict, ==, "VALID");
    g_assert_cmpstr (r->actor_nik, ==, "QCB001");
    g_assert_cmpuint (g_strv_length (r->failed_codes), ==, 0);
    g_assert_false (r->undone);
  }

  /* One audit row, inside the chain. */
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM audit_log WHERE ? > 0", 1), ==, audits + 1);
  state = world_text (&f->w, "SELECT action || ' ' || entity_id FROM audit_log WHERE id = (SELECT max (id) FROM audit_log) AND ? > 0", 1);
  g_assert_cmpstr (state, ==, "TAP B-001");
  g_assert_true (tam_audit_verify (f->w.store, report, &error));
  g_assert_no_error (error);
}

static void
test_return_loop (Fixture *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCall) call = NULL;
  g_autoptr (TamCall) after = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autofree char *state = NULL;
  gint64 t1 = 0, t2 = 0, r1 = 0;

  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", consent,
                                  "  Ask for an explicit yes before closing  ", &t1, &error));
  g_assert_no_error (error);
  state = call_state (f, f->b1);
  g_assert_cmpstr (state, ==, "RETURNED");
  g_clear_pointer (&state, g_free);

  /* RETURNED waits for the TL: no new tapping yet. */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Rudi Hartono"));
  g_clear_error (&error);

  g_assert_true (tam_call_recall (f->w.store, f->w.tl_b, f->b1, "vr/B-001-recall.wav",
                                  "Customer confirmed again", &r1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r1, >, 0);

  call = tam_call_get (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (call->state, ==, "RECALLED");
  g_assert_cmpint (call->attempts, ==, 1);
  g_assert_cmpstr (call->first_verdict, ==, "RETURN");
  g_assert_cmpstr (call->recording, ==, "vr/B-001-recall.wav");

  /* Recalled twice? No: it is not RETURNED any more. */
  g_assert_false (tam_call_recall (f->w.store, f->w.tl_b, f->b1, "x.wav", NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Issue 12: the TL who recorded it may undo the re-call (nobody else),
   * then record it again. */
  g_assert_false (tam_call_recall_undo (f->w.store, f->w.qco_b, r1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (tam_call_recall_undo (f->w.store, f->w.tl_b, r1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM recalls WHERE call_id = ?", f->b1), ==, 0);
  {
    g_autofree char *st = call_state (f, f->b1);
    g_assert_cmpstr (st, ==, "RETURNED");
  }
  g_assert_false (tam_call_recall_undo (f->w.store, f->w.tl_b, r1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (tam_call_recall (f->w.store, f->w.tl_b, f->b1, "vr/B-001-recall.wav",
                                  "Customer confirmed again", &r1, &error));
  g_assert_no_error (error);

  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b2, f->b1, "VALID", NULL, NULL, &t2, &error));
  g_assert_no_error (error);
  /* Tapped since: the re-call stays. */
  g_assert_false (tam_call_recall_undo (f->w.store, f->w.tl_b, r1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_clear_error (&error);
  after = tam_call_get (f->w.store, f->w.spvq, f->b1, &error);
  g_assert_cmpstr (after->state, ==, "VALID");
  g_assert_cmpint (after->attempts, ==, 2);
  g_assert_cmpstr (after->first_verdict, ==, "RETURN"); /* the first one stays */

  /* Nothing was overwritten: two tappings, one re-call, in order. */
  history = tam_call_history (f->w.store, f->w.spvq, f->b1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  {
    TamTappingRecord *a = history->pdata[0], *b = history->pdata[1], *c = history->pdata[2];

    g_assert_cmpint (a->kind, ==, TAM_HISTORY_TAPPING);
    g_assert_cmpint (a->id, ==, t1);
    g_assert_cmpint (a->attempt, ==, 1);
    g_assert_cmpstr (a->verdict, ==, "RETURN");
    g_assert_cmpstr (a->text, ==, "Ask for an explicit yes before closing");
    g_assert_cmpuint (g_strv_length (a->failed_codes), ==, 1);
    g_assert_cmpstr (a->failed_codes[0], ==, "CONSENT");
    g_assert_cmpint (b->kind, ==, TAM_HISTORY_RECALL);
    g_assert_cmpint (b->id, ==, r1);
    g_assert_cmpstr (b->actor_nik, ==, "TLB001");
    g_assert_cmpstr (b->recording, ==, "vr/B-001-recall.wav");
    g_assert_cmpint (c->kind, ==, TAM_HISTORY_TAPPING);
    g_assert_cmpint (c->id, ==, t2);
    g_assert_cmpint (c->attempt, ==, 2);
    g_assert_cmpstr (c->verdict, ==, "VALID");
    g_assert_cmpstr (c->actor_nik, ==, "QCB002");
  }
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tappings WHERE call_id = ?", f->b1), ==, 2);
}

static void
test_rules (Fixture *f,
            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *state = NULL;
  const char *const unknown[] = { "NO_SUCH_THING", NULL };
  const char *const wrong_service[] = { "BILL", NULL }; /* a CT0_PRANPC parameter */
  const char *const mixed[] = { "greeting", "Closing", "GREETING", NULL };

  /* RETURN needs a recommendation... */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", consent, "   ", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", consent, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  /* ...and at least one failed parameter. */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", NULL, "Fix it", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  /* VALID with a failed critical parameter is refused. */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", consent, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "CONSENT"));
  g_clear_error (&error);
  /* Unknown codes, codes of another service, unknown verdicts. */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", unknown, "x", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", wrong_service, "x", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "MAYBE", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  /* Issue 12: no VALID on an unheard call; the built-in reason. */
  g_assert_false (tam_call_decide_heard (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL,
                                         TAM_HEARD_MISSING, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Recording missing / unplayable"));
  g_clear_error (&error);
  {
    const char *const recording[] = { "recording", NULL };
    g_assert_false (tam_call_decide_heard (f->w.store, f->w.qco_b, f->b1, "VALID", recording, NULL,
                                           TAM_HEARD_PLAYED, NULL, &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpint (world_int (&f->w, "UPDATE calls SET recording = '' WHERE id = ? RETURNING 0", f->b1), ==, 0);
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "names no recording"));
  g_clear_error (&error);
  g_assert_cmpint (world_int (&f->w, "UPDATE calls SET recording = 'vr/B-001.wav' WHERE id = ? RETURNING 0", f->b1), ==, 0);
  /* A DECLINE call is not in the tapping queue at all. */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->d1, "VALID", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing was stored by the refusals. */
  state = call_state (f, f->b1);
  g_assert_cmpstr (state, ==, "PENDING");
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tappings WHERE ? > 0", 1), ==, 0);

  /* Non-critical failures may go with VALID (remarks); case and repeats
   * do not matter. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b2, "VALID", mixed, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tapping_failures f JOIN tappings t ON t.id = f.tapping_id"
                                     " WHERE t.call_id = ?",
                              f->b2),
                   ==, 2);

  /* A deactivated parameter can no longer be failed. */
  {
    g_autoptr (GPtrArray) params = tam_parameters_list (f->w.store, "ADDON_CONSUMER", FALSE, &error);
    TamParameter *closing = NULL;

    for (guint i = 0; i < params->len; i++)
      if (g_strcmp0 (((TamParameter *) params->pdata[i])->code, "CLOSING") == 0)
        closing = params->pdata[i];
    g_assert_nonnull (closing);
    closing->active = FALSE;
    g_assert_true (tam_parameter_save (f->w.store, f->w.spvq, closing, &error));
    g_assert_no_error (error);
  }
  {
    const char *const closing[] = { "CLOSING", NULL };
    g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b3, "VALID", closing, NULL, NULL, &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  }
}

static void
test_permissions (Fixture *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCall) call = NULL;
  TamSession *cannot_tap[] = { f->w.agent, f->w.trainer, f->w.tl_b, f->w.spvq, f->w.admin };

  for (guint i = 0; i < G_N_ELEMENTS (cannot_tap); i++)
    {
      g_assert_false (tam_call_decide (f->w.store, cannot_tap[i], f->b1, "VALID", NULL, NULL, NULL, &error));
      g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
      g_clear_error (&error);
      g_assert_false (tam_call_claim (f->w.store, cannot_tap[i], f->b1, &error));
      g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
      g_clear_error (&error);
    }
  g_assert_false (tam_call_decide (f->w.store, NULL, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);

  /* An agent or a trainer does not see the queue at all. */
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.agent, NULL, &error), ==, -1);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (tam_queue_fetch (f->w.store, f->w.trainer, NULL, 0, 50, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);

  /* A QCO of Medan neither sees nor decides a Bandung call. */
  call = tam_call_get (f->w.store, f->w.qco_m, f->b1, &error);
  g_assert_null (call);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_m, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tam_call_claim (f->w.store, f->w.qco_m, f->b1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_m, NULL, &error), ==, 1);
  g_assert_no_error (error);

  /* A QCO cannot record a re-call; only the agent's own TL can. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", consent, "Ask again", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (tam_call_recall (f->w.store, f->w.qco_b, f->b1, "x.wav", NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_call_recall (f->w.store, f->w.tl_b2, f->b1, "x.wav", NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_call_recall (f->w.store, f->w.tl_b, f->b1, "  ", NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  /* Parameters: only the Supervisor Quality edits them. */
  {
    g_autoptr (TamParameter) p = tam_parameter_new ();
    p->service = g_strdup ("ADDON_CONSUMER");
    p->code = g_strdup ("EMPATHY");
    p->text = g_strdup ("Empathy");
    g_assert_false (tam_parameter_save (f->w.store, f->w.qco_b, p, &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  }
}

static void
test_visibility (Fixture *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCall) masked = NULL;
  g_autoptr (TamCall) whole = NULL;
  g_autoptr (TamCall) other = NULL;
  g_autoptr (TamQueueFilter) filter = tam_queue_filter_new ();

  /* Waiting calls: 4 in Bandung, 1 in Medan. */
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, NULL, &error), ==, 5);
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, NULL, &error), ==, 4);
  /* A TL sees their own team only. */
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.tl_b, NULL, &error), ==, 3);
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.tl_b2, NULL, &error), ==, 1);
  /* Asking for another site or team gives nothing, not everything. */
  filter->site = g_strdup ("MEDAN");
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, filter, &error), ==, 0);
  g_clear_pointer (&filter->site, g_free);
  filter->team_leader_id = f->w.tl_m->person_id;
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.tl_b, filter, &error), ==, 0);
  g_assert_no_error (error);

  other = tam_call_get (f->w.store, f->w.tl_b2, f->b1, &error);
  g_assert_null (other);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The customer number is masked unless the role needs it. */
  masked = tam_call_find (f->w.store, f->w.qco_b, "B-001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (masked->customer_number, ==, "••••7890");
  g_assert_cmpstr (masked->agent_nik, ==, "10000001");
  g_assert_cmpstr (masked->team_leader_name, ==, "Asep Sunarya");
  g_assert_cmpstr (masked->recording, ==, "vr/B-001.wav");
  whole = tam_call_find (f->w.store, f->w.tl_b, "B-001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (whole->customer_number, ==, "081234567890");
  {
    g_autofree char *m = tam_mask_customer_number ("123");
    g_assert_cmpstr (m, ==, "••••");
  }
}

static void
set_claimed_at (Fixture *f,
                gint64 id,
                const char *when)
{
  sqlite3_stmt *stmt = tam_store_prepare (f->w.store, "UPDATE calls SET claimed_at = ? WHERE id = ?", NULL);

  sqlite3_bind_text (stmt, 1, when, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
}

static void
test_claims (Fixture *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCall) call = NULL;
  g_autoptr (TamCall) expired = NULL;
  g_autofree char *at = NULL;

  g_assert_true (tam_call_claim (f->w.store, f->w.qco_b, f->b1, &error));
  g_assert_no_error (error);
  call = tam_call_get (f->w.store, f->w.spvq, f->b1, &error);
  g_assert_cmpint (call->claimed_by, ==, f->w.qco_b->person_id);
  g_assert_cmpstr (call->claimed_by_name, ==, "Rudi Hartono");

  /* Another QCO can neither claim nor decide it; the message says who. */
  g_assert_false (tam_call_claim (f->w.store, f->w.qco_b2, f->b1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Rudi Hartono"));
  g_clear_error (&error);
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b2, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Rudi Hartono"));
  g_clear_error (&error);

  /* Claiming again refreshes the time (activity). */
  set_claimed_at (f, f->b1, "2000-01-01 08:00:00");
  g_assert_true (tam_call_claim (f->w.store, f->w.qco_b, f->b1, &error));
  at = world_text (&f->w, "SELECT claimed_at FROM calls WHERE id = ?", f->b1);
  g_assert_cmpstr (at, >, "2000-01-01 08:00:00");

  /* Nine minutes without activity: still held. */
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autoptr (GDateTime) nine = g_date_time_add_minutes (now, -9);
    g_autofree char *text = g_date_time_format (nine, "%Y-%m-%d %H:%M:%S");

    set_claimed_at (f, f->b1, text);
    g_assert_false (tam_call_claim (f->w.store, f->w.qco_b2, f->b1, &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
    g_clear_error (&error);
  }

  /* Eleven minutes: expired, free for anyone; shown as unclaimed. */
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autoptr (GDateTime) eleven = g_date_time_add_minutes (now, -11);
    g_autofree char *text = g_date_time_format (eleven, "%Y-%m-%d %H:%M:%S");

    set_claimed_at (f, f->b1, text);
  }
  expired = tam_call_get (f->w.store, f->w.qco_b2, f->b1, &error);
  g_assert_cmpint (expired->claimed_by, ==, 0);
  g_assert_null (expired->claimed_by_nik);
  g_assert_true (tam_call_claim (f->w.store, f->w.qco_b2, f->b1, &error));
  g_assert_no_error (error);
  g_assert_false (tam_call_claim (f->w.store, f->w.qco_b, f->b1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Lina Marlina"));
  g_clear_error (&error);

  /* The claim_minutes setting rules the expiry. */
  g_assert_true (tam_store_set_setting (f->w.store, "claim_minutes", "30", &error));
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autoptr (GDateTime) twenty = g_date_time_add_minutes (now, -20);
    g_autofree char *text = g_date_time_format (twenty, "%Y-%m-%d %H:%M:%S");

    set_claimed_at (f, f->b1, text);
    g_assert_false (tam_call_claim (f->w.store, f->w.qco_b, f->b1, &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
    g_clear_error (&error);
  }

  /* Releasing someone else's claim does nothing; one's own frees it. */
  g_assert_true (tam_call_release (f->w.store, f->w.qco_b, f->b1, &error));
  g_assert_cmpint (world_int (&f->w, "SELECT claimed_by FROM calls WHERE id = ?", f->b1), ==,
                   f->w.qco_b2->person_id);
  g_assert_true (tam_call_release (f->w.store, f->w.qco_b2, f->b1, &error));
  g_assert_cmpint (world_int (&f->w, "SELECT claimed_by IS NULL FROM calls WHERE id = ?", f->b1), ==, 1);
  g_assert_true (tam_call_claim (f->w.store, f->w.qco_b, f->b1, &error));

  /* The verdict clears the claim; a decided call cannot be claimed. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (world_int (&f->w, "SELECT claimed_by IS NULL FROM calls WHERE id = ?", f->b1), ==, 1);
  g_assert_false (tam_call_claim (f->w.store, f->w.qco_b2, f->b1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "VALID"));
}

static void
test_double_decision (Fixture *f,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b2, f->b1, "RETURN", consent, "x", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "already decided"));
  g_assert_nonnull (strstr (error->message, "Rudi Hartono"));
  g_clear_error (&error);
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tappings WHERE call_id = ?", f->b1), ==, 1);
}

static void
test_undo (Fixture *f,
           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCall) call = NULL;
  g_autoptr (GPtrArray) history = NULL;
  gint64 t1 = 0, t2 = 0, t3 = 0, t4 = 0;

  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", greeting, NULL, &t1, &error));
  /* Only the QCO who gave it. */
  g_assert_false (tam_tapping_undo (f->w.store, f->w.qco_b2, t1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_tapping_undo (f->w.store, f->w.tl_b, t1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_true (tam_tapping_undo (f->w.store, f->w.qco_b, t1, &error));
  g_assert_no_error (error);
  call = tam_call_get (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_cmpstr (call->state, ==, "PENDING");
  g_assert_cmpint (call->attempts, ==, 0);
  g_assert_null (call->first_verdict);
  g_assert_cmpint (call->claimed_by, ==, f->w.qco_b->person_id); /* back on it */
  /* Kept, flagged. */
  g_assert_cmpint (world_int (&f->w, "SELECT undone FROM tappings WHERE id = ?", t1), ==, 1);
  g_assert_false (tam_tapping_undo (f->w.store, f->w.qco_b, t1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* The verdict again, within the same second: a new row. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", consent, "Ask again", &t2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t2, !=, t1);
  g_assert_cmpint (world_int (&f->w, "SELECT attempt FROM tappings WHERE id = ?", t2), ==, 1);
  g_clear_pointer (&call, tam_call_free);
  call = tam_call_get (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_cmpstr (call->first_verdict, ==, "RETURN");

  /* Once the TL has recorded the re-call, the RETURN stays. */
  g_assert_true (tam_call_recall (f->w.store, f->w.tl_b, f->b1, "vr/again.wav", NULL, NULL, &error));
  g_assert_false (tam_tapping_undo (f->w.store, f->w.qco_b, t2, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Undoing attempt 2 goes back to RECALLED and keeps the first verdict. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, &t3, &error));
  g_assert_true (tam_tapping_undo (f->w.store, f->w.qco_b, t3, &error));
  g_assert_no_error (error);
  g_clear_pointer (&call, tam_call_free);
  call = tam_call_get (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_cmpstr (call->state, ==, "RECALLED");
  g_assert_cmpint (call->attempts, ==, 1);
  g_assert_cmpstr (call->first_verdict, ==, "RETURN");

  /* An older tapping cannot be undone. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, &t4, &error));
  g_assert_false (tam_tapping_undo (f->w.store, f->w.qco_b, t2, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_clear_error (&error);

  world_check_state_days (&f->w);
  history = tam_call_history (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_cmpuint (history->len, ==, 5); /* 4 tappings (2 undone) + 1 re-call */
  g_assert_true (((TamTappingRecord *) history->pdata[0])->undone);
  g_assert_false (((TamTappingRecord *) history->pdata[4])->undone);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM audit_log WHERE action = 'UNDO_TAP' AND ? > 0", 1), ==, 2);
}

static GPtrArray *
fetch (Fixture *f,
       TamSession *s,
       const TamQueueFilter *filter,
       gint64 offset,
       guint limit)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *calls = tam_queue_fetch (f->w.store, s, filter, offset, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (calls);
  return calls;
}

static void
test_queue (Fixture *f,
            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamQueueFilter) filter = tam_queue_filter_new ();
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (GPtrArray) rest = NULL;
  gint64 counts[TAM_N_STATES];
  char id[32], start[32];

  /* More Bandung calls, some at the same second (ordered by id then). */
  for (int i = 0; i < 30; i++)
    {
      g_snprintf (id, sizeof id, "Q-%03d", i);
      g_snprintf (start, sizeof start, "2026-10-%02d 09:%02d:00", 10 + i / 10, (i % 10) / 2);
      world_call (&f->w, id, i % 2 ? f->w.ani : f->w.budi, "BANDUNG", "ADDON_CONSUMER", start, "AGREE");
    }

  /* Oldest first, for everyone who sees them. */
  all = fetch (f, f->w.qco_b, NULL, 0, 1000);
  g_assert_cmpuint (all->len, ==, 34);
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, NULL, &error), ==, 34);
  g_assert_cmpstr (((TamCall *) all->pdata[0])->call_id, ==, "C-001");
  for (guint i = 1; i < all->len; i++)
    {
      TamCall *a = all->pdata[i - 1], *b = all->pdata[i];
      int cmp = strcmp (a->call_start, b->call_start);
      g_assert_true (cmp < 0 || (cmp == 0 && a->id < b->id));
    }

  /* Offset paging and keyset paging agree with the whole list. */
  page = fetch (f, f->w.qco_b, NULL, 10, 7);
  g_assert_cmpuint (page->len, ==, 7);
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpint (((TamCall *) page->pdata[i])->id, ==, ((TamCall *) all->pdata[10 + i])->id);
  {
    TamCall *last = page->pdata[page->len - 1];
    rest = tam_queue_fetch_after (f->w.store, f->w.qco_b, NULL, last->call_start, last->id, 100, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rest->len, ==, 34 - 17);
    for (guint i = 0; i < rest->len; i++)
      g_assert_cmpint (((TamCall *) rest->pdata[i])->id, ==, ((TamCall *) all->pdata[17 + i])->id);
    for (guint i = 0; i < all->len; i += 5)
      g_assert_cmpint (tam_queue_position (f->w.store, f->w.qco_b, NULL,
                                           ((TamCall *) all->pdata[i])->id, &error),
                       ==, i);
  }
  g_clear_pointer (&page, g_ptr_array_unref);
  page = fetch (f, f->w.qco_b, NULL, 100, 10);
  g_assert_cmpuint (page->len, ==, 0);

  /* Filters. */
  filter->service = g_strdup ("CT0_PRANPC");
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, filter, &error), ==, 1);
  g_clear_pointer (&filter->service, g_free);
  filter->agent_id = f->w.ani;
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, filter, &error), ==, 2 + 15);
  filter->agent_id = 0;
  filter->team_leader_id = f->w.tl_b->person_id;
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, filter, &error), ==, 33);
  filter->team_leader_id = 0;
  filter->from = g_strdup ("2026-10-05");
  filter->to = g_strdup ("05/10/2026");
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, filter, &error), ==, 3);
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, filter, &error), ==, 2);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = fetch (f, f->w.spvq, filter, 0, 10);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpstr (((TamCall *) page->pdata[2])->call_id, ==, "M-001");
  g_clear_pointer (&filter->to, g_free);
  filter->to = g_strdup ("not a date");
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, filter, &error), ==, -1);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&filter->to, g_free);
  g_clear_pointer (&filter->from, g_free);

  /* States: decide some, and look at each state. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b2, "RETURN", consent, "x", NULL, &error));
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b3, "RETURN", consent, "x", NULL, &error));
  g_assert_true (tam_call_recall (f->w.store, f->w.tl_b, f->b3, "vr/b3.wav", NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (tam_queue_state_counts (f->w.store, f->w.qco_b, NULL, counts, &error));
  g_assert_cmpint (counts[TAM_STATE_PENDING], ==, 31);
  g_assert_cmpint (counts[TAM_STATE_VALID], ==, 1);
  g_assert_cmpint (counts[TAM_STATE_RETURNED], ==, 1);
  g_assert_cmpint (counts[TAM_STATE_RECALLED], ==, 1);
  g_assert_true (tam_queue_state_counts (f->w.store, f->w.spvq, NULL, counts, &error));
  g_assert_cmpint (counts[TAM_STATE_PENDING], ==, 32);
  filter->agent_id = f->w.ani;
  g_assert_true (tam_queue_state_counts (f->w.store, f->w.spvq, filter, counts, &error));
  g_assert_cmpint (counts[TAM_STATE_PENDING], ==, 15);
  g_assert_cmpint (counts[TAM_STATE_VALID], ==, 1);
  g_assert_cmpint (counts[TAM_STATE_RETURNED], ==, 1);
  g_assert_cmpint (counts[TAM_STATE_RECALLED], ==, 0);
  filter->agent_id = 0;

  /* Waiting = PENDING + RECALLED. */
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, NULL, &error), ==, 32);
  filter->state = g_strdup ("RETURNED");
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, filter, &error), ==, 1);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = fetch (f, f->w.tl_b, filter, 0, 10);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (((TamCall *) page->pdata[0])->call_id, ==, "B-002");
  g_clear_pointer (&filter->state, g_free);
  filter->state = g_strdup ("RECALLED");
  filter->site = g_strdup ("BANDUNG");
  g_clear_pointer (&page, g_ptr_array_unref);
  page = fetch (f, f->w.spvq, filter, 0, 10);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (((TamCall *) page->pdata[0])->recording, ==, "vr/b3.wav");
  g_assert_cmpint (tam_queue_position (f->w.store, f->w.spvq, filter, f->b3, &error), ==, 0);
  g_assert_cmpint (tam_queue_position (f->w.store, f->w.spvq, filter, f->b1, &error), ==, -1);
  g_clear_pointer (&filter->state, g_free);
  filter->state = g_strdup ("DONE");
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, filter, &error), ==, -1);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  world_check_state_days (&f->w);

  {
    g_autoptr (TamQueueFilter) a = tam_queue_filter_new ();
    g_autoptr (TamQueueFilter) b = NULL;
    a->site = g_strdup ("");
    g_assert_true (tam_queue_filter_equal (a, NULL));
    b = tam_queue_filter_copy (filter);
    g_assert_true (tam_queue_filter_equal (b, filter));
    g_assert_false (tam_queue_filter_equal (a, filter));
  }
}

/* Deep pages: past the middle the page is read from the end; both ways
 * must give the same rows as the plain order. */
static void
test_deep_pages (Fixture *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  const gint64 offsets[] = { 0, 4999, 5000, 6100, 9000, 11950, 12003, 12004, 20000 };
  gint64 n;

  g_assert_true (tam_store_begin (f->w.store, &error));
  for (int i = 0; i < 12000; i++)
    {
      char id[32], start[32];

      g_snprintf (id, sizeof id, "DEEP-%05d", i);
      /* Three calls a second, out of id order. */
      g_snprintf (start, sizeof start, "2026-09-%02d %02d:%02d:%02d", 1 + (11999 - i) / 1200,
                  8 + ((11999 - i) / 180) % 6, ((11999 - i) / 3) % 60, 0);
      world_call (&f->w, id, i % 3 ? f->w.ani : f->w.budi, "BANDUNG", "ADDON_CONSUMER", start, "AGREE");
    }
  g_assert_true (tam_store_commit (f->w.store, &error));

  stmt = tam_store_prepare (f->w.store,
                            "SELECT id FROM calls WHERE site = 'BANDUNG' AND state IN ('PENDING','RECALLED')"
                            " ORDER BY call_start, id",
                            NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  n = tam_queue_count (f->w.store, f->w.qco_b, NULL, &error);
  g_assert_cmpint (n, ==, ids->len);
  g_assert_cmpint (n, ==, 12004);

  for (guint k = 0; k < G_N_ELEMENTS (offsets); k++)
    {
      g_autoptr (GPtrArray) page = fetch (f, f->w.qco_b, NULL, offsets[k], 200);
      gint64 expected = CLAMP (n - offsets[k], 0, 200);

      g_assert_cmpint (page->len, ==, expected);
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpint (((TamCall *) page->pdata[i])->id, ==, g_array_index (ids, gint64, offsets[k] + i));
    }
}

/* The per-day counts follow inserts (absorbed on the next count), every
 * verdict, undo and re-call, and can be rebuilt. */
static void
test_counts (Fixture *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 counts[TAM_N_STATES];
  gint64 late, tid = 0;

  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, NULL, &error), ==, 5);
  world_check_state_days (&f->w);

  /* A call imported after the counts were taken, decided before the next
   * count: counted once, in its new state. */
  late = world_call (&f->w, "LATE-1", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-07 09:00:00", "AGREE");
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, late, "VALID", NULL, NULL, NULL, &error));
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", consent, "x", &tid, &error));
  g_assert_no_error (error);

  /* Inside someone's transaction the counts are not brought up to date
   * (that would need the write lock): counted from the calls instead. */
  world_call (&f->w, "LATE-2", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-07 10:00:00", "AGREE");
  g_assert_true (tam_store_exec (f->w.store, "BEGIN", &error));
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, NULL, &error), ==, 5);
  g_assert_true (tam_queue_state_counts (f->w.store, f->w.qco_b, NULL, counts, &error));
  g_assert_cmpint (counts[TAM_STATE_PENDING], ==, 4);
  g_assert_cmpint (counts[TAM_STATE_VALID], ==, 1);
  g_assert_cmpint (counts[TAM_STATE_RETURNED], ==, 1);
  g_assert_true (tam_store_exec (f->w.store, "COMMIT", &error));

  g_assert_true (tam_queue_state_counts (f->w.store, f->w.qco_b, NULL, counts, &error));
  g_assert_cmpint (counts[TAM_STATE_PENDING], ==, 4);
  g_assert_cmpint (counts[TAM_STATE_VALID], ==, 1);
  g_assert_cmpint (counts[TAM_STATE_RETURNED], ==, 1);
  world_check_state_days (&f->w);

  g_assert_true (tam_call_recall (f->w.store, f->w.tl_b, f->b1, "vr/x.wav", NULL, NULL, &error));
  g_assert_true (tam_queue_state_counts (f->w.store, f->w.spvq, NULL, counts, &error));
  g_assert_cmpint (counts[TAM_STATE_RETURNED], ==, 0);
  g_assert_cmpint (counts[TAM_STATE_RECALLED], ==, 1);
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, &tid, &error));
  g_assert_true (tam_tapping_undo (f->w.store, f->w.qco_b, tid, &error));
  g_assert_no_error (error);
  world_check_state_days (&f->w);

  /* A purge deletes calls, then rebuilds. */
  g_assert_true (tam_store_exec (f->w.store, "DELETE FROM calls WHERE call_id = 'LATE-2'", &error));
  g_assert_true (tam_queue_counts_rebuild (f->w.store, &error));
  g_assert_no_error (error);
  world_check_state_days (&f->w);
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, NULL, &error), ==, 5);
}

/* A plain count of the calls for a team / agent filter, as the counts
 * must give it; @state NULL: the waiting calls. */
typedef struct
{
  gint64 tl, agent;
  const char *from, *to, *to_excl, *site, *service;
} CountFilter;

static gint64
plain_count (Fixture *f,
             const CountFilter *cf,
             const char *state)
{
  sqlite3_stmt *stmt = tam_store_prepare (f->w.store,
                                          "SELECT count(*) FROM calls c JOIN people a ON a.id = c.agent_id"
                                          " WHERE (CASE WHEN ?1 IS NULL THEN c.state IN ('PENDING','RECALLED') ELSE c.state = ?1 END)"
                                          " AND (?2 = 0 OR a.team_leader_id = ?2) AND (?3 = 0 OR c.agent_id = ?3)"
                                          " AND c.call_start >= COALESCE (?4, '') AND c.call_start < COALESCE (?5, '9999')"
                                          " AND (?6 IS NULL OR c.site = ?6) AND (?7 IS NULL OR c.service = ?7)",
                                          NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  tam_stmt_bind_text_or_null (stmt, 1, state);
  sqlite3_bind_int64 (stmt, 2, cf->tl);
  sqlite3_bind_int64 (stmt, 3, cf->agent);
  tam_stmt_bind_text_or_null (stmt, 4, cf->from);
  tam_stmt_bind_text_or_null (stmt, 5, cf->to_excl);
  tam_stmt_bind_text_or_null (stmt, 6, cf->site);
  tam_stmt_bind_text_or_null (stmt, 7, cf->service);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* Every count of a team or an agent, with and without the other filters,
 * against the plain count. Outside a transaction the counts bring the
 * per-day tables up to date and sum them; inside one, with calls not
 * added yet (@behind), they count the calls themselves. */
static void
check_team_counts (Fixture *f,
                   gboolean behind)
{
  static const char *const states[TAM_N_STATES] = { "PENDING", "VALID", "RETURNED", "RECALLED" };
  const CountFilter filters[] = {
    { f->w.tl_b->person_id, 0, NULL, NULL, NULL, NULL, NULL },
    { f->w.tl_b2->person_id, 0, NULL, NULL, NULL, NULL, NULL },
    { f->w.tl_m->person_id, 0, NULL, NULL, NULL, NULL, NULL },
    { f->w.tl_b->person_id, 0, "2026-10-06", "2026-10-07", "2026-10-08", NULL, NULL },
    { f->w.tl_b->person_id, 0, NULL, NULL, NULL, "BANDUNG", "CT0_PRANPC" },
    { f->w.tl_b->person_id, 0, NULL, NULL, NULL, "MEDAN", NULL },
    { 0, f->w.ani, NULL, NULL, NULL, NULL, NULL },
    { 0, f->w.budi, NULL, NULL, NULL, NULL, NULL },
    { 0, f->w.cici, NULL, NULL, NULL, NULL, NULL },
    { 0, f->w.dodi, NULL, NULL, NULL, NULL, NULL },
    { 0, f->w.ani, "2026-10-07", "2026-10-07", "2026-10-08", NULL, "ADDON_CONSUMER" },
    { f->w.tl_b->person_id, f->w.ani, NULL, NULL, NULL, "BANDUNG", NULL },
    { f->w.tl_m->person_id, f->w.ani, NULL, NULL, NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      const CountFilter *cf = &filters[i];
      g_autoptr (TamQueueFilter) filter = tam_queue_filter_new ();
      g_autoptr (GError) error = NULL;
      gint64 counts[TAM_N_STATES];

      g_test_message ("filter %u", i);
      filter->team_leader_id = cf->tl;
      filter->agent_id = cf->agent;
      filter->from = g_strdup (cf->from);
      filter->to = g_strdup (cf->to);
      filter->site = g_strdup (cf->site);
      filter->service = g_strdup (cf->service);
      g_assert_true (tam_queue_state_counts (f->w.store, f->w.spvq, filter, counts, &error));
      g_assert_no_error (error);
      for (int k = 0; k < TAM_N_STATES; k++)
        g_assert_cmpint (counts[k], ==, plain_count (f, cf, states[k]));
      g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, filter, &error), ==, plain_count (f, cf, NULL));
      for (int k = 0; k < TAM_N_STATES; k++)
        {
          g_free (filter->state);
          filter->state = g_strdup (states[k]);
          g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, filter, &error), ==,
                           plain_count (f, cf, states[k]));
        }
      g_assert_no_error (error);
    }
  /* A team leader's own view is their team. */
  {
    gint64 counts[TAM_N_STATES];
    const CountFilter own = { f->w.tl_b->person_id, 0, NULL, NULL, NULL, NULL, NULL };

    g_assert_true (tam_queue_state_counts (f->w.store, f->w.tl_b, NULL, counts, NULL));
    for (int k = 0; k < TAM_N_STATES; k++)
      g_assert_cmpint (counts[k], ==, plain_count (f, &own, states[k]));
  }
  g_assert_cmpint (world_int (&f->w, "SELECT max (id) > CAST (value AS INTEGER) FROM calls, settings"
                                     " WHERE key = 'queue_counts_upto' AND ? > 0",
                              1),
                   ==, behind);
}

static void
import_calls (Fixture *f,
              const char *name,
              const char *csv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->w.dir, name, NULL);
  TamImportResult result = { 0 };

  g_assert_true (g_file_set_contents (path, csv, -1, &error));
  g_assert_true (tam_import_file (f->w.store, f->w.spvq, TAM_IMPORT_CALLS, path, NULL, NULL, NULL,
                                  NULL, &result, &error));
  g_assert_no_error (error);
  tam_import_result_clear (&result);
}

static gint64
call_by_id (Fixture *f,
            const char *call_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCall) call = tam_call_find (f->w.store, f->w.spvq, call_id, &error);

  g_assert_no_error (error);
  return call->id;
}

/* The counts of a team or an agent come from call_agent_days; they equal
 * a plain count of the calls after imports, verdicts, undo and re-calls,
 * and for calls imported after the counts were taken. */
static void
test_team_counts (Fixture *f,
                  gconstpointer data)
{
  static const char header[] = "call_id,agent_nik,service,call_start,result,customer_number,product,recording\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = g_string_new (header);
  const char *const niks[] = { "10000001", "10000002", "10000003", "20000001" };
  const char *const services[] = { "ADDON_CONSUMER", "ADDON_CONSUMER", "CT0_PRANPC", "ADDON_CONSUMER" };
  gint64 tid = 0;

  /* Four days of calls of the four agents, a third of them AGREE; one
   * of cici's under another service. */
  for (int i = 0; i < 96; i++)
    g_string_append_printf (csv, "IMP-%03d,%s,%s,2026-10-%02d %02d:%02d:00,%s,0812%08d,,vr/x.wav\n", i,
                            niks[i % 4], i == 6 ? "ADDON_CONSUMER" : services[i % 4], 5 + i / 24,
                            8 + (i % 24) / 3, (i * 7) % 60, i % 3 ? "DECLINE" : "AGREE", i);
  import_calls (f, "calls-1.csv", csv->str);
  /* The import counted its own calls (issue 7): the first reader finds
   * nothing behind. */
  check_team_counts (f, FALSE);
  /* Calls that reach the table another way are counted while behind. */
  world_call (&f->w, "RAW-1", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-06 10:00:00", "AGREE");
  world_call (&f->w, "RAW-2", f->w.cici, "BANDUNG", "CT0_PRANPC", "2026-10-07 11:00:00", "AGREE");
  g_assert_true (tam_store_exec (f->w.store, "BEGIN", &error));
  check_team_counts (f, TRUE);
  g_assert_true (tam_store_exec (f->w.store, "COMMIT", &error));
  check_team_counts (f, FALSE);
  world_check_state_days (&f->w);

  /* Verdicts, a re-call, an undo: the counts move with each. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, call_by_id (f, "IMP-000"), "VALID", NULL, NULL, NULL, &error));
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, call_by_id (f, "IMP-012"), "RETURN", consent, "x", NULL, &error));
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, call_by_id (f, "IMP-024"), "RETURN", consent, "x", NULL, &error));
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, call_by_id (f, "IMP-006"), "VALID", NULL, NULL, NULL, &error));
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_m, call_by_id (f, "IMP-003"), "RETURN", consent, "x", NULL, &error));
  g_assert_no_error (error);
  check_team_counts (f, FALSE);
  g_assert_true (tam_call_recall (f->w.store, f->w.tl_b, call_by_id (f, "IMP-012"), "vr/r.wav", NULL, NULL, &error));
  g_assert_true (tam_call_recall (f->w.store, f->w.tl_m, call_by_id (f, "IMP-003"), "vr/r.wav", NULL, NULL, &error));
  g_assert_no_error (error);
  check_team_counts (f, FALSE);
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, call_by_id (f, "IMP-012"), "VALID", NULL, NULL, &tid, &error));
  check_team_counts (f, FALSE);
  g_assert_true (tam_tapping_undo (f->w.store, f->w.qco_b, tid, &error));
  g_assert_no_error (error);
  check_team_counts (f, FALSE);
  /* The first verdict of a call undone: back to PENDING, no first verdict. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, call_by_id (f, "IMP-036"), "RETURN", consent, "x", &tid, &error));
  g_assert_true (tam_tapping_undo (f->w.store, f->w.qco_b, tid, &error));
  g_assert_no_error (error);
  check_team_counts (f, FALSE);
  world_check_state_days (&f->w);

  /* A second file: counted from the calls until the next update; one of
   * its calls decided before that. */
  g_string_assign (csv, header);
  for (int i = 0; i < 24; i++)
    g_string_append_printf (csv, "NEW-%03d,%s,%s,2026-10-09 %02d:00:00,AGREE,0813%08d,,vr/x.wav\n", i,
                            niks[i % 4], services[i % 4], 8 + i / 4, i);
  import_calls (f, "calls-2.csv", csv->str);
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, call_by_id (f, "NEW-000"), "VALID", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  check_team_counts (f, FALSE);
  /* A call the counts have not taken yet, decided before they do. */
  world_call (&f->w, "RAW-3", f->w.budi, "BANDUNG", "ADDON_CONSUMER", "2026-10-09 17:00:00", "AGREE");
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, call_by_id (f, "RAW-3"), "VALID", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tam_store_exec (f->w.store, "BEGIN", &error));
  check_team_counts (f, TRUE);
  g_assert_true (tam_store_exec (f->w.store, "COMMIT", &error));
  check_team_counts (f, FALSE);
  world_check_state_days (&f->w);

  /* The same file again adds nothing. */
  import_calls (f, "calls-2-again.csv", csv->str);
  check_team_counts (f, FALSE);
  world_check_state_days (&f->w);
}

/* The waiting calls of every site (and of a service) are the PENDING and
 * RECALLED ranges of calls_queue merged: any page, keyset page and
 * position agree with the plain order. */

/* A filter few calls match among many (a rare service, a state at one
 * site): the per-day counts narrow the walk to the days that hold them;
 * the rows are the same as a plain query's, and a filter that matches
 * nothing returns at once. Calls the counts have not absorbed yet are
 * still found. */
static GArray *
plain_ids (Fixture *f,
           const char *service,
           const char *site,
           const char *state)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = tam_store_prepare (f->w.store,
                                          "SELECT id FROM calls WHERE (?3 IS NULL AND state IN ('PENDING','RECALLED') OR state = ?3)"
                                          " AND (?1 IS NULL OR service = ?1) AND (?2 IS NULL OR site = ?2)"
                                          " ORDER BY call_start, id",
                                          NULL);

  tam_stmt_bind_text_or_null (stmt, 1, service);
  tam_stmt_bind_text_or_null (stmt, 2, site);
  tam_stmt_bind_text_or_null (stmt, 3, state);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}

static void
assert_same_rows (Fixture *f,
                  TamQueueFilter *filter,
                  GArray *ids)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = fetch (f, f->w.spvq, filter, 0, 100000);
  g_autoptr (GPtrArray) first = fetch (f, f->w.spvq, filter, 0, 3);

  g_assert_cmpuint (all->len, ==, ids->len);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (((TamCall *) all->pdata[i])->id, ==, g_array_index (ids, gint64, i));
  /* Keyset paging, three at a time. */
  {
    guint done = 0;
    GPtrArray *page = g_ptr_array_ref (first);

    while (page->len > 0)
      {
        TamCall *last = page->pdata[page->len - 1];
        GPtrArray *next;

        for (guint i = 0; i < page->len; i++)
          g_assert_cmpint (((TamCall *) page->pdata[i])->id, ==, g_array_index (ids, gint64, done + i));
        done += page->len;
        next = tam_queue_fetch_after (f->w.store, f->w.spvq, filter, last->call_start, last->id, 3, &error);
        g_assert_no_error (error);
        g_ptr_array_unref (page);
        page = next;
      }
    g_ptr_array_unref (page);
    g_assert_cmpuint (done, ==, ids->len);
  }
}

static void
test_queue_narrow (Fixture *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (tam_store_begin (f->w.store, &error));
  for (int i = 0; i < 3000; i++)
    {
      char id[32], start[32];

      g_snprintf (id, sizeof id, "NRW-%05d", i);
      g_snprintf (start, sizeof start, "2026-08-%02d %02d:%02d:00", 1 + i % 28, 8 + i % 9, i % 60);
      world_call (&f->w, id, f->w.ani, "BANDUNG", "ADDON_CONSUMER", start, "AGREE");
    }
  /* Five WiFi calls on two days, one of them at the last second of a day. */
  world_call (&f->w, "NRW-W1", f->w.cici, "BANDUNG", "WIFI_DIGITAL", "2026-08-09 10:00:00", "AGREE");
  world_call (&f->w, "NRW-W2", f->w.cici, "BANDUNG", "WIFI_DIGITAL", "2026-08-09 10:00:00", "AGREE");
  world_call (&f->w, "NRW-W3", f->w.cici, "BANDUNG", "WIFI_DIGITAL", "2026-08-09 23:59:59", "AGREE");
  world_call (&f->w, "NRW-W4", f->w.cici, "BANDUNG", "WIFI_DIGITAL", "2026-08-20 08:00:00", "AGREE");
  world_call (&f->w, "NRW-W5", f->w.cici, "BANDUNG", "WIFI_DIGITAL", "2026-08-20 17:30:00", "AGREE");
  /* A few decided at Medan. */
  for (int i = 0; i < 4; i++)
    {
      char id[32], start[32];

      g_snprintf (id, sizeof id, "NRW-M%d", i);
      g_snprintf (start, sizeof start, "2026-08-%02d 09:00:00", 3 + 7 * i);
      world_call (&f->w, id, f->w.dodi, "MEDAN", "ADDON_CONSUMER", start, "AGREE");
    }
  g_assert_true (tam_store_exec (f->w.store,
                                 "UPDATE calls SET state = 'VALID', attempts = 1, first_verdict = 'VALID'"
                                 " WHERE call_id IN ('NRW-M1', 'NRW-M2', 'NRW-00007', 'NRW-00008', 'NRW-W5')",
                                 &error));
  g_assert_true (tam_store_commit (f->w.store, &error));
  g_assert_true (tam_queue_counts_rebuild (f->w.store, &error));
  g_assert_no_error (error);

  {
    g_autoptr (TamQueueFilter) filter = tam_queue_filter_new ();
    g_autoptr (GArray) ids = NULL;

    filter->service = g_strdup ("WIFI_DIGITAL");
    ids = plain_ids (f, "WIFI_DIGITAL", NULL, NULL);
    g_assert_cmpuint (ids->len, ==, 4);
    assert_same_rows (f, filter, ids);

    /* With a site, and a date range that cuts the rare days. */
    filter->site = g_strdup ("BANDUNG");
    assert_same_rows (f, filter, ids);
    g_free (filter->from);
    filter->from = g_strdup ("2026-08-10");
    g_array_unref (ids);
    ids = plain_ids (f, "WIFI_DIGITAL", NULL, NULL);
    g_array_remove_range (ids, 0, 3);
    assert_same_rows (f, filter, ids);
    g_clear_pointer (&filter->from, g_free);

    /* A state at one site. */
    g_clear_pointer (&filter->service, g_free);
    g_free (filter->site);
    filter->site = g_strdup ("MEDAN");
    filter->state = g_strdup ("VALID");
    g_array_unref (ids);
    ids = plain_ids (f, NULL, "MEDAN", "VALID");
    g_assert_cmpuint (ids->len, ==, 2);
    assert_same_rows (f, filter, ids);

    /* Nothing matches: an empty page. */
    g_free (filter->site);
    filter->site = NULL;
    g_free (filter->state);
    filter->state = g_strdup ("RETURNED");
    filter->service = g_strdup ("WIFI_DIGITAL");
    g_array_set_size (ids, 0);
    assert_same_rows (f, filter, ids);

    /* A call the counts have not absorbed yet (no count since): found. */
    g_clear_pointer (&filter->state, g_free);
    world_call (&f->w, "NRW-W6", f->w.cici, "BANDUNG", "WIFI_DIGITAL", "2026-08-25 11:00:00", "AGREE");
    g_array_unref (ids);
    ids = plain_ids (f, "WIFI_DIGITAL", NULL, NULL);
    g_assert_cmpuint (ids->len, ==, 5);
    assert_same_rows (f, filter, ids);
  }
}

static void
test_queue_merge (Fixture *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const int n_calls = 12000;
  guint32 x = 2463534242u;

  g_assert_true (tam_store_begin (f->w.store, &error));
  for (int i = 0; i < n_calls; i++)
    {
      char id[32], start[32];
      gint64 agents[] = { f->w.ani, f->w.budi, f->w.cici, f->w.dodi };
      const char *sites[] = { "BANDUNG", "BANDUNG", "BANDUNG", "MEDAN" };
      const char *services[] = { "ADDON_CONSUMER", "ADDON_CONSUMER", "CT0_PRANPC", "ADDON_CONSUMER" };
      guint k;

      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      k = x % 4;
      g_snprintf (id, sizeof id, "MRG-%05d", i);
      /* Out of id order, several calls a second. */
      g_snprintf (start, sizeof start, "2026-09-%02u %02u:%02u:%02u", 1 + (x >> 3) % 20,
                  8 + (x >> 8) % 8, (x >> 12) % 60, (x >> 18) % 4);
      world_call (&f->w, id, agents[k], sites[k], services[k], start, "AGREE");
    }
  /* About a tenth of them re-called, some decided. */
  g_assert_true (tam_store_exec (f->w.store,
                                 "UPDATE calls SET state = CASE id % 10 WHEN 3 THEN 'RECALLED' WHEN 5 THEN 'VALID' ELSE state END,"
                                 " attempts = CASE WHEN id % 10 IN (3, 5) THEN 1 ELSE 0 END,"
                                 " first_verdict = CASE id % 10 WHEN 3 THEN 'RETURN' WHEN 5 THEN 'VALID' END"
                                 " WHERE call_id LIKE 'MRG-%'",
                                 &error));
  g_assert_true (tam_store_commit (f->w.store, &error));
  g_assert_true (tam_queue_counts_rebuild (f->w.store, &error));
  g_assert_no_error (error);
  world_check_state_days (&f->w);

  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr (TamQueueFilter) filter = tam_queue_filter_new ();
      g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      sqlite3_stmt *stmt;
      gint64 n, offsets[6];
      TamCall *last = NULL;
      g_autoptr (GPtrArray) page = NULL;
      guint done = 0;

      if (pass == 1)
        filter->service = g_strdup ("ADDON_CONSUMER");
      stmt = tam_store_prepare (f->w.store,
                                "SELECT id FROM calls WHERE state IN ('PENDING','RECALLED') AND (?1 IS NULL OR service = ?1)"
                                " ORDER BY call_start, id",
                                NULL);
      tam_stmt_bind_text_or_null (stmt, 1, filter->service);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
      sqlite3_reset (stmt);
      n = tam_queue_count (f->w.store, f->w.spvq, filter, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, ==, ids->len);
      g_assert_cmpint (n, >, 7000);

      offsets[0] = 0;
      offsets[1] = 137;
      offsets[2] = 5000;
      offsets[3] = n / 2 + 10;
      offsets[4] = n - 150;
      offsets[5] = n - 1;
      for (guint k = 0; k < G_N_ELEMENTS (offsets); k++)
        {
          g_autoptr (GPtrArray) p = fetch (f, f->w.spvq, filter, offsets[k], 200);

          g_assert_cmpint (p->len, ==, CLAMP (n - offsets[k], 0, 200));
          for (guint i = 0; i < p->len; i++)
            g_assert_cmpint (((TamCall *) p->pdata[i])->id, ==, g_array_index (ids, gint64, offsets[k] + i));
        }
      /* Keyset paging through the first 2,000. */
      page = fetch (f, f->w.spvq, filter, 0, 500);
      while (done < 2000)
        {
          GPtrArray *next;

          for (guint i = 0; i < page->len; i++)
            g_assert_cmpint (((TamCall *) page->pdata[i])->id, ==, g_array_index (ids, gint64, done + i));
          done += page->len;
          last = page->pdata[page->len - 1];
          next = tam_queue_fetch_after (f->w.store, f->w.spvq, filter, last->call_start, last->id, 500, &error);
          g_assert_no_error (error);
          g_ptr_array_unref (page);
          page = next;
        }
      for (guint i = 0; i < ids->len; i += 997)
        g_assert_cmpint (tam_queue_position (f->w.store, f->w.spvq, filter, g_array_index (ids, gint64, i),
                                             &error),
                         ==, i);
      g_assert_no_error (error);
    }
}

/* A database of schema 1 whose counts were current: opened, it loses
 * the three indexes, gains call_agent_days, and both tables are counted
 * afresh from the calls at the next count. */
static void
test_upgrade (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tam-test-upgrade-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autoptr (TamStore) store = NULL;
  g_autoptr (TamSession) spvq = tam_session_new (2, "SPQ001", "Yuni", "SUPERVISOR_QUALITY", "BANDUNG", NULL);
  g_autoptr (TamQueueFilter) filter = tam_queue_filter_new ();
  gint64 counts[TAM_N_STATES];
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, tam_schema_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 1;"
                                 "INSERT INTO people (id, nik, name, role, site, service, status, hired_on) VALUES"
                                 " (1, 'TLB001', 'Asep', 'TEAM_LEADER', 'BANDUNG', 'ADDON_CONSUMER', 'ACTIVE', '2025-01-06'),"
                                 " (2, 'SPQ001', 'Yuni', 'SUPERVISOR_QUALITY', 'BANDUNG', NULL, 'ACTIVE', '2025-01-06');"
                                 "INSERT INTO people (id, nik, name, role, site, service, team_leader_id, status, hired_on) VALUES"
                                 " (3, '10000001', 'Ani', 'AGENT', 'BANDUNG', 'ADDON_CONSUMER', 1, 'ACTIVE', '2025-01-06');"
                                 "INSERT INTO calls (call_id, agent_id, site, service, call_start, month, result, customer_number,"
                                 "  state, attempts, first_verdict) VALUES"
                                 " ('U1', 3, 'BANDUNG', 'ADDON_CONSUMER', '2026-10-05 09:00:00', '2026-10', 'AGREE', '0812', 'PENDING', 0, NULL),"
                                 " ('U2', 3, 'BANDUNG', 'ADDON_CONSUMER', '2026-10-05 10:00:00', '2026-10', 'AGREE', '0812', 'VALID', 1, 'VALID'),"
                                 " ('U3', 3, 'BANDUNG', 'ADDON_CONSUMER', '2026-10-06 10:00:00', '2026-10', 'DECLINE', '0812', NULL, 0, NULL);"
                                 "INSERT INTO call_state_days VALUES ('BANDUNG', 'ADDON_CONSUMER', '2026-10-05', 'PENDING', 1),"
                                 " ('BANDUNG', 'ADDON_CONSUMER', '2026-10-05', 'VALID', 1);"
                                 "UPDATE settings SET value = '3' WHERE key = 'queue_counts_upto';",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  store = tam_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_store_query_int (store, "PRAGMA user_version", -1, NULL), ==, TAM_SCHEMA_VERSION);
  g_assert_cmpint (tam_store_query_int (store,
                                        "SELECT count(*) FROM sqlite_schema WHERE name IN ('calls_month','calls_f18','calls_waiting')", -1, NULL),
                   ==, 0);
  g_assert_cmpint (tam_store_query_int (store, "SELECT count(*) FROM call_state_days", -1, NULL), ==, 0);
  filter->team_leader_id = 1;
  g_assert_true (tam_queue_state_counts (store, spvq, filter, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts[TAM_STATE_PENDING], ==, 1);
  g_assert_cmpint (counts[TAM_STATE_VALID], ==, 1);
  g_assert_cmpint (tam_store_query_int (store, "SELECT sum (n) FROM call_state_days", -1, NULL), ==, 2);
  g_assert_cmpint (tam_store_query_int (store,
                                        "SELECT n FROM call_agent_days WHERE agent_id = 3 AND state = 'VALID' AND first_verdict = 'VALID'", -1, NULL),
                   ==, 1);

  g_clear_object (&store);
  for (const char *const *suffix = (const char *const[]){ "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *p = g_strconcat (path, *suffix, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

static void
test_parameters (Fixture *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = tam_parameters_list (f->w.store, "CT0_PRANPC", FALSE, &error);
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (TamParameter) p = tam_parameter_new ();
  g_autoptr (TamParameter) dup = NULL;
  TamParameter *first;
  int critical = 0;
  const char *const empathy[] = { "EMPATHY", NULL };

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 6);
  first = list->pdata[0];
  g_assert_cmpstr (first->code, ==, "GREETING");
  for (guint i = 0; i < list->len; i++)
    critical += ((TamParameter *) list->pdata[i])->critical;
  g_assert_cmpint (critical, ==, 3);

  p->service = g_strdup ("ADDON_CONSUMER");
  p->code = g_strdup ("EMPATHY");
  p->text = g_strdup ("  Empathy shown  ");
  p->critical = TRUE;
  p->position = 7;
  g_assert_true (tam_parameter_save (f->w.store, f->w.spvq, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p->id, >, 0);
  g_assert_cmpstr (p->text, ==, "Empathy shown");
  dup = tam_parameter_copy (p);
  dup->id = 0;
  g_assert_false (tam_parameter_save (f->w.store, f->w.spvq, dup, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_free (dup->code);
  dup->code = g_strdup ("bad code");
  g_assert_false (tam_parameter_save (f->w.store, f->w.spvq, dup, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  /* The new critical parameter is used at once. */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", empathy, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  /* Codes stay; edits are audited; inactive ones are listed on request. */
  g_free (p->code);
  p->code = g_strdup ("EMPATHY2");
  g_assert_false (tam_parameter_save (f->w.store, f->w.spvq, p, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_free (p->code);
  p->code = g_strdup ("EMPATHY");
  p->active = FALSE;
  g_assert_true (tam_parameter_save (f->w.store, f->w.spvq, p, &error));
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM audit_log WHERE entity = 'assessment_parameter' AND ? > 0", 1),
                   ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = tam_parameters_list (f->w.store, "ADDON_CONSUMER", FALSE, &error);
  g_assert_cmpuint (list->len, ==, 6);
  all = tam_parameters_list (f->w.store, "ADDON_CONSUMER", TRUE, &error);
  g_assert_cmpuint (all->len, ==, 7);
}

/* TAM_RECORDINGS for the next run_tamctl (NULL: unset). */
static const char *tamctl_recordings;

/* tamctl obeys the same rules: run it as a separate process. */
static int
run_tamctl (Fixture *f,
            char **out,
            const char *first,
            ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  const char *tamctl = g_getenv ("TAMCTL");
  va_list ap;

  g_assert_nonnull (tamctl);
  g_ptr_array_add (args, (char *) tamctl);
  g_ptr_array_add (args, "--db");
  g_ptr_array_add (args, f->w.path);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_subprocess_launcher_setenv (launcher, "TAM_PASSWORD", WORLD_PASSWORD, TRUE);
  if (tamctl_recordings != NULL)
    g_subprocess_launcher_setenv (launcher, "TAM_RECORDINGS", tamctl_recordings, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "TAM_RECORDINGS");
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) args->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, out, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("tamctl: %s", *out);
  return g_subprocess_get_exit_status (proc);
}

static void
test_tamctl (Fixture *f,
             gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *state = NULL;
  g_autofree char *csv = g_build_filename (f->w.dir, "f18.csv", NULL);
  g_autofree char *vr = g_build_filename (f->w.dir, "vr", NULL);
  g_autofree char *wav = g_build_filename (vr, "B-001.wav", NULL);

  /* Issue 12: valid needs the recording checked: where to look... */
  tamctl_recordings = NULL;
  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-001", "valid", "--as", "QCB001", NULL), ==, 2);
  g_assert_nonnull (strstr (out, "--recordings DIR"));
  g_clear_pointer (&out, g_free);
  /* ...missing, or not audio: refused, nothing stored. */
  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-001", "valid", "--recordings", f->w.dir, "--as", "QCB001", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "recording not found"));
  g_assert_nonnull (strstr (out, "Recording missing / unplayable"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (g_mkdir (vr, 0700), ==, 0);
  g_assert_true (g_file_set_contents (wav, "not a recording", -1, NULL));
  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-001", "valid", "--recordings", f->w.dir, "--as", "QCB001", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "not a recording that plays"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tappings WHERE call_id = ?", f->b1), ==, 0);
  g_assert_true (g_file_set_contents (wav, "RIFF\x24\0\0\0WAVEfmt ", 16, NULL));
  tamctl_recordings = f->w.dir;

  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-001", "valid", "--as", "QCB001", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "B-001"));
  g_clear_pointer (&out, g_free);
  state = call_state (f, f->b1);
  g_assert_cmpstr (state, ==, "VALID");
  g_clear_pointer (&state, g_free);

  /* Refusals exit non-zero and say why. */
  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-001", "valid", "--as", "QCB001", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "already decided"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-002", "return", "--fail", "CONSENT", "--as", "QCB001", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-002", "valid", "--as", "TLB001", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-002", "valid", "--as", "QCM001", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-002", "perhaps", "--as", "QCB001", NULL), ==, 2);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-002", "return", "--fail", "consent", "--fail", "DATA",
                               "--note", "Confirm consent and re-enter the order", "--as", "QCB001", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tapping_failures f JOIN tappings t ON t.id = f.tapping_id"
                                     " WHERE t.call_id = ?",
                              f->b2),
                   ==, 2);
  g_assert_cmpint (run_tamctl (f, &out, "recall", "B-002", "--as", "QCB001", "--recording", "r.wav", NULL), ==, 1);
  g_assert_null (strstr (out, "recording not found"));
  g_clear_pointer (&out, g_free);
  /* Issue 12: a re-call's recording must be there. */
  g_assert_cmpint (run_tamctl (f, &out, "recall", "B-002", "--as", "TLB001", "--recording", "vr/tidak-ada.wav", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "recording not found"));
  g_clear_pointer (&out, g_free);
  {
    g_autofree char *wav2 = g_build_filename (vr, "B-002-2.wav", NULL);
    g_assert_true (g_file_set_contents (wav2, "RIFF\x24\0\0\0WAVEfmt ", 16, NULL));
  }
  g_assert_cmpint (run_tamctl (f, &out, "recall", "B-002", "--as", "TLB001", "--recording", "vr/B-002-2.wav",
                               "--note", "re-called on 7 Oct", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  state = call_state (f, f->b2);
  g_assert_cmpstr (state, ==, "RECALLED");

  g_assert_cmpint (run_tamctl (f, &out, "report", "f18", "--month", "2026-10", "-o", csv, "--as", "SPQ001", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_true (g_file_test (csv, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_tamctl (f, &out, "report", "f18", "--month", "2026-13", "-o", csv, "--as", "SPQ001", NULL), ==, 1);
  g_clear_pointer (&out, g_free);

  /* W-03 of this month (the verdicts above are dated now): B-002's return,
   * re-called, waiting for its next tapping. */
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *month = g_date_time_format (now, "%Y-%m");
    g_autofree char *w03 = g_build_filename (f->w.dir, "w03.csv", NULL);
    g_autofree char *tl = g_build_filename (f->w.dir, "w03-tl.csv", NULL);
    g_autofree char *text = NULL;
    g_auto (GStrv) lines = NULL;

    g_assert_cmpint (run_tamctl (f, &out, "report", "w03", "--month", month, "-o", w03, "--as", "TLB001", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "w03-tl.csv"));
    g_clear_pointer (&out, g_free);
    g_assert_true (g_file_get_contents (w03, &text, NULL, NULL));
    g_assert_true (g_file_test (tl, G_FILE_TEST_EXISTS));
    lines = g_strsplit (text, "\r\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 3);
    g_assert_true (g_str_has_prefix (lines[1], "B-002,"));
    g_assert_nonnull (strstr (lines[1], ",1,Explicit customer consent (says yes / setuju); Order data captured correctly in MyCX,Confirm consent and re-enter the order,"));
    g_assert_nonnull (strstr (lines[1], ",TLB001,re-called on 7 Oct,,,WAITING_TAPPING,0.0"));
    /* The month must be one; the report, f18 or w03. */
    g_assert_cmpint (run_tamctl (f, &out, "report", "w03", "--month", "oktober", "-o", w03, "--as", "TLB001", NULL), ==, 1);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run_tamctl (f, &out, "report", "w99", "--month", month, "-o", w03, "--as", "TLB001", NULL), ==, 2);
  }
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (FALSE), fixture_setup, func, fixture_teardown)
  ADD ("/tapping/valid", test_valid);
  ADD ("/tapping/return-loop", test_return_loop);
  ADD ("/tapping/rules", test_rules);
  ADD ("/tapping/permissions", test_permissions);
  ADD ("/tapping/visibility", test_visibility);
  ADD ("/tapping/claims", test_claims);
  ADD ("/tapping/double-decision", test_double_decision);
  ADD ("/tapping/undo", test_undo);
  ADD ("/tapping/queue", test_queue);
  ADD ("/tapping/deep-pages", test_deep_pages);
  ADD ("/tapping/counts", test_counts);
  ADD ("/tapping/team-counts", test_team_counts);
  ADD ("/tapping/queue-merge", test_queue_merge);
  ADD ("/tapping/queue-narrow", test_queue_narrow);
  ADD ("/tapping/parameters", test_parameters);
#undef ADD
  g_test_add_func ("/tapping/upgrade", test_upgrade);
  g_test_add ("/tapping/tamctl", Fixture, GINT_TO_POINTER (TRUE), fixture_setup, test_tamctl, fixture_teardown);

  return g_test_run ();
}
