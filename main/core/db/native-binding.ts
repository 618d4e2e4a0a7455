import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * better-sqlite3 is a native module compiled for one ABI. `npm start` keeps the Node build
 * in build/Release (for the CLI, browser mode and tests) and puts an Electron build beside
 * it in build/electron-<version>/, so both worlds run from one node_modules.
 * Returns the binding to load in this runtime, or undefined for the default one.
 */
export function nativeBindingForRuntime(versions: NodeJS.ProcessVersions = process.versions): string | undefined {
  const electron = (versions as NodeJS.ProcessVersions & { electron?: string }).electron;
  if (!electron) return undefined;
  try {
    const require = createRequire(import.meta.url);
    const root = path.dirname(require.resolve('better-sqlite3/package.json'));
    const binding = path.join(root, 'build', `electron-${electron}`, 'better_sqlite3.node');
    return fs.existsSync(binding) ? binding : undefined;
  } catch {
    return undefined;
  }
}
