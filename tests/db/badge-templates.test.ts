import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Attendees } from '../../main/core/attendees/attendees';
import type { Input } from '../../main/core/contract';
import { openCore, type Core } from '../helpers/services';
import { tempDir } from '../helpers/temp';

// A 1×1 red PNG.
const pngLogo =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

const cores: Core[] = [];
afterAll(async () => {
  // The CUPS driver keeps a warm Chromium for badges:pdf.
  for (const core of cores) await core.services.driver.close?.();
});

/** An event in Paris on 18–19 September 2023 with three attendees, one with an emoji in her name. */
async function desk() {
  const core = openCore(() => new Date('2023-09-18T07:12:00Z'));
  cores.push(core);
  const event = await core.call('events:create', {
    name: 'Rencontres AICT',
    timezone: 'Europe/Paris',
    days: [{ date: '2023-09-18' }, { date: '2023-09-19' }],
    checkpoints: [{ id: 'entree', kind: 'entrance', name: 'Entrée principale' }],
    select: true,
  });
  const attendees = new Attendees(core.db);
  const people = {
    rebsamen: attendees.insert({ eventId: event.id, honorific: 'M.', firstName: 'François', lastName: 'Rebsamen', organisation: 'Dijon Métropole' }),
    emoji: attendees.insert({ eventId: event.id, firstName: 'Zoé 🎉', lastName: 'Martin 🇫🇷', category: 'Élu·e' }),
    long: attendees.insert({
      eventId: event.id,
      firstName: 'Jean',
      // 120 characters, no space for the last 40: it must still fit, wrapped, whole.
      lastName: `${'de La Tour d’Auvergne-Montmorency '.repeat(2)}Saint-Exupéry-${'x'.repeat(120 - 68 - 14)}`.slice(0, 120),
    }),
  };
  return { ...core, eventId: event.id, people };
}

const design = (patch: Partial<Input<'badges:saveTemplate'>> = {}): Input<'badges:saveTemplate'> => ({
  name: 'congres-2024',
  label: { fr: 'Congrès 2024', en: 'Congress 2024' },
  base: 'a6',
  fields: ['event', 'firstName', 'lastName', 'organisation', 'qr', 'logo'],
  colours: { accent: '#c0392b' },
  ...patch,
});

