// One engine fed messages crafted by the test (playing the other validators): bad signatures and
// non-validators are dropped and penalised, messages outside the watermarks dropped, and a
// validator restarted on its sign log never signs a conflicting prepare or commit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addressBytesFromPublicKey,
  generateKeyPair,
  sha256,
  sign,
} from '../../../../assembly/bindings/crypto.ts';
import {
  decodeMessage,
  envelope,
  prePrepareBody,
  signBody,
  u64,
  voteBody,
} from '../../../../node/consensus/messages.ts';
import { bigintToLong, encodeCanonical, pvchain } from '../../../../proto/index.ts';
import { testSeed } from '../../../shared/random.ts';
import { CHAIN_ID, type Cluster, createCluster } from './sim-cluster.ts';

const seed = testSeed(process.env.TEST_SEED);
console.log(`TEST_SEED=${seed}`);
const why = `TEST_SEED=${seed}`;

const signer = (secretKey: Uint8Array) => ({
  chainId: CHAIN_ID,
  sign: (payload: Uint8Array) => sign(payload, secretKey),
});

function helpers(cluster: Cluster) {
  const node = (i: number) => cluster.nodes[i] as (typeof cluster.nodes)[number];
  return {
    node,
    vote(
      kind: 'prepare' | 'commit',
      by: number,
      height: bigint,
      view: bigint,
      blockHash: Uint8Array,
    ) {
      return signBody(
        signer(node(by).secretKey),
        kind,
        voteBody(height, view, blockHash, node(by).address),
      ).message;
    },
    prePrepare(height: bigint, view: bigint, block: pvchain.v1.Block.$Properties) {
      const primary = node(Number(view % 4n));
      const blockHash = sha256(encodeCanonical(pvchain.v1.BlockHeader, block.header ?? {}));
      const signed = signBody(
        signer(primary.secretKey),
        'prePrepare',
        prePrepareBody(height, view, blockHash, primary.address),
      );
      return { blockHash, message: envelope('prePrepare', signed.body, signed.signature, block) };
    },
    async deliver(to: number, bytes: Uint8Array, from: Uint8Array) {
      node(to).engine?.receive(bytes, from);
      await cluster.runFor(1);
    },
  };
}

describe('PBFT input checks', () => {
  it('drops and penalises bad signatures, non-validators and malformed messages', async () => {
    const cluster = await createCluster({ seed });
    const { node, vote, deliver } = helpers(cluster);
    await cluster.startNode(1);
    const target = node(1);
    const hash = new Uint8Array(32).fill(7);

    const good = vote('prepare', 2, 1n, 0n, hash);
    const forged = decodeMessage(good);
    forged.signature.set([(forged.signature[5] ?? 0) ^ 1], 5);
    await deliver(1, envelope('prepare', forged.prepare ?? {}, forged.signature), node(2).address);
    // A prepare naming validator 3, signed with validator 2's key.
    const impostor = signBody(
      signer(node(2).secretKey),
      'prepare',
      voteBody(1n, 0n, hash, node(3).address),
    );
    await deliver(1, impostor.message, node(2).address);
    const outsider = generateKeyPair();
    const outsiderAddress = addressBytesFromPublicKey(outsider.publicKey);
    await deliver(
      1,
      signBody(signer(outsider.secretKey), 'prepare', voteBody(1n, 0n, hash, outsiderAddress))
        .message,
      outsiderAddress,
    );
    await deliver(1, new Uint8Array([0x12, 0x03, 0xff]), node(3).address);

    const counters = target.engine?.status().counters;
    assert.equal(counters?.badSignature, 2);
    assert.equal(counters?.nonValidator, 1);
    assert.equal(counters?.malformed, 1);
    assert.deepEqual(
      target.penalties.map((p) => [
        Buffer.from(p.validator).toString('hex'),
        p.reason.split(' ')[0],
      ]),
      [
        [Buffer.from(node(2).address).toString('hex'), 'bad'],
        [Buffer.from(node(2).address).toString('hex'), 'bad'],
        [Buffer.from(outsiderAddress).toString('hex'), 'consensus'],
        [Buffer.from(node(3).address).toString('hex'), 'malformed'],
      ],
    );
    assert.equal(target.sent.length, 0, 'nothing answered');
    cluster.stop();
  });

  it('drops messages below the low and above the high watermark', async () => {
    const cluster = await createCluster({ seed, checkpointInterval: 4 });
    await cluster.startAll();
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= 10n, 20_000), why);
    const { node, vote, deliver } = helpers(cluster);
    const status = () => node(0).engine?.status();
    assert.equal(status()?.lowWatermark, 8n, why);
    assert.equal(status()?.highWatermark, 16n);
    const before = status()?.counters.outsideWatermarks ?? 0;
    const hash = new Uint8Array(32).fill(9);
    await deliver(0, vote('commit', 1, 8n, 0n, hash), node(1).address);
    await deliver(0, vote('prepare', 2, 17n, 0n, hash), node(2).address);
    await deliver(0, vote('prepare', 2, 16n, 0n, hash), node(2).address); // inside: kept
    assert.equal((status()?.counters.outsideWatermarks ?? 0) - before, 2);
    cluster.stop();
  });
});

