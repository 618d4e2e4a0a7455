import fs from 'node:fs';
import path from 'node:path';
import * as zxingModule from '@zxing/library';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import { openDataFolder } from '../../main/core/db/open';
import { demoAttendeeId, demoFixtures } from '../../main/core/demo/demo';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

// Node's ESM loader sees @zxing/library's CommonJS build behind `default`.
const zxing = (Reflect.get(zxingModule, 'default') as typeof zxingModule | undefined) ?? zxingModule;

/** Reads a QR code PNG back the way a scanner would: pixels → luminance → zxing's QR reader. */
function decodePng(file: string): string {
  const png = PNG.sync.read(fs.readFileSync(file));
  const luminance = new Uint8ClampedArray(png.width * png.height);
  for (let i = 0; i < luminance.length; i++) {
    luminance[i] = (png.data[i * 4]! * 299 + png.data[i * 4 + 1]! * 587 + png.data[i * 4 + 2]! * 114) / 1000;
  }
  const source = new zxing.RGBLuminanceSource(luminance, png.width, png.height);
  return new zxing.QRCodeReader().decode(new zxing.BinaryBitmap(new zxing.HybridBinarizer(source))).getText();
}

const rebsamen = demoAttendeeId(demoFixtures.rebsamen);
const cancelled = demoAttendeeId(demoFixtures.cancelled);
const searchFields = ['id', 'honorific', 'firstName', 'lastName', 'function', 'organisation', 'country', 'category', 'status', 'ticketCodes', 'checkedIn'];

async function demoData(): Promise<string> {
  const data = tempDir();
  expect((await cli('--data', data, 'demo')).code).toBe(0);
  return data;
}

async function sessionsOf(data: string, id: string): Promise<string[]> {
  const db = openDataFolder(data);
  try {
    return new Attendees(db).get(id).sessions;
  } finally {
    db.close();
  }
}

async function tokenOf(data: string, id: string): Promise<string> {
  const run = await cli('--data', data, '--json', 'qr', id, '--out', path.join(tempDir(), 'qr.svg'));
  expect(run.code).toBe(0);
  return (run.json() as { token: string }).token;
}

describe('accueil checkin', () => {
  it('prints the documented JSON and exits 0 for accepted, then already checked in', async () => {
    const data = await demoData();
    const token = await tokenOf(data, rebsamen);
    const first = await cli('--data', data, '--json', 'checkin', token);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    const outcome = first.json() as Record<string, unknown> & { attendee: Record<string, unknown> };
    expect(Object.keys(outcome)).toEqual(expect.arrayContaining(['result', 'attendee', 'previous', 'message']));
    expect(outcome).toMatchObject({ result: 'accepted', previous: [], message: 'Bienvenue, M. François Rebsamen' });
    expect(Object.keys(outcome.attendee).sort()).toEqual([...searchFields].sort());
    expect(outcome.attendee).toMatchObject({ firstName: 'François', lastName: 'Rebsamen' });

    const again = await cli('--data', data, '--json', '--lang', 'en', 'checkin', 'inv-23-0001 ', '--method', 'wedge');
    expect(again.code).toBe(0);
    const second = again.json() as { result: string; previous: { at: string; kiosk: string; checkpoint: string }[]; message: string };
    expect(second.result).toBe('already_checked_in');
    expect(second.previous).toHaveLength(1);
    expect(Object.keys(second.previous[0]!).sort()).toEqual(['at', 'checkpoint', 'kiosk']);
    expect(second.previous[0]!.checkpoint).toBe('Entrée principale');
    expect(second.message).toMatch(/^Already checked in: M\. François Rebsamen\. Re-entry: first arrival at \d\d:\d\d at #[0-9a-f]{4}/);
  });

  it('prints refusals as JSON on stdout and exits 3', async () => {
    const data = await demoData();
    const token = await tokenOf(data, rebsamen);
    const forged = `${token.slice(0, 50)}${token[50] === 'Q' ? 'R' : 'Q'}${token.slice(51)}`;
    const cases: [string, string][] = [
      [forged, 'invalid_signature'],
      [token.slice(0, 100), 'invalid_signature'],
      ['https://example.org/ticket', 'unknown'],
      [await tokenOf(data, cancelled), 'cancelled'],
    ];
    for (const [code, result] of cases) {
      const run = await cli('--data', data, '--json', 'checkin', code);
      expect(run.code, result).toBe(3);
      expect(run.stderr).toBe('');
      const outcome = run.json() as { result: string; attendee: unknown; previous: unknown[]; message: string };
      expect(outcome.result).toBe(result);
      expect(outcome.previous).toEqual([]);
      expect(outcome.message.length).toBeGreaterThan(0);
    }
    const text = await cli('--data', data, '--lang', 'en', 'checkin', 'NOPE');
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/^✘ Unknown code\. This code is not a ticket of this event\./);
    expect(text.stderr).toBe('');
  });

  it('takes --at, --checkpoint and --override', async () => {
    const data = await demoData();
    const event = (await cli('--data', data, '--json', 'event', 'list')).json() as { days: { date: string }[]; checkpoints: { id: string; kind: string; day: string | null }[] }[];
    const [, day2] = event[0]!.days.map((d) => d.date);
    const registeredFor = await sessionsOf(data, rebsamen);
    const workshop = event[0]!.checkpoints.find((c) => c.kind === 'session' && c.day === day2 && !registeredFor.includes(c.id))!;
    const outside = await cli('--data', data, '--json', 'checkin', rebsamen, '--at', '1999-01-01T10:00');
    expect(outside.code).toBe(3);
    expect(outside.json()).toMatchObject({ result: 'wrong_day', day: '1999-01-01' });
    const notRegistered = await cli('--data', data, '--json', 'checkin', rebsamen, '--checkpoint', workshop.id, '--at', `${day2}T10:00`);
    expect(notRegistered.code).toBe(3);
    expect(notRegistered.json()).toMatchObject({ result: 'not_registered_for_session', overridable: true });
    const admitted = await cli('--data', data, '--json', 'checkin', rebsamen, '--checkpoint', workshop.id, '--at', `${day2}T10:00`, '--override');
    expect(admitted.code).toBe(0);
    expect(admitted.json()).toMatchObject({ result: 'accepted', overridden: true });
    expect((await cli('--data', data, 'checkin', rebsamen, '--method', 'carrier-pigeon')).code).toBe(2);
    expect((await cli('--data', data, 'checkin', rebsamen, '--checkpoint', 'nowhere')).code).toBe(1);
  });

  it('undoes a check-in', async () => {
    const data = await demoData();
    const scanned = (await cli('--data', data, '--json', 'checkin', rebsamen)).json() as { checkinId: string };
    const undone = await cli('--data', data, '--json', 'undo', scanned.checkinId, '--reason', 'erreur');
    expect(undone.code).toBe(0);
    expect(undone.json()).toMatchObject({ undone: true, attendee: { checkedIn: [] } });
    expect((await cli('--data', data, '--json', 'checkin', rebsamen)).json()).toMatchObject({ result: 'accepted' });
  });
});

