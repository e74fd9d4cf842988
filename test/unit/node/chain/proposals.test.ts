// A block executed on one node and received by another: the same hash and state root when it
// is honest; refused, with the receiver's state untouched, when anything in it was changed; and
// a proposal abandoned (a view change) puts the state back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressBytesFromPublicKey, verifyBatch } from '../../../../assembly/bindings/crypto.ts';
import { ChainError } from '../../../../node/chain/chain.ts';
import { assetKey } from '../../../../node/ledger/account-record.ts';
import type { PvchainNode } from '../../../../node/node.ts';
import { decodeCanonical, encodeCanonical, pvchain } from '../../../../proto/index.ts';
import {
  address,
  GENESIS,
  GRID,
  household,
  op,
  signedTransaction,
} from '../../../support/community.ts';
import { commit } from '../../../support/solo.ts';
import { createTestSoloNode, tempDirs } from '../../../support/temp-solo-node.ts';

const tempDir = tempDirs('pvchain-proposal-');

async function node(start: boolean): Promise<PvchainNode> {
  const created = await createTestSoloNode(await tempDir());
  if (start) await created.start();
  return created;
}

const receiveOptions = {
  chainId: 'pvchain-test',
  hash: 'sha256' as const,
  maxBlockBytes: 4 * 1024 * 1024,
  addressOf: addressBytesFromPublicKey,
  verifyBatch,
  checkLastCommit: () => {},
};

/** The Block (without its own certificate) and the certificate of committed block `height`. */
async function blockAt(source: PvchainNode, height: bigint) {
  const stored = decodeCanonical(
    pvchain.v1.CommittedBlock,
    (await source.ledger.blockAt(height)) as Uint8Array,
  );
  return {
    bytes: encodeCanonical(pvchain.v1.Block, stored.block as pvchain.v1.Block),
    commit: stored.commit as pvchain.v1.CommitCertificate,
  };
}

describe('received blocks', () => {
  it('executes another node’s blocks to the same hashes and state, and refuses altered ones', async () => {
    const proposer = await node(true);
    const receiver = await node(false);
    try {
      await commit(proposer, [signedTransaction(GENESIS, 1n, [op.createGrid(GRID)])]);
      await commit(proposer, [
        signedTransaction(GRID, 1n, [
          op.issue('kWh', 1_000_000n),
          op.createHousehold(household(1)),
        ]),
      ]);
      await commit(proposer, [signedTransaction(GRID, 2n, [op.pay(household(1), 'kWh', 700n)])]);
      const head = proposer.chain.height();

      for (let height = 1n; height <= head; height++) {
        const { bytes, commit: certificate } = await blockAt(proposer, height);
        if (height === 2n) {
          // A tampered copy first: one byte of the header's state root flipped.
          const block = decodeCanonical(pvchain.v1.Block, bytes);
          const root = (block.header as pvchain.v1.BlockHeader).stateRoot;
          root[0] = (root[0] as number) ^ 1;
          const forged = encodeCanonical(pvchain.v1.Block, block);
          await assert.rejects(
            receiver.chain.executeReceived(forged, receiveOptions),
            (e: unknown) => e instanceof ChainError && e.code === 'CHAIN_INVALID_BLOCK',
          );
          assert.equal(receiver.chain.pending(), null);
          assert.equal(receiver.chain.state().get(address(household(1))), undefined);
        }
        const pending = await receiver.chain.executeReceived(bytes, receiveOptions);
        assert.deepEqual(pending.hash, certificate.blockHash);
        await receiver.chain.commitPending(pending.hash, certificate);
      }
      // The proposer's producer may have sealed another block since: compare with block `head`.
      const atHead = await blockAt(proposer, head);
      const headHeader = decodeCanonical(pvchain.v1.Block, atHead.bytes).header;
      assert.equal(receiver.chain.height(), head);
      assert.deepEqual(receiver.chain.last()?.hash, atHead.commit.blockHash);
      assert.deepEqual((await receiver.stateHead())?.root, headHeader?.stateRoot);
      const kwh = assetKey(address(GRID), 'kWh');
      assert.equal(
        receiver.chain
          .state()
          .get(address(household(1)))
          ?.balances.get(kwh),
        700n,
      );
    } finally {
      await proposer.stop();
      await receiver.stop();
    }
  });

  it('puts the state back when a proposal is abandoned', async () => {
    const solo = await node(false);
    try {
      const rootBefore = (await solo.stateHead())?.root;
      const envelopes = [signedTransaction(GENESIS, 1n, [op.createGrid(GRID)])];
      await solo.submit(envelopes);
      const txs = solo.mempool.propose({ height: 1n, maxCount: 10, maxBytes: 1_000_000 });
      const pending = await solo.chain.propose(txs, solo.chain.lastTimeMs() + 1n, address(GRID));
      assert.ok(solo.chain.state().get(address(GRID)), 'executed speculatively');
      await solo.chain.abandonPending();
      assert.equal(solo.chain.pending(), null);
      assert.equal(solo.chain.state().get(address(GRID)), undefined, 'the grid is gone again');
      assert.deepEqual((await solo.stateHead())?.root, rootBefore);
      const again = await solo.chain.propose(txs, solo.chain.lastTimeMs() + 1n, address(GRID));
      assert.deepEqual(again.hash, pending.hash, 'the same block executes to the same hash');
    } finally {
      await solo.stop();
    }
  });
});
