import { describe, expect, it } from 'vitest';
import { DomainError } from '../../main/core/errors';
import { badgesPerPage, builtInTemplateNames, loadTemplate, parseTemplate } from '../../main/core/badges/templates';
import a6 from '../../resources/badges/a6.json' with { type: 'json' };
import en from '../../resources/locales/en/errors.json' with { type: 'json' };
import fr from '../../resources/locales/fr/errors.json' with { type: 'json' };

function codeOf(fn: () => unknown): { code: string; message: string; params: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    return { code: e.code, message: e.message, params: e.params };
  }
  throw new Error('expected a DomainError');
}

const copy = () => JSON.parse(JSON.stringify(a6)) as Record<string, any>;

describe('badge templates', () => {
  it('ships a6 (default), cr80, ql-62x100 and a4-8up with their exact sizes', () => {
    expect(builtInTemplateNames.sort()).toEqual(['a4-8up', 'a6', 'cr80', 'ql-62x100']);
    expect(loadTemplate().name).toBe('a6');
    expect(loadTemplate('a6').page).toEqual({ width: 105, height: 148 });
    expect(loadTemplate('cr80').page).toEqual({ width: 85.6, height: 54 });
    expect(loadTemplate('ql-62x100').page).toEqual({ width: 62, height: 100 });
    const sheet = loadTemplate('a4-8up');
    expect(sheet.page).toEqual({ width: 210, height: 297 });
    expect(sheet.sheet).toMatchObject({ badgeWidth: 90, badgeHeight: 54, columns: 2, rows: 4 });
    expect(badgesPerPage(sheet)).toBe(8);
    expect(badgesPerPage(loadTemplate('a6'))).toBe(1);
  });

  it('every template shows every field, the first name in the largest type', () => {
    for (const name of builtInTemplateNames) {
      const t = loadTemplate(name);
      expect(t.version).toBe(1);
      for (const field of ['event', 'firstName', 'lastName', 'function', 'organisation', 'country', 'category', 'qr', 'workshop']) {
        expect(t.fields).toContain(field);
      }
      const sizes = Object.entries(t.areas).filter(([k]) => k !== 'firstName').map(([, a]) => a.fontSize ?? 0);
      expect(t.areas.firstName!.fontSize).toBeGreaterThan(Math.max(...sizes));
    }
  });

  it('a template naming a field that does not exist is refused with badge.unknown_field', () => {
    const t = copy();
    t.fields.push('nickname');
    const e = codeOf(() => parseTemplate(t, 'mine'));
    expect(e.code).toBe('badge.unknown_field');
    expect(e.params).toMatchObject({ template: 'mine', field: 'nickname' });
    expect(e.message).toContain('nickname');
  });

  it('an area for an unknown field is refused too', () => {
    const t = copy();
    t.areas.nickname = { x: 0, y: 0, width: 10, height: 10 };
    expect(codeOf(() => parseTemplate(t, 'mine')).code).toBe('badge.unknown_field');
  });

  it('a shown field without an area is refused with badge.missing_area', () => {
    const t = copy();
    delete t.areas.organisation;
    const e = codeOf(() => parseTemplate(t, 'mine'));
    expect(e.code).toBe('badge.missing_area');
    expect(e.params).toMatchObject({ field: 'organisation' });
  });

  it('a hidden field needs no area', () => {
    const t = copy();
    t.fields = t.fields.filter((f: string) => f !== 'workshop');
    delete t.areas.workshop;
    expect(parseTemplate(t).fields).not.toContain('workshop');
  });

  it('an area beyond the badge, a bad shape or an unknown template name are refused with clear codes', () => {
    const outside = copy();
    outside.areas.qr.x = 100;
    expect(codeOf(() => parseTemplate(outside)).code).toBe('badge.area_outside');
    const bad = copy();
    bad.page.width = 'wide';
    const e = codeOf(() => parseTemplate(bad, 'mine'));
    expect(e.code).toBe('badge.invalid_template');
    expect(e.params).toMatchObject({ path: 'page.width' });
    expect(codeOf(() => loadTemplate('a5')).code).toBe('badge.unknown_template');
  });

  it('an organiser template is loaded by name', () => {
    const t = copy();
    t.name = 'maison';
    expect(loadTemplate('maison', { maison: t }).name).toBe('maison');
  });

  it('every badge.* error code has French and English text', () => {
    for (const key of ['invalid_template', 'unknown_template', 'unknown_field', 'missing_area', 'area_outside', 'fonts_missing']) {
      expect((fr as any).badge[key]).toBeTruthy();
      expect((en as any).badge[key]).toBeTruthy();
    }
  });
});
