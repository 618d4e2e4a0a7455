import { runCli } from '../../main/cli/program';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: () => unknown;
}

/** Runs `accueil ...args` in-process with captured output (French unless --lang says otherwise). */
export async function cli(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }, { LANG: 'fr_FR.UTF-8' });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as unknown };
}
