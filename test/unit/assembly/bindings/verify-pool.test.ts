// The worker pool of pvchain/crypto in Node: same verdicts as verifyBatch, large batches split,
// bounded queue, lifecycle, worker failures surfacing as typed errors, no hang on exit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  createVerifyPool,
  getPublicKey,
  type SignedMessage,
  sign,
  VerifyPoolError,
  verifyBatch,
} from 'pvchain/crypto';
import { createRandom, testSeed } from '../../../shared/random.ts';

const seed = testSeed(process.env.TEST_SEED);
const random = createRandom(seed);

function signedBatch(count: number, invalidEvery = 0): SignedMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const secretKey = random.bytes(32);
    const message = random.bytes(random.int(200));
    const item = {
      signature: sign(message, secretKey),
      message,
      publicKey: getPublicKey(secretKey),
    };
    return invalidEvery && i % invalidEvery === 3 ? { ...item, message: random.bytes(5) } : item;
  });
}

const poolError = (code: string) => (error: unknown) =>
  error instanceof VerifyPoolError && error.code === code;

describe(`verification pool (seed ${seed})`, () => {
  const pool = createVerifyPool({ workers: 2, maxQueuedItems: 4096 });
  before(() => pool.start());
  after(() => pool.stop());

  it('gives the verdicts of verifyBatch, for small, large and concurrent batches', async () => {
    for (const size of [0, 1, 63, 64, 300, 1100]) {
      const batch = signedBatch(size, 7);
      assert.deepEqual(await pool.verifyBatch(batch), verifyBatch(batch), `size ${size}`);
    }
    const batches = Array.from({ length: 8 }, () => signedBatch(64, 5));
    const verdicts = await Promise.all(batches.map((b) => pool.verifyBatch(b)));
    for (const [i, v] of verdicts.entries()) {
      assert.deepEqual(v, verifyBatch(batches[i] as SignedMessage[]));
    }
  });

  it('refuses work past maxQueuedItems with POOL_QUEUE_FULL', async () => {
    const batch = signedBatch(1000);
    const calls = Array.from({ length: 8 }, () => pool.verifyBatch(batch));
    const settled = await Promise.allSettled(calls);
    const refused = settled.filter((s) => s.status === 'rejected');
    assert.ok(refused.length > 0, 'some batches were refused');
    for (const s of refused) assert.ok(poolError('POOL_QUEUE_FULL')(s.reason), String(s.reason));
    for (const s of settled)
      if (s.status === 'fulfilled') assert.deepEqual(s.value, verifyBatch(batch));
  });

  it('rejects misuse with TypeError and RangeError', async () => {
    await assert.rejects(pool.verifyBatch('x' as never), TypeError);
    const [item] = signedBatch(1) as [SignedMessage];
    await assert.rejects(
      pool.verifyBatch([{ ...item, signature: item.signature.subarray(1) }]),
      RangeError,
    );
    assert.throws(() => createVerifyPool({ workers: 0 }), RangeError);
  });
});

describe('verification pool lifecycle', () => {
  it('refuses batches before start and after stop; stop is idempotent', async () => {
    const pool = createVerifyPool({ workers: 1 });
    const batch = signedBatch(3);
    await assert.rejects(pool.verifyBatch(batch), poolError('POOL_NOT_RUNNING'));
    await pool.start();
    await pool.start();
    assert.deepEqual(await pool.verifyBatch(batch), [true, true, true]);
    const running = pool.verifyBatch(signedBatch(200));
    const queued = assert.rejects(pool.verifyBatch(batch), poolError('POOL_NOT_RUNNING'));
    await pool.stop();
    assert.equal((await running).length, 200, 'the task in flight finished');
    await queued;
    await pool.stop();
    await assert.rejects(pool.verifyBatch(batch), poolError('POOL_NOT_RUNNING'));
  });

  it('surfaces a worker that dies with POOL_WORKER_FAILED', async () => {
    const dying = `import { parentPort } from 'node:worker_threads';
      parentPort.postMessage({ ready: true });
      parentPort.on('message', () => process.exit(7));`;
    const pool = createVerifyPool({
      workers: 1,
      workerUrl: new URL(`data:text/javascript,${encodeURIComponent(dying)}`),
    });
    await pool.start();
    await assert.rejects(pool.verifyBatch(signedBatch(2)), poolError('POOL_WORKER_FAILED'));
    await pool.stop();
    const broken = createVerifyPool({
      workers: 1,
      workerUrl: new URL(`data:text/javascript,${encodeURIComponent('throw new Error("no")')}`),
    });
    await assert.rejects(broken.start(), poolError('POOL_WORKER_FAILED'));
  });

  it('does not keep the process alive when nobody stops it', () => {
    const crypto = fileURLToPath(
      new URL('../../../../assembly/bindings/crypto.node.ts', import.meta.url),
    );
    const script = `
      import { createVerifyPool, generateKeyPair, sign } from ${JSON.stringify(crypto)};
      const pool = createVerifyPool({ workers: 2 });
      await pool.start();
      const { secretKey, publicKey } = generateKeyPair();
      const message = new Uint8Array(10);
      const verdicts = await pool.verifyBatch([{ signature: sign(message, secretKey), message, publicKey }]);
      console.log(verdicts.join());`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout.trim(), 'true');
  });
});
