/**
 * The convergence property over random histories (fast-check): three kiosks scan random
 * attendees, sync in any order, while the hub is restarted or killed, connections are cut
 * part-way and kiosks drop off the network. Whatever happened, once everyone has synced,
 * every kiosk and the hub hold exactly the check-ins the kiosks accepted, none twice.
 *
 * A failure prints fast-check's seed and path; replay with SYNC_PROPERTY_SEED=<seed>.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { startFleet } from '../helpers/fleet';

const kiosks = 3;
const attendees = 40;

type Step =
  | { kind: 'scan'; kiosk: number; attendee: number }
  | { kind: 'sync'; kiosk: number }
  | { kind: 'restart'; kill: boolean }
  | { kind: 'cut'; kiosk: number; path: '/v1/push' | '/v1/pull'; fraction: number }
  | { kind: 'offline'; kiosk: number }
  | { kind: 'online'; kiosk: number };

const kiosk = fc.integer({ min: 0, max: kiosks - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('scan' as const), kiosk, attendee: fc.integer({ min: 0, max: attendees - 1 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), kiosk }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), kill: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('cut' as const),
      kiosk,
      path: fc.constantFrom('/v1/push' as const, '/v1/pull' as const),
      fraction: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('offline' as const), kiosk }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('online' as const), kiosk }) },
);

describe('sync convergence property', () => {
  it('converges after any interleaving of scans, syncs and faults across 3 kiosks', { timeout: 30 * 60_000 }, async () => {
    const seed = process.env.SYNC_PROPERTY_SEED ? Number(process.env.SYNC_PROPERTY_SEED) : undefined;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
        const fleet = await startFleet({ kiosks, attendees });
        try {
          for (const s of steps) {
            switch (s.kind) {
              case 'scan':
                await fleet.scan(s.kiosk, s.attendee); // accepted or not (already in): the fleet remembers the accepted ones
                break;
              case 'sync':
                await fleet.sync(s.kiosk);
                break;
              case 'restart':
                if (s.kill) await fleet.killHub();
                else await fleet.stopHub();
                await fleet.startHub();
                break;
              case 'cut':
                fleet.proxies[s.kiosk]!.cutResponse({ path: s.path, fraction: s.fraction });
                break;
              case 'offline':
                fleet.proxies[s.kiosk]!.refuse();
                break;
              case 'online':
                fleet.proxies[s.kiosk]!.resume();
                break;
            }
          }
          fleet.everyProxy((proxy) => proxy.resume());
          await fleet.converge();
          fleet.assertConverged();
        } finally {
          await fleet.close();
        }
      }),
      { numRuns: 15, seed, verbose: 1 },
    );
  });
});
