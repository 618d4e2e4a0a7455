import { afterEach, describe, expect, it } from 'vitest';
import { bridgeTokenHeader } from '../../main/core/contract';
import { openDataFolder } from '../../main/core/db/open';
import { createServices } from '../../main/core/services';
import { startBridge } from '../../main/bridge/server';
import { fromWire, toWire } from '../../main/bridge/wire';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A data folder whose kiosk has an organiser PIN (and is therefore in staff mode once restarted). */
async function folderWithPin(pin: string): Promise<string> {
  const dir = tempDir();
  const db = openDataFolder(dir);
  const services = createServices({ db });
  await services.handlers['roles:setPin']({ pin });
  await services.shutdown(0);
  db.close();
  return dir;
}

describe('the same guard on every transport', () => {
  it('the HTTP bridge (browser mode, Playwright) refuses organiser work in staff mode until the PIN is given', async () => {
    const dir = await folderWithPin('6060');
    const db = openDataFolder(dir);
    const services = createServices({ db });
    cleanups.push(() => void db.close(), () => services.shutdown(0));
    const bridge = await startBridge({ services });
    cleanups.push(() => bridge.close());
    const call = async (operation: string, input: unknown) => {
      const reply = await fetch(`${bridge.url}api/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [bridgeTokenHeader]: bridge.token },
        body: toWire(input),
      });
      return fromWire(await reply.text()) as { ok: boolean; code?: string; value?: unknown };
    };
    expect(await call('events:create', { name: 'Par le pont' })).toMatchObject({ ok: false, code: 'role.organiser_required' });
    expect(await call('audit:export', {})).toMatchObject({ ok: false, code: 'role.organiser_required' });
    expect(await call('roles:unlock', { pin: '6060' })).toMatchObject({ ok: true, value: { mode: 'organiser' } });
    expect(await call('events:create', { name: 'Par le pont' })).toMatchObject({ ok: true, value: { name: 'Par le pont' } });
  }, 60_000);

  it('the CLI is the organiser at the machine: a PIN on the kiosk does not lock it', async () => {
    const dir = await folderWithPin('7070');
    const created = await cli('--data', dir, 'event', 'create', '--name', 'Depuis le terminal');
    expect(created.code, created.stderr).toBe(0);
    const db = openDataFolder(dir);
    cleanups.push(() => void db.close());
    expect(db.prepare("SELECT role FROM audit_log WHERE action = 'event.create'").pluck().get()).toBe('organiser');
  }, 60_000);
});
