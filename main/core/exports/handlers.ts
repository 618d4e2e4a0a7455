/**
 * The attendance exports' operations: the same documents as bytes for a screen to save, or
 * streamed straight into a file through the atomic writer (the CLI, a save dialog). Both read
 * through their own read-only snapshot and record an organiser entry in the audit log with
 * counts only (format, filter, rows, bytes: no names, no path).
 */
import { once } from 'node:events';
import { Writable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { DomainError } from '../errors';
import type { AuditLog } from '../audit/audit-log';
import type { Events } from '../events/events';
import { Settings } from '../settings/settings';
import type { Language } from '../contract';
import type { EventInfo } from '../types';
import type { PrinterDriver } from '../printing/driver';
import { writeFileAtomically } from './atomic-file';
import type { ExportOutputs, exportSchemas } from './contract';
import { writeCsv } from './csv';
import { emargementPdf, type EmargementPdf } from './emargement';
import { exportLabels } from './labels';
import { ExportPeople } from './people';
import { withExportReader } from './reader';
import { participantsTable, workbookTables, type ExportScope } from './tables';
import { VenueClock } from './venue-time';
import { writeXlsx } from './xlsx';

type Input<K extends keyof typeof exportSchemas> = z.output<(typeof exportSchemas)[K]>;
type Selection = Input<'export:attendance'>;

export interface ExportDeps {
  db: Database;
  now: () => Date;
  events: Events;
  audit: AuditLog;
  /** Renders the feuille d'émargement (the kiosk's printer driver); without it a Chromium is launched. */
  driver?: Pick<PrinterDriver, 'pdf'>;
}

/** Checks the selection against the event before anything is written. */
function resolve(deps: ExportDeps, input: Selection): { event: EventInfo; language: Language } {
  const event = deps.events.get(deps.events.requireCurrentId());
  if (input.day !== undefined && !event.days.some((day) => day.date === input.day)) {
    const days = event.days.map((day) => day.date).join(', ');
    throw new DomainError('export.unknown_day', `The event has no day ${input.day} (its days: ${days || 'none'}).`, { day: input.day, days });
  }
  if (input.checkpointId !== undefined && !event.checkpoints.some((checkpoint) => checkpoint.id === input.checkpointId)) {
    throw new DomainError('checkpoint.not_found', `No checkpoint ${input.checkpointId} in this event.`, { id: input.checkpointId });
  }
  const language = input.language ?? new Settings(deps.db).get<Language>('ui.language') ?? 'fr';
  return { event, language };
}

/** Writes the CSV or XLSX document into `out` (ending it) from `reader`; resolves with the attendees listed. */
async function produce(reader: Database, event: EventInfo, language: Language, input: Selection, out: Writable, now: Date): Promise<number> {
  const filter = { ...(input.day !== undefined ? { day: input.day } : {}), ...(input.checkpointId !== undefined ? { checkpointId: input.checkpointId } : {}) };
  if (input.format !== 'csv' && input.format !== 'xlsx') throw new DomainError('internal', `No table writer for ${input.format}.`);
  const people = new ExportPeople(reader, event.id);
  try {
    const scope: ExportScope = { db: reader, event, labels: exportLabels(language), filter, people };
    const clock = new VenueClock(event.timezone);
    if (input.format === 'csv') return await writeCsv(participantsTable(scope), out, { separator: input.separator ?? ',', clock });
    const [participants = 0] = await writeXlsx(workbookTables(scope), out, { clock, title: event.name, created: now });
    return participants;
  } finally {
    people.drop();
  }
}

/** The feuille d'émargement is built whole by its own module (Chromium renders it), then saved like the others. */
function signInSheet(deps: ExportDeps, event: EventInfo, input: Selection): Promise<EmargementPdf> {
  const selection = { ...(input.day !== undefined ? { day: input.day } : {}), ...(input.checkpointId !== undefined ? { checkpointId: input.checkpointId } : {}) };
  return emargementPdf(deps.db, event.id, selection, { now: deps.now, ...(deps.driver ? { driver: deps.driver } : {}) });
}

export function exportFileName(event: EventInfo, language: Language, input: Selection): string {
  const parts = [exportLabels(language).fileName, slug(event.name), input.day, input.checkpointId && slug(input.checkpointId)];
  return `${parts.filter(Boolean).join('-')}.${input.format}`;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** A Writable that keeps what it is given, for the bytes a screen saves. */
function collector(): { out: Writable; bytes(): Uint8Array } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { out, bytes: () => new Uint8Array(Buffer.concat(chunks)) };
}

export function exportHandlers(deps: ExportDeps): {
  [K in keyof ExportOutputs]: (input: Input<K>) => ExportOutputs[K] | Promise<ExportOutputs[K]>;
} {
  const audit = (input: Selection, rows: number, bytes: number, to: 'bytes' | 'file') =>
    deps.audit.record({
      action: 'export.attendance',
      role: 'organiser',
      details: { format: input.format, day: input.day ?? null, checkpointId: input.checkpointId ?? null, to, rows, bytes },
    });
  return {
    'export:attendance': async (input) => {
      const { event, language } = resolve(deps, input);
      if (input.format === 'pdf') {
        const pdf = await signInSheet(deps, event, input);
        audit(input, pdf.rows, pdf.data.byteLength, 'bytes');
        return { fileName: pdf.fileName, data: pdf.data, rows: pdf.rows };
      }
      const { out, bytes } = collector();
      const rows = await withExportReader(deps.db, (reader) => produce(reader, event, language, input, out, deps.now()));
      const data = bytes();
      audit(input, rows, data.byteLength, 'bytes');
      return { fileName: exportFileName(event, language, input), data, rows };
    },
    'export:attendanceFile': async ({ file, ...input }) => {
      const { event, language } = resolve(deps, input);
      if (input.format === 'pdf') {
        const pdf = await signInSheet(deps, event, input);
        const written = await writeFileAtomically(file, async (out) => {
          out.end(pdf.data);
          await once(out, 'finish');
        });
        audit(input, pdf.rows, written.bytes, 'file');
        return { file: written.file, format: input.format, bytes: written.bytes, rows: pdf.rows };
      }
      let rows = 0;
      const written = await writeFileAtomically(file, (out) =>
        withExportReader(deps.db, async (reader) => {
          rows = await produce(reader, event, language, input, out, deps.now());
        }),
      );
      audit(input, rows, written.bytes, 'file');
      return { file: written.file, format: input.format, bytes: written.bytes, rows };
    },
  };
}
