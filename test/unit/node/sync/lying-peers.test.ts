// Block sync against peers that lie: each lie is caught with its own code, the liar is penalised
// and dropped, and the fresh node completes from an honest peer with the honest chain.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headerHash } from '../../../../light-client/verify/index.ts';
import { decodeSyncResponse } from '../../../../node/sync/index.ts';
import { decodeCanonical, encodeCanonical, pvchain } from '../../../../proto/index.ts';
import { GRID, household, op, signedTransaction } from '../../../support/community.ts';
import { useSourceChain } from './source-chain.ts';
import { certify, createMemoryNetwork, rules, VALIDATORS } from './sync-harness.ts';
import {
  assertSameChain,
  type Lie,
  lieAboutBlock,
  lieInStatus,
  servePeer,
  syncFresh,
} from './sync-peers.ts';

const HEAD = 60;
const LIE_AT = 10n;
const chains = useSourceChain(HEAD);

/** Syncs a fresh node from [liar, honest]: the liar is asked first (as high, listed first). */
async function catchLiar(lie: Lie, code: string, options: { alone?: boolean } = {}) {
  const network = createMemoryNetwork();
  await servePeer(network, 'liar', chains.source, lie);
  await servePeer(network, 'honest', chains.source);
  const run = await syncFresh(network, options.alone ? ['liar'] : ['liar', 'honest']);
  chains.opened.push(run.node);
  assert.deepEqual(
    run.penalties.map((p) => [p.peerId, p.reason]),
    [['liar', code]],
    run.penalties.map((p) => p.message).join('; '),
  );
  assert.deepEqual(
    run.outcome.dropped.map((d) => [d.peerId, d.code, d.penalised]),
    [['liar', code, true]],
  );
  if (options.alone) return run;
  assert.equal(run.outcome.caughtUp, true);
  await assertSameChain(run.node, chains.source);
  return run;
}

const withHeader = (
  committed: pvchain.v1.CommittedBlock,
  changes: Partial<pvchain.v1.BlockHeader.$Properties>,
  resign: boolean,
): pvchain.v1.CommittedBlock.$Properties => {
  const header = { ...(committed.block?.header ?? {}), ...changes };
  const block = { ...committed.block, header };
  if (!resign) return { block, commit: committed.commit };
  return { block, commit: certify(LIE_AT, headerHash(rules.hash, header)) };
};

