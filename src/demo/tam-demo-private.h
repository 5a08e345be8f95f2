/* tam-demo-private.h: what the files of the demo generator share: the
 * random numbers and dates, the operation's constants, the generator's
 * state (Gen) and the steps each file provides. */
#pragma once

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-auth.h"
#include "tam-coaching.h"
#include "tam-demo.h"
#include "tam-kpi.h"
#include "tam-tapping.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ */
/* Random numbers: xoshiro256** (Blackman & Vigna), never rand ().     */

typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline void
rng_init (Rng *r,
          guint64 seed)
{
  for (int i = 0; i < 4; i++)
    r->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x,
      int k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (Rng *r)
{
  guint64 *s = r->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, n). */
static inline guint32
rng_int (Rng *r,
         guint32 n)
{
  return (guint32) (((rng_next (r) >> 32) * (guint64) n) >> 32);
}

/* Uniform in [lo, hi]. */
static inline int
rng_range (Rng *r,
           int lo,
           int hi)
{
  return lo + (int) rng_int (r, (guint32) (hi - lo + 1));
}

static inline double
rng_double (Rng *r)
{
  return (double) (rng_next (r) >> 11) * (1.0 / 9007199254740992.0);
}

static inline gboolean
rng_chance (Rng *r,
            double p)
{
  return rng_double (r) < p;
}

/* About normal (Irwin-Hall with 12 terms): no libm, same on every host. */
static inline double
rng_normal (Rng *r,
            double mean,
            double sd)
{
  double sum = 0;

  for (int i = 0; i < 12; i++)
    sum += rng_double (r);
  return mean + (sum - 6.0) * sd;
}

/* A function, not CLAMP (): the value is a random draw, evaluated once. */
static inline double
clamp (double v,
       double lo,
       double hi)
{
  return v < lo ? lo : v > hi ? hi
                              : v;
}

#define PICK(r, array) ((array)[rng_int ((r), G_N_ELEMENTS (array))])

/* ------------------------------------------------------------------ */
/* Dates as Julian day numbers (GDate: day 1 is Monday 1 January 1).  */

static inline guint32
jd_from_ymd (int y,
             int m,
             int d)
{
  GDate date;

  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

static inline void
jd_split (guint32 jd,
          int *y,
          int *m,
          int *d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, jd);
  *y = g_date_get_year (&date);
  *m = g_date_get_month (&date);
  *d = g_date_get_day (&date);
}

static inline void
jd_format (guint32 jd,
           char *buf,
           gsize len)
{
  int y, m, d;

  jd_split (jd, &y, &m, &d);
  g_snprintf (buf, len, "%04d-%02d-%02d", y, m, d);
}

/* @jd moved @n units by GLib's @add (n >= 0) or @subtract. */
static inline guint32
jd_move (guint32 jd,
         int n,
         void (*add) (GDate *date, guint n),
         void (*subtract) (GDate *date, guint n))
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, jd);
  if (n >= 0)
    add (&date, (guint) n);
  else
    subtract (&date, (guint) -n);
  return g_date_get_julian (&date);
}

static inline guint32
jd_add_months (guint32 jd,
               int n)
{
  return jd_move (jd, n, g_date_add_months, g_date_subtract_months);
}

static inline guint32
jd_add_years (guint32 jd,
              int n)
{
  return jd_move (jd, n, g_date_add_years, g_date_subtract_years);
}

/* 1 = Monday ... 7 = Sunday. */
static inline int
jd_weekday (guint32 jd)
{
  return (int) ((jd - 1) % 7) + 1;
}

static inline guint32
jd_uniform (Rng *r,
            guint32 from,
            guint32 to)
{
  if (to <= from)
    return from;
  return from + rng_int (r, to - from + 1);
}

/* Contracts run a year and are renewed yearly: the first anniversary of
 * the hire date on or after @ref. */
static inline guint32
contract_end_after (guint32 hired,
                    guint32 ref)
{
  int years = 1;
  guint32 end = jd_add_years (hired, 1);

  while (end < ref)
    end = jd_add_years (hired, ++years);
  return end;
}

