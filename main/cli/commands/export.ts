import path from 'node:path';
import type { Command } from 'commander';
import { usageError, type CliContext } from '../context';

interface ExportFlags {
  format?: string;
  day?: string;
  checkpoint?: string;
  separator?: string;
  out?: string;
}

const formats = ['csv', 'xlsx', 'pdf'] as const;
const separators = [',', ';'] as const;

/** `accueil export`: the attendance list streamed into a file (temporary name, then renamed). */
export function registerExport(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description(ctx.t('export.describe'))
    .option('--format <format>', ctx.t('export.format'), 'csv')
    .option('--day <date>', ctx.t('export.day'))
    .option('--checkpoint <id>', ctx.t('export.checkpoint'))
    .option('--separator <char>', ctx.t('export.separator'))
    .option('--out <file>', ctx.t('export.out'))
    .action(async (flags: ExportFlags) => {
      if (!flags.out) throw usageError(ctx.t('export.needOut'));
      const format = formats.find((known) => known === flags.format);
      if (!format) throw usageError(ctx.t('export.badFormat', { value: flags.format }));
      const separator = flags.separator === undefined ? undefined : separators.find((known) => known === flags.separator);
      if (flags.separator !== undefined && !separator) throw usageError(ctx.t('export.badSeparator', { value: flags.separator }));
      const written = await ctx.call('export:attendanceFile', {
        format,
        file: path.resolve(flags.out),
        ...(flags.day !== undefined ? { day: flags.day } : {}),
        ...(flags.checkpoint !== undefined ? { checkpointId: flags.checkpoint } : {}),
        ...(separator !== undefined ? { separator } : {}),
      });
      ctx.print(written, () => ctx.t('export.written', { ...written }));
    });
}
