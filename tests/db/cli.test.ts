import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { EventInfo } from '../../main/core/types';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

const root = path.resolve(import.meta.dirname, '../..');

describe('accueil CLI', () => {
  it('accepts --data and --json before or after the command', async () => {
    const data = tempDir();
    const created = await cli('--data', data, '--json', 'event', 'create', '--name', 'Rencontres 2026', '--day', '2026-09-18=Jour 1', '--day', '2026-09-19');
    expect(created.code).toBe(0);
    const event = created.json() as EventInfo;
    expect(event.name).toBe('Rencontres 2026');
    expect(event.days).toEqual([{ date: '2026-09-18', label: 'Jour 1' }, { date: '2026-09-19', label: '' }]);
    expect(event.checkpoints.map((c) => c.kind)).toEqual(['entrance']);

    const listed = await cli('event', 'list', '--json', '--data', data);
    expect(listed.code).toBe(0);
    expect((listed.json() as EventInfo[]).map((e) => e.id)).toEqual([event.id]);
  });

  it('creates checkpoints and sessions, updates days and selects the event', async () => {
    const data = tempDir();
    await cli('--data', data, 'event', 'create', '--name', 'A');
    const b = (await cli('--data', data, '--json', 'event', 'create', '--name', 'B')).json() as EventInfo;
    const updated = await cli('--data', data, '--json', 'event', 'update', b.id, '--day', '2026-09-19', '--checkpoint', 'entree=Entrée', '--session', 'atelier-climat=Atelier climat@2026-09-19', '--select');
    expect(updated.code).toBe(0);
    const event = updated.json() as EventInfo;
    expect(event.checkpoints.map((c) => [c.id, c.kind, c.day])).toEqual([
      ['entree', 'entrance', null],
      ['atelier-climat', 'session', '2026-09-19'],
    ]);
    const text = await cli('--data', data, 'event', 'list');
    expect(text.stdout).toMatch(/^\* B/m);
  });

  it('prints search results as the documented JSON shape', async () => {
    const data = tempDir();
    await cli('--data', data, 'event', 'create', '--name', 'E');
    const { Attendees } = await import('../../main/core/attendees/attendees');
    const { openDataFolder } = await import('../../main/core/db/open');
    const db = openDataFolder(data);
    const eventId = (db.prepare('SELECT id FROM events').get() as { id: string }).id;
    new Attendees(db).insert({ eventId, honorific: 'M.', firstName: 'François', lastName: 'Rebsamen', organisation: 'Dijon Métropole', country: 'France', category: 'Élu·e', ticketCodes: ['123'] });
    db.close();

    const found = await cli('search', 'francois', '--json', '--data', data);
    expect(found.code).toBe(0);
    const [first] = found.json() as Record<string, unknown>[];
    expect(Object.keys(first!).sort()).toEqual(
      ['id', 'honorific', 'firstName', 'lastName', 'function', 'organisation', 'country', 'category', 'status', 'ticketCodes', 'checkedIn'].sort(),
    );
    expect(first).toMatchObject({ firstName: 'François', lastName: 'Rebsamen', ticketCodes: ['123'], checkedIn: [], status: 'valid' });

    const text = await cli('search', 'dijon', '--data', data);
    expect(text.stdout).toContain('M. François Rebsamen — Dijon Métropole, France [Élu·e]');
  });

  it('reports errors on stderr with a non-zero exit, as JSON with --json', async () => {
    const data = tempDir();
    const missing = await cli('--data', data, '--json', 'import', path.join(data, 'absent.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(JSON.parse(missing.stderr)).toMatchObject({ ok: false, code: 'import.unreadable' });

    const badDay = await cli('--data', data, 'event', 'create', '--name', 'X', '--day', '18/09/2026');
    expect(badDay.code).toBe(1);
    expect(badDay.stderr).toMatch(/^Erreur : /);

    const usage = await cli('--data', data, 'import', 'f.csv', '--map', 'nocolumn');
    expect(usage.code).toBe(2);

    const unknown = await cli('--data', data, 'frobnicate');
    expect(unknown.code).toBe(2);
  });

  it('speaks English with --lang en', async () => {
    const data = tempDir();
    const run = await cli('--lang', 'en', '--data', data, 'search', 'nobody');
    expect(run.stdout).toContain('No result for "nobody".');
  });

  it('runs as the installed bin (what `npm run cli` calls)', async () => {
    const data = tempDir();
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'bin/accueil.mjs'), '--json', 'event', 'list', '--data', data], {
      cwd: root,
    });
    expect(JSON.parse(stdout)).toEqual([]);
  });
});