static inline void
format_minutes (int minutes,
                char *buf,
                gsize len)
{
  g_snprintf (buf, len, "%02d:%02d", minutes / 60, minutes % 60);
}

/* ------------------------------------------------------------------ */
/* The operation (DOMAIN.md).                                          */

enum
{
  SITE_MEDAN,
  SITE_TANGERANG,
  SITE_BANDUNG,
  SITE_SEMARANG,
  SITE_MALANG,
  SITE_MAKASSAR,
  N_SITES
};
enum
{
  SVC_ADDON,
  SVC_WIFI,
  SVC_CT0,
  N_SERVICES
};

static const char *const site_codes[N_SITES] = {
  "MEDAN", "TANGERANG", "BANDUNG", "SEMARANG", "MALANG", "MAKASSAR"
};
static const char *const area_codes[N_SITES] = { "061", "021", "022", "024", "0341", "0411" };

static const char *const service_codes[N_SERVICES] = {
  "ADDON_CONSUMER", "WIFI_DIGITAL", "CT0_PRANPC"
};
static const char *const service_short[N_SERVICES] = {
  "Add On Consumer", "WiFi & Add On Digital", "CT-0 PraNPC"
};
/* Where each service's operation staff (manager, quality, trainers) sit. */
static const int service_home[N_SERVICES] = { SITE_BANDUNG, SITE_TANGERANG, SITE_BANDUNG };

/* Order of QCO numbering, so QCO001 is in Bandung and QCO002 in Tangerang. */
static const int qco_site_order[N_SITES] = {
  SITE_BANDUNG, SITE_TANGERANG, SITE_MEDAN, SITE_SEMARANG, SITE_MALANG, SITE_MAKASSAR
};

/* Service/site pairs and their teams at scale 1. The first pair is
 * Bandung Add On Consumer, so SPV001 and TL001 lead there. */
static const struct
{
  int service;
  int site;
  int teams;
} pairs[] = {
  { SVC_ADDON, SITE_BANDUNG, 3 },
  { SVC_CT0, SITE_BANDUNG, 5 },
  { SVC_ADDON, SITE_TANGERANG, 2 },
  { SVC_WIFI, SITE_TANGERANG, 3 },
  { SVC_ADDON, SITE_MEDAN, 2 },
  { SVC_ADDON, SITE_SEMARANG, 2 },
  { SVC_WIFI, SITE_SEMARANG, 2 },
  { SVC_ADDON, SITE_MALANG, 2 },
  { SVC_ADDON, SITE_MAKASSAR, 2 },
};
#define N_PAIRS G_N_ELEMENTS (pairs)

static const char *const products_addon[] = {
  "IndiHome Minipack Movie",
  "Minipack Sport",
  "Minipack Kids",
  "Upgrade Speed 50 Mbps",
  "Upgrade Speed 100 Mbps",
  "Indibox",
  "Vidio Platinum",
  "Netflix via IndiHome",
  "Telepon Rumah Unlimited",
};
static const char *const products_wifi[] = {
  "WiFi Extender",
  "Seamless WiFi Mesh",
  "Smart Camera",
  "Disney+ Hotstar",
  "Vidio Platinum",
  "HBO GO",
};
static const char *const products_ct0[] = {
  "Komitmen Bayar",
  "Cicilan Tunggakan",
  "Retensi Berlangganan",
  "Konfirmasi Pembayaran",
};

static inline const char *
pick_product (Rng *r,
              int service)
{
  switch (service)
    {
    case SVC_ADDON:
      return PICK (r, products_addon);
    case SVC_WIFI:
      return PICK (r, products_wifi);
    default:
      return PICK (r, products_ct0);
    }
}

static const char *const mobile_prefixes[] = {
  "0811",
  "0812",
  "0813",
  "0821",
  "0822",
  "0823",
  "0852",
  "0853",
  "0856",
  "0857",
  "0858",
  "0817",
  "0818",
  "0819",
  "0877",
  "0878",
  "0895",
  "0896",
  "0881",
  "0882",
};

/* ------------------------------------------------------------------ */
/* Names by region: Batak (Medan), Sundanese (Bandung), Javanese        */
/* (Semarang, Malang), Bugis/Makassar, and the mixed Jabodetabek crowd  */
/* of Tangerang.                                                        */

