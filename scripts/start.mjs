#!/usr/bin/env node
// `npm start`: opens the kiosk. With an Electron binary (downloaded on first use on a machine
// with internet) it builds and runs the desktop app; where Electron cannot be had it opens
// the same renderer in browser mode against the same core (`npm run dev:web` forces that).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const passThrough = args.filter((arg) => arg !== '--web');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(command, commandArgs, env = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

/** The Electron executable, downloading it on first use; undefined where that is impossible. */
function electronBinary() {
  try {
    const executable = require('electron');
    return typeof executable === 'string' && fs.existsSync(executable) ? executable : undefined;
  } catch (error) {
    console.warn(`Electron is not available here (${error.message.split('\n')[0]}).`);
    return undefined;
  }
}

/**
 * Builds better-sqlite3 for Electron's ABI into build/electron-<version>/ and puts the Node
 * build back in build/Release, so the CLI and tests keep working beside the desktop app
 * (main/core/db/native-binding.ts picks the right one at run time).
 */
function ensureElectronSqlite(version) {
  const moduleDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const release = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  const target = path.join(moduleDir, 'build', `electron-${version}`, 'better_sqlite3.node');
  if (fs.existsSync(target)) return true;
  const backup = `${release}.node-build`;
  fs.copyFileSync(release, backup);
  console.log(`Building better-sqlite3 for Electron ${version} (once)…`);
  const status = run('npm', ['rebuild', 'better-sqlite3'], {
    npm_config_runtime: 'electron',
    npm_config_target: version,
    npm_config_disturl: 'https://electronjs.org/headers',
  });
  if (status === 0) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(release, target);
  }
  fs.copyFileSync(backup, release);
  fs.rmSync(backup);
  return status === 0;
}

function build() {
  if (run(bin('electron-vite'), ['build']) !== 0) process.exit(1);
}

function startBrowserMode() {
  build();
  process.exit(run(process.execPath, ['--import', 'tsx', path.join(root, 'main', 'web.ts'), ...passThrough]));
}

if (webOnly) startBrowserMode();

const electron = electronBinary();
if (!electron) {
  console.warn('Opening the kiosk in browser mode instead (same screens, same core).');
  startBrowserMode();
}
const version = JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
if (!ensureElectronSqlite(version)) {
  console.warn('Could not build the database module for Electron; opening browser mode instead.');
  startBrowserMode();
}
build();
process.exit(run(electron, ['.', ...passThrough]));
