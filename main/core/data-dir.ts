import os from 'node:os';
import path from 'node:path';

/** The folder Electron calls userData for an app named "accueil", so CLI, browser mode and desktop share one database. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ACCUEIL_DATA) return path.resolve(env.ACCUEIL_DATA);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'accueil');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'accueil');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'accueil');
}