enum
{
  REGION_BATAK,
  REGION_SUNDA,
  REGION_JAWA,
  REGION_BUGIS,
  REGION_METRO,
  N_REGIONS
};

static const int site_region[N_SITES] = {
  REGION_BATAK, REGION_METRO, REGION_SUNDA, REGION_JAWA, REGION_JAWA, REGION_BUGIS
};

static const char *const batak_m[] = {
  "Roy",
  "Hotman",
  "Maruli",
  "Lamhot",
  "Rinto",
  "Parlindungan",
  "Samuel",
  "Yosua",
  "Andreas",
  "Daniel",
  "Hendra",
  "Fadli",
  "Rizky",
  "Bonar",
  "Togar",
  "Poltak",
  "Jonathan",
  "Kevin",
  "Arif",
  "Fauzi",
  "Benny",
  "Sahat",
};
static const char *const batak_f[] = {
  "Sondang",
  "Tiurma",
  "Rotua",
  "Dame",
  "Junita",
  "Ribka",
  "Debora",
  "Friska",
  "Nurhayati",
  "Rina",
  "Yohana",
  "Melati",
  "Sarah",
  "Maria",
  "Lestari",
  "Intan",
  "Nova",
  "Uli",
  "Tiara",
  "Siska",
  "Romauli",
  "Ester",
};
static const char *const batak_family[] = {
  "Siregar",
  "Simanjuntak",
  "Nainggolan",
  "Hutapea",
  "Sitorus",
  "Lubis",
  "Nasution",
  "Harahap",
  "Pardede",
  "Sihombing",
  "Situmorang",
  "Panjaitan",
  "Manurung",
  "Tambunan",
  "Silalahi",
  "Simatupang",
  "Sinaga",
  "Hutagalung",
  "Purba",
  "Saragih",
  "Ginting",
  "Tarigan",
  "Sembiring",
  "Damanik",
  "Rangkuti",
  "Pohan",
  "Batubara",
  "Marpaung",
  "Hasibuan",
  "Napitupulu",
};
static const char *const sunda_m[] = {
  "Asep",
  "Ujang",
  "Dadang",
  "Cecep",
  "Yayan",
  "Dede",
  "Agus",
  "Ridwan",
  "Fajar",
  "Rizal",
  "Gilang",
  "Hilman",
  "Ilham",
  "Ikhsan",
  "Deden",
  "Engkus",
  "Jajang",
  "Acep",
  "Rudi",
  "Wawan",
  "Iwan",
  "Yudi",
};
static const char *const sunda_f[] = {
  "Euis",
  "Neneng",
  "Iis",
  "Rina",
  "Lilis",
  "Wulan",
  "Nining",
  "Ai",
  "Tati",
  "Yuyun",
  "Intan",
  "Rani",
  "Santi",
  "Siti",
  "Nurul",
  "Dewi",
  "Rika",
  "Fitri",
  "Nisa",
  "Cucu",
  "Imas",
  "Dini",
};
static const char *const sunda_family[] = {
  "Sudrajat",
  "Hidayat",
  "Permana",
  "Kurniawan",
  "Setiawan",
  "Nugraha",
  "Suherman",
  "Supriatna",
  "Gunawan",
  "Mulyana",
  "Sumarna",
  "Kusnadi",
  "Rukmana",
  "Suryana",
  "Hermawan",
  "Firmansyah",
  "Ramdani",
  "Maulana",
  "Nurhadi",
  "Sobari",
  "Wiradinata",
  "Kartasasmita",
  "Sasmita",
  "Somantri",
  "Saepudin",
  "Hamdani",
};
static const char *const jawa_m[] = {
  "Budi",
  "Joko",
  "Slamet",
  "Bambang",
  "Agus",
  "Eko",
  "Wahyu",
  "Sugeng",
  "Hadi",
  "Adi",
  "Bagus",
  "Dimas",
  "Galih",
  "Teguh",
  "Yoga",
  "Aris",
  "Heru",
  "Bayu",
  "Rendra",
  "Anton",
  "Bima",
  "Satrio",
};
static const char *const jawa_f[] = {
  "Sri",
  "Endang",
  "Siti",
  "Yuli",
  "Rini",
  "Dian",
  "Ratna",
  "Retno",
  "Wulan",
  "Ayu",
  "Puji",
  "Tutik",
  "Putri",
  "Anisa",
  "Fitri",
  "Novi",
  "Kartika",
  "Sekar",
  "Indah",
  "Dwi",
  "Laras",
  "Ningsih",
};
static const char *const jawa_family[] = {
  "Santoso",
  "Wibowo",
  "Susanto",
  "Prasetyo",
  "Purnomo",
  "Hartono",
  "Nugroho",
  "Wijaya",
  "Utomo",
  "Setyawan",
  "Kusuma",
  "Handoko",
  "Pratama",
  "Saputro",
  "Sulistyo",
  "Widodo",
  "Raharjo",
  "Wicaksono",
  "Cahyono",
  "Suryadi",
  "Sutrisno",
  "Gunadi",
  "Darmawan",
  "Hadiwijaya",
};
static const char *const jawa_family_f[] = {
  "Rahayu",
  "Lestari",
  "Wulandari",
  "Astuti",
  "Handayani",
  "Puspitasari",
  "Susanti",
  "Kurniasari",
  "Pertiwi",
  "Maharani",
};
static const char *const bugis_m[] = {
  "Muhammad",
  "Ahmad",
  "Syamsul",
  "Rahmat",
  "Irfan",
  "Ilham",
  "Fahri",
  "Haerul",
  "Akbar",
  "Hasbi",
  "Syahrul",
  "Arif",
  "Asriadi",
  "Baharuddin",
  "Jufri",
  "Sultan",
  "Firdaus",
  "Zulkifli",
  "Ridwan",
  "Amiruddin",
  "Kamaruddin",
  "Ashar",
};
static const char *const bugis_f[] = {
  "Besse",
  "Hasna",
  "Nurul",
  "Sitti",
  "Rahma",
  "Wahyuni",
  "Ayu",
  "Fitriani",
  "Kurnia",
  "Nurhalisa",
  "Indah",
  "Hasmiati",
  "Megawati",
  "Suriani",
  "Darmawati",
  "Rosmiati",
  "Nurfadillah",
  "Sri",
  "Andriani",
  "Husnul",
  "Irma",
  "Musdalifah",
};
static const char *const bugis_family[] = {
  "Mappangara",
  "Pallawa",
  "Mattalatta",
  "Rasyid",
  "Amir",
  "Hamzah",
  "Latif",
  "Malik",
  "Hasanuddin",
  "Syarif",
  "Makmur",
  "Baso",
  "Tenri",
  "Sanusi",
  "Mappasessu",
  "Bachtiar",
  "Arsyad",
  "Patongai",
  "Daeng Manye",
  "Daeng Ngalle",
  "Rauf",
  "Mustari",
  "Parawansa",
  "Mallarangeng",
};
static const char *const metro_m[] = {
  "Reza",
  "Aditya",
  "Kevin",
  "Michael",
  "Rizki",
  "Fadli",
  "Yusuf",
  "Andika",
  "Bayu",
  "Hendri",
  "Irwan",
  "Steven",
  "Fikri",
  "Dimas",
  "Rafi",
  "Alvin",
  "Yudha",
  "Haris",
  "Farhan",
  "Ferdi",
  "Arya",
  "Gregorius",
};
static const char *const metro_f[] = {
  "Angela",
  "Jessica",
  "Nadia",
  "Putri",
  "Dewi",
  "Citra",
  "Diana",
  "Eka",
  "Vania",
  "Melisa",
  "Aulia",
  "Salsabila",
  "Cindy",
  "Amelia",
  "Tasya",
  "Novita",
  "Febri",
  "Rahma",
  "Zahra",
  "Lia",
  "Stefani",
  "Nabila",
};
static const char *const metro_family[] = {
  "Saputra",
  "Wijaya",
  "Halim",
  "Tanoto",
  "Gunawan",
  "Setiadi",
  "Rahman",
  "Hakim",
  "Firdaus",
  "Pratama",
  "Sutanto",
  "Hartanto",
  "Ramadhan",
  "Syahputra",
  "Kurniadi",
  "Tanjung",
  "Salim",
  "Gozali",
  "Hendrawan",
  "Effendi",
  "Sitompul",
  "Kusumawardhana",
  "Lim",
  "Santoso",
};

