// `pvchain meters simulate` as a user runs it: the real CLI in a child process on a fresh data
// dir. A fast day of four households ends with triggered trades for the PV households and a
// supply status for each; a second run continues with the next day; bad options exit 2 naming
// the option; Ctrl-C stops cleanly and keeps the data.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/pvchain.ts', import.meta.url));
const TIMEOUT_MS = 30_000;
const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pvchain-cli-'));
  dirs.push(dir);
  return dir;
}

type Run = { code: number | null; signal: string | null; stdout: string; stderr: string };

/** Runs the CLI; `onLine` sees each stdout line and may signal the child. */
function pvchain(
  args: string[],
  cwd: string,
  onLine: (line: string, child: ReturnType<typeof spawn>) => void = () => {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `pvchain ${args.join(' ')} still running after ${TIMEOUT_MS} ms\n${stdout}\n${stderr}`,
        ),
      );
    }, TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line, child);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { type: string } & Record<string, unknown>);

type Household = {
  kind: string;
  triggeredTrades: number;
  supplyStatus: string;
  exportedWh: number;
  importedWh: number;
  generatedWh: number;
  creditWh: number;
};

describe('pvchain meters simulate', () => {
  it('simulates a day of four households, then continues with the next', async () => {
    const cwd = await tmp();
    const common = ['meters', 'simulate', '--households', '4', '--fast', '--seed', '3'];
    const first = await pvchain(
      [...common, '--trigger-kwh', '1', '--json', '--data-dir', 'chain'],
      cwd,
    );
    assert.equal(first.code, 0, first.stderr);
    const lines = jsonLines(first.stdout);
    assert.equal(lines[0]?.type, 'start');
    assert.ok(lines.filter((l) => l.type === 'progress').length >= 24, 'progress every hour');
    const summary = lines.find((l) => l.type === 'summary') as unknown as {
      readingsSubmitted: number;
      transactionsRejected: number;
      failedInBlocks: Record<string, number>;
      households: Household[];
    };
    assert.equal(summary.readingsSubmitted, 4 * 96);
    assert.equal(summary.transactionsRejected, 0);
    assert.deepEqual(summary.failedInBlocks, {});
    assert.deepEqual(
      summary.households.map((h) => h.kind),
      ['pv', 'ordinary', 'pv', 'ordinary'],
    );
    for (const h of summary.households) {
      assert.match(h.supplyStatus, /^(active|suspended)$/);
      assert.ok(h.importedWh > 0);
      if (h.kind === 'pv') {
        assert.ok(h.triggeredTrades > 0, 'a sunny day triggers trades with 1 kWh triggers');
        assert.ok(h.exportedWh >= h.triggeredTrades * 1000);
        assert.ok(h.generatedWh > h.exportedWh, 'the panels also power the home');
      } else {
        assert.equal(h.triggeredTrades, 0);
        assert.equal(h.generatedWh, 0);
      }
    }

    const second = await pvchain([...common, '--data-dir', 'chain'], cwd);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /created 0, registered 0 meters/);
    assert.match(second.stdout, /simulating 1 day\(s\) from 2025-06-22/);
    assert.match(second.stdout, /Done after 96 ticks: 384 readings/);
    const rows = second.stdout.split('\n').filter((l) => l.startsWith('Household'));
    assert.equal(rows.length, 4);
    for (const row of rows) assert.match(row, / (active|suspended) /);
    assert.match(rows[0] ?? '', /\(PV\).* \d+ \(\d+\.\d{3} kWh\)$/, 'the table shows trades');
  });

  it('exits 2 with a message naming a bad option', async () => {
    const cwd = await tmp();
    const cases: [string[], RegExp][] = [
      [['--households', '0'], /--households <n>/],
      [['--speed', 'fast'], /--speed <x>/],
      [['--date', '2025-02-30'], /--date <YYYY-MM-DD>/],
      [['--interval-minutes', '7'], /--interval-minutes <n>.*divide a day/],
      [['--bogus'], /unknown option '--bogus'/],
      [['--fast', '--speed', '10'], /--fast.*--speed|--speed.*--fast/],
    ];
    const runs = await Promise.all(
      cases.map(([args]) => pvchain(['meters', 'simulate', ...args, '--data-dir', 'x'], cwd)),
    );
    runs.forEach((run, i) => {
      const [args, message] = cases[i] as [string[], RegExp];
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    });
    assert.equal(existsSync(join(cwd, 'x')), false, 'nothing was created');
    const help = await pvchain(['meters', 'simulate', '--help'], cwd);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--households <n>/);
    assert.match(help.stdout, /DEV chain/);
  });

  it('stops cleanly at Ctrl-C and keeps the data', async () => {
    const cwd = await tmp();
    let interrupted = false;
    const run = await pvchain(
      [
        'meters',
        'simulate',
        '--households',
        '2',
        '--speed',
        '3600',
        '--json',
        '--data-dir',
        'chain',
      ],
      cwd,
      (line, child) => {
        if (!interrupted && line.includes('"type":"progress"')) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    );
    assert.equal(run.code, 130, run.stderr);
    const summary = jsonLines(run.stdout).find((l) => l.type === 'summary');
    assert.equal(summary?.aborted, true);
    assert.ok((summary?.ticks as number) < 96);
    for (const store of ['ledger.db', 'account.db', 'keyvalue.db'])
      assert.ok(existsSync(join(cwd, 'chain', store)), store);
  });
});
