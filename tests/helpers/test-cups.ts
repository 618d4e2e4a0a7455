/**
 * A CUPS scheduler of the tests' own, started by the test setup (vitest's and Playwright's
 * global setup): its own configuration, spool, state and logs in a temp folder, listening
 * only on a socket there, with the cups-pdf queue `PDF` the printing tests print to.
 *
 * Why not the machine's cupsd: the tests then depend on whatever state it is in (not started,
 * stopped by a service manager, queues left over). A CI run broke that way: its script took
 * `lpstat -r`'s exit code for "running" (it is 0 either way) and never started one. This one
 * lives exactly as long as the test run and says why when it fails.
 *
 * Every `lp`, `lpstat`, `lpadmin`… run by the tests (and by the CUPS driver under test) finds
 * it through CUPS_SERVER, which the global setup exports before the test processes start.
 * cups-pdf still writes to the job owner's ~/PDF (/root/PDF: its configuration is global);
 * job numbers start at a random high value so two runs never name a file alike.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCups {
  /** The scheduler's socket: the value of CUPS_SERVER. */
  server: string;
  folder: string;
  stop(): Promise<void>;
}

const cupsd = '/usr/sbin/cupsd';
const pdfPpd = '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd';

function configuration(folder: string, socket: string): { cupsd: string; files: string } {
  const at = (name: string) => path.join(folder, name);
  return {
    // Only a local socket; no browsing, no web interface; every operation allowed without a
    // password (only processes of this machine that can reach the temp folder get here).
    cupsd: [
      'LogLevel warn',
      `Listen ${socket}`,
      'Browsing No',
      'WebInterface No',
      'DefaultAuthType None',
      'MaxLogSize 0',
      // A job that fails stays failed (the tests check what the ledger says), none is retried.
      'ErrorPolicy abort-job',
      'PreserveJobHistory Yes',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
    files: [
      `ServerRoot ${at('etc')}`,
      `RequestRoot ${at('spool')}`,
      `TempDir ${at('spool/tmp')}`,
      `StateDir ${at('run')}`,
      `CacheDir ${at('cache')}`,
      `ServerKeychain ${at('ssl')}`,
      `ErrorLog ${at('log/error_log')}`,
      `AccessLog ${at('log/access_log')}`,
      `PageLog ${at('log/page_log')}`,
      'SystemGroup root',
      '',
    ].join('\n'),
  };
}

/**
 * The scheduler answers. `lpstat -r` exits 0 either way ("scheduler is not running" too: that
 * is how the old CI script believed a CUPS was up when none was), so its words are read.
 */
function running(server: string): boolean {
  try {
    const out = execFileSync('lpstat', ['-r'], { env: { ...process.env, CUPS_SERVER: server, LANG: 'C', LC_ALL: 'C' }, encoding: 'utf8', stdio: 'pipe' });
    return out.trim() === 'scheduler is running';
  } catch {
    return false;
  }
}

function log(folder: string): string {
  const file = path.join(folder, 'log', 'error_log');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').slice(-20).join('\n') : '(no error log)';
}

export async function startTestCups(): Promise<TestCups> {
  if (!fs.existsSync(cupsd) || !fs.existsSync(pdfPpd)) {
    throw new Error(`The printing tests need CUPS and cups-pdf (${cupsd}, ${pdfPpd}): install the packages cups and printer-driver-cups-pdf (.ci/run does).`);
  }
  if (process.getuid?.() !== 0) {
    // cups-pdf's backend is root-only (mode 0700); a scheduler run by another user cannot start it.
    throw new Error('The printing tests start their own CUPS scheduler with the cups-pdf backend, which needs root: run them as root (CI does).');
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-cups-'));
  // CUPS filters run as the unprivileged `lp` user and read job files under the spool.
  fs.chmodSync(folder, 0o755);
  for (const dir of ['etc/ppd', 'spool/tmp', 'run', 'cache', 'ssl', 'log']) fs.mkdirSync(path.join(folder, dir), { recursive: true });
  const socket = path.join(folder, 'run', 'cups.sock');
  const conf = configuration(folder, socket);
  fs.writeFileSync(path.join(folder, 'etc', 'cupsd.conf'), conf.cupsd);
  fs.writeFileSync(path.join(folder, 'etc', 'cups-files.conf'), conf.files);
  fs.writeFileSync(path.join(folder, 'cache', 'job.cache'), `NextJobId ${randomInt(1_000_000, 1_500_000_000)}\n`);

  // In the foreground (-f): it is this process's child, gone with the run, and its exit is seen.
  const child: ChildProcess = spawn(cupsd, ['-f', '-c', path.join(folder, 'etc', 'cupsd.conf'), '-s', path.join(folder, 'etc', 'cups-files.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const until = Date.now() + 30_000;
  while (!running(socket)) {
    if (child.exitCode !== null || Date.now() > until) {
      child.kill('SIGKILL');
      const why = log(folder);
      fs.rmSync(folder, { recursive: true, force: true });
      throw new Error(`The test CUPS scheduler did not start (exit ${child.exitCode ?? 'none'}): ${stderr.trim()}\n${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const env = { ...process.env, CUPS_SERVER: socket };
  try {
    execFileSync('lpadmin', ['-p', 'PDF', '-E', '-v', 'cups-pdf:/', '-P', pdfPpd], { env, stdio: 'pipe' });
  } catch (error) {
    child.kill('SIGKILL');
    const reason = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
    const why = log(folder);
    fs.rmSync(folder, { recursive: true, force: true });
    throw new Error(`The test CUPS scheduler did not take the PDF queue: ${reason}\n${stderr.trim()}\n${why}`);
  }

  return {
    server: socket,
    folder,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}