typedef struct
{
  const char *const *male;
  guint n_male;
  const char *const *female;
  guint n_female;
  const char *const *family;
  guint n_family;
} Region;

#define LIST(a) a, G_N_ELEMENTS (a)
static const Region regions[N_REGIONS] = {
  { LIST (batak_m), LIST (batak_f), LIST (batak_family) },
  { LIST (sunda_m), LIST (sunda_f), LIST (sunda_family) },
  { LIST (jawa_m), LIST (jawa_f), LIST (jawa_family) },
  { LIST (bugis_m), LIST (bugis_f), LIST (bugis_family) },
  { LIST (metro_m), LIST (metro_f), LIST (metro_family) },
};
#undef LIST

/* ------------------------------------------------------------------ */
/* Attendance: shifts inside 08:00-17:00 and short Indonesian notes.  */

static const struct
{
  int start, end; /* minutes since midnight */
  const char *start_text, *end_text;
} shifts[] = {
  { 480, 1020, "08:00", "17:00" },
  { 480, 960, "08:00", "16:00" },
  { 540, 1020, "09:00", "17:00" },
};

static const char *const notes_late[] = {
  "Macet di jalan",
  "Ban motor bocor",
  "Hujan deras",
  "Antar anak sekolah",
  "Kereta terlambat",
  "Bukti keterlambatan diserahkan ke SPV jaga",
};
static const char *const notes_absent_notice[] = {
  "Izin keperluan keluarga",
  "Izin mengurus dokumen",
  "Izin acara pernikahan saudara",
  "Izin urusan bank",
  "Izin mengantar orang tua berobat",
};
static const char *const notes_absent_short[] = {
  "Kabar via WhatsApp pagi hari",
  "Izin mendadak, anak sakit",
  "Kendaraan mogok, kabar mendadak",
  "Kabar ke TL 1 jam sebelum shift",
};
static const char *const notes_sick_note[] = {
  "Sakit, surat dokter terlampir",
  "Demam, ada surat dokter",
  "Sakit gigi, surat dokter",
  "Rawat jalan, surat dokter diserahkan",
};
static const char *const notes_sick_no_note[] = {
  "Sakit, tanpa surat dokter",
  "Pusing, surat dokter belum ada",
  "Sakit perut, tidak ada surat dokter",
};
static const char *const notes_leave[] = {
  "Cuti tahunan",
  "Cuti tahunan (pulang kampung)",
  "Cuti tahunan",
  "Cuti menikah",
};

