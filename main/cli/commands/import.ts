import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { importFields, type ImportField } from '../../core/types';
import { DomainError } from '../../core/errors';
import { CliFailure, usageError, type CliContext } from '../context';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function parseMapping(ctx: CliContext, values: string[] | undefined): Record<string, ImportField> | undefined {
  if (!values?.length) return undefined;
  const mapping: Record<string, ImportField> = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const column = value.slice(0, at).trim();
    const field = value.slice(at + 1).trim() as ImportField;
    if (at <= 0 || !importFields.includes(field)) {
      throw usageError(ctx.t('import.badMap', { value, fields: importFields.join(', ') }));
    }
    mapping[column] = field;
  }
  return mapping;
}

function readFile(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliFailure(new DomainError('import.unreadable', `Cannot read ${file}: ${reason}`, { file, reason }).toValue());
  }
}

export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description(ctx.t('import.describe'))
    .argument('<file>')
    .option('--event <id>', ctx.t('import.event'))
    .option('--map <column=field>', ctx.t('import.map'), collect)
    .action(async (file: string, flags: { event?: string; map?: string[] }) => {
      const mapping = parseMapping(ctx, flags.map);
      const report = await ctx.call('import:run', {
        fileName: path.basename(file),
        data: readFile(file),
        eventId: flags.event,
        mapping,
      });
      ctx.print(report, () => {
        const lines = [ctx.t('import.summary', { ...report })];
        if (report.errors.length) {
          lines.push(ctx.t('import.errors', { count: report.errors.length }));
          for (const error of report.errors) {
            lines.push(`  ${ctx.t('import.rowError', { row: error.row, column: error.column ? ` (${error.column})` : '', reason: error.reason })}`);
          }
        }
        return lines.join('\n');
      });
    });
}
