import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { BadgeStatus, PrintRecord } from '../../main/core/types';
import { api } from '../api';
import { translateCoded } from '../i18n/errors';
import { formatDate, formatTime } from '../i18n/format';
import './badge-status.css';

/** How often, and for how long, the line asks how the auto-printed badge is doing. */
const pollMs = 300;
const giveUpMs = 20_000;

export type Printing = { state: 'printing' } | { state: 'printed' } | { state: 'failed'; record: PrintRecord } | { state: 'stillPending' };

interface Props {
  badge: BadgeStatus;
  /** The auto-print's state when someone else follows it (the scan desk); the line polls on its own otherwise. */
  printing?: Printing;
}

/** Why a ledger row failed, in the staff's language (older rows: the printer system's text only). */
export function failedPrintReason(t: TFunction, record: PrintRecord): string {
  // The ledger keeps the error's code and parameters beside its English text.
  const params = record.errorParams ?? { printer: record.printer, reason: record.error, name: record.attendeeName };
  return record.errorCode ? translateCoded(t, 'errors', { code: record.errorCode, message: record.error, params }) : record.error;
}

/**
 * Where the attendee's badge stands, under an accepted arrival: already printed (when), to print,
 * to reprint after an edit, or being printed by auto-print, then printed or why not, in plain
 * words. It only adds a line: the result itself is never delayed or hidden by it.
 */
export function BadgeStatusLine({ badge, printing: followed }: Props) {
  const { t, i18n } = useTranslation(['printing', 'errors']);
  const [polled, setPrinting] = useState<Printing | null>(badge.printing ? { state: 'printing' } : null);
  const watched = followed !== undefined;
  const printing = followed ?? polled;

  useEffect(() => {
    const ledgerId = badge.printing;
    if (!ledgerId || watched) return;
    let stopped = false;
    let timer = 0;
    const started = performance.now();
    const ask = async () => {
      const result = await api()['print:recent']({ attendeeId: badge.attendeeId, limit: 10 });
      if (stopped) return;
      const record = result.ok ? result.value.find((r) => r.id === ledgerId) : undefined;
      if (record?.status === 'sent') return setPrinting({ state: 'printed' });
      if (record?.status === 'failed') return setPrinting({ state: 'failed', record });
      if (performance.now() - started > giveUpMs) return setPrinting({ state: 'stillPending' });
      timer = window.setTimeout(() => void ask(), pollMs);
    };
    void ask();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [badge.attendeeId, badge.printing, watched]);

  let state: string;
  let text: string;
  if (printing?.state === 'failed') {
    state = 'failed';
    text = t('printing:badge.failed', { reason: failedPrintReason(t, printing.record) });
  } else if (printing) {
    state = printing.state;
    text = t(`printing:badge.${printing.state}`);
  } else if (badge.printed && badge.needsReprint) {
    state = 'toReprint';
    text = t('printing:badge.toReprint');
  } else if (badge.printed && badge.lastPrintedAt) {
    state = 'printed-before';
    const today = new Date().toDateString() === new Date(badge.lastPrintedAt).toDateString();
    text = today
      ? t('printing:badge.printedAt', { time: formatTime(badge.lastPrintedAt, i18n.language) })
      : t('printing:badge.printedOn', { date: formatDate(badge.lastPrintedAt, i18n.language) });
  } else {
    state = 'toPrint';
    text = t('printing:badge.toPrint');
  }

  return (
    <p className={`badge-status badge-status-${state}`} data-testid="badge-status" data-state={state} role="status">
      {text}
    </p>
  );
}
