/**
 * `accueil hub` as a child process on a free loopback port, for the browser tests that need a
 * real hub (tests/helpers/hub-process.ts does the same for vitest, but it reaches the CLI
 * program, which imports package.json in a way Playwright's loader refuses). A new code is
 * stored straight in the hub's file, as `accueil hub-code` does.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { databaseFileName, openDatabase } from '../../main/core/db/open';
import { issuePairingCode } from '../../main/core/sync/hub/store';

export interface HubProcess {
  url: string;
  pairingCode: string;
  newCode(): string;
  stop(): Promise<void>;
}

export async function startHubProcess(dataDir: string): Promise<HubProcess> {
  const root = path.resolve(import.meta.dirname, '../..');
  const child = spawn(process.execPath, [path.join(root, 'bin', 'accueil.mjs'), 'hub', '--lang', 'en', '--host', '127.0.0.1', '--port', '0', '--data', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = await new Promise<{ url: string; code: string }>((resolve, reject) => {
    const read = (text: string) => {
      output += text;
      const url = /listening on (https?:\/\/\S+)/.exec(output)?.[1];
      const code = /pairing code: (\S+)/.exec(output)?.[1];
      if (url && code) resolve({ url, code });
    };
    child.stdout!.setEncoding('utf8').on('data', read);
    child.stderr!.setEncoding('utf8').on('data', (text: string) => void (output += text));
    void exited.then(() => reject(new Error(`accueil hub exited before listening:\n${output}`)));
  });
  return {
    url: started.url,
    pairingCode: started.code,
    newCode: () => {
      const db = openDatabase(path.join(dataDir, databaseFileName));
      try {
        const eventId = db.prepare("SELECT id FROM events LIMIT 1").pluck().get() as string;
        return issuePairingCode(db, eventId, new Date()).code;
      } finally {
        db.close();
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
