import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../badges/chromium';
import { htmlToPdf } from '../badges/pdf';
import type { BadgeTemplate } from '../badges/templates';
import { DomainError } from '../errors';
import type { PrinterInfo, PrinterState } from '../types';
import type { PrintJobReceipt, PrintJobRequest, PrinterDriver } from './driver';

export interface CupsDriverOptions {
  /** Where lp and lpstat live (tests); otherwise found on PATH. */
  binDir?: string;
  /** Chromium executable (else CHROMIUM_PATH, else /usr/bin/chromium). */
  chromiumPath?: string;
  /** Extra environment for lp/lpstat (CUPS_SERVER in tests). */
  env?: NodeJS.ProcessEnv;
  /**
   * How long an accepted job may be printing without finishing before it counts as stuck (an
   * offline network printer: CUPS keeps it "printing" and retries for days); time spent queued
   * behind other jobs does not count. It is then cancelled, so that it never comes out later
   * beside the reprint. Default 60 s.
   */
  jobTimeoutMs?: number;
  /** How often the queue is asked about an accepted job. Default 250 ms. */
  jobPollMs?: number;
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A printer as `lpstat -l -p` describes it, before `lpstat -a` says whether it accepts jobs. */
export interface LpstatPrinter {
  name: string;
  state: PrinterState;
  description: string;
  message: string;
}

/** Lines that start the detail block of `lpstat -l -p`: what comes before them is the state message. */
const detailKeys = /^\s+(Form mounted|Content types|Printer types|Description|Alerts|Location|Connection|Interface|On fault|After fault|Users allowed|Forms allowed|Banner required|Charset sets|Default pitch|Default page size|Default port settings)\b/;

/**
 * Parses `lpstat -l -p` (or `lpstat -p`) run with LANG=C:
 *   printer PDF is idle.  enabled since …
 *   printer PDF now printing PDF-3.  enabled since …
 *   printer Q disabled since … -
 *   \tOut of paper
 *   \tDescription: Brother QL-820NWB
 */
export function parseLpstatPrinters(output: string): LpstatPrinter[] {
  const printers: LpstatPrinter[] = [];
  let current: (LpstatPrinter & { inDetails: boolean; lines: string[] }) | undefined;
  const flush = () => {
    if (!current) return;
    const { inDetails: _d, lines, ...printer } = current;
    printers.push({ ...printer, message: lines.join(' ').trim() });
    current = undefined;
  };
  for (const line of output.split('\n')) {
    const head = /^printer (\S+) (.*)$/.exec(line);
    if (head) {
      flush();
      const rest = head[2]!;
      const state: PrinterState = /^disabled\b/.test(rest) ? 'stopped' : /^now printing\b/.test(rest) ? 'printing' : /^is idle\b/.test(rest) ? 'idle' : 'unknown';
      current = { name: head[1]!, state, description: '', message: '', inDetails: false, lines: [] };
      continue;
    }
    if (!current || !/^\s/.test(line)) continue;
    if (detailKeys.test(line)) {
      current.inDetails = true;
      const description = /^\s+Description:\s?(.*)$/.exec(line);
      if (description) current.description = description[1]!.trim();
      continue;
    }
    if (!current.inDetails && line.trim()) current.lines.push(line.trim());
  }
  flush();
  return printers;
}

/**
 * Parses `lpstat -a` (LANG=C): which queues accept jobs, and why one does not.
 *   PDF accepting requests since …
 *   Q not accepting requests since … -
 *   \tClosed for lunch
 */
export function parseLpstatAccepting(output: string): Map<string, { accepting: boolean; reason: string }> {
  const result = new Map<string, { accepting: boolean; reason: string }>();
  let last: string | undefined;
  for (const line of output.split('\n')) {
    const head = /^(\S+) (not )?accepting requests\b/.exec(line);
    if (head) {
      last = head[1]!;
      result.set(last, { accepting: !head[2], reason: '' });
      continue;
    }
    if (last && /^\s/.test(line) && line.trim()) {
      const entry = result.get(last)!;
      entry.reason = [entry.reason, line.trim()].filter(Boolean).join(' ');
    }
  }
  return result;
}

/** A job as `lpstat -l -o` (or `lpstat -W completed -l -o`) describes it. */
export interface LpstatJob {
  id: string;
  /** The printer's message while the job was there ("The printer may not exist…"), '' when none. */
  status: string;
  /** The job's state reasons ("job-printing", "job-canceled-by-user", "job-aborted-by-system"…). */
  alerts: string[];
}

/** Parses `lpstat -l -o` run with LANG=C: a line per job at the margin, then its indented details. */
export function parseLpstatJobs(output: string): Map<string, LpstatJob> {
  const jobs = new Map<string, LpstatJob>();
  let current: LpstatJob | null = null;
  for (const line of output.split('\n')) {
    const head = /^(\S+)\s+\S+\s+\d+\s/.exec(line);
    if (head) {
      current = { id: head[1]!, status: '', alerts: [] };
      jobs.set(current.id, current);
      continue;
    }
    const detail = /^\s+(Status|Alerts):\s*(.*)$/.exec(line);
    if (!current || !detail) continue;
    if (detail[1] === 'Status') current.status = detail[2]!.trim();
    else current.alerts = detail[2]!.split(/[\s,]+/).filter(Boolean);
  }
  return jobs;
}

/** A finished job's state reasons that mean nothing (or not all) came out. */
export function isFailedJob(job: Pick<LpstatJob, 'alerts'>): boolean {
  return job.alerts.some((reason) => /canceled|cancelled|aborted|stopped/.test(reason));
}

/** Parses `lpstat -d`: "system default destination: PDF" (null for "no system default destination"). */
export function parseLpstatDefault(output: string): string | null {
  return /system default destination:\s*(\S+)/.exec(output)?.[1] ?? null;
}

/** Parses lp's answer "request id is PDF-12 (1 file(s))" into "PDF-12" ('' when absent). */
export function parseLpRequestId(output: string): string {
  return /request id is (\S+)/.exec(output)?.[1] ?? '';
}

/** Whether lp/lpstat's stderr says the scheduler cannot be reached (cupsd down). */
export function isSchedulerDown(stderr: string): boolean {
  return /unable to connect|scheduler is not running|connection refused|no such file or directory/i.test(stderr);
}

/** Whether lpstat/lp says a destination does not exist. */
export function isUnknownDestination(stderr: string): boolean {
  return /invalid destination|does not exist|unknown destination|not a valid destination/i.test(stderr);
}

/** The first meaningful line of a CUPS tool's message, without the tool's "lp: " prefix. */
export function cupsReason(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  return line.replace(/^(lp|lpstat):\s*/, '').replace(/^Error - /, '');
}

/** The exact page size as a CUPS custom media: "Custom.62x100mm". */
export function customMedia(template: Pick<BadgeTemplate, 'page'>): string {
  const mm = (n: number) => String(Math.round(n * 100) / 100);
  return `Custom.${mm(template.page.width)}x${mm(template.page.height)}mm`;
}

/**
 * Prints through CUPS: headless Chromium renders the badge document to PDF at the template's
 * exact size, `lp` submits it with the same size as custom media and no scaling. One Chromium
 * per driver, launched on the first print and kept warm (a page costs ~0.4 s to open).
 */
export function createCupsDriver(options: CupsDriverOptions = {}): PrinterDriver {
  const env = { ...process.env, ...options.env, LANG: 'C', LC_ALL: 'C' };
  const bin = (name: string) => (options.binDir ? path.join(options.binDir, name) : name);
  const jobTimeoutMs = options.jobTimeoutMs ?? 60_000;
  const jobPollMs = options.jobPollMs ?? 250;
  let browser: Promise<Browser> | undefined;

  const run = (command: 'lp' | 'lpstat' | 'cancel', args: string[]): Promise<RunResult> =>
    new Promise((resolve, reject) => {
      // No shell: queue names and titles go to lp as arguments, never through a command line.
      execFile(bin(command), args, { env, timeout: 30_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code: unknown = (error as { code?: unknown } | null)?.code;
        if (code === 'ENOENT' || code === 'EACCES') {
          reject(new DomainError('print.system_unavailable', `The printing system is not available: ${command} not found.`, { reason: `${command}: ${String(code)}` }));
          return;
        }
        const exit = !error ? 0 : typeof code === 'number' ? code : 1;
        resolve({ code: exit, stdout: String(stdout), stderr: String(stderr) });
      });
    });

  const unavailable = (reason: string) =>
    new DomainError('print.system_unavailable', `The printing system is not available: ${reason}.`, { reason });

  async function list(): Promise<PrinterInfo[]> {
    const printers = await run('lpstat', ['-l', '-p']);
    if (printers.code !== 0) {
      // With no queue at all lpstat says so and fails: an empty list, not an error.
      if (/no destinations added/i.test(printers.stderr)) return [];
      throw unavailable(cupsReason(printers.stderr) || `lpstat exited with ${printers.code}`);
    }
    const [accepting, defaults] = await Promise.all([run('lpstat', ['-a']), run('lpstat', ['-d'])]);
    const acceptance = parseLpstatAccepting(accepting.stdout);
    const preferred = parseLpstatDefault(defaults.stdout);
    return parseLpstatPrinters(printers.stdout).map((p) => {
      const a = acceptance.get(p.name);
      return {
        name: p.name,
        description: p.description,
        isDefault: p.name === preferred,
        state: p.state,
        accepting: a?.accepting ?? true,
        message: p.message || a?.reason || '',
      };
    });
  }

  /** The queue's state right before a job: refuses with the printer system's own words. */
  async function check(printer: string): Promise<void> {
    const result = await run('lpstat', ['-l', '-p', printer, '-a', printer]);
    if (result.code !== 0 || !result.stdout.trim()) {
      if (isUnknownDestination(result.stderr) || (!result.stderr.trim() && !result.stdout.trim())) {
        throw new DomainError('print.printer_unknown', `No printer named "${printer}" on this computer.`, { printer });
      }
      throw unavailable(cupsReason(result.stderr) || `lpstat exited with ${result.code}`);
    }
    const found = parseLpstatPrinters(result.stdout).find((p) => p.name === printer);
    if (!found) throw new DomainError('print.printer_unknown', `No printer named "${printer}" on this computer.`, { printer });
    const acceptance = parseLpstatAccepting(result.stdout).get(printer);
    if (found.state === 'stopped') {
      const reason = found.message || acceptance?.reason || 'Paused';
      throw new DomainError('print.printer_stopped', `The printer "${printer}" is stopped (${reason}).`, { printer, reason });
    }
    if (acceptance && !acceptance.accepting) {
      const reason = acceptance.reason || found.message || 'Rejecting Jobs';
      throw new DomainError('print.printer_rejecting', `The printer "${printer}" does not accept jobs (${reason}).`, { printer, reason });
    }
  }

  /**
   * Follows an accepted job until CUPS is done with it. The wait counts only while the job is the
   * one printing (a job queued behind a long batch is not stuck); printing for jobTimeoutMs with
   * nothing finished, or held by a queue that stopped, it is cancelled (nothing comes out later as
   * a duplicate of the reprint) and the print fails with the printer's own message. Finished, its
   * state reasons say whether it printed (PreserveJobHistory, on by default; without it, a job
   * that left the queue counts as printed). Only a successful lpstat says a job has left.
   */
  async function followJob(printer: string, jobId: string): Promise<void> {
    let deadline = Date.now() + jobTimeoutMs;
    let lastReason = 'no answer from the printer';
    for (;;) {
      const queued = await run('lpstat', ['-l', '-o', printer]);
      if (queued.code !== 0) {
        if (isSchedulerDown(queued.stderr)) throw unavailable(cupsReason(queued.stderr));
        lastReason = cupsReason(queued.stderr) || lastReason;
      } else {
        const jobs = [...parseLpstatJobs(queued.stdout).values()];
        const index = jobs.findIndex((j) => j.id === jobId);
        if (index === -1) break;
        const job = jobs[index]!;
        lastReason = job.status || lastReason;
        const stopped = job.alerts.some((reason) => reason.includes('stopped'));
        if (stopped) {
          await run('cancel', [jobId]).catch(() => undefined);
          throw new DomainError('print.printer_stopped', `The printer "${printer}" is stopped (${job.status || 'Paused'}).`, { printer, reason: job.status || 'Paused' });
        }
        // Waiting its turn behind other jobs: the clock starts when it is the one printing.
        if (index > 0 && !job.alerts.includes('job-printing')) deadline = Date.now() + jobTimeoutMs;
      }
      if (Date.now() >= deadline) {
        await run('cancel', [jobId]).catch(() => undefined);
        const seconds = Math.round(jobTimeoutMs / 1000);
        throw new DomainError('print.job_stuck', `The printer "${printer}" did not print the job within ${seconds} s (${lastReason}): it was cancelled.`, {
          printer,
          reason: lastReason,
          seconds,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, jobPollMs));
    }
    const finished = parseLpstatJobs((await run('lpstat', ['-W', 'completed', '-l', '-o', printer])).stdout).get(jobId);
    if (finished && isFailedJob(finished)) {
      const reason = finished.status || finished.alerts.join(', ');
      throw new DomainError('print.job_failed', `The printer "${printer}" did not print the job: ${reason}.`, { printer, reason });
    }
  }

  function chromium(): Promise<Browser> {
    browser ??= launchChromium(options.chromiumPath).then((b) => {
      // A crashed Chromium is launched again on the next print.
      b.on('disconnected', () => {
        browser = undefined;
      });
      return b;
    });
    browser.catch(() => {
      browser = undefined;
    });
    return browser;
  }

  async function pdf(job: Pick<PrintJobRequest, 'html' | 'template'>): Promise<Uint8Array> {
    return htmlToPdf(await chromium(), job.html, job.template);
  }

  async function submit(job: PrintJobRequest): Promise<PrintJobReceipt> {
    // lp would queue a job on a disabled printer without a word: the queue is checked first.
    // With Chromium warm the check runs while it renders (a process start should not add to the
    // wait); a cold one is not launched for a printer that cannot print.
    let bytes: Uint8Array;
    if (browser) [, bytes] = await Promise.all([check(job.printer), pdf(job)]);
    else {
      await check(job.printer);
      bytes = await pdf(job);
    }
    const file = path.join(os.tmpdir(), `accueil-badge-${process.pid}-${randomBytes(6).toString('hex')}.pdf`);
    try {
      await fs.writeFile(file, bytes);
      const title = job.title.replace(/[\r\n\t]+/g, ' ').slice(0, 120) || 'Badge';
      const result = await run('lp', [
        '-d', job.printer,
        '-n', String(job.copies),
        '-t', title,
        '-o', `media=${customMedia(job.template)}`,
        '-o', 'print-scaling=none',
        '--', file,
      ]);
      const jobId = parseLpRequestId(result.stdout);
      if (result.code !== 0 || !jobId) {
        const reason = cupsReason(result.stderr) || cupsReason(result.stdout) || `lp exited with ${result.code}`;
        if (isUnknownDestination(result.stderr)) throw new DomainError('print.printer_unknown', `No printer named "${job.printer}" on this computer.`, { printer: job.printer });
        if (/not accepting jobs/i.test(result.stderr)) {
          throw new DomainError('print.printer_rejecting', `The printer "${job.printer}" does not accept jobs (${reason}).`, { printer: job.printer, reason });
        }
        if (isSchedulerDown(result.stderr)) throw unavailable(reason);
        throw new DomainError('print.job_failed', `The printer "${job.printer}" refused the job: ${reason}.`, { printer: job.printer, reason });
      }
      const printed = followJob(job.printer, jobId);
      // Whoever takes the receipt awaits it; a caller that only wanted the job id leaves no unhandled rejection.
      printed.catch(() => undefined);
      return { jobId, printed };
    } finally {
      await fs.rm(file, { force: true }).catch(() => undefined);
    }
  }

  async function close(): Promise<void> {
    const open = browser;
    browser = undefined;
    if (open) await (await open.catch(() => undefined))?.close().catch(() => undefined);
  }

  return { kind: 'cups', list, submit, pdf, close };
}
