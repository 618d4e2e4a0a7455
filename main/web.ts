/**
 * Composition root of browser mode (`npm run dev:web`, and `npm start` where Electron cannot
 * run): the same core as the desktop app, the built renderer, and the loopback HTTP bridge
 * between them instead of IPC.
 *
 *   node --import tsx main/web.ts [--data DIR] [--port N] [--no-open]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pkg from '../package.json' with { type: 'json' };
import { startBridge, type Bridge } from './bridge/server';
import { defaultDataDir } from './core/data-dir';
import type { Database } from './core/db/open';
import { startKioskCore } from './core/kiosk-core';
import { chromiumPath } from './core/badges/chromium';

const root = path.resolve(import.meta.dirname, '..');
const chromium = chromiumPath();

export interface WebOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Open a Chromium app window on the kiosk (when one is installed and a display exists). */
  open?: boolean;
  staticDir?: string;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface WebKiosk {
  bridge: Bridge;
  db: Database;
  close(): Promise<void>;
}

export async function runWeb(options: WebOptions): Promise<WebKiosk> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => new Date());
  const staticDir = options.staticDir ?? path.join(root, 'out', 'renderer');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    log(`The renderer is not built (${staticDir}/index.html is missing): run "npm run build" first.`);
  }

  const core = startKioskCore({ dataDir: options.dataDir, version: pkg.version, now, log });
  const { db, services } = core;
  let bridge: Bridge;
  try {
    bridge = await startBridge({ services, port: options.port ?? 0, staticDir });
  } catch (error) {
    await core.close();
    throw error;
  }

  log(`Data folder: ${options.dataDir}`);
  log(`Accueil is running at ${bridge.appUrl}`);
  log('Open that address (with its #token) in Chromium; press Ctrl+C to stop.');
  if (options.open) openAppWindow(bridge.appUrl, log);

  return {
    bridge,
    db,
    close: async () => {
      await bridge.close();
      await core.close();
    },
  };
}

/** A chromeless Chromium window when the machine has one; otherwise the printed link is enough. */
function openAppWindow(url: string, log: (line: string) => void): void {
  if (!fs.existsSync(chromium) || !process.env.DISPLAY) return;
  const profile = path.join(os.tmpdir(), 'accueil-chromium-profile');
  const child = spawn(chromium, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-sync'], {
    detached: true,
    stdio: 'ignore',
  });
  child.on('error', (error) => log(`Could not open Chromium: ${error.message}`));
  child.unref();
}

export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): WebOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean' },
    },
    allowPositionals: false,
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port needs a port number (0-65535), not "${values.port}".`);
  return {
    dataDir: values.data ? path.resolve(cwd, values.data) : defaultDataDir(env),
    port,
    open: !values['no-open'],
  };
}

async function main(): Promise<void> {
  let options: WebOptions;
  try {
    options = parseWebArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error('Usage: node --import tsx main/web.ts [--data DIR] [--port N] [--no-open]');
    process.exit(2);
  }
  const kiosk = await runWeb(options);
  const stop = () => {
    void kiosk.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(`Accueil could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
