// bench/ed25519: Ed25519 verifications per second in pvchain's Wasm (single, and batches of 8, 64
// and 256) beside node:crypto (OpenSSL), libsodium-wrappers (Wasm), @noble/ed25519 and
// @noble/curves, all in the same run; then pvchain's worker pool on every core beside OpenSSL on
// one, rounds interleaved.
import { createPublicKey, type KeyObject, verify as opensslVerify } from 'node:crypto';
import { ed25519 as curves } from '@noble/curves/ed25519.js';
import * as noble from '@noble/ed25519';
import sodium from 'libsodium-wrappers';
import { createVerifyPool, type SignedMessage } from 'pvchain/crypto';
import * as wasm from '../assembly/bindings/crypto.ts';
import { type BenchOptions, measureRates, median, printTable, type Subject } from './measure.ts';

/** Distinct keys and messages, the size of a transaction's signed bytes. */
const ITEMS = 256;
const MESSAGE_BYTES = 120;
/** SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410): what node:crypto imports. */
const SPKI_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);

const formatK = (rate: number): string => `${(rate / 1000).toFixed(1)} k/s`;

function signedItems(): SignedMessage[] {
  return Array.from({ length: ITEMS }, () => {
    const { secretKey, publicKey } = wasm.generateKeyPair();
    const message = globalThis.crypto.getRandomValues(new Uint8Array(MESSAGE_BYTES));
    return { signature: wasm.sign(message, secretKey), message, publicKey };
  });
}

/** A subject that verifies the items one after another, one per call. */
function rotating(
  name: string,
  items: SignedMessage[],
  run: (item: SignedMessage, i: number) => unknown,
): Subject {
  let i = 0;
  return {
    name,
    units: 1,
    run: () => {
      i = (i + 1) % items.length;
      return run(items[i] as SignedMessage, i);
    },
  };
}

const batchName = (size: number): string => `pvchain verifyBatch, batches of ${size}`;

