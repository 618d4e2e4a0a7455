import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attendee, AttendeeSummary, BadgeStatus } from '../../main/core/types';
import type { ErrorValue } from '../../main/core/errors';
import { api } from '../api';
import { useAppState } from '../hooks/useAppState';
import { formatDate, formatDateTime, formatTime } from '../i18n/format';
import { AttendeeEditDialog } from './AttendeeEditDialog';
import { AttendeeQr } from './AttendeeQr';
import { BadgePrintStatus } from './walkin/BadgePrintStatus';
import { usePrintBadge } from './walkin/usePrintBadge';
import { ErrorMessage } from './ErrorMessage';
import { fullName } from './names';
import { CheckinMark, StatusBadge } from './StatusBadge';

type Loaded = { id: string; attendee: Attendee } | { id: string; error: ErrorValue };

/** The record of one person, read from the core when selected (attendees:get). */
export function AttendeeDetails({ summary, onChanged }: { summary: AttendeeSummary; onChanged?: () => void }) {
  const { t, i18n } = useTranslation('search');
  const { info } = useAppState();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [badge, setBadge] = useState<BadgeStatus | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const printing = usePrintBadge(summary.id);
  const { print } = printing;

  // Where the badge stands (printed, to reprint); unknown is shown as nothing rather than as an error.
  const loadBadge = useCallback(async () => {
    const result = await api()['print:status']({ attendeeId: summary.id });
    setBadge(result.ok && result.value.attendeeId === summary.id ? result.value : null);
  }, [summary.id]);

  useEffect(() => {
    setBadge(null);
    setEditing(false);
    setSaved(false);
    void loadBadge();
  }, [loadBadge]);

  // Back on "Modifier" once the dialog is gone (while the modal is open the rest of the page is inert).
  useEffect(() => {
    if (editing || !returnFocus.current) return;
    returnFocus.current = false;
    editButton.current?.focus();
  }, [editing]);

  const printBadge = async (reprintReason?: string) => {
    if (await print(reprintReason)) void loadBadge();
  };

  useEffect(() => {
    let current = true;
    void api()['attendees:get']({ id: summary.id }).then((result) => {
      if (!current) return;
      setLoaded(result.ok ? { id: summary.id, attendee: result.value } : { id: summary.id, error: result });
    });
    return () => {
      current = false;
    };
  }, [summary.id]);

  const checkpointName = (id: string) => info.event?.checkpoints.find((checkpoint) => checkpoint.id === id)?.name ?? id;
  const none = t('details.none');

  if (!loaded || loaded.id !== summary.id) {
    return (
      <p className="details-loading" role="status">
        {t('details.loading')}
      </p>
    );
  }
  if ('error' in loaded) return <ErrorMessage error={loaded.error} />;
  const person = loaded.attendee;

  const rows: [string, string][] = [
    [t('details.function'), person.function],
    [t('details.organisation'), person.organisation],
    [t('details.country'), person.country],
    [t('details.category'), person.category],
    [t('details.language'), person.language],
    [t('details.email'), person.email],
    [t('details.ticketType'), person.ticketType],
    [t('details.ticketCodes'), person.ticketCodes.join(', ')],
    [t('details.sessions'), person.sessions.map(checkpointName).join(', ')],
    [t('details.source'), t(`source.${person.source}`, { defaultValue: person.source })],
  ];

  return (
    <article className={`details${person.status === 'cancelled' ? ' details-cancelled' : ''}`} aria-labelledby="details-name">
      <h2 id="details-name" className="details-name">
        {fullName(person)}
      </h2>
      <p className="details-status">
        <StatusBadge status={person.status} /> <CheckinMark checkedIn={summary.checkedIn} />
      </p>
      <dl className="details-fields">
        {rows.map(([label, value]) => (
          <div key={label} className="details-field">
            <dt>{label}</dt>
            <dd>{value || none}</dd>
          </div>
        ))}
      </dl>
      <h3 className="details-subtitle">{t('details.checkins')}</h3>
      {summary.checkedIn.length === 0 ? (
        <p>{t('details.noCheckin')}</p>
      ) : (
        <ul className="details-checkins">
          {summary.checkedIn.map((checkin) => (
            <li key={`${checkin.at}-${checkin.checkpointId}`}>
              {t('details.checkinAt', {
                date: formatDate(checkin.at, i18n.language),
                time: formatTime(checkin.at, i18n.language),
                checkpoint: checkpointName(checkin.checkpointId),
                kiosk: checkin.kiosk,
              })}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" ref={editButton} className="button button-secondary" onClick={() => (setSaved(false), setEditing(true))}>
          {t('edit.open')}
        </button>
      </div>
      <p role="status" className="live">
        {saved ? t('edit.saved') : ''}
      </p>
      {editing && (
        <AttendeeEditDialog
          attendee={person}
          onClose={() => {
            returnFocus.current = true;
            setEditing(false);
          }}
          onSaved={(edit) => {
            setLoaded({ id: person.id, attendee: edit.attendee });
            setEditing(false);
            setSaved(true);
            printing.reset();
            void loadBadge();
            returnFocus.current = true;
            if (edit.changed.length > 0) onChanged?.(); // the results list shows the corrected name
          }}
        />
      )}
      {person.status === 'valid' && (
        <section className="badge-panel" aria-labelledby="details-badge">
          <h3 id="details-badge" className="details-subtitle">
            {t('badge.title')}
          </h3>
          {/* A badge never printed is simply to print, even when its record was edited before. */}
          {badge?.needsReprint && badge.printed ? (
            <p className="badge-reprint" data-testid="badge-to-reprint">
              <span aria-hidden="true">⟳ </span>
              {t('badge.toReprint')} — {t('badge.toReprintHelp')}
            </p>
          ) : badge?.printed && badge.lastPrintedAt ? (
            <p>{t('badge.printedAt', { date: formatDate(badge.lastPrintedAt, i18n.language), time: formatTime(badge.lastPrintedAt, i18n.language) })}</p>
          ) : badge ? (
            <p>{t('badge.never')}</p>
          ) : null}
          {printing.state.status !== 'needsReason' && (
            <div className="actions">
              <button type="button" className="button" disabled={printing.state.status === 'printing'} onClick={() => void printBadge()}>
                {badge?.printed ? t('badge.reprint') : t('badge.print')}
              </button>
            </div>
          )}
          <BadgePrintStatus state={printing.state} onPrint={(reason) => void printBadge(reason)} onCancelReason={printing.reset} />
        </section>
      )}
      {person.status === 'valid' && <AttendeeQr id={person.id} name={fullName(person)} />}
      <p className="details-updated">{t('details.updatedAt', { date: formatDateTime(person.updatedAt, i18n.language) })}</p>
    </article>
  );
}
