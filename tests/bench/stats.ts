import os from 'node:os';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Who measured what, where: benchmark figures mean nothing without the machine. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${new Date().toISOString().slice(0, 10)} · ${cpu} · ${os.cpus().length} cores · ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version} · ${os.platform()} ${os.release()}`;
}

export function report(title: string, figures: Figure[]): void {
  console.log(`\n### ${title}\n`);
  console.log('| measure | result | target |');
  console.log('| --- | --- | --- |');
  for (const f of figures) console.log(`| ${f.name} | ${f.value.toFixed(f.value < 10 ? 2 : 0)} ${f.unit} | ${f.target ?? ''} |`);
}
