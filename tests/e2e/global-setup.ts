import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startTestCups } from '../helpers/test-cups';

const root = path.resolve(import.meta.dirname, '../..');
export const rendererIndex = path.join(root, 'out', 'renderer', 'index.html');

/** Everything the renderer bundle is built from. */
const sources = ['renderer', 'resources/locales', 'main/core', 'main/bridge/wire.ts'];

function newestMtime(target: string): number {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(full).map((name) => newestMtime(path.join(target, name))));
}

/**
 * The tests drive the built renderer (out/renderer). `npm test` builds it first; when run
 * alone (`npx playwright test`) a missing or stale build is rebuilt here, renderer only.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  buildRenderer();
  // The printing tests print through a CUPS scheduler of their own (tests/helpers/test-cups.ts);
  // the test workers start after this and inherit CUPS_SERVER.
  const cups = await startTestCups();
  process.env.CUPS_SERVER = cups.server;
  return () => cups.stop();
}

function buildRenderer(): void {
  const built = fs.existsSync(rendererIndex) ? fs.statSync(rendererIndex).mtimeMs : 0;
  const newest = Math.max(...sources.map(newestMtime));
  if (built >= newest) return;
  console.log(built ? 'out/renderer is older than its sources: rebuilding the renderer…' : 'out/renderer is missing: building the renderer…');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.web.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0 || !fs.existsSync(rendererIndex)) {
    throw new Error(`The renderer could not be built, so there is nothing to test (${rendererIndex} is missing). Run "npm run build" and read its errors.`);
  }
}
