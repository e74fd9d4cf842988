// bench/ledger: payment transactions per second through admission (signatures batch-verified on
// the worker pool), execution and commit (state trie and ledger.db on disk) on one solo
// validator, with where the time went. The peer figure is BubiChain's, as its paper reports it:
// it cannot be run here, so it is quoted, not measured.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNode, type PvchainNode } from '../node/node.ts';
import {
  GENESIS,
  GRID,
  household,
  op,
  signedTransaction,
  soloNodeConfig,
} from '../test/support/community.ts';
import { median, printTable } from './measure.ts';

const HOUSEHOLDS = 500;
const PAYMENTS_PER_HOUSEHOLD = 40;
const SUBMIT_CHUNK = 2000;
const TARGET_TPS = 10_000;
const BUBICHAIN_REPORTED_TPS = 1_900;

/** Submits and resolves once every admitted transaction is in a block. */
async function commitAll(node: PvchainNode, envelopes: Uint8Array[]): Promise<void> {
  let waiting = 0;
  const done = new Promise<void>((resolve) => {
    const stop = node.onCommitted((block) => {
      waiting -= block.executed.included.length + block.executed.excluded.length;
      if (waiting <= 0 && submitted) {
        stop();
        resolve();
      }
    });
  });
  let submitted = false;
  for (let i = 0; i < envelopes.length; i += SUBMIT_CHUNK) {
    const answers = await node.submit(envelopes.slice(i, i + SUBMIT_CHUNK));
    const refused = answers.find((a) => !a.ok);
    if (refused && !refused.ok) throw new Error(`refused: ${refused.code} ${refused.message}`);
    waiting += answers.length;
  }
  submitted = true;
  await done;
}

async function setUpCommunity(node: PvchainNode): Promise<void> {
  await commitAll(node, [signedTransaction(GENESIS, 1n, [op.createGrid(GRID)])]);
  const creations: Uint8Array[] = [
    signedTransaction(GRID, 1n, [op.issue('kWh', 10_000_000_000_000n)]),
  ];
  for (let first = 1; first <= HOUSEHOLDS; first += 25) {
    const batch = Array.from({ length: 25 }, (_, i) => household(first + i));
    creations.push(
      signedTransaction(GRID, BigInt(creations.length + 1), [
        ...batch.map(op.createHousehold),
        ...batch.map((h) => op.pay(h, 'kWh', 1_000_000n)),
      ]),
    );
  }
  await commitAll(node, creations);
}

type Round = { tps: number; split: Record<string, number> };

async function round(): Promise<Round> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pvchain-bench-ledger-'));
  const node = await createNode(soloNodeConfig(dataDir));
  try {
    await node.start();
    await setUpCommunity(node);
    const payments: Uint8Array[] = [];
    for (let nonce = 1; nonce <= PAYMENTS_PER_HOUSEHOLD; nonce++) {
      for (let h = 1; h <= HOUSEHOLDS; h++) {
        payments.push(
          signedTransaction(household(h), BigInt(nonce), [
            op.pay(household((h % HOUSEHOLDS) + 1), 'kWh', 10n),
          ]),
        );
      }
    }
    const before = node.mempool.timings();
    const blocks = { executeMs: 0, stateMs: 0, sealAndStoreMs: 0 };
    const stop = node.onCommitted((block) => {
      blocks.executeMs += block.timings.executeMs;
      blocks.stateMs += block.timings.stateMs;
      blocks.sealAndStoreMs += block.timings.sealAndStoreMs;
    });
    const started = performance.now();
    await commitAll(node, payments);
    const seconds = (performance.now() - started) / 1000;
    stop();
    const after = node.mempool.timings();
    const wallMs = seconds * 1000;
    const share = (ms: number) => (100 * ms) / wallMs;
    return {
      tps: payments.length / seconds,
      split: {
        'decode (main thread)': share(after.decodeMs - before.decodeMs),
        'verify (worker pool, awaited)': share(after.verifyMs - before.verifyMs),
        execute: share(blocks.executeMs),
        'state trie': share(blocks.stateMs),
        'seal + ledger.db': share(blocks.sealAndStoreMs),
      },
    };
  } finally {
    await node.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchLedger(rounds: number): Promise<string[][]> {
  const results: Round[] = [];
  for (let i = 0; i < rounds; i++) results.push(await round());
  const tps = median(results.map((r) => r.tps));
  console.log(
    `\n### Ledger: payments through admission, execution and commit (solo validator, ${HOUSEHOLDS * PAYMENTS_PER_HOUSEHOLD} per round)\n`,
  );
  printTable(
    ['figure', 'value'],
    [
      ['payments per second (median)', tps.toFixed(0)],
      ...Object.keys(results[0]?.split ?? {}).map((part) => [
        `time in ${part}, % of wall time`,
        median(results.map((r) => r.split[part] as number)).toFixed(1),
      ]),
      ['BubiChain, reported in its paper (not measured here)', `${BUBICHAIN_REPORTED_TPS}`],
    ],
  );
  return [
    [
      'payments/s, admission + execution + commit',
      `${tps.toFixed(0)}/s`,
      `BubiChain (reported): ${BUBICHAIN_REPORTED_TPS}/s`,
      `${(tps / BUBICHAIN_REPORTED_TPS).toFixed(2)}x`,
      `>= ${TARGET_TPS}/s ${tps >= TARGET_TPS ? 'met' : 'MISSED'}`,
    ],
  ];
}
