import { useTranslation } from 'react-i18next';
import type { BadgeTemplateInfo, KioskConfig } from '../../../main/core/types';

interface Props {
  id: string;
  kiosk: KioskConfig;
  templates: BadgeTemplateInfo[];
  /** '' means the kiosk's template. */
  value: string;
  onChange(template: string): void;
}

/** The badge template for this print: the kiosk's by default, any other (built-in or the organisers') for this once. */
export function TemplateChoice({ id, kiosk, templates, value, onChange }: Props) {
  const { t, i18n } = useTranslation('badges');
  const language = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {t('print.template')}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('print.kioskTemplate', { name: templates.find((x) => x.name === kiosk.template)?.label[language] ?? kiosk.template })}</option>
        {templates.map((x) => (
          <option key={x.name} value={x.name}>
            {x.label[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
