import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomPeople as RoomPeopleValue } from '../../../main/core/dashboard/types';
import type { ErrorValue } from '../../../main/core/errors';
import { api } from '../../api';
import { ErrorMessage } from '../ErrorMessage';

interface Props {
  checkpointId: string;
  /** The room's day, or the dashboard's for a room without a day of its own. */
  day: string;
  /** The room's count on the dashboard: when it moves, the list is read again. */
  attended: number;
  onClose(): void;
}

/** Who attended one workshop or meeting, by last name, with their first entry and the desk. */
export function RoomPeople({ checkpointId, day, attended, onClose }: Props) {
  const { t } = useTranslation('dashboard');
  const [list, setList] = useState<RoomPeopleValue | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);

  useEffect(() => {
    let current = true;
    void api()
      ['dashboard:room']({ checkpointId, day })
      .then((result) => {
        if (!current) return;
        if (result.ok) {
          setList(result.value);
          setError(null);
        } else setError(result);
      });
    return () => {
      current = false;
    };
  }, [checkpointId, day, attended]);

  const titleId = `room-people-${checkpointId}`;
  return (
    <section className="dash-room-people" aria-labelledby={titleId} data-testid="room-people">
      <div className="dash-room-people-head">
        <h3 id={titleId}>{list ? t('roomPeople.title', { name: list.name, count: list.people.length }) : t('roomPeople.loading')}</h3>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('roomPeople.close')}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      {list &&
        (list.people.length === 0 ? (
          <p className="empty-state">{t('roomPeople.empty')}</p>
        ) : (
          <div className="table-scroll dash-table-scroll">
            <table className="table dash-table">
              <thead>
                <tr>
                  <th scope="col">{t('roomPeople.name')}</th>
                  <th scope="col">{t('roomPeople.organisation')}</th>
                  <th scope="col">{t('roomPeople.country')}</th>
                  <th scope="col">{t('roomPeople.entry')}</th>
                  <th scope="col">{t('roomPeople.kiosk')}</th>
                  <th scope="col">{t('roomPeople.registration')}</th>
                </tr>
              </thead>
              <tbody>
                {list.people.map((person) => (
                  <tr key={person.attendeeId}>
                    <th scope="row">{[person.honorific, person.firstName, person.lastName].filter(Boolean).join(' ')}</th>
                    <td>{person.organisation}</td>
                    <td>{person.country}</td>
                    <td>{person.localTime}</td>
                    <td>{person.kiosk}</td>
                    <td>{person.registered ? t('roomPeople.registered') : t('roomPeople.admitted')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
