import { z } from 'zod';
import { DomainError } from '../errors';
import a4Json from '../../../resources/badges/a4-8up.json' with { type: 'json' };
import a6Json from '../../../resources/badges/a6.json' with { type: 'json' };
import cr80Json from '../../../resources/badges/cr80.json' with { type: 'json' };
import qlJson from '../../../resources/badges/ql-62x100.json' with { type: 'json' };

import { badgeFields, type BadgeField } from '../types';

export { badgeFields, type BadgeField };

const mm = z.number().min(0).max(1000);
const colour = z.string().regex(/^#[0-9a-fA-F]{3,8}$/);

const areaSchema = z
  .object({
    x: mm,
    y: mm,
    width: mm.positive(),
    height: mm.positive(),
    /** Largest and smallest font sizes in points; text shrinks between them, then wraps. */
    fontSize: z.number().min(4).max(200).optional(),
    minFontSize: z.number().min(4).max(200).optional(),
    maxLines: z.number().int().min(1).max(2).optional(),
    weight: z.union([z.literal(400), z.literal(700)]).optional(),
    align: z.enum(['start', 'center', 'end']).optional(),
    colour: colour.optional(),
    uppercase: z.boolean().optional(),
  })
  .strict();
export type BadgeArea = z.infer<typeof areaSchema>;

const templateSchema = z
  .object({
    version: z.literal(1),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    label: z.object({ fr: z.string(), en: z.string() }).strict(),
    page: z.object({ width: mm.positive(), height: mm.positive() }).strict(),
    /** Sheet templates place several badges on one page; without it the badge is the page. */
    sheet: z
      .object({
        badgeWidth: mm.positive(),
        badgeHeight: mm.positive(),
        columns: z.number().int().min(1).max(10),
        rows: z.number().int().min(1).max(20),
        marginX: mm,
        marginY: mm,
        gapX: mm,
        gapY: mm,
        cropMarks: z.boolean().optional(),
      })
      .strict()
      .optional(),
    fields: z.array(z.string()).min(1),
    areas: z.record(z.string(), areaSchema),
    colours: z.object({ text: colour, background: colour, accent: colour }).strict(),
    /** Category → band colour and the legend printed in the band (the category itself when absent). */
    categories: z.record(z.string(), z.object({ colour, legend: z.string().optional() }).strict()),
    defaultCategoryColour: colour,
    logo: z.string().max(2_000_000).optional(),
  })
  .strict();
export type BadgeTemplate = Omit<z.infer<typeof templateSchema>, 'fields'> & { fields: BadgeField[] };

/** Parses and checks a template: the shape, field names that exist, an area for every shown field inside the badge. */
export function parseTemplate(data: unknown, source = 'template'): BadgeTemplate {
  const parsed = templateSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    throw new DomainError('badge.invalid_template', `${source}: ${where}: ${issue?.message ?? 'invalid'}.`, { template: source, path: where });
  }
  const t = parsed.data;
  for (const field of t.fields) {
    if (!(badgeFields as readonly string[]).includes(field)) {
      throw new DomainError('badge.unknown_field', `${source}: the field "${field}" does not exist (known: ${badgeFields.join(', ')}).`, {
        template: source,
        field,
        known: badgeFields.join(', '),
      });
    }
  }
  for (const name of Object.keys(t.areas)) {
    if (!(badgeFields as readonly string[]).includes(name)) {
      throw new DomainError('badge.unknown_field', `${source}: the area "${name}" names no field (known: ${badgeFields.join(', ')}).`, {
        template: source,
        field: name,
        known: badgeFields.join(', '),
      });
    }
  }
  const width = t.sheet ? t.sheet.badgeWidth : t.page.width;
  const height = t.sheet ? t.sheet.badgeHeight : t.page.height;
  for (const field of t.fields) {
    const area = t.areas[field];
    if (!area) throw new DomainError('badge.missing_area', `${source}: the field "${field}" is shown but has no area.`, { template: source, field });
    if (area.x + area.width > width + 0.01 || area.y + area.height > height + 0.01) {
      throw new DomainError('badge.area_outside', `${source}: the area "${field}" goes beyond the badge (${width}×${height} mm).`, { template: source, field });
    }
  }
  if (t.sheet) {
    const s = t.sheet;
    const usedW = 2 * s.marginX + s.columns * s.badgeWidth + (s.columns - 1) * s.gapX;
    const usedH = 2 * s.marginY + s.rows * s.badgeHeight + (s.rows - 1) * s.gapY;
    if (usedW > t.page.width + 0.01 || usedH > t.page.height + 0.01) {
      throw new DomainError('badge.area_outside', `${source}: ${s.columns}×${s.rows} badges do not fit on the page.`, { template: source, field: 'sheet' });
    }
  }
  return t as BadgeTemplate;
}

const builtIn: Record<string, unknown> = { a6: a6Json, cr80: cr80Json, 'ql-62x100': qlJson, 'a4-8up': a4Json };
export const defaultTemplateName = 'a6';
export const builtInTemplateNames = Object.keys(builtIn);

/** A built-in template by name, or one given as data (an organiser's own). */
export function loadTemplate(name: string = defaultTemplateName, custom: Record<string, unknown> = {}): BadgeTemplate {
  const data = custom[name] ?? builtIn[name];
  if (data === undefined) {
    const known = [...builtInTemplateNames, ...Object.keys(custom)].join(', ');
    throw new DomainError('badge.unknown_template', `No badge template named "${name}" (known: ${known}).`, { template: name, known });
  }
  return parseTemplate(data, name);
}

/** Badges per page: 1, or columns × rows for a sheet. */
export function badgesPerPage(template: BadgeTemplate): number {
  return template.sheet ? template.sheet.columns * template.sheet.rows : 1;
}
