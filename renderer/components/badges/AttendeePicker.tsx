import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendeeSummary } from '../../../main/core/types';
import { useAttendeeSearch } from '../../hooks/useAttendeeSearch';
import { ErrorMessage } from '../ErrorMessage';

export function attendeeName(attendee: Pick<AttendeeSummary, 'firstName' | 'lastName'>): string {
  return [attendee.firstName, attendee.lastName].filter(Boolean).join(' ');
}

interface Props {
  label: string;
  /** Called with the attendee picked in the results. */
  onPick(attendee: AttendeeSummary): void;
  /** Ids already chosen: shown as chosen in the results. */
  chosen?: readonly string[];
  idPrefix: string;
}

/** A small search box (attendees:search) whose results can be picked, for previews and prints. */
export function AttendeePicker({ label, onPick, chosen = [], idPrefix }: Props) {
  const { t } = useTranslation('badges');
  const [text, setText] = useState('');
  const search = useAttendeeSearch(text);
  const listId = useId();
  const results = search.status === 'done' || search.status === 'searching' ? search.results.slice(0, 8) : [];
  return (
    <div className="badge-picker">
      <label htmlFor={`${idPrefix}-search`} className="field-label">
        {label}
      </label>
      <input
        id={`${idPrefix}-search`}
        type="text"
        value={text}
        autoComplete="off"
        aria-controls={listId}
        placeholder={t('picker.placeholder')}
        onChange={(event) => setText(event.target.value)}
      />
      {search.status === 'failed' && <ErrorMessage error={search.error} />}
      {search.status === 'done' && results.length === 0 && <p className="help">{t('picker.none')}</p>}
      <ul id={listId} className="badge-picker-results" aria-label={t('picker.results')}>
        {results.map((attendee) => {
          const isChosen = chosen.includes(attendee.id);
          return (
            <li key={attendee.id}>
              <button
                type="button"
                className="badge-picker-result"
                aria-pressed={isChosen}
                onClick={() => {
                  onPick(attendee);
                }}
              >
                <span className="badge-picker-name">{attendeeName(attendee)}</span>{' '}
                <span className="badge-picker-meta">{[attendee.organisation, attendee.country].filter(Boolean).join(' · ')}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
