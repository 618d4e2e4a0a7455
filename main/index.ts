// Composition root of the desktop app: everything is wired in main/electron/desktop.ts so it can be tested with a mocked electron.
import { startDesktop } from './electron/desktop';

void startDesktop({ argv: process.argv, env: process.env, cwd: process.cwd(), mainDir: import.meta.dirname });
