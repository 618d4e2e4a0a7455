import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePath } from '../../main/electron/downloads';
import { tempDir } from '../helpers/temp';

describe('a download saved without a dialog', () => {
  it('keeps its name, or takes "name (2).ext" and on when the file exists, never overwriting one', () => {
    const folder = path.join(tempDir('accueil-downloads-'), 'Téléchargements');
    const first = freePath(folder, 'présence.xlsx');
    expect(first).toBe(path.join(folder, 'présence.xlsx'));
    fs.writeFileSync(first, 'older');
    const second = freePath(folder, 'présence.xlsx');
    expect(second).toBe(path.join(folder, 'présence (2).xlsx'));
    fs.writeFileSync(second, 'old');
    expect(freePath(folder, 'présence.xlsx')).toBe(path.join(folder, 'présence (3).xlsx'));
    expect(fs.readFileSync(first, 'utf8')).toBe('older');
  });

  it('stays in the folder whatever the page names the file', () => {
    const folder = tempDir('accueil-downloads-');
    for (const name of ['../../etc/passwd', '..\\..\\Windows\\evil.bat', '/tmp/x.pdf']) {
      expect(path.dirname(freePath(folder, name))).toBe(folder);
    }
    expect(path.basename(freePath(folder, ''))).toBe('accueil');
  });
});
