import { useTranslation } from 'react-i18next';
import type { RoomAttendance } from '../../../main/core/dashboard/types';
import type { Formatters } from './format';
import { Meter } from './Meter';
import { roomTone } from './figures';

interface Props {
  rooms: RoomAttendance[];
  format: Formatters;
}

/** Each workshop or meeting of the day against its room's capacity; "complet" once it is reached. */
export function RoomsPanel({ rooms, format }: Props) {
  const { t } = useTranslation('dashboard');
  // By starting time (those without one last), then by name.
  const sorted = [...rooms].sort((a, b) => (a.startsAt ?? '~').localeCompare(b.startsAt ?? '~') || a.name.localeCompare(b.name));
  return (
    <section className="panel dash-panel" aria-labelledby="dash-rooms-title">
      <h2 id="dash-rooms-title">{t('rooms.title')}</h2>
      {sorted.length === 0 ? (
        <p className="empty-state" data-testid="rooms-empty">
          {t('rooms.empty')}
        </p>
      ) : (
        <ul className="dash-rooms" data-testid="rooms">
          {sorted.map((room) => {
            const tone = roomTone(room);
            const capacity = room.capacity !== null && room.capacity > 0 ? room.capacity : null;
            return (
              <li key={room.checkpointId} className={`dash-room dash-room-${tone}`} data-testid="room" data-checkpoint={room.checkpointId} data-attended={room.attended}>
                <div className="dash-room-head">
                  <h3 className="dash-room-name">{room.name}</h3>
                  {tone === 'full' && <span className="badge dash-full">{t('rooms.full')}</span>}
                </div>
                <p className="dash-room-where">{[room.room, room.startsAt ? t('rooms.at', { time: room.startsAt }) : ''].filter(Boolean).join(' · ')}</p>
                <p className="dash-room-figures">
                  {capacity !== null ? (
                    <>
                      <span className="dash-room-count">
                        {format.number(room.attended)}
                        <span className="dash-of"> / {format.number(capacity)}</span>
                      </span>{' '}
                      <span className="dash-room-percent">{format.percent(room.attended, capacity)}</span>
                      <span className="visually-hidden">{t('rooms.ofCapacity')}</span>
                    </>
                  ) : (
                    <>
                      <span className="dash-room-count">{format.number(room.attended)}</span>{' '}
                      <span className="dash-room-percent">{t('rooms.noCapacity')}</span>
                    </>
                  )}
                </p>
                {capacity !== null && <Meter part={room.attended} whole={capacity} tone={tone} />}
                <p className="dash-room-registered">
                  {room.registered > 0 ? t('rooms.registered', { count: room.registered, total: format.number(room.registered) }) : t('rooms.open')}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
