// How the simulator's relay lives with the node's answers: refusals are counted and reported,
// never thrown; a full pool gets the same envelope again (same nonce, readings in order); a
// refused nonce is reused; a nonce used elsewhere makes it continue above the chain's; a submit
// that throws is retried; and it holds back while too many transactions wait in the pool.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Admission,
  type MeterSimulationComponents,
  type Refusal,
  runMeterSimulation,
} from '../../../../node/meters/simulator/index.ts';
import { CHAIN_ID, DATE, RELAY_KEY, recordingSubmit, testMeters } from './simulator-support.ts';

const refuse = (code: string): Admission => ({ ok: false, code, message: `refused: ${code}` });

function run(
  components: Omit<MeterSimulationComponents, 'relayNonce'> & Partial<MeterSimulationComponents>,
  extra: object = {},
) {
  return runMeterSimulation(
    {
      chainId: CHAIN_ID,
      date: DATE,
      speed: Number.POSITIVE_INFINITY,
      meters: testMeters(2),
      relaySecretKey: RELAY_KEY,
      ...extra,
    },
    { relayNonce: () => 0n, ...components },
  );
}

describe('meter simulator submissions', () => {
  it('counts a refused transaction, reports it and reuses its nonce', async () => {
    const refusals: Refusal[] = [];
    const recorder = recordingSubmit((_, call) =>
      call === 3 ? refuse('TX_BAD_SIGNATURE') : { ok: true },
    );
    const result = await run({ submit: recorder.submit, onRefusal: (r) => refusals.push(r) });
    assert.deepEqual(refusals, [
      { nonce: 3n, code: 'TX_BAD_SIGNATURE', message: 'refused: TX_BAD_SIGNATURE', readings: 2 },
    ]);
    assert.equal(result.transactionsRejected, 1);
    assert.equal(result.readingsRejected, 2);
    assert.equal(result.transactionsSubmitted, 95);
    assert.deepEqual(result.refusals, { TX_BAD_SIGNATURE: 1 });
    assert.equal(recorder.calls[3]?.[0]?.nonce, 3n, 'the next transaction takes the free nonce');
    assert.equal(result.lastNonce, 95n);
    assert.equal(result.lastContiguousNonce, 95n);
  });

  it('submits the same envelope again after a full pool, ahead of the new ones', async () => {
    const recorder = recordingSubmit((_, call) =>
      call === 2 ? refuse('TX_ACCOUNT_POOL_FULL') : { ok: true },
    );
    const result = await run({ submit: recorder.submit });
    const [again, fresh] = recorder.calls[2] ?? [];
    assert.deepEqual(again?.bytes, recorder.calls[1]?.[0]?.bytes);
    assert.deepEqual([again?.nonce, fresh?.nonce], [2n, 3n]);
    assert.equal(result.transactionsRejected, 0);
    assert.equal(result.transactionsSubmitted, 96);
    assert.deepEqual(result.refusals, { TX_ACCOUNT_POOL_FULL: 1 });
  });

  it('survives a submit that throws, and gives up on an envelope after a few tries', async () => {
    const recorder = recordingSubmit();
    let calls = 0;
    const result = await run({
      submit: async (envelopes) => {
        calls++;
        if (calls === 5) throw new Error('node stopped');
        if (calls >= 10 && calls < 14) return envelopes.map(() => refuse('TX_POOL_FULL'));
        return recorder.submit(envelopes);
      },
    });
    assert.equal(result.refusals.SUBMIT_FAILED, 1);
    assert.equal(result.refusals.TX_POOL_FULL, 4 + 3 + 2 + 1);
    assert.equal(result.transactionsRejected, 1, 'the first envelope refused in its four tries');
    assert.equal(result.ticks, 96);
  });

  it('continues above the chain’s nonce when its nonce was used elsewhere', async () => {
    let chainNonce = 0n;
    const recorder = recordingSubmit((tx) => {
      if (tx.nonce === 2n) {
        chainNonce = 10n; // someone else signed with the relay's key
        return refuse('TX_NONCE_TOO_SMALL');
      }
      return { ok: true };
    });
    const result = await run({ submit: recorder.submit, relayNonce: () => chainNonce });
    assert.deepEqual(
      recorder
        .all()
        .slice(0, 4)
        .map((tx) => tx.nonce),
      [1n, 2n, 11n, 12n],
    );
    assert.equal(result.transactionsRejected, 1);
    assert.equal(result.lastNonce, 104n);
    assert.equal(result.lastContiguousNonce, 104n, 'nonces 2 to 10 were executed elsewhere');
  });

  it('holds back while too many transactions wait, until a block executes them', async () => {
    let chainNonce = 0n;
    let lastNonce = 0n;
    let blocks = 0;
    let mostPending = 0n;
    const recorder = recordingSubmit((tx) => {
      lastNonce = tx.nonce;
      if (lastNonce - chainNonce > mostPending) mostPending = lastNonce - chainNonce;
      return { ok: true };
    });
    await run(
      {
        submit: recorder.submit,
        relayNonce: () => chainNonce,
        nextBlock: async () => {
          blocks++;
          chainNonce = lastNonce; // the block executed everything pooled
        },
      },
      { maxPendingTransactions: 3 },
    );
    assert.equal(mostPending, 3n);
    assert.equal(blocks, 31, 'a block before each group of three ticks but the first');
  });
});
