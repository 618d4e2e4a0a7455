import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attendee, AttendeeSummary } from '../../main/core/types';
import type { ErrorValue } from '../../main/core/errors';
import { api } from '../api';
import { useAppState } from '../hooks/useAppState';
import { formatDate, formatDateTime, formatTime } from '../i18n/format';
import { AttendeeQr } from './AttendeeQr';
import { ErrorMessage } from './ErrorMessage';
import { fullName } from './names';
import { CheckinMark, StatusBadge } from './StatusBadge';

type Loaded = { id: string; attendee: Attendee } | { id: string; error: ErrorValue };

/** The record of one person, read from the core when selected (attendees:get). */
export function AttendeeDetails({ summary }: { summary: AttendeeSummary }) {
  const { t, i18n } = useTranslation('search');
  const { info } = useAppState();
  const [loaded, setLoaded] = useState<Loaded | null>(null);

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
      {person.status === 'valid' && <AttendeeQr id={person.id} name={fullName(person)} />}
      <p className="details-updated">{t('details.updatedAt', { date: formatDateTime(person.updatedAt, i18n.language) })}</p>
    </article>
  );
}
