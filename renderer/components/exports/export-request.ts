import type { Input, Language } from '../../../main/core/contract';
import type { Checkpoint, EventInfo } from '../../../main/core/types';

/** What the screen offers: CSV twice (',' and French Excel's ';'), the workbook, the sign-in sheet. */
export const exportChoices = ['xlsx', 'csv', 'csv-fr', 'pdf'] as const;
export type ExportChoice = (typeof exportChoices)[number];

export const exportScopes = ['all', 'day', 'session'] as const;
export type ExportScope = (typeof exportScopes)[number];

export interface ExportForm {
  choice: ExportChoice;
  scope: ExportScope;
  day: string;
  sessionId: string;
}

/** The screen's choices as the operation takes them; null while a day or a session is still to be picked. */
export function exportRequest(form: ExportForm, language: Language): Input<'export:attendance'> | null {
  const format = form.choice === 'csv-fr' ? 'csv' : form.choice;
  const request: Input<'export:attendance'> = { format, language };
  if (form.choice === 'csv') request.separator = ',';
  if (form.choice === 'csv-fr') request.separator = ';';
  if (form.scope === 'day') {
    if (!form.day) return null;
    request.day = form.day;
  }
  if (form.scope === 'session') {
    if (!form.sessionId) return null;
    request.checkpointId = form.sessionId;
  }
  return request;
}

export function mimeType(format: Input<'export:attendance'>['format']): string {
  if (format === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (format === 'csv') return 'text/csv;charset=utf-8';
  return 'application/pdf';
}

/** The event's workshops and meetings, grouped by day in the event's order (sessions without a day last). */
export function sessionsByDay(event: EventInfo): { day: string | null; label: string; sessions: Checkpoint[] }[] {
  const sessions = event.checkpoints.filter((c) => c.kind === 'session');
  const groups: { day: string | null; label: string; sessions: Checkpoint[] }[] = event.days.map((d) => ({
    day: d.date,
    label: d.label,
    sessions: sessions.filter((s) => s.day === d.date),
  }));
  const known = new Set(event.days.map((d) => d.date));
  const other = sessions.filter((s) => !s.day || !known.has(s.day));
  if (other.length > 0) groups.push({ day: null, label: '', sessions: other });
  return groups.filter((g) => g.sessions.length > 0);
}
