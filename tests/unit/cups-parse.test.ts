import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createCupsDriver,
  cupsReason,
  customMedia,
  isFailedJob,
  isSchedulerDown,
  isUnknownDestination,
  parseLpRequestId,
  parseLpstatAccepting,
  parseLpstatDefault,
  parseLpstatJobs,
  parseLpstatPrinters,
} from '../../main/core/printing/cups';

/** Outputs captured from CUPS 2.4 with LANG=C (what the driver runs lpstat and lp with). */
const lpstatLong = `printer ACCUEIL_TEST_probe disabled since Sat Nov 28 01:36:07 2026 -
\tOut of paper
\tForm mounted:
\tContent types: any
\tPrinter types: unknown
\tDescription: Brother QL-820NWB
\tAlerts: paused
\tLocation: Accueil
\tConnection: direct
\tInterface: /etc/cups/ppd/ACCUEIL_TEST_probe.ppd
\tOn fault: no alert
\tAfter fault: continue
\tUsers allowed:
\t\t(all)
\tForms allowed:
\t\t(none)
\tBanner required
\tCharset sets:
\t\t(none)
\tDefault pitch:
\tDefault page size:
\tDefault port settings:
printer PDF is idle.  enabled since Sat Nov 28 01:30:15 2026
\tForm mounted:
\tContent types: any
\tPrinter types: unknown
\tDescription: PDF
\tAlerts: none
\tLocation: 
\tConnection: direct
\tInterface: /etc/cups/ppd/PDF.ppd
\tOn fault: no alert
\tAfter fault: continue
\tUsers allowed:
\t\t(all)
\tForms allowed:
\t\t(none)
\tBanner required
\tCharset sets:
\t\t(none)
\tDefault pitch:
\tDefault page size:
\tDefault port settings:
printer QL now printing QL-41.  enabled since Sat Nov 28 02:01:00 2026
\tWaiting for printer to become available.
\tForm mounted:
\tDescription: Étiquettes
`;

const lpstatAccepting = `ACCUEIL_TEST_probe not accepting requests since Sat Nov 28 01:36:07 2026 -
\tClosed for lunch
PDF accepting requests since Sat Nov 28 01:30:15 2026
QL accepting requests since Sat Nov 28 02:01:00 2026
`;

describe('lpstat parsers', () => {
  it('reads state, description and the state message of each printer', () => {
    expect(parseLpstatPrinters(lpstatLong)).toEqual([
      { name: 'ACCUEIL_TEST_probe', state: 'stopped', description: 'Brother QL-820NWB', message: 'Out of paper' },
      { name: 'PDF', state: 'idle', description: 'PDF', message: '' },
      { name: 'QL', state: 'printing', description: 'Étiquettes', message: 'Waiting for printer to become available.' },
    ]);
  });

  it('reads the short form of lpstat -p too', () => {
    const short = 'printer Q disabled since Sat Nov 28 01:36:07 2026 -\n\tPaused\nprinter PDF is idle.  enabled since Sat Nov 28 01:30:15 2026\n';
    expect(parseLpstatPrinters(short)).toEqual([
      { name: 'Q', state: 'stopped', description: '', message: 'Paused' },
      { name: 'PDF', state: 'idle', description: '', message: '' },
    ]);
    expect(parseLpstatPrinters('')).toEqual([]);
  });

  it('reads which queues accept jobs and why one does not', () => {
    const accepting = parseLpstatAccepting(lpstatAccepting);
    expect(accepting.get('ACCUEIL_TEST_probe')).toEqual({ accepting: false, reason: 'Closed for lunch' });
    expect(accepting.get('PDF')).toEqual({ accepting: true, reason: '' });
    expect(accepting.get('QL')).toEqual({ accepting: true, reason: '' });
  });

  it('reads the default destination', () => {
    expect(parseLpstatDefault('system default destination: PDF\n')).toBe('PDF');
    expect(parseLpstatDefault('no system default destination\n')).toBeNull();
  });

  it('reads lp job ids and the CUPS tools errors', () => {
    expect(parseLpRequestId('request id is PDF-12 (1 file(s))\n')).toBe('PDF-12');
    expect(parseLpRequestId('request id is ACCUEIL_TEST_x-3 (1 file(s))')).toBe('ACCUEIL_TEST_x-3');
    expect(parseLpRequestId('')).toBe('');
    expect(cupsReason('lp: Destination "Q" is not accepting jobs.\n')).toBe('Destination "Q" is not accepting jobs.');
    expect(cupsReason('lp: Error - The printer or class does not exist.')).toBe('The printer or class does not exist.');
    expect(isUnknownDestination('lpstat: Invalid destination name in list "NOPE".')).toBe(true);
    expect(isUnknownDestination('lp: Error - The printer or class does not exist.')).toBe(true);
    expect(isSchedulerDown('lpstat: Unable to connect to server: Connection refused')).toBe(true);
    expect(isSchedulerDown('lp: Destination "Q" is not accepting jobs.')).toBe(false);
  });

  it('asks for the exact page size as custom media', () => {
    expect(customMedia({ page: { width: 105, height: 148 } })).toBe('Custom.105x148mm');
    expect(customMedia({ page: { width: 62, height: 100 } })).toBe('Custom.62x100mm');
    expect(customMedia({ page: { width: 85.6, height: 54 } })).toBe('Custom.85.6x54mm');
  });
});

