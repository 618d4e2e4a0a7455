/** The `accueil` command: the kiosk's services, headless, for organisers, scripts and black-box tests. */
import { runCli } from './cli/program';

process.exitCode = await runCli(process.argv.slice(2));