describe('PBFT sign log across a restart', () => {
  it('a restarted validator never signs a conflicting prepare or commit for a (height, view) it signed', async () => {
    const cluster = await createCluster({ seed });
    const { node, vote, prePrepare, deliver } = helpers(cluster);
    await cluster.startNode(1);
    const x = node(1);
    const proposal = await node(0).chain.propose(1n, 0n);
    assert.ok(proposal);
    const a = prePrepare(1n, 0n, proposal.block);
    await deliver(1, a.message, node(0).address);
    await deliver(1, vote('prepare', 2, 1n, 0n, a.blockHash), node(2).address);
    await deliver(1, vote('prepare', 3, 1n, 0n, a.blockHash), node(3).address);
    const signedBefore = x.sent.map((m) => decodeMessage(m)).filter((m) => m.prepare || m.commit);
    assert.deepEqual(
      signedBefore.map((m) => m.body),
      ['prepare', 'commit'],
    );

    cluster.crash(1);
    const sentBeforeRestart = x.sent.length;
    await cluster.restart(1);
    const resent = x.sent.slice(sentBeforeRestart, sentBeforeRestart + 2);
    assert.deepEqual(resent, x.sent.slice(0, 2), 'the same prepare and commit, byte for byte');

    // Validator 0 now pre-prepares another block for (1, 0), and the others go along with it.
    const header = proposal.block.header ?? {};
    const other = {
      ...proposal.block,
      header: { ...header, timeMs: bigintToLong(u64(header.timeMs) + 5n) },
    };
    const b = prePrepare(1n, 0n, other);
    await deliver(1, b.message, node(0).address);
    for (const by of [2, 3])
      await deliver(1, vote('prepare', by, 1n, 0n, b.blockHash), node(by).address);
    await deliver(1, vote('commit', 0, 1n, 0n, b.blockHash), node(0).address);
    await cluster.runFor(100);
    const conflicting = x.sent
      .map((m) => decodeMessage(m))
      .filter((m) => {
        const v = m.prepare ?? m.commit;
        return v?.blockHash && Buffer.compare(v.blockHash, b.blockHash) === 0;
      });
    assert.deepEqual(conflicting, []);
    assert.equal(x.chain.height(), 0n, 'nothing committed');

    // Commits for the block it did sign complete it (its block was kept in the sign log).
    for (const by of [2, 3])
      await deliver(1, vote('commit', by, 1n, 0n, a.blockHash), node(by).address);
    await cluster.runFor(100);
    assert.equal(x.chain.height(), 1n);
    assert.deepEqual(x.chain.blocks[1]?.hash, a.blockHash);
    cluster.stop();
  });
});
