/* A small operation for the tapping tests (test-tapping, test-f18,
 * test-race): two sites, their team leaders, agents and QCOs, and a
 * helper that inserts calls. Sessions are built directly (sign-in has its
 * own tests); tamctl runs use the passwords set here. */
#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "tam-auth.h"
#include "tam-people.h"
#include "tam-store.h"
#include "tam-tapping.h"

#define WORLD_PASSWORD "rahasia-123"

typedef struct
{
  char *dir;
  char *path;
  TamStore *store;
  TamSession *admin;  /* SUPERVISOR_OPS, Bandung */
  TamSession *spvq;   /* SUPERVISOR_QUALITY */
  TamSession *tl_b;   /* TEAM_LEADER Bandung: agents ani, budi */
  TamSession *tl_b2;  /* TEAM_LEADER Bandung: agent cici */
  TamSession *tl_m;   /* TEAM_LEADER Medan: agent dodi */
  TamSession *qco_b;  /* QCO Bandung */
  TamSession *qco_b2; /* QCO Bandung */
  TamSession *qco_m;  /* QCO Medan */
  TamSession *trainer;
  TamSession *agent; /* ani, as if an agent could sign in */
  gint64 ani, budi, cici, dodi;
} World;

G_GNUC_UNUSED static TamSession *
world_person (World *w,
              const char *nik,
              const char *name,
              const char *role,
              const char *site,
              const char *service,
              gint64 tl_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamPerson) p = tam_person_new ();
  /* Supervisors are entered by a manager (issue 13). */
  g_autoptr (TamSession) boot = tam_session_new (0, "SETUP", "Setup", "MANAGER", "BANDUNG", NULL);

  p->nik = g_strdup (nik);
  p->name = g_strdup (name);
  p->role = g_strdup (role);
  p->site = g_strdup (site);
  p->service = g_strdup (service);
  p->team_leader_id = tl_id;
  p->status = g_strdup ("ACTIVE");
  p->hired_on = g_strdup ("2025-01-06");
  g_assert_true (tam_people_save (w->store, boot, p, NULL, &error));
  g_assert_no_error (error);
  return tam_session_new (p->id, nik, name, role, site, service);
}

/* @passwords: also give the desk accounts WORLD_PASSWORD (for tamctl
 * runs; hashing takes a while, so only when needed). */
G_GNUC_UNUSED static void
world_setup (World *w,
             const char *tag,
             gboolean passwords)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmpl = g_strdup_printf ("tam-test-%s-XXXXXX", tag);
  TamSession *s;

  memset (w, 0, sizeof *w);
  w->dir = g_dir_make_tmp (tmpl, NULL);
  g_assert_nonnull (w->dir);
  w->path = g_build_filename (w->dir, "tam.db", NULL);
  w->store = tam_store_create (w->path, &error);
  g_assert_no_error (error);

  w->admin = tam_session_new (0, "SETUP", "Setup", "SUPERVISOR_OPS", "BANDUNG", NULL);
  s = world_person (w, "SPV001", "Dewi Lestari", "SUPERVISOR_OPS", "BANDUNG", NULL, 0);
  w->admin->person_id = s->person_id;
  tam_session_free (s);

  w->spvq = world_person (w, "SPQ001", "Yuni Kartika", "SUPERVISOR_QUALITY", "BANDUNG", NULL, 0);
  w->tl_b = world_person (w, "TLB001", "Asep Sunarya", "TEAM_LEADER", "BANDUNG", "ADDON_CONSUMER", 0);
  w->tl_b2 = world_person (w, "TLB002", "Euis Rahmawati", "TEAM_LEADER", "BANDUNG", "CT0_PRANPC", 0);
  w->tl_m = world_person (w, "TLM001", "Togar Siregar", "TEAM_LEADER", "MEDAN", "ADDON_CONSUMER", 0);
  w->qco_b = world_person (w, "QCB001", "Rudi Hartono", "QCO", "BANDUNG", NULL, 0);
  w->qco_b2 = world_person (w, "QCB002", "Lina Marlina", "QCO", "BANDUNG", NULL, 0);
  w->qco_m = world_person (w, "QCM001", "Butet Nainggolan", "QCO", "MEDAN", NULL, 0);
  w->trainer = world_person (w, "TRN001", "Sri Wahyuni", "TRAINER", "BANDUNG", NULL, 0);

  w->agent = world_person (w, "10000001", "Ani Suryani", "AGENT", "BANDUNG", "ADDON_CONSUMER",
                           w->tl_b->person_id);
  w->ani = w->agent->person_id;
  s = world_person (w, "10000002", "Budi Santoso", "AGENT", "BANDUNG", "ADDON_CONSUMER", w->tl_b->person_id);
  w->budi = s->person_id;
  tam_session_free (s);
  s = world_person (w, "10000003", "Cici Paramida", "AGENT", "BANDUNG", "CT0_PRANPC", w->tl_b2->person_id);
  w->cici = s->person_id;
  tam_session_free (s);
  s = world_person (w, "20000001", "Dodi Simanjuntak", "AGENT", "MEDAN", "ADDON_CONSUMER", w->tl_m->person_id);
  w->dodi = s->person_id;
  tam_session_free (s);

  if (!passwords)
    return;
  g_assert_true (tam_auth_set_password (w->store, NULL, "SPV001", WORLD_PASSWORD, &error));
  g_assert_no_error (error);
  for (const char *const *nik = (const char *const[]){ "SPQ001", "TLB001", "QCB001", "QCM001",
                                                       NULL };
       *nik; nik++)
    {
      g_autoptr (TamSession) boot = tam_session_new (0, "SETUP", "Setup", "MANAGER", "BANDUNG", NULL);

      g_assert_true (tam_auth_set_password (w->store, boot, *nik, WORLD_PASSWORD, &error));
      g_assert_no_error (error);
    }
}

