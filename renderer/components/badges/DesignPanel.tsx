import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../main/core/contract';
import type { ErrorValue } from '../../../main/core/errors';
import type { AttendeeSummary, BadgeField, BadgeTemplateInfo } from '../../../main/core/types';
import { api } from '../../api';
import { ErrorMessage } from '../ErrorMessage';
import { AttendeePicker, attendeeName } from './AttendeePicker';
import { BadgePreview } from './BadgePreview';
import { designFrom, freeName, logoTypes, maxLogoBytes, namePattern, templateParts, toColourInput, type Design } from './design';

/** Typing in a colour or a legend redraws the preview once the hand pauses, not at every keystroke. */
export const previewDebounceMs = 250;

type Preview = Output<'badges:preview'>;

interface Props {
  templates: BadgeTemplateInfo[];
  /** Re-reads the template list; resolves with it. */
  reload(): Promise<BadgeTemplateInfo[]>;
  /** The current event's categories (walk-in options), for the band legend. */
  eventCategories: string[];
  kioskTemplate: string;
  onKioskTemplate(name: string): Promise<void>;
}

export function DesignPanel({ templates, reload, eventCategories, kioskTemplate, onKioskTemplate }: Props) {
  const { t, i18n } = useTranslation('badges');
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const [selected, setSelected] = useState(kioskTemplate);
  const [draft, setDraft] = useState<Design | null>(null);
  const [previewFor, setPreviewFor] = useState<AttendeeSummary | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<ErrorValue | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [logoError, setLogoError] = useState('');
  const [formError, setFormError] = useState('');
  const [message, setMessage] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);

  const info = templates.find((template) => template.name === selected) ?? templates[0];
  const editingSaved = draft !== null && templates.some((template) => !template.builtIn && template.name === draft.name);

  // Choosing an organiser's template opens it for editing; a built-in one is shown as is until "Customise".
  const choose = (name: string) => {
    setSelected(name);
    setConfirmDelete(false);
    setMessage('');
    setError(null);
    const chosen = templates.find((template) => template.name === name);
    setDraft(chosen && !chosen.builtIn ? designFrom(chosen, chosen.name, chosen.label) : null);
  };

  // The first render opens the kiosk's template the same way a click would.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || templates.length === 0) return;
    opened.current = true;
    choose(templates.some((template) => template.name === kioskTemplate) ? kioskTemplate : (templates[0]?.name ?? 'a6'));
    // Once, when the list first arrives (choose is recreated every render).
  }, [templates, kioskTemplate]);

  const customise = () => {
    if (!info) return;
    const name = freeName(info.builtIn ? info.name : info.base, templates.map((template) => template.name));
    setDraft(designFrom(info, name, { fr: `${info.label.fr} (${t('design.custom')})`, en: `${info.label.en} (${t('design.custom')})` }));
    setMessage(t('design.customising', { base: info.label[language] }));
  };

  // Live preview: the unsaved design (or the chosen template), for the chosen attendee or the sample.
  const previewInput = useMemo(() => {
    const attendeeId = previewFor?.id;
    if (draft) {
      // The preview does not store anything: a placeholder name keeps it valid while the name is being typed.
      const { label: _label, ...design } = draft;
      return { design: { ...design, name: 'apercu' }, ...(attendeeId ? { attendeeId } : {}) };
    }
    return info ? { template: info.name, ...(attendeeId ? { attendeeId } : {}) } : null;
  }, [draft, info, previewFor]);
  const previewKey = JSON.stringify(previewInput);
  const ticket = useRef(0);
  useEffect(() => {
    if (!previewInput) return;
    const mine = ++ticket.current;
    const timer = window.setTimeout(() => {
      void api()
        ['badges:preview'](previewInput)
        .then((result) => {
          if (mine !== ticket.current) return; // a newer design is on its way
          if (result.ok) {
            setPreview(result.value);
            setPreviewError(null);
          } else setPreviewError(result);
        });
    }, previewDebounceMs);
    return () => window.clearTimeout(timer);
    // previewKey is previewInput by value: an equal design is not previewed twice.
  }, [previewKey]);

  const update = (patch: Partial<Design>) => setDraft((current) => (current ? { ...current, ...patch } : current));
  const parts = info ? templateParts(info) : null;
  const fields = draft?.fields ?? parts?.fields ?? [];
  const colours = { text: '#111111', background: '#ffffff', accent: '#1d4e89', ...parts?.colours, ...draft?.colours };
  const categories = draft?.categories ?? parts?.categories ?? {};
  const defaultColour = draft?.defaultCategoryColour ?? parts?.defaultCategoryColour ?? '#555555';
  const categoryNames = [...new Set([...eventCategories, ...Object.keys(categories)])].sort((a, b) => a.localeCompare(b, language));
  // Fields the base template has an area for.
  const baseInfo = draft ? (templates.find((template) => template.name === draft.base) ?? info) : info;
  const available = baseInfo ? templateParts(baseInfo).available : [];

  const toggleField = (field: BadgeField, on: boolean) => {
    const next = on ? available.filter((f) => f === field || fields.includes(f)) : fields.filter((f) => f !== field);
    if (next.length === 0) return; // a badge shows at least one field
    update({ fields: next });
  };

  const setCategory = (name: string, patch: { colour?: string; legend?: string }) => {
    const current = categories[name] ?? { colour: defaultColour };
    const next = { ...current, ...patch };
    if (!next.legend) delete next.legend;
    update({ categories: { ...categories, [name]: next } });
  };

  const onLogo = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    setLogoError('');
    if (!file) return;
    if (!(logoTypes as readonly string[]).includes(file.type)) {
      setLogoError(t('design.logoType', { name: file.name }));
      input.value = '';
      return;
    }
    if (file.size > maxLogoBytes) {
      setLogoError(t('design.logoTooBig', { name: file.name, size: (file.size / 1024 / 1024).toFixed(1), max: '1,5' }));
      input.value = '';
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === 'string') update({ logo: reader.result });
    };
    reader.onerror = () => setLogoError(t('design.logoUnreadable', { name: file.name }));
    reader.readAsDataURL(file);
  };

  const nameValid = draft ? namePattern.test(draft.name) && !templates.some((template) => template.builtIn && template.name === draft.name) : false;

  const save = async () => {
    if (!draft) return;
    if (!nameValid) {
      setMessage('');
      setFormError(t('design.nameRule'));
      return;
    }
    const label = { fr: draft.label?.fr.trim() || draft.name, en: draft.label?.en.trim() || draft.label?.fr.trim() || draft.name };
    setBusy(true);
    setError(null);
    setFormError('');
    const result = await api()['badges:saveTemplate']({ ...draft, label });
    setBusy(false);
    if (!result.ok) return setError(result);
    await reload();
    setSelected(result.value.name);
    setDraft({ ...draft, label });
    setMessage(t('design.saved', { name: result.value.label[language] }));
  };

  const remove = async () => {
    if (!draft || !editingSaved) return;
    if (!confirmDelete) return setConfirmDelete(true);
    setBusy(true);
    setError(null);
    const result = await api()['badges:deleteTemplate']({ name: draft.name });
    setBusy(false);
    setConfirmDelete(false);
    if (!result.ok) return setError(result);
    const list = await reload();
    setDraft(null);
    setSelected(list.some((template) => template.name === kioskTemplate) ? kioskTemplate : 'a6');
    setMessage(t('design.deleted', { name: result.value.name }));
  };

  const builtIns = templates.filter((template) => template.builtIn);
  const own = templates.filter((template) => !template.builtIn);

  return (
    <div className="badge-design">
      <div className="badge-design-form">
        <p className="live" role="status" aria-live="polite">
          {message}
        </p>
        {error && <ErrorMessage error={error} />}
        {formError && (
          <div className="notice notice-error" role="alert">
            {formError}
          </div>
        )}
        <div className="badge-row">
          <label htmlFor="badge-template" className="field-label">
            {t('design.template')}
          </label>
          <select id="badge-template" value={draft && !editingSaved ? '' : selected} onChange={(event) => choose(event.target.value)}>
            {draft && !editingSaved && <option value="">{t('design.unsaved', { name: draft.name })}</option>}
            <optgroup label={t('design.builtIn')}>
              {builtIns.map((template) => (
                <option key={template.name} value={template.name}>
                  {template.label[language]}
                </option>
              ))}
            </optgroup>
            {own.length > 0 && (
              <optgroup label={t('design.own')}>
                {own.map((template) => (
                  <option key={template.name} value={template.name}>
                    {template.label[language]}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          {info && (
            <p className="help">
              {info.perPage > 1 ? t('design.sheet', { count: info.perPage }) : t('design.onePerPage')}
              {info.name === kioskTemplate ? ` · ${t('design.kioskTemplate')}` : ''}
            </p>
          )}
        </div>
        <div className="actions">
          {!draft && (
            <button type="button" className="button" onClick={customise}>
              {t('design.customise')}
            </button>
          )}
          {info && (!draft || editingSaved) && info.name !== kioskTemplate && (
            <button type="button" className="button button-secondary" onClick={() => void onKioskTemplate(info.name).then(() => setMessage(t('design.kioskSet', { name: info.label[language] })))}>
              {t('design.useHere')}
            </button>
          )}
        </div>

        {draft && (
          <form
            className="badge-design-edit"
            aria-label={t('design.editLabel')}
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <fieldset className="panel">
              <legend>{t('design.identity')}</legend>
              <label htmlFor="badge-name" className="field-label">
                {t('design.name')}
              </label>
              <input
                id="badge-name"
                type="text"
                value={draft.name}
                readOnly={editingSaved}
                aria-invalid={!nameValid}
                aria-describedby="badge-name-help"
                onChange={(event) => update({ name: event.target.value.toLowerCase() })}
              />
              <p id="badge-name-help" className={nameValid ? 'help' : 'help help-error'}>
                {editingSaved ? t('design.nameFixed') : t('design.nameRule')}
              </p>
              <label htmlFor="badge-label-fr" className="field-label">
                {t('design.labelFr')}
              </label>
              <input id="badge-label-fr" type="text" lang="fr" value={draft.label?.fr ?? ''} onChange={(event) => update({ label: { fr: event.target.value, en: draft.label?.en ?? '' } })} />
              <label htmlFor="badge-label-en" className="field-label">
                {t('design.labelEn')}
              </label>
              <input id="badge-label-en" type="text" lang="en" value={draft.label?.en ?? ''} onChange={(event) => update({ label: { fr: draft.label?.fr ?? '', en: event.target.value } })} />
            </fieldset>

            <fieldset className="panel">
              <legend>{t('design.fields')}</legend>
              <div className="badge-checks">
                {available.map((field) => (
                  <label key={field} className="choice">
                    <input type="checkbox" checked={fields.includes(field)} onChange={(event) => toggleField(field, event.target.checked)} /> {t(`fields.${field}`)}
                  </label>
                ))}
              </div>
            </fieldset>

            <fieldset className="panel">
              <legend>{t('design.colours')}</legend>
              <div className="badge-colours">
                {(['text', 'background', 'accent'] as const).map((key) => (
                  <label key={key} className="badge-colour">
                    <input type="color" value={toColourInput(colours[key])} onChange={(event) => update({ colours: { ...colours, [key]: event.target.value } })} />{' '}
                    {t(`colours.${key}`)}
                  </label>
                ))}
              </div>
            </fieldset>

            <fieldset className="panel">
              <legend>{t('design.categories')}</legend>
              <p className="help">{t('design.categoriesHelp')}</p>
              <table className="table badge-categories">
                <thead>
                  <tr>
                    <th scope="col">{t('design.category')}</th>
                    <th scope="col">{t('design.bandColour')}</th>
                    <th scope="col">{t('design.legend')}</th>
                  </tr>
                </thead>
                <tbody>
                  {categoryNames.map((name, index) => {
                    const style = categories[name];
                    return (
                      <tr key={name}>
                        <th scope="row" id={`badge-cat-${index}`}>
                          {name}
                        </th>
                        <td>
                          <input
                            type="color"
                            aria-label={t('design.bandColourOf', { name })}
                            value={toColourInput(style?.colour ?? defaultColour)}
                            onChange={(event) => setCategory(name, { colour: event.target.value })}
                          />
                        </td>
                        <td>
                          <input
                            type="text"
                            aria-label={t('design.legendOf', { name })}
                            placeholder={name}
                            value={style?.legend ?? ''}
                            onChange={(event) => setCategory(name, { legend: event.target.value })}
                          />
                        </td>
                      </tr>
                    );
                  })}
                  <tr>
                    <th scope="row">{t('design.otherCategories')}</th>
                    <td>
                      <input
                        type="color"
                        aria-label={t('design.bandColourOf', { name: t('design.otherCategories') })}
                        value={toColourInput(defaultColour)}
                        onChange={(event) => update({ defaultCategoryColour: event.target.value })}
                      />
                    </td>
                    <td />
                  </tr>
                </tbody>
              </table>
            </fieldset>

            <fieldset className="panel">
              <legend>{t('design.logo')}</legend>
              {draft.logo ? (
                <p className="badge-logo-current">
                  <img src={draft.logo} alt={t('design.logoCurrent')} />
                  <button type="button" className="button button-secondary" onClick={() => update({ logo: null })}>
                    {t('design.logoRemove')}
                  </button>
                </p>
              ) : (
                <p className="help">{t('design.logoNone')}</p>
              )}
              <label htmlFor="badge-logo" className="field-label">
                {t('design.logoChoose')}
              </label>
              <input id="badge-logo" type="file" accept="image/png,image/jpeg,image/svg+xml" aria-describedby="badge-logo-help" onChange={onLogo} />
              <p id="badge-logo-help" className="help">
                {t('design.logoHelp')}
              </p>
              {logoError && (
                <div className="notice notice-error" role="alert">
                  {logoError}
                </div>
              )}
            </fieldset>

            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t('design.save')}
              </button>
              {editingSaved && (
                <button type="button" className="button button-secondary button-danger" disabled={busy} onClick={() => void remove()}>
                  {confirmDelete ? t('design.confirmDelete', { name: draft.name }) : t('design.delete')}
                </button>
              )}
              {!editingSaved && (
                <button type="button" className="button button-secondary" onClick={() => choose(draft.base)}>
                  {t('design.discard')}
                </button>
              )}
            </div>
          </form>
        )}
      </div>

      <section className="badge-design-preview" aria-labelledby="badge-preview-title">
        <h2 id="badge-preview-title">{t('preview.title')}</h2>
        <div className="badge-preview-who">
          <p>
            {t('preview.for')} <strong data-testid="preview-for">{previewFor ? attendeeName(previewFor) : t('preview.sample')}</strong>
            {previewFor && (
              <>
                {' '}
                <button type="button" className="button button-secondary" onClick={() => setPreviewFor(null)}>
                  {t('preview.useSample')}
                </button>
              </>
            )}
          </p>
          <AttendeePicker idPrefix="badge-preview" label={t('preview.choose')} onPick={setPreviewFor} chosen={previewFor ? [previewFor.id] : []} />
        </div>
        {previewError && <ErrorMessage error={previewError} />}
        {preview && preview.uncovered.length > 0 && (
          <div className="notice notice-warning" role="status" data-testid="preview-uncovered">
            {t('preview.uncovered', { characters: preview.uncovered.join(' ') })}
          </div>
        )}
        {preview ? <BadgePreview html={preview.html} page={preview.page} title={t('preview.frameTitle')} /> : <p className="help">{t('preview.loading')}</p>}
      </section>
    </div>
  );
}
