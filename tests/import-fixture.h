/* import-fixture.h: a temporary database with a small operation in it,
 * shared by test-import.c and test-attendance.c.
 *
 *   S001 supervisor operational (BANDUNG)
 *   T001 team leader: A001, A002 (ADDON_CONSUMER, BANDUNG)
 *   T002 team leader: A003, A004 (CT0_PRANPC, BANDUNG)
 *   Q001 QCO
 * The sessions are made by hand for real people; there are no accounts
 * (users) in the database. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tam-people.h"
#include "tam-store.h"

typedef struct
{
  char *dir;
  TamStore *store;
  TamSession *sup;
  TamSession *tl1;
  TamSession *tl2;
  TamSession *qco;
  TamSession *agent;
} Fixture;

G_GNUC_UNUSED static gint64
fixture_add_person (TamStore *store,
                    const TamSession *actor,
                    const char *nik,
                    const char *name,
                    const char *role,
                    const char *service,
                    gint64 team_leader_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamPerson) p = tam_person_new ();

  p->nik = g_strdup (nik);
  p->name = g_strdup (name);
  p->role = g_strdup (role);
  p->site = g_strdup ("BANDUNG");
  p->service = g_strdup (service);
  p->team_leader_id = team_leader_id;
  p->status = g_strdup ("ACTIVE");
  p->hired_on = g_strdup ("2025-01-06");
  tam_people_save (store, actor, p, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->id, >, 0);
  return p->id;
}

G_GNUC_UNUSED static TamSession *
fixture_session (TamStore *store,
                 const char *nik)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamPerson) p = tam_people_find_nik (store, nik, &error);

  g_assert_no_error (error);
  return tam_session_new (p->id, p->nik, p->name, p->role, p->site, p->service);
}

G_GNUC_UNUSED static void
fixture_setup (Fixture *fx,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (TamSession) boot = NULL;
  gint64 sup, t1, t2;

  fx->dir = g_dir_make_tmp ("tam-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "tam.db", NULL);
  fx->store = tam_store_create (path, &error);
  g_assert_no_error (error);

  /* The first supervisor is entered by a set-up session; everything
   * after by that supervisor. */
  boot = tam_session_new (0, "SETUP", "Set-up", "MANAGER", "BANDUNG", NULL);
  sup = fixture_add_person (fx->store, boot, "S001", "Dewi Lestari", "SUPERVISOR_OPS", NULL, 0);
  fx->sup = tam_session_new (sup, "S001", "Dewi Lestari", "SUPERVISOR_OPS", "BANDUNG", NULL);
  t1 = fixture_add_person (fx->store, fx->sup, "T001", "Agus Salim", "TEAM_LEADER", "ADDON_CONSUMER", 0);
  t2 = fixture_add_person (fx->store, fx->sup, "T002", "Rina Wati", "TEAM_LEADER", "CT0_PRANPC", 0);
  fixture_add_person (fx->store, fx->sup, "A001", "Budi Santoso", "AGENT", "ADDON_CONSUMER", t1);
  fixture_add_person (fx->store, fx->sup, "A002", "Citra Dewi", "AGENT", "ADDON_CONSUMER", t1);
  fixture_add_person (fx->store, fx->sup, "A003", "Eko Prasetyo", "AGENT", "CT0_PRANPC", t2);
  fixture_add_person (fx->store, fx->sup, "A004", "Fitri Handayani", "AGENT", "CT0_PRANPC", t2);
  fixture_add_person (fx->store, fx->sup, "Q001", "Gita Permata", "QCO", NULL, 0);
  fx->tl1 = fixture_session (fx->store, "T001");
  fx->tl2 = fixture_session (fx->store, "T002");
  fx->qco = fixture_session (fx->store, "Q001");
  fx->agent = fixture_session (fx->store, "A001");
}

G_GNUC_UNUSED static void
fixture_rm_rf (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        fixture_rm_rf (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

G_GNUC_UNUSED static void
fixture_teardown (Fixture *fx,
                  gconstpointer data)
{
  g_clear_pointer (&fx->sup, tam_session_free);
  g_clear_pointer (&fx->tl1, tam_session_free);
  g_clear_pointer (&fx->tl2, tam_session_free);
  g_clear_pointer (&fx->qco, tam_session_free);
  g_clear_pointer (&fx->agent, tam_session_free);
  g_clear_object (&fx->store);
  fixture_rm_rf (fx->dir);
  g_free (fx->dir);
}

/* Writes @text to a file in the fixture's folder; returns its path. */
G_GNUC_UNUSED static char *
fixture_file (Fixture *fx,
              const char *name,
              const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (fx->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

G_GNUC_UNUSED static gint64
fixture_count (Fixture *fx,
               const char *sql)
{
  g_autoptr (GError) error = NULL;
  gint64 n = tam_store_query_int (fx->store, sql, -1, &error);

  g_assert_no_error (error);
  return n;
}

G_GNUC_UNUSED static gint64
fixture_person_id (Fixture *fx,
                   const char *nik)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamPerson) p = tam_people_find_nik (fx->store, nik, &error);

  g_assert_no_error (error);
  return p->id;
}
