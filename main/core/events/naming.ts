import path from 'node:path';

/** "inscriptions_rencontres-2024.csv" → "inscriptions rencontres 2024": a readable default event name. */
export function eventNameFromFile(fileName: string): string {
  const base = path.basename(fileName, path.extname(fileName));
  const name = base.replace(/[_\-.]+/g, ' ').replace(/\s+/g, ' ').trim();
  return name || 'Événement';
}