describe('audit log', () => {
  it('records organiser actions (event creation, import) without personal data', async () => {
    const data = tempDir();
    const file = path.join(data, 'inscrits.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'Prénom;Nom;E-mail\nAwa;Diop;awa@example.org\n');
    expect((await cli('--data', data, 'event', 'create', '--name', 'E')).code).toBe(0);
    expect((await cli('--data', data, 'import', file)).code).toBe(0);
    const { openDataFolder } = await import('../../main/core/db/open');
    const db = openDataFolder(data);
    const rows = db.prepare('SELECT action, role, details FROM audit_log ORDER BY seq').all() as { action: string; role: string; details: string }[];
    db.close();
    expect(rows.map((r) => [r.action, r.role])).toEqual([
      ['event.create', 'organiser'],
      ['import', 'organiser'],
    ]);
    expect(JSON.parse(rows[1]!.details)).toMatchObject({ fileName: 'inscrits.csv', imported: 1, errors: 0 });
    expect(rows[1]!.details).not.toContain('awa@example.org');
  });
});

describe('checkpoint ids', () => {
  it('belong to one event: another event cannot take them over', async () => {
    const data = tempDir();
    const first = (await cli('--data', data, '--json', 'event', 'create', '--name', 'A', '--checkpoint', 'entrance=Entrée')).json() as EventInfo;
    const taken = await cli('--data', data, 'event', 'create', '--name', 'B', '--checkpoint', 'entrance=Porte');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('« entrance » est déjà utilisé par un autre événement');
    const events = (await cli('--data', data, '--json', 'event', 'list')).json() as EventInfo[];
    expect(events.map((e) => e.name)).toEqual(['A']);
    expect(events[0]!.checkpoints).toEqual(first.checkpoints);
  });
});

describe('usage errors', () => {
  it('come out as JSON on stderr with --json, and in words otherwise', async () => {
    const json = await cli('--json', 'search');
    expect(json.code).toBe(2);
    expect(json.stdout).toBe('');
    expect(JSON.parse(json.stderr)).toMatchObject({ ok: false, code: 'cli.usage', params: { reason: 'commander.missingArgument' } });
    const text = await cli('search');
    expect(text.stderr).toContain("Erreur : il manque l'argument « text ».");
    const english = await cli('--lang', 'en', 'frobnicate');
    expect(english.stderr).toContain('Error: unknown command "frobnicate".');
  });
});

describe('input refused by the contract', () => {
  it('names the field in the reader language, not in the validator English', async () => {
    const data = tempDir();
    await cli('--data', data, 'event', 'create', '--name', 'E');
    const run = await cli('--data', data, 'checkin', 'WZ-1', '--at', 'pas une date');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("Erreur : Donnée refusée : « at » n'est pas valide. Rien n'a été enregistré.\n");
  });
});

describe('arrivals name the desk', () => {
  it('by the same name in the attendee summary and in previous arrivals', async () => {
    const data = tempDir();
    await cli('--data', data, 'demo');
    const rebsamen = (await cli('--data', data, '--json', 'search', 'rebsamen')).json() as { id: string; ticketCodes: string[] }[];
    const code = rebsamen[0]!.ticketCodes[0]!;
    const first = (await cli('--data', data, '--json', 'checkin', code)).json() as { attendee: { checkedIn: { kiosk: string }[] } };
    const again = await cli('--data', data, '--json', 'checkin', code);
    const second = again.json() as { result: string; previous: { kiosk: string }[] };
    expect(second.result).toBe('already_checked_in');
    expect(first.attendee.checkedIn[0]!.kiosk).toMatch(/^#[0-9a-f]{4}$/);
    expect(first.attendee.checkedIn[0]!.kiosk).toBe(second.previous[0]!.kiosk);
  });
});
