import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../../../main/core/types';
import { fullName } from '../names';

interface Props {
  candidates: DuplicateCandidate[];
  /** Shown when staff tried to register before answering. */
  answerFirst: boolean;
  onSame(candidate: DuplicateCandidate): void;
  onOther(candidate: DuplicateCandidate): void;
}

/** "Vouliez-vous dire … ?" for each registered look-alike, with the two answers. */
export function DuplicateWarning({ candidates, answerFirst, onSame, onOther }: Props) {
  const { t } = useTranslation('walkin');
  return (
    <section className="duplicates notice notice-warning" aria-labelledby="walkin-duplicates-title" data-testid="duplicates">
      <h2 id="walkin-duplicates-title" className="notice-title">
        {t('duplicates.title', { count: candidates.length })}
      </h2>
      {answerFirst && (
        <p className="field-error" role="alert">
          {t('duplicates.answerFirst')}
        </p>
      )}
      <ul className="duplicate-list">
        {candidates.map((candidate) => {
          const person = candidate.attendee;
          const arrived = person.checkedIn.length > 0;
          return (
            <li key={person.id} className="duplicate" data-testid="duplicate">
              <p className="duplicate-question" id={`duplicate-${person.id}`}>
                {t('didYouMean', { name: fullName(person), organisation: person.organisation ? `, ${person.organisation}` : '' })}
              </p>
              <p className="duplicate-meta">
                {[person.function, person.country, person.category].filter(Boolean).join(' · ')}
                {' — '}
                {candidate.reasons.map((reason) => t(`reason.${reason}`)).join(', ')}
                {' — '}
                {arrived ? t('duplicates.arrived') : t('duplicates.notArrived')}
              </p>
              <div className="actions">
                <button type="button" className="button" aria-describedby={`duplicate-${person.id}`} onClick={() => onSame(candidate)}>
                  {t('duplicates.same')}
                </button>
                <button type="button" className="button button-secondary" aria-describedby={`duplicate-${person.id}`} onClick={() => onOther(candidate)}>
                  {t('duplicates.other')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
