/**
 * An import at the hub reaches kiosks: what it created or changed is appended to the hub's log
 * as attendee_upsert changes (fresh clocks on the changed fields), which a kiosk applies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/program';
import { openDataFolder } from '../../main/core/db/open';
import { applyChanges } from '../../main/core/sync/apply';
import { readLogPage } from '../../main/core/sync/hub/store';
import type { LoggedChange } from '../../main/core/sync/protocol';
import { tempDir } from '../helpers/temp';

async function accueil(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--lang', 'en'], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }, {});
  return { code, stdout, stderr };
}

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/import/eventbrite.csv');

describe('an import at the hub', () => {
  it('logs the attendees it created or changed as attendee_upsert changes that kiosks apply', async () => {
    const hubDir = tempDir();
    const kioskDir = tempDir();
    const original = fs.readFileSync(fixture, 'utf8');
    expect((await accueil('import', fixture, '--data', hubDir)).code).toBe(0);
    // Not a hub yet: nothing logged.
    const count = (dir: string) => {
      const db = openDataFolder(dir);
      try {
        return db.prepare("SELECT count(*) FROM hub_log WHERE kind = 'attendee_upsert'").pluck().get() as number;
      } finally {
        db.close();
      }
    };
    expect(count(hubDir)).toBe(0);
    // `accueil hub-code` (like `accueil hub`) makes the folder a hub.
    expect((await accueil('hub-code', '--data', hubDir)).stdout).toMatch(/pairing code: \S+/);
    // A kiosk holding the list as it was (the snapshot it took).
    for (const file of fs.readdirSync(hubDir)) fs.copyFileSync(path.join(hubDir, file), path.join(kioskDir, file));

    const edited = original
      .replace('Mayor,Kumasi', 'Deputy Mayor,Kumasi')
      .trimEnd()
      .concat('\n7654321099,2023-08-22 09:00:00,Ms,Ama,Owusu,ama.owusu@example.org,1,Full conference,9911099,,Eventbrite Completed,EUR,0.00,0.00,0.00,0.00,Attending,Planner,Accra Metropolitan Assembly,Ghana,76543210999911099001\n');
    const file = path.join(tempDir(), 'eventbrite.csv');
    fs.writeFileSync(file, edited);
    const imported = await accueil('import', file, '--data', hubDir);
    expect(imported.code).toBe(0);

    const hub = openDataFolder(hubDir);
    const eventId = hub.prepare('SELECT id FROM events').pluck().get() as string;
    const page = readLogPage(hub, eventId, '0', 100);
    const changes = JSON.parse(page.changesJson) as LoggedChange[];
    hub.close();
    expect(changes.map((c) => c.kind)).toEqual(['attendee_upsert', 'attendee_upsert']);
    const byName = Object.fromEntries(changes.map((c) => [(c.payload.fields as { lastName: string }).lastName, c.payload]));
    expect(byName.Mensah).toMatchObject({ fields: { function: 'Deputy Mayor' }, clocks: { function: expect.any(String) } });
    expect(Object.keys(byName.Mensah!.clocks as object)).toEqual(['function']);
    expect(byName.Owusu).toMatchObject({ fields: { firstName: 'Ama', organisation: 'Accra Metropolitan Assembly' }, ticketCodes: expect.arrayContaining([expect.any(String)]) });

    const kiosk = openDataFolder(kioskDir);
    const result = applyChanges(kiosk, changes, { now: () => new Date() });
    expect(result.applied.attendee_upsert).toBe(2);
    expect(kiosk.prepare("SELECT function, badge_needs_reprint FROM attendees WHERE last_name = 'Mensah'").get()).toEqual({ function: 'Deputy Mayor', badge_needs_reprint: 1 });
    expect(kiosk.prepare("SELECT first_name FROM attendees WHERE last_name = 'Owusu'").pluck().get()).toBe('Ama');
    // Applying again changes nothing.
    expect(applyChanges(kiosk, changes, { now: () => new Date() }).unchanged).toBe(2);
    kiosk.close();
  });
});
