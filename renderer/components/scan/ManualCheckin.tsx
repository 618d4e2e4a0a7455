import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendeeSummary } from '../../../main/core/types';
import { useAttendeeSearch } from '../../hooks/useAttendeeSearch';
import { ErrorMessage } from '../ErrorMessage';
import { fullName } from '../names';
import { AttendeeResult } from '../AttendeeResult';

interface Props {
  text: string;
  onText(text: string): void;
  checkpointName: string;
  /** Checks the person in (checkin:scan with method 'search'); resolves when the answer is shown. */
  onCheckin(attendee: AttendeeSummary): Promise<void>;
}

/** Search as you type, pick, confirm: for a forgotten phone or a code that will not read. */
export function ManualCheckin({ text, onText, checkpointName, onCheckin }: Props) {
  const { t } = useTranslation('scan');
  const [picked, setPicked] = useState<AttendeeSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const search = useAttendeeSearch(text);
  const results = search.status === 'done' || search.status === 'searching' ? search.results.slice(0, 8) : [];

  const confirm = async () => {
    if (!picked) return;
    setBusy(true);
    try {
      await onCheckin(picked);
      setPicked(null);
      onText('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="scan-manual" aria-labelledby="scan-manual-title">
      <h2 id="scan-manual-title" className="scan-side-title">
        {t('manual.title')}
      </h2>
      <label htmlFor="scan-manual-input" className="field-label">
        {t('manual.label')}
      </label>
      <input
        id="scan-manual-input"
        type="search"
        className="scan-manual-input"
        value={text}
        placeholder={t('manual.placeholder')}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          onText(event.target.value);
          setPicked(null);
        }}
      />
      <p className="search-status" role="status">
        {search.status === 'searching' && results.length === 0 && t('manual.searching')}
        {search.status === 'done' && search.results.length === 0 && t('manual.none', { text: search.text })}
      </p>
      {search.status === 'failed' && <ErrorMessage error={search.error} />}
      {picked ? (
        <div className="scan-manual-confirm">
          <p>{t('manual.confirm', { name: fullName(picked), checkpoint: checkpointName })}</p>
          {picked.status === 'cancelled' && <p className="notice notice-warning">{t('manual.cancelled')}</p>}
          <div className="actions">
            <button type="button" className="button" disabled={busy} onClick={() => void confirm()}>
              {t('manual.confirmButton')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setPicked(null)}>
              {t('manual.cancel')}
            </button>
          </div>
        </div>
      ) : (
        results.length > 0 && (
          <ul className="results scan-manual-results">
            {results.map((person) => (
              <li key={person.id}>
                <AttendeeResult person={person} onPick={setPicked} />
              </li>
            ))}
          </ul>
        )
      )}
    </section>
  );
}
