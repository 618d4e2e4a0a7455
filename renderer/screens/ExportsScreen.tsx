import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../main/core/contract';
import type { ErrorValue } from '../../main/core/errors';
import type { Checkpoint } from '../../main/core/types';
import { api } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { downloadBytes } from '../components/badges/download';
import { exportChoices, exportRequest, exportScopes, mimeType, sessionsByDay, type ExportForm } from '../components/exports/export-request';
import { useAppState } from '../hooks/useAppState';
import '../components/exports/exports.css';

/** "mardi 19 septembre 2023": an event day (a calendar date, whatever the machine's time zone). */
function dayName(date: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

function sessionLabel(session: Checkpoint): string {
  const hours = session.startsAt && session.endsAt ? `${session.startsAt}–${session.endsAt}` : (session.startsAt ?? '');
  return [session.name, session.room, hours].filter(Boolean).join(' · ');
}

type Outcome = { kind: 'saved'; fileName: string; rows: number; choice: ExportForm['choice'] } | { kind: 'refused'; fileName: string } | null;

/** Organisers: the final attendance list (CSV, French-Excel CSV, XLSX) and the feuilles d'émargement (PDF), saved as files. */
export function ExportsScreen() {
  const { t, i18n } = useTranslation('exports');
  const { info } = useAppState();
  const event = info.event;
  const ids = useId();
  const [form, setForm] = useState<ExportForm>({ choice: 'xlsx', scope: 'all', day: '', sessionId: '' });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [error, setError] = useState<ErrorValue | null>(null);

  const change = (patch: Partial<ExportForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setOutcome(null);
    setError(null);
  };

  const language = (i18n.language === 'en' ? 'en' : 'fr') as Language;
  const request = exportRequest(form, language);
  const groups = event ? sessionsByDay(event) : [];
  const hasSessions = groups.length > 0;
  const hasDays = (event?.days.length ?? 0) > 0;

  const submit = async (submitted: FormEvent) => {
    submitted.preventDefault();
    if (!request || busy) return;
    setBusy(true);
    setOutcome(null);
    setError(null);
    const result = await api()['export:attendance'](request);
    setBusy(false);
    if (!result.ok) return setError(result);
    const { data, fileName, rows } = result.value;
    try {
      downloadBytes(data, fileName, mimeType(request.format));
      setOutcome({ kind: 'saved', fileName, rows, choice: form.choice });
    } catch {
      // The browser refused the download: say so rather than claim the file is saved.
      setOutcome({ kind: 'refused', fileName });
    }
  };

  const dayHelp = form.choice === 'pdf' ? t('scope.dayHelpPdf') : t('scope.dayHelpList');
  const allHelp = form.choice === 'pdf' ? t('scope.allHelpPdf') : t('scope.allHelpList');

  return (
    <section className="screen exports-screen" aria-labelledby="exports-title">
      <h1 id="exports-title">{t('title')}</h1>
      {!event ? (
        <p className="notice notice-info">{t('noEvent')}</p>
      ) : (
        <>
          <p className="help">{t('intro', { event: event.name })}</p>
          <form className="panel exports-form" onSubmit={(submitted) => void submit(submitted)} aria-busy={busy} noValidate>
            <fieldset disabled={busy}>
              <legend>{t('format.legend')}</legend>
              <div className="exports-options">
                {exportChoices.map((choice) => (
                  <div key={choice} className={`exports-option${form.choice === choice ? ' exports-option-chosen' : ''}`}>
                    <input
                      id={`${ids}-${choice}`}
                      type="radio"
                      name="export-format"
                      value={choice}
                      checked={form.choice === choice}
                      onChange={() => change({ choice })}
                      aria-describedby={`${ids}-${choice}-help`}
                    />
                    <div>
                      <label htmlFor={`${ids}-${choice}`} className="exports-option-name">
                        {t(`format.${choice}`)}
                      </label>
                      <p id={`${ids}-${choice}-help`} className="help exports-option-help">
                        {t(`format.${choice}Help`)}
                      </p>
                    </div>
                  </div>
                ))}
              </div>
            </fieldset>

            <fieldset disabled={busy}>
              <legend>{t('scope.legend')}</legend>
              <div className="choices">
                {exportScopes.map((scope) => (
                  <label key={scope} className="choice">
                    <input
                      type="radio"
                      name="export-scope"
                      value={scope}
                      checked={form.scope === scope}
                      disabled={(scope === 'day' && !hasDays) || (scope === 'session' && !hasSessions)}
                      onChange={() => change({ scope })}
                    />{' '}
                    {t(`scope.${scope}`)}
                  </label>
                ))}
              </div>
              {form.scope === 'all' && <p className="help">{allHelp}</p>}
              {form.scope === 'day' && (
                <div className="exports-pick">
                  <label htmlFor={`${ids}-day`} className="field-label">
                    {t('scope.dayLabel')}
                  </label>
                  <select id={`${ids}-day`} value={form.day} onChange={(changed) => change({ day: changed.target.value })} aria-describedby={`${ids}-day-help`}>
                    <option value="">{t('scope.chooseDay')}</option>
                    {event.days.map((d) => (
                      <option key={d.date} value={d.date}>
                        {d.label ? `${dayName(d.date, language)} · ${d.label}` : dayName(d.date, language)}
                      </option>
                    ))}
                  </select>
                  <p id={`${ids}-day-help`} className="help">
                    {dayHelp}
                  </p>
                </div>
              )}
              {form.scope === 'session' && (
                <div className="exports-pick">
                  <label htmlFor={`${ids}-session`} className="field-label">
                    {t('scope.sessionLabel')}
                  </label>
                  <select id={`${ids}-session`} value={form.sessionId} onChange={(changed) => change({ sessionId: changed.target.value })} aria-describedby={`${ids}-session-help`}>
                    <option value="">{t('scope.chooseSession')}</option>
                    {groups.map((group) => (
                      <optgroup key={group.day ?? 'other'} label={group.day ? dayName(group.day, language) : t('scope.noDay')}>
                        {group.sessions.map((session) => (
                          <option key={session.id} value={session.id}>
                            {sessionLabel(session)}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </select>
                  <p id={`${ids}-session-help`} className="help">
                    {form.choice === 'pdf' ? t('scope.sessionHelpPdf') : t('scope.sessionHelpList')}
                  </p>
                </div>
              )}
            </fieldset>

            <div className="actions">
              <button type="submit" className="button button-large" disabled={busy || !request}>
                {busy ? t('running') : t('export')}
              </button>
              {busy && <progress className="exports-progress" aria-label={t('running')} />}
            </div>
            <p role="status" aria-live="polite" className="exports-status" data-testid="export-status">
              {busy
                ? t('preparing')
                : outcome?.kind === 'saved'
                  ? t(outcome.choice === 'pdf' ? 'savedSheet' : 'saved', { count: outcome.rows, fileName: outcome.fileName })
                  : outcome?.kind === 'refused'
                    ? t('refused', { fileName: outcome.fileName })
                    : ''}
            </p>
            {error && <ErrorMessage error={error} />}
          </form>
        </>
      )}
    </section>
  );
}
