import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDataFolder } from '../../main/core/db/open';
import { Events } from '../../main/core/events/events';
import { Attendees } from '../../main/core/attendees/attendees';
import { searchAttendees } from '../../main/core/attendees/search';
import { withBulkIndexing } from '../../main/core/attendees/search-index';
import { countries, france } from '../../main/core/demo/pools';
import { percentile, report, time, type Figure } from './stats';

/** Deterministic PRNG (mulberry32): the same list on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const native = (name: string) => name.split('|')[0]!;

/**
 * A large event drawn from the demo's name pools: French elected officials and staff from
 * hundreds of authorities, delegations from 40 countries with names in their own scripts.
 * Half of the people are French, as at the Rencontres.
 */
function* people(count: number) {
  const next = random(100_000);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  for (let i = 0; i < count; i++) {
    if (next() < 0.5) {
      const authority = pick(france.authorities);
      yield { firstName: pick(next() < 0.5 ? france.female : france.male), lastName: pick(france.family), organisation: authority.name, country: 'France' };
    } else {
      const pool = pick(countries);
      const organisation = native(pick([...pool.organisations, pool.embassy]));
      yield { firstName: native(pick(next() < 0.5 ? pool.female : pool.male)), lastName: native(pick(pool.family)), organisation, country: pool.country };
    }
  }
}

const queries = ['francois', 'dijon', 'nguyen', 'diallo dak', 'marie lef', 'ambassade mali', 'jean-p', 'senegal', 'region occ', 'hel', 'oumar sow', 'krakow', 'metropole lyon', 'wang', '王'];

/** Search p95 over what staff type, letter by letter, on 100,000 attendees. */
export function benchSearch(count = 100_000): Figure[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-'));
  try {
    const db = openDataFolder(dir);
    const event = new Events(db).create({ name: 'Bench' });
    const attendees = new Attendees(db);
    const fill = time(() =>
      db.transaction(() => withBulkIndexing(db, () => {
        let i = 0;
        for (const person of people(count)) {
          attendees.insert({ eventId: event.id, ...person, email: `person${i}@example.org`, ticketCodes: [String(3_600_000_000_000 + i)] });
          i++;
        }
      }))(),
    );
    const samples: number[] = [];
    const slowest = new Map<string, number>();
    for (let round = 0; round < 20; round++) {
      for (const query of queries) {
        // What search-as-you-type sends: every prefix of the query (a single Latin letter
        // returns at once: see longEnough in search.ts).
        for (let end = 1; end <= [...query].length; end++) {
          const typed = [...query].slice(0, end).join('');
          const { ms } = time(() => searchAttendees(db, event.id, typed, 50));
          samples.push(ms);
          slowest.set(typed, Math.max(ms, slowest.get(typed) ?? 0));
        }
      }
    }
    db.close();
    const worst = [...slowest].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`slowest keystrokes: ${worst.map(([typed, ms]) => `"${typed}" ${ms.toFixed(1)} ms`).join(', ')}`);
    return [
      { name: `insert ${count} attendees (one transaction)`, value: fill.ms, unit: 'ms' },
      { name: `search p50 (${samples.length} keystrokes)`, value: percentile(samples, 50), unit: 'ms' },
      { name: 'search p95', value: percentile(samples, 95), unit: 'ms', target: '< 10 ms' },
      { name: 'search p99', value: percentile(samples, 99), unit: 'ms' },
      { name: 'search max', value: Math.max(...samples), unit: 'ms' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) report('Search at 100,000 attendees', benchSearch());
