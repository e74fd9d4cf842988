// /metrics of a real solo node (real LevelDB, real HTTP): scraped, parsed, values asserted
// against the chain's own after blocks with transactions.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createNode } from '../../../../node/node.ts';
import {
  GRID,
  household,
  op,
  signedTransaction,
  soloNodeConfig,
  testGenesis,
} from '../../../support/community.ts';
import { parseMetrics } from '../../../support/prometheus-text.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('node metrics', () => {
  it('serves /metrics on 127.0.0.1 with the chain height, committed transactions, pool, databases', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pvchain-metrics-'));
    dirs.push(dir);
    const node = await createNode(
      soloNodeConfig(dir, {
        genesis: testGenesis('sha256', { energy: true }),
        blockIntervalMs: 50,
        verifyWorkers: 0,
        monitor: { host: '127.0.0.1', port: 0 },
      }),
    );
    await node.start();
    try {
      const url = node.monitor?.url() ?? '';
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const answers = await node.submit([
        signedTransaction(GRID, 1n, [op.createHousehold(household(1))]),
        signedTransaction(GRID, 2n, [op.createHousehold(household(2))]),
      ]);
      assert.ok(answers.every((a) => a.ok));
      await waitFor(
        'both transactions committed',
        () => node.mempool.size() === 0 && node.chain.height() >= 2n,
      );
      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.match(String(response.headers.get('content-type')), /^text\/plain/);
      const metrics = parseMetrics(await response.text());
      const height = metrics.get('pvchain_height');
      assert.ok(height !== undefined && height >= 2);
      assert.ok(Math.abs(Number(node.chain.height()) - height) <= 1, 'height is the chain height');
      assert.equal(metrics.get('pvchain_committed_transactions_total'), 2);
      assert.equal(metrics.get('pvchain_view'), 0);
      assert.equal(metrics.get('pvchain_peers'), 0);
      assert.equal(metrics.get('pvchain_mempool_transactions'), 0);
      assert.ok((metrics.get('pvchain_committed_blocks_total') ?? 0) >= height - 0);
      assert.ok((metrics.get('pvchain_block_commit_latency_seconds_count') ?? 0) >= height);
      assert.ok((metrics.get('pvchain_round_duration_seconds_count') ?? 0) >= height - 1);
      assert.equal(metrics.get('pvchain_verify_batch_size_sum'), 2, 'two signatures verified');
      for (const db of ['ledger.db', 'account.db', 'keyvalue.db'])
        assert.ok((metrics.get(`pvchain_database_size_bytes{db="${db}"}`) ?? 0) > 0, db);
      assert.ok(metrics.has('pvchain_process_resident_memory_bytes'));
      await node.stop();
    } catch (error) {
      await node.stop();
      throw error;
    }
  });

  it('answers 404 off /metrics and stops with the node', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pvchain-metrics-'));
    dirs.push(dir);
    const node = await createNode(
      soloNodeConfig(dir, { verifyWorkers: 0, monitor: { host: '127.0.0.1', port: 0 } }),
    );
    await node.start();
    const base = (node.monitor?.url() ?? '').replace(/\/metrics$/, '');
    assert.equal((await fetch(`${base}/`)).status, 404);
    assert.equal((await fetch(`${base}/metrics`, { method: 'POST' })).status, 404);
    await node.stop();
    await assert.rejects(fetch(`${base}/metrics`));
  });
});
