import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckinOutcome } from '../../../main/core/types';
import type { ForeignCode } from '../../scan/classify';
import { BadgeStatusLine, type Printing } from '../BadgeStatusLine';
import { fullName } from '../names';
import { toneOf } from './sounds';

export interface ShownResult {
  outcome: CheckinOutcome;
  /** What a refused code looked like when it is plainly not a ticket (a URL, a vCard…). */
  foreign: ForeignCode | null;
  /** Shown since (performance.now()); also keys the view so a new result restarts its timer. */
  shownAt: number;
}

interface Props {
  shown: ShownResult;
  onDismiss(): void;
  /** Present when staff may admit anyway. */
  onOverride?: () => void;
  overriding: boolean;
  /** The auto-print of this arrival as the desk follows it (see useAutoPrints). */
  printing?: Printing;
}

/** The texts that say a result aloud and on screen (headline, then the reason), translated. */
export function useResultTexts() {
  const { t } = useTranslation(['checkin', 'scan']);
  return (shown: ShownResult): { headline: string; reason: string | null } => {
    const { outcome, foreign } = shown;
    const name = outcome.attendee ? fullName(outcome.attendee) : '';
    const params = { name, checkpoint: outcome.checkpoint.name, day: outcome.day, ...(outcome.params ?? {}) };
    const headline = t(`checkin:result.${outcome.result}`, params);
    const reason = foreign
      ? t(`scan:foreign.${foreign}`)
      : outcome.reason
        ? t(`checkin:reason.${outcome.reason}`, { ...params, defaultValue: outcome.message })
        : null;
    return { headline, reason };
  };
}

/**
 * The full-screen answer, readable from two metres: green admitted, orange look again, red
 * refused, with the words as well as the colour. Any tap or key returns to scanning.
 */
export function ScanResultView({ shown, onDismiss, onOverride, overriding, printing }: Props) {
  const { t } = useTranslation(['scan', 'checkin']);
  const texts = useResultTexts()(shown);
  const { outcome } = shown;
  const tone = toneOf(outcome.result);
  const person = outcome.attendee;
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (['Tab', 'Shift', 'Control', 'Alt', 'Meta', 'CapsLock'].includes(event.key)) return;
      // Enter or Space on one of the result's own buttons presses that button.
      if (event.target instanceof HTMLButtonElement && root.current?.contains(event.target)) return;
      onDismiss();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onDismiss]);

  return (
    <div
      ref={root}
      className={`scan-result scan-result-${tone}`}
      data-testid="scan-result"
      data-result={outcome.result}
      onClick={(event) => {
        if (!(event.target instanceof HTMLElement && event.target.closest('button'))) onDismiss();
      }}
    >
      <p className="scan-result-tone">
        <span aria-hidden="true" className="scan-result-mark">
          {tone === 'ok' ? '✓' : tone === 'warn' ? '!' : '✕'}
        </span>{' '}
        {t(`scan:tone.${tone}`)}
      </p>
      <p className="scan-result-headline" data-testid="scan-result-headline">
        {texts.headline}
      </p>
      {person && (
        <div className="scan-result-person">
          {/* The result texts usually name the person already; the name is not said twice. */}
          {!texts.headline.includes(fullName(person)) && (
            <p className="scan-result-name" data-testid="scan-result-name">
              {fullName(person)}
            </p>
          )}
          {person.function && <p className="scan-result-line">{person.function}</p>}
          <dl className="scan-result-fields">
            {person.organisation && (
              <div>
                <dt>{t('scan:result.organisation')}</dt>
                <dd>{person.organisation}</dd>
              </div>
            )}
            {person.country && (
              <div>
                <dt>{t('scan:result.country')}</dt>
                <dd>{person.country}</dd>
              </div>
            )}
            {person.category && (
              <div>
                <dt>{t('scan:result.category')}</dt>
                <dd>{person.category}</dd>
              </div>
            )}
          </dl>
        </div>
      )}
      {/* Only for an arrival just accepted: the result is already shown, the badge line follows the print. */}
      {outcome.result === 'accepted' && outcome.badge && <BadgeStatusLine badge={outcome.badge} printing={printing} />}
      {texts.reason && <p className="scan-result-reason">{texts.reason}</p>}
      {outcome.overridden && <p className="scan-result-reason">{t('checkin:reason.override')}</p>}
      <div className="scan-result-actions">
        {onOverride && (
          <button type="button" className="button button-large scan-override" disabled={overriding} onClick={onOverride}>
            {overriding ? t('scan:result.overriding') : t('scan:result.override')}
          </button>
        )}
        <button type="button" className="button button-large button-secondary" onClick={onDismiss}>
          {t('scan:result.continue')}
        </button>
      </div>
      <p className="scan-result-hint">{t('scan:result.dismissHint')}</p>
    </div>
  );
}
