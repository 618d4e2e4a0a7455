/**
 * The real hub as a child process: `accueil hub --host 127.0.0.1 --port 0 --data DIR` started
 * through bin/accueil.mjs (tsx, no build step), its URL and first pairing code read from the
 * lines it prints (`listening on URL`, `pairing code: CODE`).
 *
 *   const hub = await startHubProcess({ dataDir });   // the folder must hold an event
 *   hub.url, hub.port, hub.pairingCode
 *   await hub.newCode();   // `accueil hub-code --data DIR`, in this process, on the same file (WAL)
 *   await hub.stop();      // SIGTERM: graceful close, resolves when the process has exited
 *   await hub.kill();      // SIGKILL: no goodbye (fault tests)
 *
 * Restarting: start again on the same folder (a new port unless `port` is given). Free of
 * vitest so benchmarks can use it; callers stop what they start (a failed start kills its child).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../main/cli/program';

export interface HubProcessOptions {
  dataDir: string;
  /** 0 (default): a free port. */
  port?: number;
  host?: string;
  event?: string;
  tls?: { cert: string; key: string };
  /** Extra environment (e.g. ACCUEIL_* knobs). */
  env?: NodeJS.ProcessEnv;
}

export interface HubProcess {
  url: string;
  port: number;
  pairingCode: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the hub printed so far. */
  output(): { stdout: string; stderr: string };
  /** A new pairing code from `accueil hub-code --data DIR` (works while the hub runs). */
  newCode(): Promise<string>;
  /** SIGTERM and wait for the exit (graceful: in-flight requests finish). Returns the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
  /** Resolves when the process has exited (whoever stopped it). */
  exited: Promise<number | null>;
}

// import.meta.url, not __dirname: the benchmarks run this under tsx as an ES module.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'accueil.mjs');

export async function startHubProcess(options: HubProcessOptions): Promise<HubProcess> {
  const args = [bin, 'hub', '--lang', 'en', '--host', options.host ?? '127.0.0.1', '--port', String(options.port ?? 0), '--data', options.dataDir];
  if (options.event) args.push('--event', options.event);
  if (options.tls) args.push('--tls-cert', options.tls.cert, '--tls-key', options.tls.key);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...options.env, LANG: 'en_US.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => void (stdout += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => void (stderr += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const started = await new Promise<{ url: string; code: string }>((resolve, reject) => {
    const check = () => {
      const url = /listening on (https?:\/\/\S+)/.exec(stdout)?.[1];
      const code = /pairing code: (\S+)/.exec(stdout)?.[1];
      if (url && code) {
        child.stdout!.off('data', check);
        resolve({ url, code });
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => reject(new Error(`accueil hub exited (${code}) before listening:\n${stdout}\n${stderr}`)));
  });

  const hub: HubProcess = {
    url: started.url,
    port: Number(new URL(started.url).port),
    pairingCode: started.code,
    dataDir: options.dataDir,
    child,
    exited,
    output: () => ({ stdout, stderr }),
    newCode: async () => {
      let out = '';
      let err = '';
      const code = await runCli(['hub-code', '--data', options.dataDir, '--lang', 'en'], { stdout: (t) => void (out += t), stderr: (t) => void (err += t) }, {});
      const found = /pairing code: (\S+)/.exec(out)?.[1];
      if (code !== 0 || !found) throw new Error(`accueil hub-code failed (${code}): ${out}${err}`);
      return found;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  return hub;
}
