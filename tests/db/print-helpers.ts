import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { PT_PER_MM } from '../../main/core/badges/fit';

/** Where the cups-pdf queue `PDF` of the tests' scheduler (tests/helpers/test-cups.ts) writes what it prints. */
export const PDF_OUT = process.env.CUPS_PDF_OUT ?? '/root/PDF';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The file cups-pdf wrote for a job ("PDF-12" → "…job_12.pdf"), polled until it is complete:
 * cups-pdf writes it once the job went through the filters, which on a busy machine takes a while.
 */
export async function printedFile(jobId: string, patienceMs = 240_000): Promise<string> {
  const number = /-(\d+)$/.exec(jobId)?.[1];
  expect(number, `job id ${jobId}`).toBeTruthy();
  const pattern = new RegExp(`job_${number}\\.pdf$`);
  const until = Date.now() + patienceMs;
  for (;;) {
    const name = fs.existsSync(PDF_OUT) ? fs.readdirSync(PDF_OUT).find((f) => pattern.test(f)) : undefined;
    if (name) {
      const file = path.join(PDF_OUT, name);
      try {
        execFileSync('pdfinfo', [file], { stdio: 'pipe' });
        return file; // complete: pdfinfo reads it
      } catch {
        // still being written
      }
    }
    if (Date.now() > until) throw new Error(`cups-pdf wrote no file for ${jobId} in ${PDF_OUT}`);
    await sleep(200);
  }
}

export function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)![1]), width: Number(size[1]), height: Number(size[2]) };
}

export function expectPageSize(file: string, page: { width: number; height: number }): void {
  const info = pdfInfo(file);
  expect(Math.abs(info.width - page.width * PT_PER_MM), `width of ${file}`).toBeLessThanOrEqual(1);
  expect(Math.abs(info.height - page.height * PT_PER_MM), `height of ${file}`).toBeLessThanOrEqual(1);
}

/** A cups-pdf queue of the test's own: faults are simulated on it, never on the shared `PDF`. */
/**
 * A queue of the test's own. `device`: where CUPS sends the jobs, cups-pdf by default;
 * "socket://127.0.0.1:9" is a network printer that is off (CUPS keeps the job, retrying).
 */
export function createTestQueue(device = 'cups-pdf:/'): { name: string; remove: () => void } {
  const name = `ACCUEIL_TEST_printing_${randomBytes(4).toString('hex')}`;
  execFileSync('lpadmin', ['-p', name, '-E', '-v', device, '-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd'], { stdio: 'pipe' });
  return {
    name,
    remove: () => {
      try {
        execFileSync('lpadmin', ['-x', name], { stdio: 'pipe' });
      } catch {
        // already gone
      }
    },
  };
}

export function cups(command: 'cupsdisable' | 'cupsenable' | 'cupsreject' | 'cupsaccept', queue: string, reason?: string): void {
  execFileSync(command, reason ? ['-r', reason, queue] : [queue], { stdio: 'pipe' });
}

/** The job's IPP attributes as CUPS kept them (copies, media, print-scaling), read with ipptool. */
export function jobAttributes(jobId: string): Record<string, string> {
  const number = /-(\d+)$/.exec(jobId)![1]!;
  // The tests' own scheduler listens on a socket only: ipptool takes its path, %-encoded, as the host.
  const server = process.env.CUPS_SERVER?.startsWith('/') ? encodeURIComponent(process.env.CUPS_SERVER) : 'localhost';
  const out = execFileSync('ipptool', ['-tv', `ipp://${server}/jobs/${number}`, 'get-job-attributes.test'], { encoding: 'utf8' });
  const attributes: Record<string, string> = {};
  for (const match of out.matchAll(/^\s+([\w-]+) \([^)]*\) = (.*)$/gm)) attributes[match[1]!] ??= match[2]!.trim();
  return attributes;
}
