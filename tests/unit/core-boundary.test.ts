import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

const importOf = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(importOf)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe('the domain runs without Electron', () => {
  const coreFiles = sourceFiles(path.join(root, 'main/core'));

  it('finds the core sources', () => {
    expect(coreFiles.length).toBeGreaterThan(5);
  });

  it.each(coreFiles.map((f) => [path.relative(root, f)]))('%s imports neither electron nor the glue', (rel) => {
    const bad = imports(path.join(root, rel)).filter(
      (spec) => spec === 'electron' || spec.startsWith('electron/') || spec.includes('/electron/') || spec.startsWith('@electron/'),
    );
    expect(bad).toEqual([]);
  });

  it('detects an electron import when one is there', () => {
    const probe = path.join(root, 'tests/fixtures/boundary-probe.txt');
    expect(imports(probe)).toContain('electron');
  });
});
