import type { TFunction } from 'i18next';
import { openDataFolder } from '../core/db/open';
import { dispatch } from '../core/dispatch';
import { DomainError, type ErrorValue } from '../core/errors';
import { createServices, type Services } from '../core/services';
import type { Input, Operation, Output } from '../core/contract';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface GlobalOptions {
  data: string;
  json?: boolean;
}

/** Thrown to stop a command with an error value and an exit code (1 by default, 3 for refusals). */
export class CliFailure extends Error {
  constructor(
    readonly error: ErrorValue,
    readonly exitCode = 1,
    /** The command already printed its answer (a check-in refusal): only the exit code is left to give. */
    readonly reported = false,
  ) {
    super(error.message);
  }
}

/**
 * What every command gets: the same service table the kiosk uses, opened on the
 * chosen data folder the first time a command needs it.
 */
export class CliContext {
  private services: Services | undefined;

  constructor(
    readonly io: CliIo,
    readonly t: TFunction,
    readonly version: string,
    readonly options: () => GlobalOptions,
  ) {}

  get json(): boolean {
    return this.options().json === true;
  }

  open(): Services {
    // The CLI is the organiser at the machine: shell access to the data folder already gives all a PIN locks.
    this.services ??= createServices({ db: openDataFolder(this.options().data), version: this.version, trustedOrganiser: true });
    return this.services;
  }

  async call<K extends Operation>(operation: K, input: Input<K>): Promise<Output<K>> {
    const result = await dispatch(this.open().handlers, operation, input);
    if (!result.ok) throw new CliFailure(result);
    return result.value;
  }

  /** JSON mode prints the value; text mode prints the human line. */
  print(value: unknown, text: string | (() => string)): void {
    if (this.json) this.io.stdout(`${JSON.stringify(value, null, 2)}\n`);
    else this.io.stdout(`${typeof text === 'function' ? text() : text}\n`);
  }

  /** Lets a batch page or a badge being printed reach the ledger (bounded), then closes the database. */
  async close(): Promise<void> {
    const services = this.services;
    this.services = undefined;
    if (!services) return;
    await services.shutdown().catch(() => undefined);
    services.db.close();
  }
}

export function usageError(message: string): CliFailure {
  return new CliFailure(new DomainError('cli.usage', message, { message }).toValue(), 2);
}