/** The text of one field of a rendered badge, lines joined. */
function fieldText(html: string, field: string): string {
  const match = new RegExp(`data-field="${field}"[^>]*>(.*?)</div>`, 's').exec(html);
  if (!match) throw new Error(`no ${field} in the badge`);
  return [...match[1]!.matchAll(/<span class="l"[^>]*>(.*?)<\/span>/gs)].map((m) => m[1]!.replace(/&#39;/g, "'")).join('');
}

describe('badge templates', () => {
  it('lists the four built-in templates, labelled in both languages', async () => {
    const { call } = await desk();
    const list = await call('badges:templates', {});
    expect(list.map((t) => t.name)).toEqual(['a6', 'cr80', 'ql-62x100', 'a4-8up']);
    expect(list.every((t) => t.builtIn && t.base === t.name)).toBe(true);
    expect(list.find((t) => t.name === 'a4-8up')).toMatchObject({ perPage: 8, page: { width: 210, height: 297 } });
    expect(list.find((t) => t.name === 'cr80')!.label).toEqual({ fr: 'Carte CR80 (85,6 × 54 mm)', en: 'CR80 card (85.6 × 54 mm)' });
  });

  it("saves an organiser's template, lists it, renders it by name, updates it and records who did it", async () => {
    const { call, db } = await desk();
    const saved = await call('badges:saveTemplate', design());
    expect(saved).toMatchObject({ name: 'congres-2024', builtIn: false, base: 'a6', page: { width: 105, height: 148 }, perPage: 1 });
    expect((await call('badges:templates', {})).map((t) => t.name)).toContain('congres-2024');

    const preview = await call('badges:preview', { template: 'congres-2024' });
    expect(preview.template).toBe('congres-2024');
    expect(preview.html).toContain('data-field="organisation"');
    expect(preview.html).not.toContain('data-field="function"'); // not among the chosen fields
    expect(preview.html).toContain('#c0392b');

    // Saving again under the same name replaces it: still one.
    await call('badges:saveTemplate', design({ fields: ['firstName', 'lastName', 'qr'] }));
    const list = await call('badges:templates', {});
    expect(list.filter((t) => t.name === 'congres-2024')).toHaveLength(1);
    expect(list.find((t) => t.name === 'congres-2024')!.definition.fields).toEqual(['firstName', 'lastName', 'qr']);

    const audit = db.prepare("SELECT role, target FROM audit_log WHERE action = 'badge.template.save'").all();
    expect(audit).toEqual([
      { role: 'organiser', target: 'congres-2024' },
      { role: 'organiser', target: 'congres-2024' },
    ]);
  });

  it('an organiser template can start from another organiser template (its built-in base is kept)', async () => {
    const { call } = await desk();
    await call('badges:saveTemplate', design());
    const child = await call('badges:saveTemplate', design({ name: 'congres-vip', base: 'congres-2024', colours: { background: '#fffbe6' } }));
    expect(child.base).toBe('a6');
    expect(child.definition.colours).toMatchObject({ accent: '#c0392b', background: '#fffbe6' });
  });

  it('refuses a field that does not exist at the contract, naming it', async () => {
    const { fail } = await desk();
    const error = await fail('badges:saveTemplate', { ...design(), fields: ['firstName', 'favouriteColour'] } as unknown as Input<'badges:saveTemplate'>);
    expect(error).toMatchObject({ code: 'invalid_input', params: { field: 'fields.1' } });
    const preview = await fail('badges:preview', { design: { ...design(), fields: ['shoeSize'] } } as unknown as Input<'badges:preview'>);
    expect(preview).toMatchObject({ code: 'invalid_input', params: { field: 'design.fields.0' } });
  });

  it('refuses a name, a colour or a logo that is not what it should be', async () => {
    const { fail } = await desk();
    expect(await fail('badges:saveTemplate', design({ name: 'Mon Modèle' }))).toMatchObject({ code: 'invalid_input', params: { field: 'name' } });
    expect(await fail('badges:saveTemplate', design({ colours: { accent: 'red' } }))).toMatchObject({ code: 'invalid_input', params: { field: 'colours.accent' } });
    expect(await fail('badges:saveTemplate', design({ logo: 'https://example.org/logo.png' }))).toMatchObject({ code: 'invalid_input', params: { field: 'logo' } });
    expect(await fail('badges:saveTemplate', design({ base: 'a5' }))).toMatchObject({ code: 'badge.unknown_template', params: { template: 'a5' } });
  });

  it('refuses to overwrite or delete a built-in template', async () => {
    const { call, fail } = await desk();
    expect(await fail('badges:saveTemplate', design({ name: 'a6' }))).toMatchObject({ code: 'badge.builtin_template', params: { template: 'a6' } });
    expect(await fail('badges:deleteTemplate', { name: 'cr80' })).toMatchObject({ code: 'badge.builtin_template', params: { template: 'cr80' } });
    expect(await fail('badges:deleteTemplate', { name: 'nowhere' })).toMatchObject({ code: 'badge.unknown_template', params: { template: 'nowhere' } });
    expect((await call('badges:templates', {})).map((t) => t.name)).toEqual(['a6', 'cr80', 'ql-62x100', 'a4-8up']);
  });

  it('deletes a template; a kiosk printing with it falls back to a6', async () => {
    const { call, db } = await desk();
    await call('badges:saveTemplate', design());
    await call('kiosk:configure', { template: 'congres-2024' });
    expect((await call('kiosk:get', {})).template).toBe('congres-2024');
    expect(await call('badges:deleteTemplate', { name: 'congres-2024' })).toEqual({ name: 'congres-2024' });
    expect((await call('badges:templates', {})).map((t) => t.name)).not.toContain('congres-2024');
    expect((await call('kiosk:get', {})).template).toBe('a6');
    expect((await call('badges:preview', {})).template).toBe('a6');
    expect(db.prepare("SELECT role, target FROM audit_log WHERE action = 'badge.template.delete'").all()).toEqual([{ role: 'organiser', target: 'congres-2024' }]);
  });

  it('deleting another template leaves the kiosk on its own', async () => {
    const { call } = await desk();
    await call('badges:saveTemplate', design());
    await call('badges:saveTemplate', design({ name: 'autre' }));
    await call('kiosk:configure', { template: 'autre' });
    await call('badges:deleteTemplate', { name: 'congres-2024' });
    expect((await call('kiosk:get', {})).template).toBe('autre');
  });

  it('shows the logo a template carries as a data URL, and removes it with null', async () => {
    const { call } = await desk();
    await call('badges:saveTemplate', design({ logo: pngLogo }));
    const withLogo = await call('badges:preview', { template: 'congres-2024' });
    expect(withLogo.html).toContain(`<img class="logo" data-field="logo" alt="" src="${pngLogo}"`);
    await call('badges:saveTemplate', design({ logo: null }));
    expect((await call('badges:preview', { template: 'congres-2024' })).html).not.toContain('class="logo"');
  });
});

describe('badge preview (no printer, no Chromium)', () => {
  it('shows a sample attendee with a long French name when no attendee is given, with the kiosk template', async () => {
    const { call } = await desk();
    const preview = await call('badges:preview', {});
    expect(preview).toMatchObject({ template: 'a6', page: { width: 105, height: 148 }, uncovered: [] });
    expect(fieldText(preview.html, 'firstName')).toBe('Mme Marie-Françoise');
    expect(fieldText(preview.html, 'lastName').replace(/\s/g, '')).toBe("DELATOURD'AUVERGNE"); // the template prints it in capitals
    expect(preview.html).toContain('Élu·e');
    expect(preview.html).toContain('Rencontres AICT');
    expect(preview.html).toContain('<svg'); // the QR
    await call('kiosk:configure', { template: 'cr80' });
    expect(await call('badges:preview', {})).toMatchObject({ template: 'cr80', page: { width: 85.6, height: 54 } });
  });

  it('works before any event exists', async () => {
    const core = openCore();
    cores.push(core);
    const preview = await core.call('badges:preview', { template: 'ql-62x100' });
    expect(preview).toMatchObject({ template: 'ql-62x100', page: { width: 62, height: 100 } });
    expect(preview.html).toContain('Marie-Françoise');
  });

  it('previews an unsaved design live, refusing a built-in name', async () => {
    const { call, fail } = await desk();
    const preview = await call('badges:preview', { design: design({ colours: { accent: '#123456' } }) });
    expect(preview.template).toBe('congres-2024');
    expect(preview.html).toContain('#123456');
    expect((await call('badges:templates', {})).map((t) => t.name)).not.toContain('congres-2024'); // not saved
    expect(await fail('badges:preview', { design: design({ name: 'a4-8up' }) })).toMatchObject({ code: 'badge.builtin_template' });
  });

  it("previews an attendee's badge with their signed QR, the same as the printed one", async () => {
    const { call, people } = await desk();
    const preview = await call('badges:preview', { attendeeId: people.rebsamen, template: 'a6' });
    expect(fieldText(preview.html, 'firstName')).toBe('M. François');
    // The QR drawn is the one `qr:attendee` gives: the same signed token.
    const qr = await call('qr:attendee', { id: people.rebsamen });
    const path = /<path[^>]*d="([^"]+)"/.exec(qr.svg)![1]!;
    expect(preview.html).toContain(path);
  });

  it('lists the characters of an emoji name that no font draws', async () => {
    const { call, people } = await desk();
    const preview = await call('badges:preview', { attendeeId: people.emoji });
    expect(preview.uncovered).toContain('🎉');
    expect(preview.uncovered).not.toContain('Z');
  });

  it('fits a 120-character name whole, on at most two lines', async () => {
    const { call, people, db } = await desk();
    const { last_name: name } = db.prepare('SELECT last_name FROM attendees WHERE id = ?').get(people.long) as { last_name: string };
    expect(name).toHaveLength(120);
    for (const template of ['a6', 'cr80', 'ql-62x100', 'a4-8up']) {
      const preview = await call('badges:preview', { attendeeId: people.long, template });
      expect(preview.uncovered).toEqual([]);
      const lines = Number(/data-field="lastName"[^>]*data-lines="(\d)"/.exec(preview.html)![1]);
      expect(lines).toBeLessThanOrEqual(2);
      // Nothing cut: every character is there (line breaks only replace spaces).
      expect(fieldText(preview.html, 'lastName').replace(/\s/g, '')).toBe(name.toLocaleUpperCase('fr').replace(/\s/g, ''));
    }
  });

  it('refuses an unknown attendee or template', async () => {
    const { fail } = await desk();
    expect(await fail('badges:preview', { attendeeId: 'nobody' })).toMatchObject({ code: 'attendee.not_found' });
    expect(await fail('badges:preview', { template: 'a5' })).toMatchObject({ code: 'badge.unknown_template' });
  });
});