describe('the CUPS driver without a printing system', () => {
  it('says the printing system is unavailable when lp and lpstat are missing', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-nocups-'));
    try {
      const driver = createCupsDriver({ binDir: empty });
      await expect(driver.list()).rejects.toMatchObject({ code: 'print.system_unavailable' });
      await expect(
        driver.submit({ printer: 'PDF', html: '<p>x</p>', template: { page: { width: 105, height: 148 } } as never, copies: 1, title: 't' }),
      ).rejects.toMatchObject({ code: 'print.system_unavailable' });
      await driver.close?.();
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('says so too when the scheduler cannot be reached', async () => {
    // CUPS_SERVER pointing at a closed port: lpstat cannot connect.
    const driver = createCupsDriver({ env: { CUPS_SERVER: '127.0.0.1:9' } });
    await expect(driver.list()).rejects.toMatchObject({ code: 'print.system_unavailable' });
    await driver.close?.();
  });
});

describe('lpstat -l -o (jobs)', () => {
  // As CUPS 2.4 prints them with LANG=C: a job printing to an offline network printer, one done.
  const queued = [
    'DEAD-204649511          root              1024   Sat Nov 28 08:23:36 2026',
    '\tStatus: The printer may not exist or is unavailable at this time.',
    '\tAlerts: job-printing',
    '\tqueued for DEAD',
    'PDF-12                  root              1024   Sat Nov 28 08:23:36 2026',
    '\tAlerts: job-printing',
    '\tqueued for PDF',
    '',
  ].join('\n');
  const completed = [
    'DEAD-204649511          root              1024   Sat Nov 28 08:23:44 2026',
    '\tStatus: The printer may not exist or is unavailable at this time.',
    '\tAlerts: job-canceled-by-user',
    '\tqueued for DEAD',
    'PDF-12                  root              1024   Sat Nov 28 08:21:29 2026',
    '\tStatus: ',
    '\tAlerts: processing-to-stop-point',
    '\tqueued for PDF',
    'PDF-13                  root              1024   Sat Nov 28 08:21:29 2026',
    '\tAlerts: job-aborted-by-system',
    '',
  ].join('\n');

  it('reads each job with the printer message and its state reasons', () => {
    expect([...parseLpstatJobs(queued).values()]).toEqual([
      { id: 'DEAD-204649511', status: 'The printer may not exist or is unavailable at this time.', alerts: ['job-printing'] },
      { id: 'PDF-12', status: '', alerts: ['job-printing'] },
    ]);
    expect(parseLpstatJobs('')).toEqual(new Map());
  });

  it('tells a printed job from a cancelled or aborted one', () => {
    const jobs = parseLpstatJobs(completed);
    expect(isFailedJob(jobs.get('DEAD-204649511')!)).toBe(true);
    expect(isFailedJob(jobs.get('PDF-12')!)).toBe(false);
    expect(isFailedJob(jobs.get('PDF-13')!)).toBe(true);
    expect(isFailedJob({ alerts: ['job-completed-successfully'] })).toBe(false);
  });
});
