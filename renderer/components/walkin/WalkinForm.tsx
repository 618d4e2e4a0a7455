import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../../main/core/errors';
import type { DuplicateCandidate, WalkinOptions, WalkinOutcome } from '../../../main/core/types';
import { api } from '../../api';
import { ErrorMessage } from '../ErrorMessage';
import { countrySuggestions, storedCountry } from './countries';
import { DuplicateWarning } from './DuplicateWarning';
import { useWalkinCheck } from './useWalkinCheck';

export interface WalkinDraft {
  honorific: string;
  firstName: string;
  lastName: string;
  function: string;
  organisation: string;
  country: string;
  category: string;
  email: string;
  consent: boolean;
}

type FieldName = keyof WalkinDraft;
type FieldErrors = Partial<Record<FieldName, string>>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const draftKey = 'accueil.walkin.draft';

/** The category a walk-in gets unless staff choose: the event's walk-in one, else "Participant·e". */
export function defaultCategory(categories: string[]): string {
  return (
    categories.find((category) => /sur place|walk[- ]?in/iu.test(category)) ??
    categories.find((category) => /^participant/iu.test(category)) ??
    'Participant·e'
  );
}

export function emptyDraft(categories: string[]): WalkinDraft {
  return { honorific: '', firstName: '', lastName: '', function: '', organisation: '', country: '', category: defaultCategory(categories), email: '', consent: false };
}

/** A half-typed registration survives a trip to another screen or a reload of the page (this tab only). */
function savedDraft(): WalkinDraft | null {
  try {
    const text = sessionStorage.getItem(draftKey);
    return text ? (JSON.parse(text) as WalkinDraft) : null;
  } catch {
    return null;
  }
}

export function forgetDraft(): void {
  sessionStorage.removeItem(draftKey);
}

interface Props {
  options: WalkinOptions;
  onRegistered(outcome: WalkinOutcome): void;
  onSamePerson(candidate: DuplicateCandidate): void;
}