function batchSubject(items: SignedMessage[], size: number): Subject {
  const batches = Array.from({ length: ITEMS / size }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
  let i = 0;
  return {
    name: batchName(size),
    units: size,
    run: () => {
      i = (i + 1) % batches.length;
      return wasm.verifyBatch(batches[i] as SignedMessage[]);
    },
  };
}

/** Every implementation must accept the sample and reject a forgery, or the comparison means nothing. */
function checkAgreement(items: SignedMessage[], keys: KeyObject[]): void {
  const forged = { ...(items[0] as SignedMessage), message: new Uint8Array(MESSAGE_BYTES) };
  for (const [name, check] of [
    ['pvchain', (s: SignedMessage) => wasm.verify(s.signature, s.message, s.publicKey)],
    [
      'node:crypto',
      (s: SignedMessage, i: number) =>
        opensslVerify(null, s.message, keys[i] as KeyObject, s.signature),
    ],
    [
      'libsodium',
      (s: SignedMessage) => sodium.crypto_sign_verify_detached(s.signature, s.message, s.publicKey),
    ],
    ['@noble/ed25519', (s: SignedMessage) => noble.verify(s.signature, s.message, s.publicKey)],
    ['@noble/curves', (s: SignedMessage) => curves.verify(s.signature, s.message, s.publicKey)],
  ] as const) {
    if (!check(items[0] as SignedMessage, 0) || check(forged, 0)) {
      throw new Error(`${name} disagrees on the sample`);
    }
  }
  if (!wasm.verifyBatch(items).every(Boolean)) throw new Error('pvchain batch rejects the sample');
}

/**
 * Items per second of the pool (batches of `size`, enough in flight to keep every worker busy)
 * and of OpenSSL on this thread, in alternating rounds.
 */
async function measurePool(
  items: SignedMessage[],
  keys: KeyObject[],
  size: number,
  options: BenchOptions,
) {
  const pool = createVerifyPool();
  await pool.start();
  const batches = Array.from({ length: ITEMS / size }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
  const poolRates: number[] = [];
  const opensslRates: number[] = [];
  try {
    for (let round = -1; round < options.rounds; round++) {
      let done = 0;
      let next = 0;
      const started = performance.now();
      const deadline = started + options.roundMs;
      const lane = async () => {
        while (performance.now() < deadline) {
          await pool.verifyBatch(batches[next++ % batches.length] as SignedMessage[]);
          done += size;
        }
      };
      await Promise.all(Array.from({ length: 2 * pool.workers }, lane));
      const poolRate = done / ((performance.now() - started) / 1000);
      let verified = 0;
      const opensslStarted = performance.now();
      while (performance.now() - opensslStarted < options.roundMs) {
        for (let i = 0; i < 64; i++, verified++) {
          const item = items[verified % ITEMS] as SignedMessage;
          opensslVerify(null, item.message, keys[verified % ITEMS] as KeyObject, item.signature);
        }
      }
      const opensslRate = verified / ((performance.now() - opensslStarted) / 1000);
      if (round >= 0) {
        poolRates.push(poolRate);
        opensslRates.push(opensslRate);
      }
    }
  } finally {
    await pool.stop();
  }
  return { workers: pool.workers, pool: median(poolRates), openssl: median(opensslRates) };
}

type Target = { figure: string; ours: number; peerName: string; peer: number; atLeast: number };

function targetRow({ figure, ours, peerName, peer, atLeast }: Target): string[] {
  const ratio = ours / peer;
  return [
    figure,
    formatK(ours),
    `${peerName}: ${formatK(peer)}`,
    `${ratio.toFixed(2)}x`,
    `>= ${atLeast}x ${ratio >= atLeast ? 'met' : 'MISSED'}`,
  ];
}

export async function benchEd25519(options: BenchOptions): Promise<string[][]> {
  await sodium.ready;
  const items = signedItems();
  const keys = items.map((item) =>
    createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, item.publicKey]),
      format: 'der',
      type: 'spki',
    }),
  );
  checkAgreement(items, keys);
  const single = 'pvchain verify (Wasm), one at a time';
  const openssl = 'node:crypto verify (OpenSSL), pre-made KeyObject';
  const libsodium = 'libsodium-wrappers crypto_sign_verify_detached';
  const subjects: Subject[] = [
    rotating(single, items, (s) => wasm.verify(s.signature, s.message, s.publicKey)),
    batchSubject(items, 8),
    batchSubject(items, 64),
    batchSubject(items, 256),
    rotating(openssl, items, (s, i) =>
      opensslVerify(null, s.message, keys[i] as KeyObject, s.signature),
    ),
    rotating(libsodium, items, (s) =>
      sodium.crypto_sign_verify_detached(s.signature, s.message, s.publicKey),
    ),
    rotating('@noble/ed25519 verify', items, (s) =>
      noble.verify(s.signature, s.message, s.publicKey),
    ),
    rotating('@noble/curves ed25519.verify', items, (s) =>
      curves.verify(s.signature, s.message, s.publicKey),
    ),
  ];
  console.log(
    `\n### Ed25519 verification, ${MESSAGE_BYTES}-byte messages, ${ITEMS} distinct keys, one core\n`,
  );
  const rates = measureRates(subjects, options);
  const rate = (name: string) => rates.get(name) as number;
  printTable(
    ['implementation', 'verifications/s', 'vs OpenSSL', 'vs libsodium'],
    subjects.map(({ name }) => [
      name,
      formatK(rate(name)),
      `${(rate(name) / rate(openssl)).toFixed(2)}x`,
      `${(rate(name) / rate(libsodium)).toFixed(2)}x`,
    ]),
  );
  const pooled = await measurePool(items, keys, 64, options);
  console.log(
    `\n### Ed25519 worker pool (${pooled.workers} workers), batches of 64, beside OpenSSL on one core\n`,
  );
  printTable(
    ['implementation', 'verifications/s', 'vs OpenSSL'],
    [
      [
        `pvchain createVerifyPool, ${pooled.workers} workers`,
        formatK(pooled.pool),
        `${(pooled.pool / pooled.openssl).toFixed(2)}x`,
      ],
      [`${openssl}, this thread`, formatK(pooled.openssl), '1.00x'],
    ],
  );
  return [
    targetRow({
      figure: 'Ed25519 Wasm batch of 64, one core',
      ours: rate(batchName(64)),
      peerName: 'node:crypto',
      peer: rate(openssl),
      atLeast: 1.5,
    }),
    targetRow({
      figure: 'Ed25519 Wasm single verify',
      ours: rate(single),
      peerName: 'libsodium-wrappers',
      peer: rate(libsodium),
      atLeast: 1,
    }),
    targetRow({
      figure: `Ed25519 pool, ${pooled.workers} cores, batches of 64`,
      ours: pooled.pool,
      peerName: 'node:crypto, one core',
      peer: pooled.openssl,
      atLeast: 2.5,
    }),
  ];
}
