import { Command, CommanderError } from 'commander';
import pkg from '../../package.json';
import { defaultDataDir } from '../core/data-dir';
import { toErrorValue } from '../core/errors';
import { CliContext, CliFailure, type CliIo, type GlobalOptions } from './context';
import { cliLanguage, createCliTranslator, describeError } from './i18n';
import { registerDemo } from './commands/demo';
import { registerEvent } from './commands/event';
import { registerImport } from './commands/import';
import { registerSearch } from './commands/search';
import { registerCheckin } from './commands/checkin';
import { registerQr } from './commands/qr';

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Runs one `accueil` invocation and returns its exit code: 0 success, 1 failure,
 * 2 usage error, 3 a refusal (later commands). Never calls process.exit, so tests run it in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const language = cliLanguage(argv, env);
  const t = await createCliTranslator(language);
  const program = new Command('accueil');
  const ctx = new CliContext(io, t, pkg.version, () => program.opts<GlobalOptions>());

  program
    .description(t('description'))
    .version(pkg.version)
    .option('--data <dir>', t('options.data'), defaultDataDir(env))
    .option('--json', t('options.json'))
    .option('--lang <lang>', t('options.lang'))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  registerDemo(program, ctx);
  registerEvent(program, ctx);
  registerImport(program, ctx);
  registerSearch(program, ctx);
  registerCheckin(program, ctx);
  registerQr(program, ctx);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    for (const sub of command.commands) sub.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    const failure = error instanceof CliFailure ? error : new CliFailure(toErrorValue(error));
    if (failure.reported) return failure.exitCode;
    if (program.opts<GlobalOptions>().json) io.stderr(`${JSON.stringify(failure.error)}\n`);
    else io.stderr(`${t('error', { message: describeError(t, failure.error) })}\n`);
    return failure.exitCode;
  } finally {
    ctx.close();
  }
}