/** The walk-in form: inline checks, a look-alike warning as staff type, then register (walkin:create). */
export function WalkinForm({ options, onRegistered, onSamePerson }: Props) {
  const { t, i18n } = useTranslation('walkin');
  const [draft, setDraft] = useState<WalkinDraft>(() => savedDraft() ?? emptyDraft(options.categories));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorValue | null>(null);
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const [answerFirst, setAnswerFirst] = useState(false);
  const [generation, setGeneration] = useState(0);
  const firstName = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => firstName.current?.focus(), []);
  useEffect(() => sessionStorage.setItem(draftKey, JSON.stringify(draft)), [draft]);

  const check = useWalkinCheck(draft, generation);
  const open = check.candidates.filter((candidate) => !dismissed.has(candidate.attendee.id));
  useEffect(() => {
    if (open.length === 0) setAnswerFirst(false);
  }, [open.length]);

  const countries = useMemo(() => countrySuggestions(options.countries, i18n.language), [options.countries, i18n.language]);
  const categories = useMemo(
    () => (options.categories.includes(draft.category) || !draft.category ? options.categories : [...options.categories, draft.category]),
    [options.categories, draft.category],
  );

  const errors: FieldErrors = {};
  if (!draft.firstName.trim()) errors.firstName = t('error.firstName');
  if (!draft.lastName.trim()) errors.lastName = t('error.lastName');
  if (draft.email.trim() && !emailPattern.test(draft.email.trim())) errors.email = t('error.email', { email: draft.email.trim() });
  if (!draft.consent) errors.consent = t('error.consent');
  const shown: FieldErrors = submitted ? errors : {};

  const set = <K extends FieldName>(name: K, value: WalkinDraft[K]) => {
    setDraft((current) => ({ ...current, [name]: value }));
    setFailure(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSubmitted(true);
    const invalid = (Object.keys(errors) as FieldName[])[0];
    if (invalid) {
      form.current?.querySelector<HTMLElement>(`[name="${invalid}"]`)?.focus();
      return;
    }
    if (open.length > 0) {
      setAnswerFirst(true);
      form.current?.querySelector<HTMLButtonElement>('.duplicate button')?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await api()['walkin:create']({
      honorific: draft.honorific.trim(),
      firstName: draft.firstName.trim(),
      lastName: draft.lastName.trim(),
      function: draft.function.trim(),
      organisation: draft.organisation.trim(),
      country: storedCountry(draft.country, options.countries),
      category: draft.category,
      email: draft.email.trim(),
      consent: draft.consent,
      checkIn: true,
      // Staff answered "another person" to every look-alike shown; the core checks again anyway.
      confirmNotDuplicate: dismissed.size > 0,
    });
    setBusy(false);
    if (result.ok) {
      forgetDraft();
      onRegistered(result.value);
      return;
    }
    setFailure(result);
    // A look-alike the last check had not shown yet: ask again so it appears with its answers.
    if (result.code === 'walkin.possible_duplicate') setGeneration((value) => value + 1);
  };

  const fieldProps = (name: FieldName) => ({
    id: `walkin-${name}`,
    name,
    'aria-invalid': shown[name] ? true : undefined,
    'aria-describedby': [shown[name] ? `walkin-${name}-error` : '', name === 'consent' ? 'walkin-consent-hint' : ''].filter(Boolean).join(' ') || undefined,
  });
  const errorFor = (name: FieldName) =>
    shown[name] ? (
      <p id={`walkin-${name}-error`} className="field-error">
        {shown[name]}
      </p>
    ) : null;
  const textField = (name: 'honorific' | 'firstName' | 'lastName' | 'function' | 'organisation', options: { required?: boolean; list?: string } = {}) => (
    <div className={`field field-${name}`}>
      <label htmlFor={`walkin-${name}`} className="field-label">
        {t(`field.${name}`)}
        {options.required && <span className="field-required"> {t('required')}</span>}
      </label>
      <input
        {...fieldProps(name)}
        ref={name === 'firstName' ? firstName : undefined}
        type="text"
        autoComplete="off"
        list={options.list}
        aria-required={options.required || undefined}
        maxLength={name === 'honorific' ? 50 : name === 'function' || name === 'organisation' ? 300 : 200}
        value={draft[name]}
        onChange={(event) => set(name, event.target.value)}
      />
      {errorFor(name)}
    </div>
  );

  return (
    <form ref={form} className="walkin-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="walkin-title">
      <div className="walkin-grid">
        {textField('honorific', { list: 'walkin-honorifics' })}
        <datalist id="walkin-honorifics">
          <option value="Mme" />
          <option value="M." />
        </datalist>
        {textField('firstName', { required: true })}
        {textField('lastName', { required: true })}
        {textField('function')}
        {textField('organisation')}
        <div className="field field-country">
          <label htmlFor="walkin-country" className="field-label">
            {t('field.country')}
          </label>
          <input
            {...fieldProps('country')}
            type="text"
            list="walkin-countries"
            autoComplete="off"
            maxLength={100}
            value={draft.country}
            onChange={(event) => set('country', event.target.value)}
          />
          <datalist id="walkin-countries">
            {countries.map((country) => (
              <option key={country} value={country} />
            ))}
          </datalist>
        </div>
        <div className="field field-category">
          <label htmlFor="walkin-category" className="field-label">
            {t('field.category')}
          </label>
          <select {...fieldProps('category')} value={draft.category} onChange={(event) => set('category', event.target.value)}>
            {(categories.length > 0 ? categories : [draft.category]).map((category) => (
              <option key={category} value={category}>
                {category}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-email">
          <label htmlFor="walkin-email" className="field-label">
            {t('field.email')} <span className="field-optional">{t('optional')}</span>
          </label>
          <input
            {...fieldProps('email')}
            type="email"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            maxLength={320}
            value={draft.email}
            onChange={(event) => set('email', event.target.value)}
          />
          {errorFor('email')}
        </div>
      </div>

      {open.length > 0 && (
        <DuplicateWarning
          candidates={open}
          answerFirst={answerFirst}
          onSame={onSamePerson}
          onOther={(candidate) => {
            setDismissed((current) => new Set(current).add(candidate.attendee.id));
            // The answered look-alike disappears: keyboard focus goes to the next one, else on to register.
            const next = open.find((other) => other.attendee.id !== candidate.attendee.id);
            window.setTimeout(() => {
              const target = next
                ? form.current?.querySelector<HTMLButtonElement>(`[aria-describedby="duplicate-${next.attendee.id}"]`)
                : form.current?.querySelector<HTMLElement>(draft.consent ? 'button[type="submit"]' : '[name="consent"]');
              target?.focus();
            });
          }}
        />
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {open.length > 0 ? t('duplicates.announce', { count: open.length }) : ''}
      </p>
      {dismissed.size > 0 && open.length === 0 && <p className="help">{t('duplicates.confirmedOther')}</p>}

      <div className="field field-consent">
        <p id="walkin-consent-hint" className="consent-text">
          {t('consentText')}
        </p>
        <label className="choice consent-choice" htmlFor="walkin-consent">
          <input
            {...fieldProps('consent')}
            type="checkbox"
            aria-required
            checked={draft.consent}
            onChange={(event) => set('consent', event.target.checked)}
          />
          <span>
            {t('field.consent')}
            <span className="field-required"> {t('required')}</span>
          </span>
        </label>
        {errorFor('consent')}
      </div>

      {failure && <ErrorMessage error={failure} />}

      <div className="actions">
        <button type="submit" className="button button-large" disabled={busy}>
          {busy ? t('submitting') : t('submit')}
        </button>
      </div>
    </form>
  );
}
