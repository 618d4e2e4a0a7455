import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from '../../main/core/badges/templates';
import { openDataFolder } from '../../main/core/db/open';
import { demoAttendeeId, demoFixtures } from '../../main/core/demo/demo';
import type { PrintOutcome, PrinterInfo } from '../../main/core/types';
import { cli } from '../helpers/cli';
import { createTestQueue, cups, expectPageSize, printedFile } from './print-helpers';

/**
 * `accueil print` and `accueil printers` on the demo database with real CUPS (cups-pdf) and
 * real Chromium: the job is accepted, the printed PDF has the template's size, the ledger says so.
 */

const SLOW = 300_000; // a ceiling for a busy machine, not a performance limit

describe('accueil print', () => {
  let root: string;
  let data: string;
  let queue: ReturnType<typeof createTestQueue>;
  const ledger = () => {
    const db = openDataFolder(data);
    try {
      return db.prepare('SELECT attendee_id, status, job_id, reason, copies, template, printer, error FROM print_log ORDER BY rowid').all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-print-'));
    data = path.join(root, 'data');
    expect((await cli('--data', data, 'demo')).code).toBe(0);
    queue = createTestQueue();
  });
  afterAll(() => {
    queue.remove();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it(
    'prints an A6 badge: cups-pdf writes it at 105×148 mm, the ledger records it sent with the job id; a second print is refused (exit 3)',
    async () => {
      const id = demoAttendeeId(demoFixtures.rebsamen);
      const run = await cli('--data', data, 'print', id, '--printer', 'PDF');
      expect(run.code, run.stderr).toBe(0);
      const jobId = /\b(PDF-\d+)\b/.exec(run.stdout)?.[1];
      expect(run.stdout).toContain('Badge de');
      expect(jobId).toBeTruthy();
      expect(ledger()).toEqual([{ attendee_id: id, status: 'sent', job_id: jobId, reason: '', copies: 1, template: 'a6', printer: 'PDF', error: '' }]);
      expectPageSize(await printedFile(jobId!), loadTemplate('a6').page);

      const before = ledger();
      const again = await cli('--data', data, 'print', id, '--printer', 'PDF');
      expect(again.code).toBe(3);
      expect(again.stderr).toMatch(/déjà été imprimé le \d{4}-\d\d-\d\d \d\d:\d\d/);
      expect(ledger()).toEqual(before);

      const english = await cli('--data', data, 'print', id, '--printer', 'PDF', '--lang', 'en', '--json');
      expect(english.code).toBe(3);
      expect(JSON.parse(english.stderr)).toMatchObject({ code: 'print.already_printed' });
      expect(ledger()).toEqual(before);

      const reprint = await cli('--data', data, 'print', id, '--printer', 'PDF', '--reprint', 'lost', '--json', '--lang', 'en');
      expect(reprint.code, reprint.stderr).toBe(0);
      const outcome = reprint.json() as PrintOutcome;
      expect(outcome.records[0]).toMatchObject({ attendeeId: id, status: 'sent', reason: 'lost', jobId: outcome.jobId });
      expect(ledger().map((r) => [r.status, r.reason])).toEqual([
        ['sent', ''],
        ['sent', 'lost'],
      ]);
    },
    SLOW,
  );

  it(
    'prints a Brother QL 62×100 mm label in English with two copies',
    async () => {
      const id = demoAttendeeId(demoFixtures.lert);
      const run = await cli('--data', data, 'print', id, '--printer', 'PDF', '--template', 'ql-62x100', '--copies', '2', '--lang', 'en');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('sent to PDF');
      expect(run.stdout).toContain('2 copies.');
      const jobId = /\b(PDF-\d+)\b/.exec(run.stdout)![1]!;
      expectPageSize(await printedFile(jobId), loadTemplate('ql-62x100').page);
      expect(ledger().at(-1)).toMatchObject({ attendee_id: id, status: 'sent', copies: 2, template: 'ql-62x100' });
    },
    SLOW,
  );

  it(
    'a stopped printer: a translated message naming it and its reason, a failed row, then a print works once it is enabled',
    async () => {
      const id = demoAttendeeId(demoFixtures.faure);
      try {
        cups('cupsdisable', queue.name, 'Plus de papier');
        const run = await cli('--data', data, 'print', id, '--printer', queue.name);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(queue.name);
        expect(run.stderr).toContain('Plus de papier');
        const listed = await cli('--data', data, 'printers', '--json');
        expect((listed.json() as PrinterInfo[]).find((p) => p.name === queue.name)).toMatchObject({ state: 'stopped', message: 'Plus de papier' });
        const text = await cli('--data', data, 'printers');
        expect(text.stdout).toMatch(new RegExp(`${queue.name}\\s+\\(arrêtée\\)`));
      } finally {
        cups('cupsenable', queue.name);
      }
      expect(ledger().at(-1)).toMatchObject({ attendee_id: id, status: 'failed' });
      const run = await cli('--data', data, 'print', id, '--printer', queue.name);
      expect(run.code, run.stderr).toBe(0);
      expect(ledger().at(-1)).toMatchObject({ attendee_id: id, status: 'sent', reason: '' });
    },
    SLOW,
  );

  it(
    "accueil badge --template takes an organisers' own template",
    async () => {
      const db = openDataFolder(data);
      try {
        const definition = { ...loadTemplate('cr80'), name: 'ma-carte', label: { fr: 'Ma carte', en: 'My card' } };
        db.prepare("INSERT INTO badge_templates (name, base, definition, created_at, updated_at) VALUES ('ma-carte', 'cr80', ?, '', '')").run(JSON.stringify(definition));
      } finally {
        db.close();
      }
      const out = path.join(root, 'mine.pdf');
      const run = await cli('--data', data, 'badge', demoAttendeeId(demoFixtures.rebsamen), '--template', 'ma-carte', '--out', out, '--json');
      expect(run.code, run.stderr).toBe(0);
      expect(run.json()).toMatchObject({ template: 'ma-carte', pages: 1 });
      expectPageSize(out, loadTemplate('cr80').page);
    },
    SLOW,
  );

  it('refuses bad arguments with a usage error and unknown attendees with a clear message', async () => {
    expect((await cli('--data', data, 'print', '--printer', 'PDF')).code).toBe(2);
    expect((await cli('--data', data, 'print', 'x', '--printer', 'PDF', '--copies', 'many')).code).toBe(2);
    const unknown = await cli('--data', data, 'print', 'nobody', '--printer', 'PDF');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('nobody');
  });
});