/* Days of the month on which the demo's ALPA agent stays away. */
static const int alpa_days[4] = { 4, 11, 18, 25 };

/* ------------------------------------------------------------------ */

typedef struct
{
  gint64 id;
  char nik[16];
  char *name;
  const char *role;
  int site;
  int service; /* -1: none */
  int pair;    /* -1: none */
  int team;    /* -1: none; a TL's own team */
  const char *status;
  guint32 hired;
  guint32 last_day;  /* 0: still working */
  guint32 live_from; /* initial training done: takes calls */
  guint32 contract_end;
  gboolean attends; /* has a roster (agents and TLs) */

  double late_rate;
  double absence; /* multiplies the absence rates */
  double skill;   /* 0-100, drives KPI inputs and returns */
  double agree_rate;
  double return_rate;
  int off_offset;
  int alpa_month; /* -1, or the month with 4 forced ALPA days */

  /* While generating. */
  gint64 week;
  int shift;
  int alpa_done;
  guint16 *worked;      /* per month: days worked as a live agent */
  guint8 *late;         /* per month: late arrivals */
  guint32 *late3;       /* per month: the day of the 3rd late arrival */
  guint32 sick_no_note; /* last sick day without a doctor's note */
  guint32 short_notice; /* last absence notified too late */
  char *password_hash;
} Person;

typedef struct
{
  int pair;
  int leader; /* index into people */
} Team;

