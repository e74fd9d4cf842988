// Issue 5's crash test: a solo validator process under a stream of payments is killed with
// SIGKILL at random moments, 20 times, and restarted. Afterwards every transaction it reported
// committed is in ledger.db, and its state root equals the root of a fresh replay of ledger.db.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createNode } from '../../node/node.ts';
import { createRandom, testSeed } from '../shared/random.ts';
import { address, household, soloNodeConfig, testGenesis } from '../support/community.ts';

const seed = testSeed(process.env.TEST_SEED);
const KILLS = 20;
const LINE_TIMEOUT_MS = 60_000;
const fixture = fileURLToPath(new URL('./fixtures/solo-node-under-load.ts', import.meta.url));
const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Runs the node until it has printed `blocks` committed lines after "ready", then SIGKILLs it. */
async function runAndKill(
  dataDir: string,
  childSeed: number,
  blocks: number,
  committed: Set<string>,
): Promise<void> {
  const child: ChildProcess = spawn(process.execPath, [fixture, dataDir, String(childSeed)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let seen = 0;
  let ready = false;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no progress within ${LINE_TIMEOUT_MS} ms:\n${stderr}`)),
      LINE_TIMEOUT_MS,
    );
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const exitedEarly = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the node exited by itself (${code}):\n${stderr}`));
    };
    child.once('exit', exitedEarly);
    lines.on('line', (line) => {
      const [kind, , hashes] = line.split(' ');
      if (kind === 'ready') ready = true;
      if (kind === 'committed') {
        for (const hash of hashes ? hashes.split(',') : []) committed.add(hash);
        seen++;
      }
      if (ready && seen >= blocks) {
        child.off('exit', exitedEarly);
        done();
      }
    });
  });
  child.kill('SIGKILL');
  await exited;
}

function nodeAt(dataDir: string) {
  return createNode(
    soloNodeConfig(dataDir, { verifyWorkers: 0, genesis: testGenesis('sha256', { energy: true }) }),
  );
}

it(`survives ${KILLS} SIGKILLs under load without losing a committed transaction (TEST_SEED=${seed})`, {
  timeout: 600_000,
}, async () => {
  const random = createRandom(seed);
  const root = await mkdtemp(join(tmpdir(), 'pvchain-crash-'));
  dirs.push(root);
  const dataDir = join(root, 'node');
  const committed = new Set<string>();
  for (let kill = 0; kill < KILLS; kill++) {
    await runAndKill(dataDir, random.int(2 ** 31), random.int(6), committed);
  }
  assert.ok(committed.size > 50, `the stream committed transactions (${committed.size})`);

  const node = await nodeAt(dataDir);
  const head = node.chain.height();
  const stateHead = await node.stateHead();
  assert.equal(stateHead?.height, head, 'account.db caught up with ledger.db');
  for (const hash of committed) {
    assert.ok(
      await node.ledger.locate(Buffer.from(hash, 'hex')),
      `committed transaction ${hash} is in ledger.db`,
    );
  }
  const meter = node.chain
    .state()
    .get(address(household(1)))
    ?.meters.get(`MTR-${household(1)}`);
  assert.ok((meter?.lastReading?.sequence ?? 0n) > 0n, 'meter readings were settled');
  const energy = node.rules.energyContract?.address as Uint8Array;
  assert.ok(node.chain.state().get(energy)?.storageRoot.length, 'the energy contract has storage');
  await node.stop();

  const replayDir = join(root, 'replay');
  await mkdir(replayDir);
  await cp(join(dataDir, 'ledger.db'), join(replayDir, 'ledger.db'), { recursive: true });
  const replayed = await nodeAt(replayDir);
  assert.equal(replayed.chain.height(), head);
  assert.deepEqual(
    (await replayed.stateHead())?.root,
    stateHead?.root,
    'the state root equals a replay of ledger.db',
  );
  await replayed.stop();
});
