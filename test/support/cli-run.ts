// Runs `pvchain` as a user types it: bin/pvchain.ts in a child process (this Node), with
// arguments, a working directory and environment; bounded by a timeout. Also the files and
// arguments the CLI tests share.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GRID, hex, secretKey } from './community.ts';

export const BIN = fileURLToPath(new URL('../../bin/pvchain.ts', import.meta.url));

export type CliRun = { code: number | null; stdout: string; stderr: string };

export function runPvchain(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliRun> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `pvchain ${args.join(' ')}: still running after ${timeoutMs} ms\n${stdout}\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The JSON a `--json` run printed, after asserting it exited with `code`. */
export function jsonOf<T = Record<string, unknown>>(run: CliRun, code = 0): T {
  if (run.code !== code)
    throw new Error(
      `exit ${run.code}, expected ${code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`,
    );
  return JSON.parse(run.stdout) as T;
}

/** Writes the test community's grid key (community.ts GRID) to `<dir>/grid.json`, mode 0600. */
export async function writeGridKeyFile(dir: string): Promise<void> {
  await writeFile(join(dir, 'grid.json'), JSON.stringify({ secretKey: hex(secretKey(GRID)) }), {
    mode: 0o600,
  });
}

/** `pvchain account create` of one household named `name`, key file `out`, signed by grid.json. */
export const createHouseholdArgs = (out: string, name: string): string[] => [
  'account',
  'create',
  '--out',
  out,
  '--creator',
  'grid.json',
  '--name',
  name,
  '--json',
];
