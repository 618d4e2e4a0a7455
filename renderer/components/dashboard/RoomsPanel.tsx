import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomAttendance } from '../../../main/core/dashboard/types';
import type { Formatters } from './format';
import { Meter } from './Meter';
import { roomTone } from './figures';
import { RoomPeople } from './RoomPeople';

interface Props {
  rooms: RoomAttendance[];
  /** The day shown (for a room without a day of its own); null for an event without days. */
  day: string | null;
  format: Formatters;
}

/** Each workshop or meeting of the day against its room's capacity; "complet" once it is reached. */
export function RoomsPanel({ rooms, day, format }: Props) {
  const { t } = useTranslation('dashboard');
  // One room's list at a time, under the cards (a card is too narrow for a table).
  const [open, setOpen] = useState<string | null>(null);
  const opened = rooms.find((room) => room.checkpointId === open) ?? null;
  const openedDay = opened ? (opened.day ?? day) : null;
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
                {room.attended > 0 && (room.day ?? day) !== null && (
                  <button
                    type="button"
                    className="button button-secondary dash-room-list"
                    aria-expanded={open === room.checkpointId}
                    onClick={() => setOpen(open === room.checkpointId ? null : room.checkpointId)}
                  >
                    {t('rooms.showPeople', { name: room.name })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {opened && openedDay && <RoomPeople checkpointId={opened.checkpointId} day={openedDay} attended={opened.attended} onClose={() => setOpen(null)} />}
    </section>
  );
}
