import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../main/core/errors';
import type { Attendee, AttendeeEdit, EditableAttendeeFields, WalkinOptions } from '../../main/core/types';
import { api } from '../api';
import { ErrorMessage } from './ErrorMessage';
import { fullName } from './names';
import { countrySuggestions, storedCountry } from './walkin/countries';
import './walkin/walkin.css';

type Field = keyof EditableAttendeeFields;
const fields: Field[] = ['honorific', 'firstName', 'lastName', 'function', 'organisation', 'country', 'category', 'email'];
const printed = new Set<Field>(['honorific', 'firstName', 'lastName', 'function', 'organisation', 'country', 'category']);
const maxLength: Record<Field, number> = { honorific: 50, firstName: 200, lastName: 200, function: 300, organisation: 300, country: 100, category: 100, email: 320 };
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

interface Props {
  attendee: Attendee;
  onSaved(edit: AttendeeEdit): void;
  onClose(): void;
}

/**
 * Corrects an attendee's printed fields and e-mail at the kiosk (attendees:update). A modal
 * <dialog>: focus stays inside, Escape closes it, and focus returns to "Modifier" afterwards.
 */
export function AttendeeEditDialog({ attendee, onSaved, onClose }: Props) {
  const { t, i18n } = useTranslation(['search', 'walkin']);
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<EditableAttendeeFields>(() => Object.fromEntries(fields.map((field) => [field, attendee[field]])) as EditableAttendeeFields);
  const [options, setOptions] = useState<WalkinOptions>({ categories: [], countries: [] });
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [failure, setFailure] = useState<ErrorValue | null>(null);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    element?.querySelector<HTMLInputElement>('#edit-firstName')?.focus();
    void api()['walkin:options']({}).then((result) => result.ok && setOptions(result.value));
  }, []);

  const countries = useMemo(() => countrySuggestions(options.countries, i18n.language), [options.countries, i18n.language]);
  const categories = useMemo(
    () => (options.categories.includes(draft.category) || !draft.category ? options.categories : [draft.category, ...options.categories]),
    [options.categories, draft.category],
  );

  const errors: Partial<Record<Field, string>> = {};
  if (!draft.firstName.trim()) errors.firstName = t('walkin:error.firstName');
  if (!draft.lastName.trim()) errors.lastName = t('walkin:error.lastName');
  if (draft.email.trim() && !emailPattern.test(draft.email.trim())) errors.email = t('walkin:error.email', { email: draft.email.trim() });
  const shown = submitted ? errors : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSubmitted(true);
    const invalid = fields.find((field) => errors[field]);
    if (invalid) {
      dialog.current?.querySelector<HTMLElement>(`#edit-${invalid}`)?.focus();
      return;
    }
    const values = Object.fromEntries(fields.map((field) => [field, draft[field].trim()])) as EditableAttendeeFields;
    values.country = storedCountry(values.country, options.countries);
    // Only what changed is sent: the audit log then names exactly the corrected fields.
    const changed = Object.fromEntries(fields.filter((field) => values[field] !== attendee[field]).map((field) => [field, values[field]]));
    if (Object.keys(changed).length === 0) {
      setNotice(t('edit.noChange'));
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await api()['attendees:update']({ id: attendee.id, fields: changed });
    setBusy(false);
    if (result.ok) onSaved(result.value);
    else setFailure(result);
  };

  const label = (field: Field) => (
    <label htmlFor={`edit-${field}`} className="field-label">
      {t(`walkin:field.${field}`)}
      {printed.has(field) && (
        <span className="printed-mark" title={t('edit.printed')}>
          {' '}
          <span aria-hidden="true">✎</span>
          <span className="visually-hidden">({t('edit.printed')})</span>
        </span>
      )}
    </label>
  );
  const common = (field: Field) => ({
    id: `edit-${field}`,
    name: field,
    value: draft[field],
    'aria-invalid': shown[field] ? true : undefined,
    'aria-describedby': shown[field] ? `edit-${field}-error` : undefined,
    onChange: (event: { target: { value: string } }) => {
      setDraft((current) => ({ ...current, [field]: event.target.value }));
      setNotice('');
    },
  });

  return (
    // The dialog's own Escape handling fires 'cancel'; closing goes through the parent so it unmounts us.
    <dialog ref={dialog} className="edit-dialog" aria-labelledby="edit-title" onCancel={(event) => (event.preventDefault(), onClose())}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="edit-title">{t('edit.title', { name: fullName(attendee) })}</h2>
        <p className="help">{t('edit.intro')}</p>
        <div className="walkin-grid">
          {fields.map((field) => (
            <div key={field} className={`field field-${field}`}>
              {label(field)}
              {field === 'category' ? (
                <select {...common(field)}>
                  {!draft.category && <option value="">—</option>}
                  {categories.map((category) => (
                    <option key={category} value={category}>
                      {category}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...common(field)}
                  type={field === 'email' ? 'email' : 'text'}
                  list={field === 'country' ? 'edit-countries' : field === 'honorific' ? 'edit-honorifics' : undefined}
                  autoComplete="off"
                  maxLength={maxLength[field]}
                  aria-required={field === 'firstName' || field === 'lastName' || undefined}
                />
              )}
              {shown[field] && (
                <p id={`edit-${field}-error`} className="field-error">
                  {shown[field]}
                </p>
              )}
            </div>
          ))}
        </div>
        <datalist id="edit-countries">
          {countries.map((country) => (
            <option key={country} value={country} />
          ))}
        </datalist>
        <datalist id="edit-honorifics">
          <option value="Mme" />
          <option value="M." />
        </datalist>
        <p role="status" className="live">
          {notice}
        </p>
        {failure && <ErrorMessage error={failure} />}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('edit.saving') : t('edit.save')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('edit.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
