import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDataFolder } from '../../main/core/db/open';
import { Events } from '../../main/core/events/events';
import { Attendees } from '../../main/core/attendees/attendees';
import { searchAttendees } from '../../main/core/attendees/search';
import { withBulkIndexing } from '../../main/core/attendees/search-index';
import { percentile, report, time, type Figure } from './stats';

const firstNames = ['François', 'Marie', 'Thị Lan', 'Mohamed', 'Zoë', 'Aminata', 'Jean-Pierre', 'Olena', 'Wei', 'Ana', 'Kofi', 'Ngozi', 'Léa', 'Giorgos', 'Małgorzata', 'Hélène', 'Oumar', 'Sofía', 'Yuki', 'Rania'];
const lastNames = ['Rebsamen', 'Nguyễn', 'Diallo', 'Traoré', 'Martin', 'Kowalczyk', 'Benali', 'Dubois', 'Ivanenko', 'Papadopoulos', 'García', 'Mensah', 'Haddad', 'Tanaka', 'Leroy', 'Moreau', 'Okafor', 'Sow', 'Fontaine', 'Petit'];
const organisations = ['Dijon Métropole', 'Ville de Lyon', 'Région Occitanie', 'Département de la Gironde', 'Mairie de Dakar', 'Ủy ban Hà Nội', 'Ambassade du Mali', 'AFD', 'Ville de Kraków', 'Commune de Ouagadougou'];
const countries = ['France', 'Sénégal', 'Viêt Nam', 'Maroc', 'Pologne', 'Mali', 'Burkina Faso', 'Liban', 'Ukraine', 'Grèce'];
const queries = ['francois', 'dijon', 'nguyen', 'fr', 'mar', 'diallo dak', 'zoe', 'jean-p', 'senegal', 'leroy lyon', 'ivan', 'hel', 'oumar sow', 'kra', 'ambassade mali', 'x'];

/** Search p95 over what staff type, letter by letter, on 100,000 attendees. */
export function benchSearch(count = 100_000): Figure[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-'));
  try {
    const db = openDataFolder(dir);
    const event = new Events(db).create({ name: 'Bench' });
    const attendees = new Attendees(db);
    const fill = time(() =>
      db.transaction(() => withBulkIndexing(db, () => {
        for (let i = 0; i < count; i++) {
          attendees.insert({
            eventId: event.id,
            firstName: firstNames[i % firstNames.length]!,
            lastName: `${lastNames[(i * 7) % lastNames.length]!}${i % 3 === 0 ? '' : ` ${i}`}`,
            organisation: organisations[(i * 13) % organisations.length]!,
            country: countries[(i * 17) % countries.length]!,
            email: `person${i}@example.org`,
            ticketCodes: [String(3_600_000_000_000 + i)],
          });
        }
      }))(),
    );
    const samples: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const query of queries) {
        // What search-as-you-type sends: every prefix of the query from two letters on
        // (one letter is not searched: see longEnough in search.ts).
        for (let end = 2; end <= query.length; end++) {
          samples.push(time(() => searchAttendees(db, event.id, query.slice(0, end), 50)).ms);
        }
      }
    }
    db.close();
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
