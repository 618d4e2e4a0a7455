import { operations, type Api, type Operation } from '../main/core/contract';
import type { ErrorValue } from '../main/core/errors';

export type Invoke = (channel: Operation, input: unknown) => Promise<unknown>;

/**
 * One function per contract operation and nothing else: the page can call operations,
 * never name a channel. Every call resolves; a broken hop (no handler, a closed main
 * process) becomes an error value like any other failure.
 */
export function buildApi(invoke: Invoke): Api {
  const entries = operations.map((operation) => [
    operation,
    (input: unknown) =>
      invoke(operation, input).catch(
        (error: unknown): ErrorValue => ({
          ok: false,
          code: 'internal',
          message: error instanceof Error ? error.message : String(error),
        }),
      ),
  ]);
  // The mapped type cannot be built key by key; the entries cover exactly the operations.
  return Object.fromEntries(entries) as Api;
}
