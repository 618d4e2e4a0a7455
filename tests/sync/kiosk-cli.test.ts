import { expect, test } from 'vitest';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { startTestHub } from './kiosk-helpers';

test('accueil pair URL CODE --name, then accueil sync --once; an unpaired desk exits with sync.not_paired', async () => {
  const hub = await startTestHub();
  const data = tempDir('accueil-cli-kiosk-');
  const pair = await cli('pair', hub.url, hub.firstCode, '--name', 'Accueil 2', '--data', data);
  expect(pair.stderr).toBe('');
  expect(pair.code).toBe(0);
  expect(pair.stdout).toContain(`Poste appairé avec ${hub.url}`);
  expect(hub.query((db) => db.prepare('SELECT name FROM hub_devices').pluck().all())).toContain('Accueil 2');

  const once = await cli('sync', '--once', '--data', data, '--json');
  expect(once.code).toBe(0);
  expect(once.json()).toMatchObject({ state: 'online', hubUrl: hub.url, pending: 0, lastError: null });

  await hub.stop();
  const down = await cli('sync', '--once', '--data', data, '--json');
  expect(down.code).toBe(1);
  expect(JSON.parse(down.stderr)).toMatchObject({ code: 'sync.unreachable', params: { url: hub.url } });

  const unpaired = await cli('sync', '--once', '--data', tempDir(), '--lang', 'en');
  expect(unpaired.code).toBe(1);
  expect(unpaired.stderr).toMatch(/pair/i);
});