describe('accueil qr', () => {
  it('writes a PNG that decodes back to the token, in a QR code of version 7 or less', async () => {
    const data = await demoData();
    const file = path.join(tempDir(), 'rebsamen.png');
    const run = await cli('--data', data, '--json', 'qr', rebsamen, '--out', file);
    expect(run.code).toBe(0);
    const { token } = run.json() as { token: string };
    expect(decodePng(file)).toBe(token);
    expect(QRCode.create(token, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(7);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['rebsamen.png']); // no temporary file left
    const checked = await cli('--data', data, '--json', 'checkin', decodePng(file));
    expect(checked.json()).toMatchObject({ result: 'accepted' });
  });

  it('writes an SVG', async () => {
    const data = await demoData();
    const file = path.join(tempDir(), 'rebsamen.svg');
    expect((await cli('--data', data, 'qr', rebsamen, '--out', file)).code).toBe(0);
    const svg = fs.readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const [, size] = /viewBox="0 0 (\d+) \1"/.exec(svg)!;
    expect(Number(size) - 8).toBeLessThanOrEqual(45); // version 7 is 45 modules, plus the 4-module margins
  });

  it('says clearly when the attendee is unknown or the path cannot be written', async () => {
    const data = await demoData();
    const unknown = await cli('--data', data, '--lang', 'en', 'qr', 'no-such-id', '--out', path.join(tempDir(), 'x.png'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Attendee not found (no-such-id)');
    const dir = tempDir();
    const unwritable = await cli('--data', data, '--lang', 'en', 'qr', rebsamen, '--out', path.join(dir, 'missing', 'x.png'));
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/Cannot write .*x\.png.*Nothing was written/);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect((await cli('--data', data, 'qr', rebsamen, '--out', path.join(dir, 'x.jpg'))).code).toBe(2);
    expect((await cli('--data', data, 'qr', rebsamen)).code).toBe(2);
  });

  it('writes every valid attendee to a folder with codes.csv', async () => {
    const data = await demoData();
    const dir = path.join(tempDir(), 'codes');
    const run = await cli('--data', data, '--json', 'qr', '--all', '--out-dir', dir, '--format', 'svg');
    expect(run.code).toBe(0);
    const report = run.json() as { count: number; csv: string };
    const events = (await cli('--data', data, '--json', 'event', 'list')).json() as { attendeeCount: number }[];
    expect(report.count).toBeGreaterThan(400);
    expect(report.count).toBeLessThan(events[0]!.attendeeCount); // cancelled registrations get no code
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.svg'))).toHaveLength(report.count);
    const csv = fs.readFileSync(report.csv, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('François,Rebsamen');
    expect(csv).not.toContain(cancelled);
  });

  it('revokes a token: the old code is refused', async () => {
    const data = await demoData();
    const old = await tokenOf(data, rebsamen);
    const revoked = await cli('--data', data, '--json', 'token', 'revoke', rebsamen);
    expect(revoked.code).toBe(0);
    expect(revoked.json()).toEqual({ attendeeId: rebsamen, tokenVersion: 2 });
    const refused = await cli('--data', data, '--json', 'checkin', old);
    expect(refused.code).toBe(3);
    expect(refused.json()).toMatchObject({ result: 'revoked' });
    const fresh = await tokenOf(data, rebsamen);
    expect((await cli('--data', data, '--json', 'checkin', fresh)).code).toBe(0);
  });
});
