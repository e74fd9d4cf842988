// A validator-set change by transaction on four validator processes and a fifth node that only
// follows: SET_VALIDATORS, signed by three of the four validators, swaps validator 3 for node 4 from
// a stated height on. Node 4 then signs blocks (the chain goes on with validator 0 and the removed
// validator 3 both SIGKILLed, which needs node 4's commits) and validator 3 follows by block sync.
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { bigintToLong, pvchain } from '../../proto/index.ts';
import { address, GENESIS, publicKey, signedTransaction } from '../support/community.ts';
import {
  assertNoFork,
  createTestNetwork,
  networkValidatorKey,
  type TestNetwork,
} from '../support/network.ts';

let net: TestNetwork | undefined;
afterEach(async () => {
  await net?.close();
  net = undefined;
});

const hexOf = (n: number) => Buffer.from(address(networkValidatorKey(n))).toString('hex');

function setValidators(members: number[], effectiveHeight: bigint) {
  const validators = members
    .map((n) => ({
      address: address(networkValidatorKey(n)),
      publicKey: publicKey(networkValidatorKey(n)),
      votingPower: bigintToLong(1n),
    }))
    .sort((a, b) => Buffer.compare(a.address, b.address));
  return {
    type: pvchain.v1.OperationType.OPERATION_TYPE_SET_VALIDATORS,
    setValidators: { validatorSet: { validators }, effectiveHeight: bigintToLong(effectiveHeight) },
  };
}

it('a validator set changed by transaction takes effect at its height on every node', {
  timeout: 240_000,
}, async () => {
  const n = await createTestNetwork({ followers: 1 });
  net = n;
  for (let i = 0; i < 5; i++) n.start(i);
  const all = [0, 1, 2, 3, 4];
  await n.waitFor('height 2 on all five', () => all.every((i) => n.height(i) >= 2), 60_000);

  // Far enough ahead that the transaction is in a block at least two before it.
  const effective = BigInt(Math.max(...all.map((i) => n.height(i)))) + 12n;
  const tx = signedTransaction(GENESIS, 1n, [setValidators([0, 1, 2, 4], effective)], {
    cosigners: [0, 1, 2].map(networkValidatorKey),
  });
  await n.gossip([]);
  await n.waitFor('the client joined', () => n.peerCount() >= 4, 30_000);
  await n.gossipWhenSubscribed([tx]);
  await n.waitFor(
    `every node past height ${effective + 3n}`,
    () => all.every((i) => n.height(i) >= Number(effective) + 3),
    90_000,
  );
  const changes = (i: number) =>
    n.validators[i]?.events.filter((e) => e.event === 'validator set changed') ?? [];
  for (const i of all) {
    const [change] = changes(i);
    assert.ok(change, `node ${i} saw the set change`);
    assert.equal(change.height, String(effective), `node ${i}: the change's height`);
    assert.deepEqual(
      [...(change.validators as string[])].sort(),
      [0, 1, 2, 4].map(hexOf).sort(),
      `node ${i}: the new set`,
    );
    assert.equal(change.member, i !== 3, `node ${i}: a member of the new set`);
  }
  assert.ok(assertNoFork(n) >= Number(effective) + 3);

  // Without validator 0 and the removed validator 3, only 1, 2 and the new node 4 remain: a
  // quorum of the new set only if node 4 signs.
  await n.kill(0);
  await n.kill(3);
  const before = Math.max(...[1, 2, 4].map((i) => n.height(i)));
  await n.waitFor(
    'validators 1, 2 and 4 commit on',
    () => [1, 2, 4].every((i) => n.height(i) >= before + 3),
    60_000,
  );
  assert.ok(assertNoFork(n) >= before + 3);
});
