import type { Migration } from '../migrate';

/**
 * Printing: the ledger learns which batch and CUPS/Electron job a print belongs to and why
 * one failed; batches are kept so a printer error (or a restart) resumes where it stopped;
 * organisers' own badge templates live with the event data.
 *
 * print_log.status: 'pending' (being submitted), 'sent' (the printer accepted the job),
 * 'failed' (it did not; `error` says why). Only 'sent' counts as printed.
 */
export const migration: Migration = {
  version: 4,
  name: 'printing',
  up: `
    ALTER TABLE print_log ADD COLUMN batch_id TEXT;
    ALTER TABLE print_log ADD COLUMN job_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE print_log ADD COLUMN error TEXT NOT NULL DEFAULT '';
    CREATE INDEX print_log_batch ON print_log(batch_id) WHERE batch_id IS NOT NULL;

    CREATE TABLE print_batches (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      kiosk_id TEXT NOT NULL,
      template TEXT NOT NULL,
      printer TEXT NOT NULL,
      sort TEXT NOT NULL,
      filter TEXT NOT NULL DEFAULT '{}',
      reason TEXT NOT NULL DEFAULT '',
      attendee_ids TEXT NOT NULL,
      status TEXT NOT NULL,
      error TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE badge_templates (
      name TEXT PRIMARY KEY,
      base TEXT NOT NULL,
      definition TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
  `,
};
