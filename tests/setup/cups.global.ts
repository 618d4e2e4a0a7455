/**
 * Vitest's global setup: the tests' own CUPS scheduler (tests/helpers/test-cups.ts), started
 * before the test processes so they inherit CUPS_SERVER, stopped after the run.
 */
import { startTestCups } from '../helpers/test-cups';

export default async function setup(): Promise<() => Promise<void>> {
  const cups = await startTestCups();
  process.env.CUPS_SERVER = cups.server;
  return () => cups.stop();
}
