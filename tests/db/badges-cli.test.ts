import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../main/core/badges/chromium';
import { PT_PER_MM } from '../../main/core/badges/fit';
import { renderBadgesPdf } from '../../main/core/badges/pdf';
import { loadTemplate } from '../../main/core/badges/templates';
import { openDataFolder } from '../../main/core/db/open';
import { demoAttendeeId, demoFixtures } from '../../main/core/demo/demo';
import { cli } from '../helpers/cli';

/**
 * `accueil badge` with real Chromium and the demo database: one PDF, one page per badge at the
 * template's exact size (pdfinfo, within 1 pt), 8 per A4 sheet for a4-8up; failures leave no file.
 */

function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)![1]), width: Number(size[1]), height: Number(size[2]) };
}

function expectSize(file: string, template: string, pages: number): void {
  const info = pdfInfo(file);
  const { width, height } = loadTemplate(template).page;
  expect(info.pages).toBe(pages);
  expect(Math.abs(info.width - width * PT_PER_MM)).toBeLessThanOrEqual(1);
  expect(Math.abs(info.height - height * PT_PER_MM)).toBeLessThanOrEqual(1);
}

describe('accueil badge', () => {
  let root: string;
  let data: string;
  let ids: string[];
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-badge-'));
    data = path.join(root, 'data');
    expect((await cli('--data', data, 'demo')).code).toBe(0);
    const db = openDataFolder(data);
    try {
      ids = (db.prepare('SELECT id FROM attendees ORDER BY seq LIMIT 3').all() as { id: string }[]).map((r) => r.id);
    } finally {
      db.close();
    }
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('one attendee → one A6 page (297.64 × 419.53 pt), JSON summary', async () => {
    const out = path.join(root, 'one.pdf');
    const id = demoAttendeeId(demoFixtures.rebsamen);
    const run = await cli('--data', data, 'badge', id, '--out', out, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({ out, pages: 1, badges: 1, template: 'a6' });
    const info = pdfInfo(out);
    expect(Math.abs(info.width - 297.64)).toBeLessThanOrEqual(1);
    expect(Math.abs(info.height - 419.53)).toBeLessThanOrEqual(1);
    expect(info.pages).toBe(1);
  });

  it('two attendees → two pages (cr80); ql-62x100 at its size; human line in French', async () => {
    const cr80 = path.join(root, 'cr80.pdf');
    const run = await cli('--data', data, 'badge', ids[0]!, ids[1]!, '--template', 'cr80', '--out', cr80);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 badges enregistrés');
    expectSize(cr80, 'cr80', 2);
    const ql = path.join(root, 'ql.pdf');
    expect((await cli('--data', data, 'badge', ids[2]!, '--template', 'ql-62x100', '--out', ql)).code).toBe(0);
    expectSize(ql, 'ql-62x100', 1);
  });

  it('--all --template a4-8up → ceil(n/8) A4 pages', { timeout: 300_000 }, async () => {
    const db = openDataFolder(data);
    const n = (db.prepare("SELECT count(*) AS n FROM attendees WHERE status = 'valid'").get() as { n: number }).n;
    db.close();
    const out = path.join(root, 'all.pdf');
    const run = await cli('--data', data, 'badge', '--all', '--template', 'a4-8up', '--sort', 'country', '--out', out, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ badges: n, pages: Math.ceil(n / 8), template: 'a4-8up' });
    expectSize(out, 'a4-8up', Math.ceil(n / 8));
  });

  it('refusals: unknown id, unknown template, unwritable --out, missing Chromium → exit 1 and no file', async () => {
    const dir = path.join(root, 'refused');
    fs.mkdirSync(dir);
    const out = path.join(dir, 'x.pdf');
    const unknown = await cli('--data', data, 'badge', ids[0]!, 'no-such-id', '--out', out);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no-such-id');
    const template = await cli('--data', data, '--lang', 'en', 'badge', ids[0]!, '--template', 'a5', '--out', out);
    expect(template.code).toBe(1);
    expect(template.stderr).toContain('a5');
    const unwritable = await cli('--data', data, 'badge', ids[0]!, '--out', path.join(dir, 'missing', 'x.pdf'), '--json');
    expect(unwritable.code).toBe(1);
    expect(JSON.parse(unwritable.stderr)).toMatchObject({ code: 'badge.write_failed' });
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = path.join(dir, 'no-chromium');
    try {
      const missing = await cli('--data', data, 'badge', ids[0]!, '--out', out);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('CHROMIUM_PATH');
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
    expect(fs.readdirSync(dir)).toEqual([]);
    expect((await cli('--data', data, 'badge', '--out', out)).code).toBe(2);
  });

  it('a reused browser keeps one warm page: concurrent renders queue, each PDF whole', async () => {
    const browser = await launchChromium();
    const db = openDataFolder(data);
    try {
      const files = ids.map((_, i) => path.join(root, `warm-${i}.pdf`));
      const results = await Promise.all(files.map((out, i) => renderBadgesPdf({ db, attendeeIds: ids.slice(0, i + 1), out, browser })));
      expect(results.map((r) => r.pages)).toEqual([1, 2, 3]);
      files.forEach((file, i) => expectSize(file, 'a6', i + 1));
      expect(browser.contexts().flatMap((c) => c.pages())).toHaveLength(1);
    } finally {
      db.close();
      await browser.close();
    }
  });
});