describe('badges:pdf (real Chromium through the CUPS driver)', () => {
  const pdfinfo = (data: Uint8Array) => {
    const file = path.join(tempDir(), 'badges.pdf');
    fs.writeFileSync(file, data);
    return execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  };

  it('gives one A6 page per badge, named after the template and the local time', async () => {
    const { call, people } = await desk();
    const result = await call('badges:pdf', { attendeeIds: [people.rebsamen, people.long, people.rebsamen], template: 'a6' });
    expect(result.fileName).toBe('badges-a6-20230918-0912.pdf'); // 07:12 UTC is 09:12 in Paris
    expect(result.pages).toBe(3);
    const info = pdfinfo(result.data);
    expect(info).toMatch(/Pages:\s+3/);
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
    expect(Math.abs(Number(w) - (105 * 72) / 25.4)).toBeLessThan(1);
    expect(Math.abs(Number(h) - (148 * 72) / 25.4)).toBeLessThan(1);
  });

  it("packs 8 per A4 sheet and uses the kiosk's template (an organiser's own) by default", async () => {
    const { call, people } = await desk();
    const sheet = await call('badges:pdf', { attendeeIds: [people.rebsamen, people.long, people.rebsamen], template: 'a4-8up' });
    expect(sheet.pages).toBe(1);
    await call('badges:saveTemplate', design({ name: 'cartes', base: 'cr80' }));
    await call('kiosk:configure', { template: 'cartes' });
    const cards = await call('badges:pdf', { attendeeIds: [people.rebsamen] });
    expect(cards.fileName).toMatch(/^badges-cartes-\d{8}-\d{4}\.pdf$/);
    expect(pdfinfo(cards.data)).toMatch(/Page size:\s+242\.\d+ x 153\.\d+ pts/);
  });

  it("saves a batch's selection (filter, sort) as the batch would print it, one page per badge", async () => {
    const { call, people } = await desk();
    const elected = await call('badges:pdf', { filter: { category: 'Élu·e' }, template: 'a6' });
    expect(elected.pages).toBe(1);
    expect(pdfinfo(elected.data)).toMatch(/Pages:\s+1/);
    // A badge printed (on the shared cups-pdf queue) leaves the default "only unprinted" selection.
    await call('print:badges', { attendeeIds: [people.rebsamen], printer: 'PDF' });
    const unprinted = await call('badges:pdf', { filter: {}, template: 'a6' });
    expect(pdfinfo(unprinted.data)).toMatch(/Pages:\s+2/);
    const everyone = await call('badges:pdf', { filter: { onlyUnprinted: false }, sort: 'name', template: 'a6' });
    expect(everyone.pages).toBe(3);
    const file = path.join(tempDir(), 'everyone.pdf');
    fs.writeFileSync(file, everyone.data);
    const pages = [1, 2, 3].map((page) => execFileSync('pdftotext', ['-f', `${page}`, '-l', `${page}`, file, '-'], { encoding: 'utf8' }));
    expect(pages.join('').length, 'pdftotext found the names').toBeGreaterThan(0);
    // Sorted by last name: de La Tour…, Martin, Rebsamen (the same order as print:batch:start).
    expect(pages.map((text) => ['tour', 'martin', 'rebsamen'].findIndex((name) => text.toLowerCase().includes(name)))).toEqual([0, 1, 2]);
  });

  it('refuses a selection matching no one, and both or neither of attendeeIds and filter', async () => {
    const { fail, people } = await desk();
    expect(await fail('badges:pdf', { filter: { country: 'Atlantide' } })).toMatchObject({ code: 'badge.no_attendees' });
    expect((await fail('badges:pdf', { attendeeIds: [people.rebsamen], filter: {} })).code).toBe('invalid_input');
    expect((await fail('badges:pdf', {})).code).toBe('invalid_input');
  });

  it('refuses an unknown attendee before rendering anything', async () => {
    const { fail, people } = await desk();
    expect(await fail('badges:pdf', { attendeeIds: [people.rebsamen, 'nobody'] })).toMatchObject({ code: 'attendee.not_found', params: { id: 'nobody' } });
  });
});
