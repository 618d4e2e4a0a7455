/**
 * `npm run bench`: the foundation's performance targets (import, search). Other benchmarks
 * have their own scripts (bench:checkin, bench:scan, bench:scan-latency). Figures go to
 * BENCHMARKS.md with the machine line printed here.
 */
import { benchImport } from './import.bench';
import { benchSearch } from './search.bench';
import { machine, report } from './stats';

console.log(`Machine: ${machine()}`);
report('Import (CSV)', await benchImport());
report('Search at 100,000 attendees', benchSearch());
