// `pvchain devnet` (`npm start`) as a user runs it: four validator processes on free ports of
// 127.0.0.1, the genesis with the grid's 10,000,000 kWh and 64 households, meter readings
// committed, Ctrl-C stopping every validator (exit code 130), and a second run continuing the
// chain on the same data. A data dir of another chain is refused.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/pvchain.ts', import.meta.url));
const dirs: string[] = [];
const children = new Set<ChildProcess>();
after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pvchain-devnet-'));
  dirs.push(dir);
  return dir;
}

const portFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** A base port whose validators' ports (base..base+3, base+100..base+103) are all free. */
async function freeBasePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 30_000 + Math.floor(Math.random() * 30_000);
    const ports = [0, 1, 2, 3].flatMap((i) => [base + i, base + 100 + i]);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('no free block of ports found');
}

/** The devnet command running, its output collected line by line. */
function devnet(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'devnet', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: string[] = [];
  let stderr = '';
  let pending = '';
  let wake = (): void => {};
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
    wake();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      children.delete(child);
      wake();
      resolve(code);
    }),
  );
  /** The first line matching `pattern` (and `check`), within `timeoutMs`. */
  async function waitForLine(
    pattern: RegExp,
    timeoutMs: number,
    check: (match: RegExpExecArray) => boolean = () => true,
  ): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of lines) {
        const match = pattern.exec(line);
        if (match && check(match)) return match;
      }
      const left = deadline - Date.now();
      if (left <= 0 || child.exitCode !== null)
        throw new Error(`no line matching ${pattern}\n${lines.join('\n')}\n${stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
  return { child, lines, exited, waitForLine, stderr: () => stderr };
}

const PROGRESS = /^height (\d+) {2}view \d+ .* (\d+) tx this run .*meters [^,]+, (\d+) readings/;

it('runs four validators with the community, stops on Ctrl-C and continues', {
  timeout: 90_000,
}, async () => {
  const data = await tmp();
  const args = ['--data', data, '--base-port', String(await freeBasePort())];
  const fast = [...args, '--speed', '3600', '--progress-seconds', '1'];
  const first = devnet(fast);
  await first.waitForLine(/^All 4 validators are ready/, 30_000);
  const pids = (await first.waitForLine(/^started validators 0-3 \(pids ([\d, ]+)\)/, 1))[1]
    ?.split(', ')
    .map(Number) as number[];
  assert.equal(pids.length, 4);
  await first.waitForLine(/^Ctrl-C stops all validators/, 10_000); // the end of what to open
  // With no terminal to see it, no browser is opened; it says why, and the app's URL.
  await first.waitForLine(
    /^not opening a browser \(standard output is not a terminal\): open http:\/\/127\.0\.0\.1:\d+\/$/,
    10_000,
  );
  assert.equal(
    first.lines.filter((l) => /light client: \/ip4\/127\.0\.0\.1\/tcp\/\d+\/ws/.test(l)).length,
    4,
  );

  // The genesis: 64 households, the grid's 10,000,000 kWh less their starting credit.
  const genesis = JSON.parse(await readFile(join(data, 'genesis.json'), 'utf8'));
  assert.equal(genesis.households.length, 64);
  assert.equal(genesis.grids[0].energyWh, 10_000_000_000);
  const credit = genesis.households.reduce(
    (n: number, h: { energyWh: number }) => n + h.energyWh,
    0,
  );
  const keeps = ((10_000_000_000 - credit) / 1000).toLocaleString('en-US');
  await first.waitForLine(new RegExp(`^genesis: .*64 households.*the grid keeps ${keeps} kWh`), 1);

  // Heights are committed, and so are the meters' readings (the relay's transactions).
  const progress = await first.waitForLine(
    PROGRESS,
    30_000,
    (m) => Number(m[1]) >= 3 && Number(m[2]) > 0 && Number(m[3]) > 0,
  );
  assert.ok(Number(progress[2]) > 0);

  first.child.kill('SIGINT');
  assert.equal(await first.exited, 130, first.stderr());
  for (const i of [0, 1, 2, 3]) assert.ok(first.lines.includes(`[node-${i}] stopped`), `node ${i}`);
  for (const pid of pids) assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
  const stoppedAt = Number(
    (await first.waitForLine(/^all validators stopped at height (\d+)/, 1))[1],
  );
  assert.ok(stoppedAt >= 3);

  // Again on the same data: the chain continues above where it stopped.
  const second = devnet([...args, '--no-meters', '--progress-seconds', '1']);
  await second.waitForLine(/^data: .*\(continuing the chain there\)/, 10_000);
  await second.waitForLine(/^All 4 validators are ready/, 30_000);
  await second.waitForLine(/^height (\d+) /, 30_000, (m) => Number(m[1]) > stoppedAt);
  second.child.kill('SIGINT');
  assert.equal(await second.exited, 130, second.stderr());
});

it('refuses a data dir of another chain', async () => {
  const data = await tmp();
  await mkdir(data, { recursive: true });
  await writeFile(join(data, 'genesis.json'), JSON.stringify({ chainId: 'pvchain-other' }));
  const run = devnet(['--data', data]);
  assert.equal(await run.exited, 1);
  assert.match(run.stderr(), /holds chain "pvchain-other", not the demo network/);
});
