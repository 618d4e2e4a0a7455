import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendeeSummary } from '../../main/core/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { AttendeeResult } from '../components/AttendeeResult';
import { AttendeeDetails } from '../components/AttendeeDetails';
import { useAppState } from '../hooks/useAppState';
import { useAttendeeSearch } from '../hooks/useAttendeeSearch';

export function SearchScreen() {
  const { t } = useTranslation('search');
  const { info, navigate } = useAppState();
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<AttendeeSummary | null>(null);
  // An edit from the record asks the same text again, so the list shows the corrected person
  // (the generation only has to change: the count and the edits never move in one render).
  const [edits, setEdits] = useState(0);
  const search = useAttendeeSearch(text, (info.event?.attendeeCount ?? 0) + edits);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => input.current?.focus(), []);

  const results = search.status === 'done' || search.status === 'searching' ? search.results : [];

  // Arrow keys move between the search box and the results; Enter in the box opens the first one.
  const focusResult = (index: number) => {
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button.result');
    if (!buttons || buttons.length === 0) return;
    if (index < 0) input.current?.focus();
    else buttons[Math.min(index, buttons.length - 1)]?.focus();
  };
  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusResult(0);
    } else if (event.key === 'Enter' && results[0]) {
      event.preventDefault();
      setSelected(results[0]);
    } else if (event.key === 'Escape') {
      setText('');
      setSelected(null);
    }
  };
  const onResultKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusResult(event.key === 'ArrowDown' ? index + 1 : index - 1);
    } else if (event.key === 'Escape') {
      input.current?.focus();
    }
  };

  return (
    <section className="screen search-screen" aria-labelledby="search-title">
      <h1 id="search-title" className="visually-hidden">
        {t('title')}
      </h1>
      <div className="search-box">
        <label htmlFor="search-input" className="field-label">
          {t('label')}
        </label>
        <input
          id="search-input"
          ref={input}
          type="search"
          className="search-input"
          value={text}
          placeholder={t('placeholder')}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="search-status"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onInputKey}
        />
        <p id="search-status" className="search-status" role="status" aria-live="polite">
          {search.status === 'idle' && t('hint')}
          {search.status === 'searching' && t('searching')}
          {search.status === 'done' && search.results.length > 0 && t('results', { count: search.results.length })}
        </p>
      </div>

      {!info.event && (
        <div className="notice notice-info">
          <p>{t('noEvent')}</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => navigate('import')}>
              {t('goImport')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => navigate('settings')}>
              {t('goSettings')}
            </button>
          </div>
        </div>
      )}

      {search.status === 'failed' && <ErrorMessage error={search.error} />}

      <div className="search-layout">
        <div className="results-pane">
          {search.status === 'done' && search.results.length === 0 && (
            <div className="empty-state" data-testid="no-result">
              <p className="empty-title">{t('noResult', { text: search.text })}</p>
              <p>{t('noResultHint')}</p>
            </div>
          )}
          {results.length > 0 && (
            <ul className="results" ref={list} aria-label={t('resultsLabel')}>
              {results.map((person, index) => (
                <li key={person.id}>
                  <AttendeeResult
                    person={person}
                    current={selected?.id === person.id}
                    onPick={setSelected}
                    onKeyDown={(event) => onResultKey(event, index)}
                  />
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="details-pane">
          {selected ? (
            <AttendeeDetails summary={selected} onChanged={() => setEdits((count) => count + 1)} />
          ) : (
            search.status !== 'idle' && results.length > 0 && <p className="empty-state">{t('empty')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
