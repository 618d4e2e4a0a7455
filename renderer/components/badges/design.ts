import type { Input } from '../../../main/core/contract';
import { badgeFields, type BadgeField, type BadgeTemplateInfo } from '../../../main/core/types';

export type Design = Input<'badges:saveTemplate'>;
export type Colours = { text: string; background: string; accent: string };
export type CategoryStyle = { colour: string; legend?: string };

/** The parts of a template's data the design form edits (BadgeTemplateInfo.definition is untyped data). */
export interface TemplateParts {
  fields: BadgeField[];
  /** Fields the template has an area for: the only ones it can show. */
  available: BadgeField[];
  colours: Colours;
  categories: Record<string, CategoryStyle>;
  defaultCategoryColour: string;
  logo: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isField = (value: unknown): value is BadgeField => (badgeFields as readonly unknown[]).includes(value);

export function templateParts(info: BadgeTemplateInfo): TemplateParts {
  const d = info.definition;
  const areas = isRecord(d.areas) ? Object.keys(d.areas) : [];
  const colours = isRecord(d.colours) ? d.colours : {};
  const categories: Record<string, CategoryStyle> = {};
  if (isRecord(d.categories)) {
    for (const [name, value] of Object.entries(d.categories)) {
      if (isRecord(value) && typeof value.colour === 'string') {
        categories[name] = { colour: value.colour, ...(typeof value.legend === 'string' ? { legend: value.legend } : {}) };
      }
    }
  }
  return {
    fields: Array.isArray(d.fields) ? d.fields.filter(isField) : [],
    available: badgeFields.filter((field) => areas.includes(field)),
    colours: {
      text: typeof colours.text === 'string' ? colours.text : '#111111',
      background: typeof colours.background === 'string' ? colours.background : '#ffffff',
      accent: typeof colours.accent === 'string' ? colours.accent : '#1d4e89',
    },
    categories,
    defaultCategoryColour: typeof d.defaultCategoryColour === 'string' ? d.defaultCategoryColour : '#555555',
    logo: typeof d.logo === 'string' ? d.logo : null,
  };
}

/** A design that reproduces a template: of a built-in one (to customise) or of an organiser's own (to edit). */
export function designFrom(info: BadgeTemplateInfo, name: string, label: { fr: string; en: string }): Design {
  const parts = templateParts(info);
  return {
    name,
    label,
    base: info.builtIn ? info.name : info.base,
    fields: parts.fields,
    colours: parts.colours,
    categories: parts.categories,
    defaultCategoryColour: parts.defaultCategoryColour,
    logo: parts.logo,
  };
}

/** `<input type="color">` only takes #rrggbb: #abc becomes #aabbcc, #rrggbbaa loses its alpha. */
export function toColourInput(colour: string): string {
  const hex = colour.replace(/^#/, '');
  if (/^[0-9a-f]{3,4}$/i.test(hex)) return `#${[...hex.slice(0, 3)].map((c) => c + c).join('')}`.toLowerCase();
  if (/^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(hex)) return `#${hex.slice(0, 6)}`.toLowerCase();
  return '#000000';
}

export const namePattern = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** A free slug for a customised template: "a6-perso", "a6-perso-2"… */
export function freeName(base: string, taken: readonly string[]): string {
  const stem = `${base}-perso`.slice(0, 34);
  if (!taken.includes(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.includes(`${stem}-${i}`)) return `${stem}-${i}`;
}

export const maxLogoBytes = 1.5 * 1024 * 1024;
export const logoTypes = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
