#pragma once

#include "tam-queue-page.h"
#include "tam-queue-model.h"
#include "tam-recording-player.h"

G_BEGIN_DECLS

/* For the tests and benchmarks: what the QCO sees, without the mouse. */
TamQueueModel      *_tam_queue_page_get_model        (TamQueuePage *self);
GtkSingleSelection *_tam_queue_page_get_selection    (TamQueuePage *self);
/* The call in the detail pane, or NULL. */
const TamCall      *_tam_queue_page_get_current      (TamQueuePage *self);
/* The message of the inline banner, NULL when it is hidden. */
const char         *_tam_queue_page_get_banner       (TamQueuePage *self);
/* The title of the last toast shown. */
const char         *_tam_queue_page_get_last_toast   (TamQueuePage *self);
TamRecordingPlayer *_tam_queue_page_get_player       (TamQueuePage *self);
/* Ticks or unticks the checklist box of parameter @code; FALSE when the
 * current call's service has no such parameter. */
gboolean            _tam_queue_page_set_parameter_met (TamQueuePage *self,
                                                       const char   *code,
                                                       gboolean      met);
guint               _tam_queue_page_get_n_parameters (TamQueuePage *self);
void                _tam_queue_page_set_recommendation (TamQueuePage *self,
                                                        const char   *text);
/* What the Import Calls and Report F-18 buttons start once a file is
 * chosen: a job on the page's job bar. */
void                _tam_queue_page_import           (TamQueuePage *self,
                                                      const char   *path);
void                _tam_queue_page_write_report     (TamQueuePage *self,
                                                      const char   *month,
                                                      const char   *path);
gboolean            _tam_queue_page_get_job_running  (TamQueuePage *self);
/* Iterates the main context until the page's writer has handed back the
 * result of every write asked of it (claims, verdicts, undo, re-calls),
 * including those the results themselves asked for. */
void                _tam_queue_page_wait_idle        (TamQueuePage *self);
guint               _tam_queue_page_get_pending_writes (TamQueuePage *self);
/* How long the writer waits for a busy database before giving up. */
void                _tam_queue_page_set_write_retry_limit (TamQueuePage *self,
                                                           guint         milliseconds);
/* TRUE while "Waiting for another desk…" shows. */
gboolean            _tam_queue_page_get_busy_shown   (TamQueuePage *self);
/* The widget bound in the template as @name (e.g. "state_dropdown"). */
GtkWidget          *_tam_queue_page_get_child        (TamQueuePage *self,
                                                      const char   *name);

G_END_DECLS
