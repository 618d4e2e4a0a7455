/**
 * Closing the kiosk core while printing: a running batch stops after its page and is 'paused'
 * when the data folder opens again; a badge being printed gets its outcome into the ledger
 * before the database closes. Real SQLite, real CUPS (the shared cups-pdf queue `PDF`).
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startKioskCore, type KioskCore } from '../../main/core/kiosk-core';
import { tempDir } from '../helpers/temp';

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let opened: KioskCore[] = [];

beforeEach(() => {
  rejections.length = 0;
  process.on('unhandledRejection', onRejection);
});
afterEach(async () => {
  process.off('unhandledRejection', onRejection);
  for (const core of opened) await core.close();
  opened = [];
  vi.restoreAllMocks();
});

function open(dataDir: string, lines: string[], closeWaitMs = 600_000): KioskCore {
  // A wait long enough for a cold Chromium on a loaded machine: the outcome is what is tested here.
  const core = startKioskCore({ dataDir, version: 'test', sync: false, closeWaitMs, log: (line) => lines.push(line) });
  opened.push(core);
  return core;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`never happened: ${what}`);
}

it('close during a running batch: no error, the page in flight settles, the batch is paused when the folder opens again', async () => {
  const dataDir = tempDir();
  const lines: string[] = [];
  const errors = vi.spyOn(console, 'error');
  const core = open(dataDir, lines);
  const { handlers, db } = core.services;
  await handlers['kiosk:configure']({ printer: 'PDF', template: 'a6' });
  const batch = await handlers['print:batch:start']({ filter: {} });
  expect(batch.total).toBeGreaterThan(2);
  // A page on its way to the printer (pending in the ledger) when the kiosk closes.
  await until(() => (db.prepare("SELECT count(*) FROM print_log WHERE batch_id = ?").pluck().get(batch.id) as number) > 0, 'a page started');
  await core.close();
  expect(db.open).toBe(false);
  await sleep(200); // anything left running would fail now, on the closed database

  const again = open(dataDir, lines);
  const after = await again.services.handlers['print:batch:get']({ batchId: batch.id });
  expect(after?.status, JSON.stringify(after)).toBe('paused');
  expect(after!.printed).toBeLessThan(after!.total);
  const pending = again.services.db.prepare("SELECT count(*) FROM print_log WHERE batch_id = ? AND status = 'pending'").pluck().get(batch.id);
  expect(pending).toBe(0);
  expect(rejections).toEqual([]);
  expect(errors).not.toHaveBeenCalled();
  expect(lines.filter((line) => /not open|did not/.test(line))).toEqual([]);
  // And it resumes from there.
  const resumed = await again.services.handlers['print:batch:resume']({ batchId: batch.id });
  expect(resumed.status).toBe('running');
  await again.services.handlers['print:batch:cancel']({ batchId: batch.id });
});

it('close while a badge is being printed: its ledger line is settled (sent), not left pending', async () => {
  const dataDir = tempDir();
  const lines: string[] = [];
  const errors = vi.spyOn(console, 'error');
  const core = open(dataDir, lines);
  const { handlers, db, printDesk } = core.services;
  await handlers['kiosk:configure']({ printer: 'PDF', template: 'a6' });
  const [someone] = await handlers['attendees:search']({ text: 'rebsamen', limit: 1 });
  const { records } = printDesk.start({ attendeeIds: [someone!.id] });
  expect(records[0]!.status).toBe('pending');
  await core.close();
  expect(db.open).toBe(false);

  const again = open(dataDir, lines);
  const [record] = await again.services.handlers['print:recent']({ attendeeId: someone!.id, limit: 1 });
  expect(record, JSON.stringify(record)).toMatchObject({ id: records[0]!.id, status: 'sent', printer: 'PDF' });
  expect(rejections).toEqual([]);
  expect(errors).not.toHaveBeenCalled();
  expect(lines.filter((line) => /not open|did not/.test(line))).toEqual([]);
});

it('a close that cannot wait (0 ms) still leaves no unhandled error, nothing pending and no running batch', async () => {
  const dataDir = tempDir();
  const lines: string[] = [];
  const errors = vi.spyOn(console, 'error');
  const core = open(dataDir, lines, 0);
  const { handlers, db } = core.services;
  await handlers['kiosk:configure']({ printer: 'PDF', template: 'a6' });
  const batch = await handlers['print:batch:start']({ filter: {} });
  await until(() => (db.prepare('SELECT count(*) FROM print_log WHERE batch_id = ?').pluck().get(batch.id) as number) > 0, 'a page started');
  await core.close();
  await sleep(1000); // the page cut short fails on the closed database, silently

  const again = open(dataDir, lines);
  const after = await again.services.handlers['print:batch:get']({ batchId: batch.id });
  expect(after?.status).toBe('paused');
  expect(again.services.db.prepare("SELECT count(*) FROM print_log WHERE batch_id = ? AND status = 'pending'").pluck().get(batch.id)).toBe(0);
  expect(rejections).toEqual([]);
  expect(errors).not.toHaveBeenCalled();
});

it('close() twice is one close', async () => {
  const core = open(tempDir(), []);
  const first = core.close();
  expect(core.close()).toBe(first);
  await first;
  expect(core.db.open).toBe(false);
});
