import type { Database } from 'better-sqlite3';
import type { TemplateDesign } from '../contract';
import { DomainError } from '../errors';
import type { BadgeTemplateInfo } from '../types';
import { badgesPerPage, builtInTemplateNames, loadTemplate, parseTemplate, type BadgeTemplate } from './templates';

interface Row {
  name: string;
  base: string;
  definition: string;
}

/**
 * The badge templates this kiosk can print with: the built-in ones (resources/badges) and
 * organisers' own, each a built-in one with their fields, colours, category legend and logo,
 * stored in this kiosk's database. They do not travel with sync: a design made on one desk is
 * made again (or its data folder copied) on the others.
 */
export class TemplateStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private rows(): Row[] {
    return this.db.prepare('SELECT name, base, definition FROM badge_templates ORDER BY name').all() as Row[];
  }

  /** Organisers' templates as data, for loadTemplate. */
  customDefinitions(): Record<string, unknown> {
    return Object.fromEntries(this.rows().map((r) => [r.name, JSON.parse(r.definition) as unknown]));
  }

  /** A template by name (built-in or an organiser's), checked; the default when no name is given. */
  load(name?: string): BadgeTemplate {
    if (name !== undefined && builtInTemplateNames.includes(name)) return loadTemplate(name);
    return loadTemplate(name, this.customDefinitions());
  }

  has(name: string): boolean {
    return builtInTemplateNames.includes(name) || this.db.prepare('SELECT 1 FROM badge_templates WHERE name = ?').get(name) !== undefined;
  }

  list(): BadgeTemplateInfo[] {
    const builtIns = builtInTemplateNames.map((name) => info(loadTemplate(name), true, name));
    const custom = this.rows().map((r) => info(parseTemplate(JSON.parse(r.definition), r.name), false, r.base));
    return [...builtIns, ...custom];
  }

  /**
   * The template a design describes, checked like a shipped one (a field that does not exist
   * is refused with its name), without storing it: what the live preview renders.
   */
  resolve(design: TemplateDesign): BadgeTemplate {
    if (builtInTemplateNames.includes(design.name)) {
      throw new DomainError('badge.builtin_template', `"${design.name}" is a built-in template: give yours another name.`, { template: design.name });
    }
    const base = builtInTemplateNames.includes(design.base) ? loadTemplate(design.base) : this.load(design.base);
    const { logo, ...rest } = base;
    const definition: Record<string, unknown> = {
      ...rest,
      name: design.name,
      label: design.label ?? { fr: design.name, en: design.name },
      fields: design.fields ?? base.fields,
      colours: { ...base.colours, ...design.colours },
      categories: design.categories ?? base.categories,
      defaultCategoryColour: design.defaultCategoryColour ?? base.defaultCategoryColour,
    };
    const chosenLogo = design.logo === undefined ? logo : design.logo;
    if (chosenLogo) definition.logo = chosenLogo;
    return parseTemplate(definition, design.name);
  }

  /** Creates or replaces an organiser's template. */
  save(design: TemplateDesign): BadgeTemplateInfo {
    const template = this.resolve(design);
    const base = builtInTemplateNames.includes(design.base) ? design.base : (this.baseOf(design.base) ?? design.base);
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO badge_templates (name, base, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET base = excluded.base, definition = excluded.definition, updated_at = excluded.updated_at`,
      )
      .run(template.name, base, JSON.stringify(template), at, at);
    return info(template, false, base);
  }

  delete(name: string): void {
    if (builtInTemplateNames.includes(name)) {
      throw new DomainError('badge.builtin_template', `"${name}" is a built-in template and cannot be deleted.`, { template: name });
    }
    const { changes } = this.db.prepare('DELETE FROM badge_templates WHERE name = ?').run(name);
    if (changes === 0) {
      throw new DomainError('badge.unknown_template', `No badge template named "${name}".`, { template: name, known: this.list().map((t) => t.name).join(', ') });
    }
  }

  private baseOf(name: string): string | undefined {
    return (this.db.prepare('SELECT base FROM badge_templates WHERE name = ?').get(name) as { base: string } | undefined)?.base;
  }
}

function info(template: BadgeTemplate, builtIn: boolean, base: string): BadgeTemplateInfo {
  return {
    name: template.name,
    label: template.label,
    builtIn,
    base,
    page: template.page,
    perPage: badgesPerPage(template),
    definition: template as unknown as Record<string, unknown>,
  };
}
