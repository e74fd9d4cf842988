// The CLI and the metrics on the four-validator network (real `pvchain node` processes): status
// from a validator, an account created through one validator and read from another, and each
// validator's /metrics scraped: height as its committed blocks say, its view, its peers.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHouseholdArgs, jsonOf, runPvchain, writeGridKeyFile } from '../support/cli-run.ts';
import { CHAIN_ID, hex, secretKey } from '../support/community.ts';
import { createTestNetwork, networkValidatorKey } from '../support/network.ts';
import { parseMetrics } from '../support/prometheus-text.ts';

let net: Awaited<ReturnType<typeof createTestNetwork>>;
let dir = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pvchain-cli-net-'));
  await writeGridKeyFile(dir);
  net = await createTestNetwork({ browserListeners: false });
  for (let i = 0; i < 4; i++) net.start(i);
  await net.waitFor(
    'four validators at height 2',
    () => net.validators.every((_, i) => net.height(i) >= 2),
    60_000,
  );
});
after(async () => {
  await net?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('pvchain CLI and metrics on the four-validator network', () => {
  it('status, account create through one validator, account show from another', async () => {
    const [v0, v1, v2] = net.validators;
    const status = jsonOf<{ chainId: string; mode: string; peers: number; height: string }>(
      await runPvchain(['status', '--json', '--node', v0?.apiUrl as string]),
    );
    assert.equal(status.chainId, CHAIN_ID);
    assert.equal(status.mode, 'validator');
    assert.ok(status.peers >= 3, `peers ${status.peers}`);
    const made = jsonOf<{ address: string; transaction: { status: string; height: string } }>(
      await runPvchain(createHouseholdArgs('li.json', 'Li Wei'), {
        cwd: dir,
        env: { PVCHAIN_NODE: v1?.apiUrl as string },
      }),
    );
    assert.equal(made.transaction.status, 'committed');
    // Another validator serves it once it has persisted that height.
    const height = Number(made.transaction.height);
    await net.waitFor('validator 2 at the height', () => net.height(2) >= height + 1, 30_000);
    const shown = jsonOf<{ account: { realName: string; role: string } }>(
      await runPvchain(['account', 'show', made.address, '--json', '--node', v2?.apiUrl as string]),
    );
    assert.deepEqual([shown.account.role, shown.account.realName], ['household', 'Li Wei']);
  });

  it("every validator's /metrics: height, view, peers, committed transactions", async () => {
    for (const [i, v] of net.validators.entries()) {
      const before = net.height(i);
      const response = await fetch(v.metricsUrl);
      assert.equal(response.status, 200);
      const metrics = parseMetrics(await response.text());
      const after = net.height(i);
      const height = metrics.get('pvchain_height') ?? -1;
      // The committed lines and the scrape race by at most the blocks committed meanwhile.
      assert.ok(
        height >= before && height <= after + 1,
        `node ${i}: ${height} vs ${before}..${after}`,
      );
      const view = v.committed.get(String(height))?.view;
      if (view !== undefined) assert.ok((metrics.get('pvchain_view') ?? -1) >= Number(view));
      assert.ok((metrics.get('pvchain_peers') ?? 0) >= 3, `node ${i} peers`);
      assert.ok((metrics.get('pvchain_committed_transactions_total') ?? 0) >= 1, `node ${i} txs`);
      assert.ok((metrics.get('pvchain_round_duration_seconds_count') ?? 0) >= 1);
      assert.ok((metrics.get('pvchain_database_size_bytes{db="ledger.db"}') ?? 0) > 0);
    }
  });

  it("each validator's log (pino on stderr) is JSON with levels and never holds its key", () => {
    for (const [i, v] of net.validators.entries()) {
      const key = hex(secretKey(networkValidatorKey(i)));
      const records = v.stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { level: number; msg: string; event?: unknown });
      const starting = records.find((r) => r.msg === 'starting');
      assert.equal(starting?.level, 30, `node ${i} logged its start`);
      assert.ok(records.some((r) => r.msg === 'ready'));
      assert.ok(
        records.every((r) => r.event === undefined),
        'log records carry no event field',
      );
      assert.ok(!v.stderr.includes(key), `node ${i}'s key in its log`);
      assert.ok(!JSON.stringify(v.events).includes(key), `node ${i}'s key in its event lines`);
    }
  });
});
