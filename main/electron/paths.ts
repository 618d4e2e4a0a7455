import path from 'node:path';
import { DomainError } from '../core/errors';

/**
 * The value of `--data DIR` or `--data=DIR` on the command line, resolved against the
 * working directory; undefined when absent. Electron puts its own path and the app's
 * path before the user's arguments and may add Chromium switches: scan them all.
 */
export function dataDirFromArgv(argv: readonly string[], cwd: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    let value: string | undefined;
    if (arg === '--data') value = argv[i + 1];
    else if (arg.startsWith('--data=')) value = arg.slice('--data='.length);
    else continue;
    if (!value || value.startsWith('--')) {
      const message = '--data needs a folder: --data DIR';
      throw new DomainError('cli.usage', message, { message });
    }
    return path.resolve(cwd, value);
  }
  return undefined;
}

/** The kiosk's data folder: `--data DIR` when given, else Electron's userData folder. */
export function resolveDataDir(argv: readonly string[], cwd: string, userData: () => string): string {
  return dataDirFromArgv(argv, cwd) ?? userData();
}

/** Whether a bare flag such as `--kiosk` is present. */
export function hasFlag(argv: readonly string[], flag: string): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes(flag);
}
