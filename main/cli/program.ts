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
import { registerWalkin } from './commands/walkin';
import { registerBadge } from './commands/badge';
import { registerPrint } from './commands/print';
import { registerHub } from './commands/hub';
import { registerPair } from './commands/pair';
import { registerSync } from './commands/sync';
import { registerExport } from './commands/export';

/** The argument or option a commander message names in quotes ('--at', 'code'). */
function quoted(message: string): string {
  return /'([^']+)'/.exec(message)?.[1] ?? message;
}

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
  // Known before commander parses, so that even a usage error comes out as JSON.
  const json = argv.includes('--json');
  let usageMessage = '';
  const t = await createCliTranslator(language);
  const program = new Command('accueil');
  const ctx = new CliContext(io, t, pkg.version, () => program.opts<GlobalOptions>());

  program
    .description(t('description'))
    .version(pkg.version, '-V, --version', t('options.version'))
    .option('--data <dir>', t('options.data'), defaultDataDir(env))
    .option('--json', t('options.json'))
    .option('--lang <lang>', t('options.lang'))
    .helpOption('-h, --help', t('options.help'))
    .helpCommand('help [command]', t('options.helpCommand'))
    .exitOverride();
  if (!json) program.showHelpAfterError(t('usage.hint'));

  registerDemo(program, ctx);
  registerEvent(program, ctx);
  registerImport(program, ctx);
  registerSearch(program, ctx);
  registerCheckin(program, ctx);
  registerQr(program, ctx);
  registerWalkin(program, ctx);
  registerBadge(program, ctx);
  registerPrint(program, ctx);
  registerHub(program, ctx);
  registerPair(program, ctx);
  registerSync(program, ctx);
  registerExport(program, ctx);
  // Commander's own error lines are English: keep them for the message, print ours instead.
  const output = {
    writeOut: io.stdout,
    writeErr: (text: string) => (json ? undefined : io.stderr(text)),
    outputError: (text: string) => void (usageMessage = text.replace(/^error:\s*/, '').trim()),
  };
  const configure = (command: Command) => {
    command.exitOverride().configureOutput(output);
    if (command !== program) command.helpOption('-h, --help', t('options.help'));
    command.commands.forEach(configure);
  };
  configure(program);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      if (error.exitCode === 0) return 0;
      const message = usageMessage || error.message;
      const usage = { ok: false, code: 'cli.usage', message, params: { message, reason: error.code } };
      if (json) io.stderr(`${JSON.stringify(usage)}\n`);
      else io.stderr(`${t('error', { message: t(`usage.${error.code.replace('commander.', '')}`, { defaultValue: message, detail: quoted(message) }) })}\n`);
      return 2;
    }
    const failure = error instanceof CliFailure ? error : new CliFailure(toErrorValue(error));
    if (failure.reported) return failure.exitCode;
    if (program.opts<GlobalOptions>().json) io.stderr(`${JSON.stringify(failure.error)}\n`);
    else io.stderr(`${t('error', { message: describeError(t, failure.error) })}\n`);
    return failure.exitCode;
  } finally {
    await ctx.close();
  }
}
