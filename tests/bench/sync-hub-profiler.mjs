// Preloaded into the hub process by the sync benchmark (SYNC_BENCH_PROFILE=DIR, through
// NODE_OPTIONS=--import, where --cpu-prof is not allowed): a CPU profile of the hub's whole
// life, written to DIR/hub.cpuprofile when it exits. The in-thread inspector session answers
// synchronously, so the profile is taken inside the 'exit' handler.
import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.SYNC_BENCH_PROFILE;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(path.join(dir, 'hub.cpuprofile'), JSON.stringify(result.profile));
    });
  });
}
