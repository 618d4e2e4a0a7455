import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDataFolder } from '../../main/core/db/open';
import { createServices } from '../../main/core/services';
import { dispatch } from '../../main/core/dispatch';
import { generateRegistrationCsv } from '../fixtures/import/generate';
import { report, type Figure } from './stats';

async function importOnce(rows: number, data: Uint8Array): Promise<{ ms: number; imported: number; reimportMs: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-'));
  try {
    const db = openDataFolder(dir);
    const { handlers } = createServices({ db });
    const start = process.hrtime.bigint();
    const result = await dispatch(handlers, 'import:run', { fileName: `inscriptions-${rows}.csv`, data });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (!result.ok) throw new Error(result.message);
    const again = process.hrtime.bigint();
    await dispatch(handlers, 'import:run', { fileName: `inscriptions-${rows}.csv`, data });
    const reimportMs = Number(process.hrtime.bigint() - again) / 1e6;
    db.close();
    return { ms, imported: result.value.imported, reimportMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Import of a generated registration export (CSV, `;`, UTF-8 BOM), through the same operation the Import screen calls. */
export async function benchImport(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [rows, target] of [[500, '< 300 ms'], [100_000, '< 5,000 ms']] as const) {
    const data = generateRegistrationCsv(rows);
    const runs = rows < 1000 ? 5 : 3;
    const times: number[] = [];
    let reimport = 0;
    for (let i = 0; i < runs; i++) {
      const run = await importOnce(rows, data);
      if (run.imported !== rows) throw new Error(`imported ${run.imported} of ${rows}`);
      times.push(run.ms);
      reimport = run.reimportMs;
    }
    times.sort((a, b) => a - b);
    figures.push({ name: `import ${rows.toLocaleString('en')} rows (${(data.byteLength / 2 ** 20).toFixed(1)} MB), median of ${runs}`, value: times[Math.floor(runs / 2)]!, unit: 'ms', target });
    figures.push({ name: `re-import of the same ${rows.toLocaleString('en')} rows (all unchanged)`, value: reimport, unit: 'ms' });
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) report('Import (CSV)', await benchImport());