G_GNUC_UNUSED static void
world_teardown (World *w)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&w->store);
  tam_session_free (w->admin);
  tam_session_free (w->spvq);
  tam_session_free (w->tl_b);
  tam_session_free (w->tl_b2);
  tam_session_free (w->tl_m);
  tam_session_free (w->qco_b);
  tam_session_free (w->qco_b2);
  tam_session_free (w->qco_m);
  tam_session_free (w->trainer);
  tam_session_free (w->agent);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (w->path, suffixes[i], NULL);
      g_unlink (p);
    }
  {
    g_autoptr (GDir) d = g_dir_open (w->dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (w->dir, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (w->dir);
  g_free (w->path);
  g_free (w->dir);
}

/* Inserts a call as the import would (state PENDING for AGREE). */
G_GNUC_UNUSED static gint64
world_call (World *w,
            const char *call_id,
            gint64 agent_id,
            const char *site,
            const char *service,
            const char *call_start,
            const char *result)
{
  sqlite3_stmt *stmt = tam_store_prepare (w->store,
                                          "INSERT INTO calls (call_id, agent_id, site, service, call_start, month, result,"
                                          " customer_number, product, recording, state)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5, substr (?5, 1, 7), ?6, '081234567890', 'IndiHome Add-On',"
                                          " 'vr/' || ?1 || '.wav', CASE WHEN ?6 = 'AGREE' THEN 'PENDING' END)",
                                          NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, call_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, agent_id);
  sqlite3_bind_text (stmt, 3, site, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, service, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, call_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, result, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  return sqlite3_last_insert_rowid (tam_store_get_db (w->store));
}

/* One text value of a query with one bound integer. */
G_GNUC_UNUSED static char *
world_text (World *w,
            const char *sql,
            gint64 id)
{
  sqlite3_stmt *stmt = tam_store_prepare (w->store, sql, NULL);
  char *text = NULL;

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = tam_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return text;
}

G_GNUC_UNUSED static gint64
world_int (World *w,
           const char *sql,
           gint64 id)
{
  sqlite3_stmt *stmt = tam_store_prepare (w->store, sql, NULL);
  gint64 v = -1;

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return v;
}

/* The counts kept in call_state_days and call_agent_days match the calls. */
G_GNUC_UNUSED static void
world_check_state_days (World *w)
{
  g_assert_true (tam_queue_counts_update (w->store, NULL));
  g_assert_cmpint (world_int (w,
                              "SELECT (SELECT count(*) FROM ("
                              "  SELECT site, service, day, state, n FROM call_state_days WHERE n <> 0"
                              "  EXCEPT SELECT site, service, substr (call_start, 1, 10), state, count(*) FROM calls"
                              "    WHERE state IS NOT NULL GROUP BY 1, 2, 3, 4))"
                              " + (SELECT count(*) FROM ("
                              "  SELECT site, service, substr (call_start, 1, 10), state, count(*) FROM calls"
                              "    WHERE state IS NOT NULL GROUP BY 1, 2, 3, 4"
                              "  EXCEPT SELECT site, service, day, state, n FROM call_state_days WHERE n <> 0))"
                              " WHERE ? > 0",
                              1),
                   ==, 0);
  /* The same per agent, with the first verdict; no row of 0 is kept. */
  g_assert_cmpint (world_int (w, "SELECT count(*) FROM call_agent_days WHERE n <= ?", 0), ==, 0);
  g_assert_cmpint (world_int (w,
                              "SELECT (SELECT count(*) FROM ("
                              "  SELECT agent_id, day, site, service, state, first_verdict, n FROM call_agent_days"
                              "  EXCEPT SELECT agent_id, substr (call_start, 1, 10), site, service, state,"
                              "    COALESCE (first_verdict, ''), count(*) FROM calls WHERE state IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6))"
                              " + (SELECT count(*) FROM ("
                              "  SELECT agent_id, substr (call_start, 1, 10), site, service, state,"
                              "    COALESCE (first_verdict, ''), count(*) FROM calls WHERE state IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6"
                              "  EXCEPT SELECT agent_id, day, site, service, state, first_verdict, n FROM call_agent_days))"
                              " WHERE ? > 0",
                              1),
                   ==, 0);
}

/* A report writer: tam_f18_write, tam_w03_write. */
typedef gboolean (*WorldReportWrite) (TamStore *, const TamSession *, const char *, const char *, TamProgressFunc, gpointer, GCancellable *, GError **);

static void
world_progress_cb (double fraction,
                   gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

/* @write reports progress up to 1.0; cancelled, it leaves no file. */
G_GNUC_UNUSED static void
world_check_report_progress_cancel (World *w,
                                    WorldReportWrite write,
                                    const char *month)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (w->dir, "cancelled.xlsx", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autofree char *done = g_build_filename (w->dir, "done.xlsx", NULL);
  double last = 0.0;

  g_assert_true (write (w->store, w->spvq, month, done, world_progress_cb, &last, NULL, &error));
  g_assert_cmpfloat (last, ==, 1.0);

  g_cancellable_cancel (cancellable);
  g_assert_false (write (w->store, w->spvq, month, path, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

/* A cell read back from an .xlsx as a number (it must be one). */
G_GNUC_UNUSED static double
world_number (const char *text)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  g_assert_true (end != text && *end == '\0');
  return v;
}
