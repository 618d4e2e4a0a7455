import { describe, expect, it } from 'vitest';
import { openDataFolder } from '../../main/core/db/open';
import { demoAttendeeId, demoFixtures } from '../../main/core/demo/demo';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

const rebsamen = demoAttendeeId(demoFixtures.rebsamen);

async function demoData(): Promise<string> {
  const data = tempDir();
  expect((await cli('--data', data, 'demo')).code).toBe(0);
  return data;
}

function attendeeCount(data: string): number {
  const db = openDataFolder(data);
  try {
    return (db.prepare('SELECT count(*) AS n FROM attendees').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

interface WalkinJson {
  attendee: { id: string; firstName: string; lastName: string; source: string; organisation: string } | null;
  checkin: { result: string; message: string; checkinId: string } | null;
  duplicates: { attendee: { id: string }; reasons: string[]; score: number }[];
}

describe('accueil walkin', () => {
  it('registers and checks in a new person, with JSON output', async () => {
    const data = await demoData();
    const before = attendeeCount(data);
    const run = await cli('--data', data, 'walkin', '--first-name', 'Kwame', '--last-name', 'Mensah', '--organisation', 'Ville de Kumasi', '--country', 'Ghana', '--consent', '--json');
    expect(run.code, run.stderr).toBe(0);
    const out = run.json() as WalkinJson;
    expect(out.attendee).toMatchObject({ firstName: 'Kwame', lastName: 'Mensah', source: 'walk-in', organisation: 'Ville de Kumasi' });
    expect(out.checkin).toMatchObject({ result: 'accepted', message: expect.stringContaining('Kwame Mensah') });
    expect(out.duplicates).toEqual([]);
    expect(attendeeCount(data)).toBe(before + 1);
    // Checked in: scanning the id again says so.
    const again = await cli('--data', data, 'checkin', out.attendee!.id, '--json');
    expect((again.json() as { result: string }).result).toBe('already_checked_in');
  });

  it('stops at a likely duplicate with exit 3, in French and English, and creates nothing', async () => {
    const data = await demoData();
    const before = attendeeCount(data);
    const fr = await cli('--data', data, 'walkin', '--first-name', 'francois', '--last-name', 'rebsamen', '--consent');
    expect(fr.code).toBe(3);
    expect(fr.stdout).toContain('Vouliez-vous dire M. François Rebsamen, Dijon Métropole, déjà inscrit·e ?');
    expect(fr.stdout).toContain('même nom');
    expect(fr.stdout).toContain('--force');
    const en = await cli('--data', data, '--lang', 'en', 'walkin', '--first-name', 'Rebsamen', '--last-name', 'François', '--consent');
    expect(en.code).toBe(3);
    expect(en.stdout).toContain('Did you mean M. François Rebsamen, Dijon Métropole, already registered?');
    const json = await cli('--data', data, 'walkin', '--first-name', 'Françoise', '--last-name', 'Rebsamen', '--consent', '--json');
    expect(json.code).toBe(3);
    const out = json.json() as WalkinJson;
    expect(out.attendee).toBeNull();
    expect(out.duplicates[0]).toMatchObject({ attendee: { id: rebsamen }, reasons: ['similar_name'] });
    expect(attendeeCount(data)).toBe(before);
  });

  it('registers anyway with --force, and without check-in with --no-checkin', async () => {
    const data = await demoData();
    const run = await cli('--data', data, 'walkin', '--first-name', 'François', '--last-name', 'Rebsamen', '--consent', '--force', '--no-checkin', '--json');
    expect(run.code, run.stderr).toBe(0);
    const out = run.json() as WalkinJson;
    expect(out.attendee!.id).not.toBe(rebsamen);
    expect(out.checkin).toBeNull();
    expect(out.duplicates.map((d) => d.attendee.id)).toContain(rebsamen);
  });

  it('is a usage error (exit 2) without --consent or without any name; a bad e-mail fails with exit 1', async () => {
    const data = await demoData();
    const before = attendeeCount(data);
    const noConsent = await cli('--data', data, 'walkin', '--first-name', 'Kwame', '--last-name', 'Mensah');
    expect(noConsent.code).toBe(2);
    expect(noConsent.stderr).toContain('--consent est obligatoire');
    const noConsentJson = await cli('--data', data, 'walkin', '--first-name', 'Kwame', '--consent', '--json', '--last-name', 'Mensah', '--email', 'nope');
    expect(noConsentJson.code).toBe(1);
    expect(JSON.parse(noConsentJson.stderr)).toMatchObject({ ok: false, code: 'walkin.invalid_email' });
    const noName = await cli('--data', data, '--lang', 'en', 'walkin', '--consent', '--first-name', ' ');
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('--first-name');
    expect(attendeeCount(data)).toBe(before);
  });

  it('exits 3 and creates nothing when the check-in is refused (a day outside the event), in French and as JSON', async () => {
    const data = tempDir();
    expect((await cli('--data', data, 'event', 'create', '--name', 'Passé', '--day', '2020-01-06', '--select')).code).toBe(0);
    const fr = await cli('--data', data, 'walkin', '--first-name', 'Kwame', '--last-name', 'Mensah', '--consent');
    expect(fr.code).toBe(3);
    expect(fr.stderr).toContain("n'a pas pu être validé");
    expect(fr.stderr).toContain("L'événement a lieu le 2020-01-06");
    const json = await cli('--data', data, 'walkin', '--first-name', 'Kwame', '--last-name', 'Mensah', '--consent', '--json');
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stderr)).toMatchObject({ ok: false, code: 'walkin.checkin_refused', params: { result: 'wrong_day' } });
    expect(attendeeCount(data)).toBe(0);
    // --no-checkin still registers them.
    expect((await cli('--data', data, 'walkin', '--first-name', 'Kwame', '--last-name', 'Mensah', '--consent', '--no-checkin')).code).toBe(0);
    expect(attendeeCount(data)).toBe(1);
  });

  it('keeps a 120-character name and emoji, and prints a French line', async () => {
    const data = await demoData();
    const long = 'Ж'.repeat(60) + 'é'.repeat(60);
    const run = await cli('--data', data, 'walkin', '--first-name', long, '--last-name', 'Dupont 🎉', '--consent');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`✔ ${long} Dupont 🎉 inscrit·e sur place`);
  });
});
