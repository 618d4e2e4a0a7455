import { execFileSync } from 'node:child_process';

/**
 * Waits until the queue holds no job: the benchmarks time each print at the door's pace (an
 * arrival every few seconds), not back to back, where the previous job's conversion by the
 * printer driver (Ghostscript for cups-pdf) would compete for the same two cores.
 */
export async function queueIdle(queue: string, patienceMs = 60_000): Promise<void> {
  const until = Date.now() + patienceMs;
  while (Date.now() < until) {
    const jobs = execFileSync('lpstat', ['-o', queue], { encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } }).trim();
    if (!jobs) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