describe('block sync against lying peers', () => {
  it('a certificate signed by a minority of the validators', async () => {
    const lie = lieAboutBlock(LIE_AT, (b) => ({
      ...b,
      commit: certify(LIE_AT, b.commit?.blockHash as Uint8Array, VALIDATORS.slice(0, 2)),
    }));
    await catchLiar(lie, 'VERIFY_INSUFFICIENT_POWER');
  });

  it('a certificate signed by keys outside the validator set', async () => {
    const lie = lieAboutBlock(LIE_AT, (b) => ({
      ...b,
      commit: certify(LIE_AT, b.commit?.blockHash as Uint8Array, [30, 31, 32, 33]),
    }));
    await catchLiar(lie, 'VERIFY_UNKNOWN_SIGNER');
  });

  it('a transaction swapped for another signed one', async () => {
    const lie = lieAboutBlock(LIE_AT, (b) => {
      const transactions = [...(b.block?.transactions ?? [])];
      const original = decodeCanonical(
        pvchain.v1.Transaction,
        transactions[0]?.transaction as Uint8Array,
      );
      const nonce = BigInt(original.nonce.toString());
      const forged = signedTransaction(GRID, nonce, [op.pay(household(1), 'kWh', 999_999n)]);
      transactions[0] = decodeCanonical(pvchain.v1.SignedTransaction, forged);
      return { ...b, block: { ...b.block, transactions } };
    });
    await catchLiar(lie, 'VERIFY_TRANSACTIONS_ROOT');
  });

  it('a wrong state root in a header its certificate does not cover', async () => {
    const lie = lieAboutBlock(LIE_AT, (b) =>
      withHeader(b, { stateRoot: new Uint8Array(32).fill(0xab) }, false),
    );
    await catchLiar(lie, 'VERIFY_BLOCK_HASH');
  });

  it('a wrong state root certified by the validators: executing the block tells', async () => {
    const lie = lieAboutBlock(LIE_AT, (b) =>
      withHeader(b, { stateRoot: new Uint8Array(32).fill(0xab) }, true),
    );
    const run = await catchLiar(lie, 'CHAIN_INVALID_BLOCK');
    assert.match(run.penalties[0]?.message ?? '', /state root/);
  });

  it('a transaction signature tampered with (outside the transactions root)', async () => {
    const lie = lieAboutBlock(LIE_AT, (b) => {
      const transactions = (b.block?.transactions ?? []).map((tx, i) => {
        if (i !== 0) return tx;
        const signatures = (tx.signatures ?? []).map((s) => {
          const signature = (s.signature as Uint8Array).slice();
          signature[10] = ((signature[10] as number) ^ 1) & 0xff;
          return { ...s, signature };
        });
        return { ...tx, signatures };
      });
      return { ...b, block: { ...b.block, transactions } };
    });
    const run = await catchLiar(lie, 'CHAIN_INVALID_BLOCK');
    assert.match(run.penalties[0]?.message ?? '', /signature/);
  });

  it('garbage bytes instead of blocks', async () => {
    const garbage: Lie = (name, answer) =>
      name === 'blocks' ? Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff) : answer;
    await catchLiar(garbage, 'SYNC_MALFORMED');
  });

  it('another chain', async () => {
    await catchLiar(
      lieInStatus((s) => {
        s.genesisHash = new Uint8Array(32).fill(9);
      }),
      'SYNC_WRONG_CHAIN',
    );
  });

  it('a head claimed and then withheld', async () => {
    const claimsMore = lieInStatus((s) => {
      s.height = s.height.add(20);
    });
    const run = await catchLiar(claimsMore, 'SYNC_WITHHELD');
    assert.equal(run.outcome.height, BigInt(HEAD));
  });

  it('blocks withheld after height 20 while it claims 60', async () => {
    const notFound = encodeCanonical(pvchain.v1.SyncResponse, {
      error: { code: pvchain.v1.SyncErrorCode.SYNC_ERROR_CODE_NOT_FOUND, message: 'no' },
    });
    const withhold: Lie = (name, answer) => {
      if (name !== 'blocks') return answer;
      const first = decodeSyncResponse(answer).blocks?.blocks?.[0]?.block?.header?.height;
      return first && first.toNumber() > 20 ? notFound : answer;
    };
    await catchLiar(withhold, 'SYNC_WITHHELD');
  });

  it('a false hash for its head', async () => {
    const lie = lieInStatus((s) => {
      s.blockHash = new Uint8Array(32).fill(1);
    });
    await catchLiar(lie, 'SYNC_HEAD_MISMATCH');
  });

  it('alone, a liar leaves the node at the last good block, not caught up', async () => {
    const lie = lieAboutBlock(LIE_AT, (b) => ({
      ...b,
      commit: certify(LIE_AT, b.commit?.blockHash as Uint8Array, VALIDATORS.slice(0, 2)),
    }));
    const run = await catchLiar(lie, 'VERIFY_INSUFFICIENT_POWER', { alone: true });
    assert.equal(run.outcome.height, LIE_AT - 1n);
    assert.equal(run.outcome.caughtUp, false);
    assert.deepEqual(run.node.chain.last()?.hash, await hashAt(LIE_AT - 1n));
  });

  it('a peer that never sends blocks is passed over, and dropped after three tries', async () => {
    const network = createMemoryNetwork();
    const never: Lie = (name, answer) => (name === 'blocks' ? new Promise(() => {}) : answer);
    await servePeer(network, 'silent', chains.source, never);
    await servePeer(network, 'honest', chains.source);
    const run = await syncFresh(network, ['silent', 'honest'], { timeoutMs: 30 });
    chains.opened.push(run.node);
    assert.deepEqual(run.penalties, []);
    assert.deepEqual(run.outcome.dropped, []);
    await assertSameChain(run.node, chains.source);
    const asked = network.requests.filter((r) => r.to === 'silent' && r.name === 'blocks');
    assert.equal(asked.length, 1, 'once, then the honest peer');

    const alone = await syncFresh(network, ['silent'], { timeoutMs: 30 });
    chains.opened.push(alone.node);
    assert.deepEqual(alone.penalties, []);
    assert.deepEqual(
      alone.outcome.dropped.map((d) => [d.peerId, d.code, d.penalised]),
      [['silent', 'SYNC_UNREACHABLE', false]],
    );
    assert.deepEqual(
      { height: alone.outcome.height, caughtUp: alone.outcome.caughtUp },
      { height: 0n, caughtUp: false },
    );
    const tries = network.requests.filter((r) => r.to === 'silent' && r.name === 'blocks');
    assert.equal(tries.length, 1 + 3);
  });
});

async function hashAt(height: bigint): Promise<Uint8Array | undefined> {
  const stored = await chains.source.ledger.blockAt(height);
  const header = stored && decodeCanonical(pvchain.v1.CommittedBlock, stored).block?.header;
  return header ? headerHash(rules.hash, header) : undefined;
}