typedef struct
{
  guint32 jd;
  int weekday;
  int dom;
  int month;       /* index into months */
  char date[11];   /* 2026-10-05 */
  char compact[9]; /* 20261005 */
  char path[11];   /* 2026/10/05 */
} Day;

typedef struct
{
  char text[8]; /* 2026-10 */
} Month;

typedef struct
{
  gint64 id;
  const char *code;
  gboolean critical;
} Param;

typedef struct
{
  TamStore *store;
  sqlite3 *db;
  Rng rng;
  int scale;
  guint64 seed;
  guint32 today;
  guint32 hist_start;
  GCancellable *cancellable;
  TamProgressFunc progress;
  gpointer user_data;

  GPtrArray *people;    /* Person */
  GHashTable *names;    /* used names */
  guint nik_seq[200];   /* per hire year - 1950: agent NIK counters */
  GHashTable *role_seq; /* NIK prefix -> last number */

  Team *teams;
  guint n_teams;
  int pair_first_team[N_PAIRS];
  int pair_n_teams[N_PAIRS];
  GArray *pair_spv[N_PAIRS]; /* int person index */
  GArray *site_qco[N_SITES];
  GArray *service_staff[N_SERVICES][4]; /* SPQ, QA, TRAINER, MANAGER */

  Day *days;
  guint n_days;
  Month *months;
  guint n_months;

  Param params[N_SERVICES][16];
  guint n_params[N_SERVICES];

  guint call_seq; /* per day */
  gint64 n_calls;
  gint64 n_tappings;
  gint64 n_attendance;

  sqlite3_stmt *st_attendance;
  sqlite3_stmt *st_call;
  sqlite3_stmt *st_tapping;
  sqlite3_stmt *st_failure;
  sqlite3_stmt *st_recall;
} Gen;

enum
{
  STAFF_SPQ,
  STAFF_QA,
  STAFF_TRAINER,
  STAFF_MANAGER
};

static inline void
person_free (gpointer data)
{
  Person *p = data;

  g_free (p->name);
  g_free (p->worked);
  g_free (p->late);
  g_free (p->late3);
  g_free (p->password_hash);
  g_free (p);
}

static inline Person *
person_at (Gen *g,
           int index)
{
  return g->people->pdata[index];
}

/* A session acting as @p (who records, issues or decides in the demo). */
static inline TamSession *
session_of (const Person *p)
{
  return tam_session_new (p->id, p->nik, p->name, p->role, site_codes[p->site],
                          p->service >= 0 ? service_codes[p->service] : NULL);
}

static inline gboolean
step (Gen *g,
      sqlite3_stmt *stmt,
      GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (g->store, error, _ ("Could not write the demo data"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static inline void
bind_text (sqlite3_stmt *stmt,
           int idx,
           const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_STATIC);
}

static inline const Day *
day_of (Gen *g,
        guint32 jd)
{
  g_assert (jd >= g->days[0].jd && jd - g->days[0].jd < g->n_days);
  return &g->days[jd - g->days[0].jd];
}

/* ------------------------------------------------------------------ */
/* People                                                              */

/* tam-demo-days.c */
gboolean _tam_demo_gen_day (Gen *g, Person *p, const Day *day, GError **error);
gboolean _tam_demo_load_params (Gen *g, GError **error);
void _tam_demo_office_time (Gen *g, guint32 jd, char *buf, gsize len);
/* tam-demo-people.c */
gboolean _tam_demo_hash_passwords (Gen *g, GError **error);
gboolean _tam_demo_insert_people (Gen *g, GError **error);
gboolean _tam_demo_insert_users (Gen *g, GError **error);
void _tam_demo_build_people (Gen *g);
/* tam-demo-records.c */
gboolean _tam_demo_append_audit (Gen *g, GError **error);
gboolean _tam_demo_insert_coaching (Gen *g, GError **error);
gboolean _tam_demo_insert_kpi (Gen *g, GError **error);
gboolean _tam_demo_insert_recovery_plans (Gen *g, GError **error);
gboolean _tam_demo_insert_trainings (Gen *g, GError **error);

G_END_DECLS
