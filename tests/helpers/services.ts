import { afterEach } from 'vitest';
import type { Input, Operation, Output } from '../../main/core/contract';
import { openDataFolder, type Database } from '../../main/core/db/open';
import { dispatch } from '../../main/core/dispatch';
import type { ErrorValue } from '../../main/core/errors';
import { createServices, type Services } from '../../main/core/services';
import { tempDir } from './temp';

const opened: Database[] = [];

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

export interface Core {
  db: Database;
  services: Services;
  /** Runs an operation through the same dispatch as every transport; throws if it fails. */
  call<K extends Operation>(op: K, input: Input<K>): Promise<Output<K>>;
  /** Runs an operation that must fail; returns its error value. */
  fail<K extends Operation>(op: K, input: Input<K>): Promise<ErrorValue>;
}

/** The real core on a fresh data folder (closed after the test), with a clock the test controls. */
export function openCore(now: () => Date = () => new Date()): Core {
  const db = openDataFolder(tempDir());
  opened.push(db);
  const services = createServices({ db, now });
  return {
    db,
    services,
    call: async (op, input) => {
      const result = await dispatch(services.handlers, op, input);
      if (!result.ok) throw new Error(`${op}: ${result.code} ${result.message}`);
      return result.value;
    },
    fail: async (op, input) => {
      const result = await dispatch(services.handlers, op, input);
      if (result.ok) throw new Error(`${op} succeeded`);
      return result;
    },
  };
}
