import type { KeyboardEvent } from 'react';
import type { AttendeeSummary } from '../../main/core/types';
import { fullName } from './names';
import { CheckinMark, StatusBadge } from './StatusBadge';

interface Props {
  person: AttendeeSummary;
  current?: boolean;
  onPick: (person: AttendeeSummary) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLButtonElement>) => void;
}

/** One person in a result list (search screen, manual check-in): the same facts everywhere staff pick someone. */
export function AttendeeResult({ person, current, onPick, onKeyDown }: Props) {
  return (
    <button
      type="button"
      className={`result${person.status === 'cancelled' ? ' result-cancelled' : ''}`}
      aria-current={current ? 'true' : undefined}
      onClick={() => onPick(person)}
      onKeyDown={onKeyDown}
    >
      <span className="result-name">{fullName(person)}</span>
      <span className="result-line">{[person.function, person.organisation].filter(Boolean).join(' · ')}</span>
      <span className="result-meta">
        {person.country && <span className="result-country">{person.country}</span>}
        {person.category && <span className="chip">{person.category}</span>}
        <StatusBadge status={person.status} />
        <CheckinMark checkedIn={person.checkedIn} />
      </span>
    </button>
  );
}
