import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isEchoedPrePrepare, prePrepareEcho } from '../../../../node/network/pre-prepare-echo.ts';
import {
  bigintToLong,
  decodeCanonical,
  encodeCanonical,
  pvchain,
} from '../../../../proto/index.ts';

const v1 = pvchain.v1;
const prePrepare = {
  height: bigintToLong(5n),
  view: bigintToLong(1n),
  blockHash: new Uint8Array(32).fill(7),
  primary: new Uint8Array(23).fill(1),
};
const block = { header: { version: 1, chainId: 'pvchain-test', height: bigintToLong(5n) } };

it('cuts the block off a primary’s pre-prepare, keeping the signed part byte for byte', () => {
  const signature = new Uint8Array(64).fill(9);
  const full = encodeCanonical(v1.ConsensusMessage, { prePrepare, signature, block });
  const echo = prePrepareEcho(full) as Uint8Array;
  assert.deepEqual(echo, encodeCanonical(v1.ConsensusMessage, { prePrepare, signature }));
  const decoded = decodeCanonical(v1.ConsensusMessage, echo);
  assert.equal(decoded.block, null);
  assert.equal(isEchoedPrePrepare(echo), true);
  assert.equal(isEchoedPrePrepare(full), false);
  assert.deepEqual(decoded.signature, signature);
});

it('echoes nothing else: echoes, votes, truncated or garbage bytes', () => {
  const signature = new Uint8Array(64).fill(9);
  const bare = encodeCanonical(v1.ConsensusMessage, { prePrepare, signature });
  assert.equal(prePrepareEcho(bare), null, 'an echo is not echoed again');
  const vote = encodeCanonical(v1.ConsensusMessage, {
    prepare: {
      height: bigintToLong(5n),
      view: bigintToLong(1n),
      blockHash: prePrepare.blockHash,
      validator: prePrepare.primary,
    },
    signature,
  });
  assert.equal(prePrepareEcho(vote), null);
  const full = encodeCanonical(v1.ConsensusMessage, { prePrepare, signature, block });
  assert.equal(prePrepareEcho(full.subarray(0, 40)), null);
  assert.equal(prePrepareEcho(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff])), null);
  assert.equal(prePrepareEcho(new Uint8Array(0)), null);
});
