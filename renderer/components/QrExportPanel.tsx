import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QrExportReport } from '../../main/core/types';
import type { ErrorValue } from '../../main/core/errors';
import { api } from '../api';
import { ErrorMessage } from './ErrorMessage';
import './qr.css';

/** Every valid attendee's QR code into a folder, plus a CSV for mail merge (qr:export). */
export function QrExportPanel() {
  const { t } = useTranslation('scan');
  const [folder, setFolder] = useState('');
  const [format, setFormat] = useState<'png' | 'svg'>('png');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<QrExportReport | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setReport(null);
    const result = await api()['qr:export']({ folder: folder.trim(), format });
    setBusy(false);
    if (result.ok) setReport(result.value);
    else setError(result);
  };

  return (
    <section className="panel qr-export" aria-labelledby="qr-export-title">
      <h2 id="qr-export-title">{t('export.title')}</h2>
      <p>{t('export.help')}</p>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="qr-export-folder" className="field-label">
          {t('export.folder')}
        </label>
        <input
          id="qr-export-folder"
          type="text"
          value={folder}
          required
          placeholder={t('export.folderPlaceholder')}
          onChange={(event) => setFolder(event.target.value)}
          className="qr-export-folder"
        />
        <fieldset className="qr-export-format">
          <legend>{t('export.format')}</legend>
          {(['png', 'svg'] as const).map((value) => (
            <label key={value} className="choice">
              <input type="radio" name="qr-export-format" value={value} checked={format === value} onChange={() => setFormat(value)} /> {value.toUpperCase()}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={busy || !folder.trim()}>
          {busy ? t('export.running') : t('export.run')}
        </button>
      </form>
      <p role="status" data-testid="qr-export-report">
        {report && t('export.done', { count: report.count, folder: report.folder, csv: report.csv })}
      </p>
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
