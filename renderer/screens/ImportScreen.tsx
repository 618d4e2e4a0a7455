import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { maxImportBytes } from '../../main/core/contract';
import type { ErrorValue } from '../../main/core/errors';
import { importFields, type ImportField, type ImportPreview, type ImportReport } from '../../main/core/types';
import { api } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { translateCoded } from '../i18n/errors';
import { useAppState } from '../hooks/useAppState';

interface LoadedFile {
  name: string;
  data: Uint8Array;
}

type Step =
  | { step: 'choose' }
  | { step: 'reading'; fileName: string }
  | { step: 'mapping'; file: LoadedFile; preview: ImportPreview; fields: (ImportField | '')[] }
  | { step: 'running'; file: LoadedFile; preview: ImportPreview; fields: (ImportField | '')[] }
  | { step: 'report'; fileName: string; report: ImportReport };

interface Failure {
  fileName: string;
  error: Pick<ErrorValue, 'code' | 'message' | 'params'>;
}

const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

export function ImportScreen() {
  const { t } = useTranslation('importing');
  const { info, refresh, navigate } = useAppState();
  const [state, setState] = useState<Step>({ step: 'choose' });
  const [failure, setFailure] = useState<Failure | null>(null);
  const [dragging, setDragging] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Each step change moves focus to its heading, so keyboard and screen-reader users follow along.
  useEffect(() => heading.current?.focus(), [state.step]);

  async function readFile(file: File) {
    setFailure(null);
    if (file.size > maxImportBytes) {
      setFailure({
        fileName: file.name,
        error: {
          code: 'import.too_large',
          message: t('tooLarge', { file: file.name, size: megabytes(file.size), max: megabytes(maxImportBytes) }),
          params: { file: file.name, sizeMb: megabytes(file.size), maxMb: megabytes(maxImportBytes) },
        },
      });
      return;
    }
    setState({ step: 'reading', fileName: file.name });
    let data: Uint8Array;
    try {
      data = new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      setState({ step: 'choose' });
      setFailure({ fileName: file.name, error: { code: 'import.unreadable', message: String(error), params: { file: file.name } } });
      return;
    }
    const result = await api()['import:preview']({ fileName: file.name, data });
    if (!result.ok) {
      setState({ step: 'choose' });
      setFailure({ fileName: file.name, error: result });
      return;
    }
    const preview = result.value;
    setState({ step: 'mapping', file: { name: file.name, data }, preview, fields: preview.columns.map((column) => column.field ?? '') });
  }

  async function runImport() {
    if (state.step !== 'mapping') return;
    const { file, preview, fields } = state;
    const mapping: Record<string, ImportField> = {};
    preview.columns.forEach((column, index) => {
      const field = fields[index];
      if (field) mapping[column.column] = field;
    });
    setFailure(null);
    setState({ ...state, step: 'running' });
    const result = await api()['import:run']({ fileName: file.name, data: file.data, mapping });
    if (!result.ok) {
      setState({ ...state, step: 'mapping' });
      setFailure({ fileName: file.name, error: result });
      return;
    }
    setState({ step: 'report', fileName: file.name, report: result.value });
    await refresh();
  }

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void readFile(file);
  };

  const failureNotice = failure && (
    <ErrorMessage
      error={failure.error}
      // Most import errors already name the file; the others get it in front.
      format={(message) => (message.includes(failure.fileName) ? message : t('failed', { file: failure.fileName, message }))}
    />
  );

  if (state.step === 'choose' || state.step === 'reading') {
    return (
      <section className="screen import-screen" aria-labelledby="import-title">
        <h1 id="import-title" ref={heading} tabIndex={-1}>
          {t('title')}
        </h1>
        <p>{t('intro')}</p>
        {failureNotice}
        <div
          className={`dropzone${dragging ? ' dropzone-active' : ''}`}
          data-testid="dropzone"
          onDragEnter={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragOver={(event) => event.preventDefault()}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          {state.step === 'reading' ? (
            <p role="status" className="busy">
              {t('reading', { file: state.fileName })}
            </p>
          ) : (
            <>
              <label htmlFor="import-file" className="button button-large file-button">
                {t('choose')}
              </label>
              <input
                id="import-file"
                type="file"
                className="visually-hidden"
                accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = ''; // choosing the same file again must read it again
                  if (file) void readFile(file);
                }}
              />
              <p className="dropzone-hint">{dragging ? t('dropActive') : t('drop')}</p>
            </>
          )}
        </div>
      </section>
    );
  }

  if (state.step === 'report') {
    const { report } = state;
    const skipped = report.errors.filter((error) => error.level !== 'warning').length;
    const counts: [string, number][] = [
      ['imported', report.imported],
      ['updated', report.updated],
      ['merged', report.merged],
      ['cancelled', report.cancelled],
      ['unchanged', report.unchanged],
      ['errors', skipped],
      ['warnings', report.errors.length - skipped],
    ];
    return (
      <section className="screen import-screen" aria-labelledby="import-title">
        <h1 id="import-title" ref={heading} tabIndex={-1}>
          {t('report.title')}
        </h1>
        <p role="status">
          {info.event?.id === report.eventId
            ? t('report.summaryEvent', { file: state.fileName, event: info.event.name })
            : t('report.summary', { file: state.fileName })}
        </p>
        <dl className="counts" data-testid="import-report">
          {counts.map(([key, value]) => (
            <div key={key} className={`count count-${key}${key === 'errors' && value > 0 ? ' count-alert' : ''}`} data-count={key}>
              <dt>{t(`report.${key}`)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <h2>{t('report.errorsTitle')}</h2>
        {report.errors.length === 0 ? (
          <p>{t('report.noErrors')}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('report.errorsTitle')}>
            <table className="table" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col">{t('report.row')}</th>
                  <th scope="col">{t('report.column')}</th>
                  <th scope="col">{t('report.reason')}</th>
                  <th scope="col">{t('report.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((error, index) => (
                  <tr key={`${error.row}-${index}`}>
                    <td>{error.row}</td>
                    <td>{error.column ?? ''}</td>
                    <td>{error.code ? translateCoded(t, 'import', { code: error.code, message: error.reason, params: error.params }) : error.reason}</td>
                    <td className={error.level === 'warning' ? 'outcome-warning' : 'outcome-error'}>
                      {t(error.level === 'warning' ? 'report.level.warning' : 'report.level.error')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="actions">
          <button type="button" className="button" onClick={() => navigate('search')}>
            {t('report.goSearch')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setState({ step: 'choose' })}>
            {t('report.again')}
          </button>
        </div>
      </section>
    );
  }

  const { preview, fields, file } = state;
  const running = state.step === 'running';
  const unmapped = fields.filter((field) => field === '').length;
  const setField = (index: number, field: ImportField | '') =>
    setState({ ...state, fields: fields.map((current, i) => (i === index ? field : current)) });
  // Coded notices are translated; a core without codes still shows its English sentences.
  const notices = preview.notices ? preview.notices.map((notice) => translateCoded(t, 'import', notice)) : preview.warnings;
  const delimiterName = preview.delimiter === null ? t('delimiters.none') : t(`delimiters.${preview.delimiter}`, { defaultValue: preview.delimiter });

  return (
    <section className="screen import-screen" aria-labelledby="import-title">
      <h1 id="import-title" ref={heading} tabIndex={-1}>
        {t('mapping.title')}
      </h1>
      {failureNotice}
      <dl className="file-facts" data-testid="import-facts">
        <div>
          <dt>{t('file.name')}</dt>
          <dd>{file.name}</dd>
        </div>
        <div>
          <dt>{t('file.format')}</dt>
          <dd data-fact="format">{preview.format.toUpperCase()}</dd>
        </div>
        <div>
          <dt>{t('file.encoding')}</dt>
          <dd data-fact="encoding">{preview.encoding}</dd>
        </div>
        <div>
          <dt>{t('file.delimiter')}</dt>
          <dd data-fact="delimiter">{delimiterName}</dd>
        </div>
        <div>
          <dt>{t('file.rows')}</dt>
          <dd data-fact="rows">{t('file.rowCount', { count: preview.rowCount })}</dd>
        </div>
      </dl>
      {notices.length > 0 && (
        <div className="notice notice-warning" data-testid="import-notices">
          <h2 className="notice-title">{t('warnings')}</h2>
          <ul>
            {notices.map((notice, index) => (
              <li key={index}>{notice}</li>
            ))}
          </ul>
        </div>
      )}

      <p className="import-target">{info.event ? t('mapping.target', { name: info.event.name }) : t('mapping.targetNew')}</p>
      <p>{t('mapping.intro')}</p>
      <p className={unmapped > 0 ? 'mapping-summary mapping-summary-todo' : 'mapping-summary'} role="status">
        {unmapped > 0 ? t('mapping.unmappedCount', { count: unmapped }) : t('mapping.allMapped')}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('mapping.tableLabel')}>
        <table className="table mapping-table" data-testid="mapping">
          <thead>
            <tr>
              <th scope="col">{t('mapping.column')}</th>
              <th scope="col">{t('mapping.field')}</th>
              <th scope="col">{t('mapping.examples')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((column, index) => {
              const field = fields[index] ?? '';
              const id = `map-${index}`;
              return (
                <tr key={id} className={field === '' ? 'unmapped' : undefined} data-column={column.column}>
                  <th scope="row">
                    <label htmlFor={id}>{column.column}</label>
                    {column.field === null && <span className="tag-unmapped">{t('mapping.unmapped')}</span>}
                  </th>
                  <td>
                    <select
                      id={id}
                      value={field}
                      disabled={running}
                      aria-label={t('mapping.selectLabel', { column: column.column })}
                      onChange={(event) => setField(index, event.target.value as ImportField | '')}
                    >
                      {field === '' && <option value="">{t('mapping.choose')}</option>}
                      {importFields.map((name) => (
                        <option key={name} value={name}>
                          {t(`fields.${name}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="examples">
                    {preview.sample
                      .slice(0, 3)
                      .map((row) => row[index] ?? '')
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2>{t('preview.title')}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('preview.title')}>
        <table className="table preview-table" data-testid="preview">
          <caption>{t('preview.caption', { count: preview.sample.length })}</caption>
          <thead>
            <tr>
              {preview.columns.map((column, index) => (
                <th key={index} scope="col" className={fields[index] === '' ? 'unmapped' : undefined}>
                  <span className="preview-column">{column.column}</span>
                  <span className="preview-field">{fields[index] ? t(`fields.${fields[index]}`) : t('mapping.unmapped')}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {preview.columns.map((_, index) => (
                  <td key={index}>{row[index] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="actions">
        <button type="button" className="button button-large" disabled={running} onClick={() => void runImport()}>
          {t('run', { count: preview.rowCount })}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={running}
          onClick={() => {
            setFailure(null);
            setState({ step: 'choose' });
          }}
        >
          {t('cancel')}
        </button>
      </div>
      {running && (
        <p role="status" className="busy">
          {t('running', { file: file.name })}
        </p>
      )}
    </section>
  );
}
