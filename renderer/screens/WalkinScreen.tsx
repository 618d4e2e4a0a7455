import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../main/core/errors';
import type { AttendeeSummary, CheckinOutcome, DuplicateCandidate, WalkinOptions, WalkinOutcome } from '../../main/core/types';
import { api } from '../api';
import { BadgeStatusLine } from '../components/BadgeStatusLine';
import { ErrorMessage } from '../components/ErrorMessage';
import { fullName } from '../components/names';
import { BadgePrintStatus } from '../components/walkin/BadgePrintStatus';
import { usePrintBadge } from '../components/walkin/usePrintBadge';
import { forgetDraft, WalkinForm } from '../components/walkin/WalkinForm';
import { useAppState } from '../hooks/useAppState';
import '../components/walkin/walkin.css';

type Step =
  | { step: 'form' }
  | { step: 'registered'; outcome: WalkinOutcome }
  /** Staff said the person at the desk is an already registered look-alike. */
  | { step: 'existing'; person: AttendeeSummary; outcome: CheckinOutcome | null; error: ErrorValue | null };

const admitted = new Set(['accepted']);

/** Registration at the desk: the form, then the check-in and the badge, then the next person. */
export function WalkinScreen() {
  const { t } = useTranslation(['walkin', 'checkin']);
  const { info, navigate, refresh } = useAppState();
  const [options, setOptions] = useState<WalkinOptions | null>(null);
  const [optionsError, setOptionsError] = useState<ErrorValue | null>(null);
  const [step, setStep] = useState<Step>({ step: 'form' });
  const [formKey, setFormKey] = useState(0);
  const next = useRef<HTMLButtonElement>(null);

  const attendeeId = step.step === 'registered' ? step.outcome.attendee.id : step.step === 'existing' ? step.person.id : null;
  const printing = usePrintBadge(attendeeId);
  const { print } = printing;

  useEffect(() => {
    void api()['walkin:options']({}).then((result) => {
      if (result.ok) setOptions(result.value);
      else {
        setOptionsError(result);
        setOptions({ categories: [], countries: [] });
      }
    });
  }, [formKey]);

  // The badge of a new walk-in prints at once: registering and printing are one step for staff.
  const printedFor = useRef<string | null>(null);
  useEffect(() => {
    if (step.step !== 'registered' || printedFor.current === step.outcome.attendee.id) return;
    printedFor.current = step.outcome.attendee.id;
    void print();
  }, [step, print]);

  useEffect(() => {
    if (step.step !== 'form') next.current?.focus();
  }, [step.step]);

  const startOver = () => {
    forgetDraft();
    setStep({ step: 'form' });
    setFormKey((key) => key + 1);
  };

  const samePerson = async (candidate: DuplicateCandidate) => {
    const person = candidate.attendee;
    forgetDraft(); // this person is registered already: nothing of the form is to be kept
    setStep({ step: 'existing', person, outcome: null, error: null });
    const result = await api()['checkin:scan']({ code: person.id, method: 'search' });
    setStep(result.ok ? { step: 'existing', person, outcome: result.value, error: null } : { step: 'existing', person, outcome: null, error: result });
  };

  if (!info.event) {
    return (
      <section className="screen walkin-screen" aria-labelledby="walkin-title">
        <h1 id="walkin-title">{t('title')}</h1>
        <div className="notice notice-info">
          <p>{t('noEvent')}</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => navigate('settings')}>
              {t('print.settings')}
            </button>
          </div>
        </div>
      </section>
    );
  }

  return (
    <section className="screen walkin-screen" aria-labelledby="walkin-title">
      <h1 id="walkin-title">{t('title')}</h1>
      {step.step === 'form' && (
        <>
          <p className="help">{t('intro')}</p>
          {optionsError && <ErrorMessage error={optionsError} />}
          {options ? (
            <WalkinForm
              key={formKey}
              options={options}
              onRegistered={(outcome) => {
                setStep({ step: 'registered', outcome });
                void refresh(); // the attendee count in the header
              }}
              onSamePerson={(candidate) => void samePerson(candidate)}
            />
          ) : (
            <p role="status">{t('loading')}</p>
          )}
        </>
      )}

      {step.step === 'registered' && (
        <div className="walkin-done" data-testid="walkin-done">
          <div className="walkin-result walkin-result-ok" role="status">
            <p className="walkin-result-headline">
              <span aria-hidden="true">✔ </span>
              {t('checkin:result.accepted', { name: fullName(step.outcome.attendee) })}
            </p>
            <p>{t('done.registered', { name: fullName(step.outcome.attendee), checkpoint: step.outcome.checkin?.checkpoint.name ?? '' })}</p>
          </div>
          <BadgePrintStatus state={printing.state} onPrint={(reason) => void print(reason)} onCancelReason={printing.reset} />
          <div className="actions">
            <button type="button" ref={next} className="button button-large" onClick={startOver}>
              {t('done.another')}
            </button>
          </div>
        </div>
      )}

      {step.step === 'existing' && (
        <div className="walkin-done" data-testid="walkin-existing">
          {!step.outcome && !step.error && <p role="status">{t('done.checkingIn', { name: fullName(step.person) })}</p>}
          {step.error && <ErrorMessage error={step.error} />}
          {step.outcome && (
            <div className={`walkin-result ${admitted.has(step.outcome.result) ? 'walkin-result-ok' : step.outcome.result === 'already_checked_in' ? 'walkin-result-warn' : 'walkin-result-bad'}`} role="status">
              <p className="walkin-result-headline">
                <span aria-hidden="true">{admitted.has(step.outcome.result) ? '✔ ' : step.outcome.result === 'already_checked_in' ? '! ' : '✖ '}</span>
                {t(`checkin:result.${step.outcome.result}`, {
                  name: fullName(step.person),
                  checkpoint: step.outcome.checkpoint.name,
                  day: step.outcome.day,
                  ...step.outcome.params,
                })}
              </p>
              {step.outcome.reason && (
                <p>{t(`checkin:reason.${step.outcome.reason}`, { ...step.outcome.params, defaultValue: step.outcome.message })}</p>
              )}
              <p>{[step.person.organisation, step.person.country, step.person.category].filter(Boolean).join(' · ')}</p>
            </div>
          )}
          {step.outcome?.badge && <BadgeStatusLine badge={step.outcome.badge} />}
          {step.outcome?.badge?.printing ? null : (
            step.outcome &&
            step.person.status === 'valid' && (
              <>
                {printing.state.status === 'idle' && (
                  <div className="actions">
                    <button type="button" className="button" onClick={() => void print()}>
                      {t('print.print')}
                    </button>
                  </div>
                )}
                <BadgePrintStatus state={printing.state} onPrint={(reason) => void print(reason)} onCancelReason={printing.reset} />
              </>
            )
          )}
          <div className="actions">
            <button type="button" ref={next} className="button button-large button-secondary" onClick={startOver}>
              {t('done.another')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
