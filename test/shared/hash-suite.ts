// The hash test suite, shared by Node (test/unit/assembly/bindings/hash.test.ts) and Chromium
// (test/browser/hash.test.ts): NIST and GB/T vectors, a differential run against OpenSSL
// (node:crypto, reached from the browser through the test server), and bad input.
import type * as CryptoApi from '../../assembly/bindings/crypto.ts';
import { checkBytes, checkEqual, checkThrows, fromHex, toHex } from './check.ts';
import { createRandom } from './random.ts';

type HashAlgorithm = CryptoApi.HashAlgorithm;
type Crypto = Pick<
  typeof CryptoApi,
  'hash' | 'sha256' | 'sm3' | 'hashBatch64' | 'sha256Batch64' | 'sm3Batch64' | 'createHasher'
>;

export type HashSuiteEnvironment = {
  crypto: Crypto;
  /** Reads a file of test/vectors/ as text. */
  readVector(path: string): Promise<string>;
  /** Digests computed by OpenSSL (node:crypto) for each message. */
  referenceDigests(alg: HashAlgorithm, messages: Uint8Array[]): Promise<Uint8Array[]>;
  seed: number;
};

export type TestCase = { name: string; run(): Promise<void> };

type RspCase = { lengthBits: number; message: Uint8Array; digest: string };

/** Parses a NIST CAVP .rsp file: `Len` in bits, `Msg` hex ("00" when Len = 0), `MD` hex. */
export function parseRsp(text: string): RspCase[] {
  const cases: RspCase[] = [];
  let lengthBits = -1;
  let message: Uint8Array = new Uint8Array(0);
  for (const line of text.split(/\r?\n/)) {
    const [key, value] = line.split('=').map((part) => part.trim());
    if (key === 'Len') lengthBits = Number(value);
    else if (key === 'Msg') message = fromHex(value ?? '').subarray(0, lengthBits / 8);
    else if (key === 'MD') cases.push({ lengthBits, message, digest: value ?? '' });
  }
  return cases;
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

/** Feeds `data` to a streaming hasher in pieces cut at random points. */
function hashInPieces(
  crypto: Crypto,
  alg: HashAlgorithm,
  data: Uint8Array,
  random: ReturnType<typeof createRandom>,
): Uint8Array {
  const hasher = crypto.createHasher(alg);
  let offset = 0;
  while (offset < data.length) {
    const piece =
      1 + random.int(Math.min(data.length - offset, random.int(3) === 0 ? 200_000 : 100));
    hasher.update(data.subarray(offset, offset + piece));
    offset += piece;
  }
  return hasher.digest();
}

function vectorCases(env: HashSuiteEnvironment): TestCase[] {
  const { crypto } = env;
  const nist = (file: string): TestCase => ({
    name: `SHA-256 NIST CAVP ${file}: one-shot, hash() and streaming`,
    async run() {
      const cases = parseRsp(await env.readVector(`sha256/${file}`));
      checkEqual(cases.length > 60, true, `${file} has its vectors`);
      const random = createRandom(env.seed);
      for (const { lengthBits, message, digest } of cases) {
        const what = `${file} Len=${lengthBits}`;
        checkEqual(toHex(crypto.sha256(message)), digest, what);
        checkEqual(toHex(crypto.hash('sha256', message)), digest, `${what} via hash()`);
        checkEqual(
          toHex(hashInPieces(crypto, 'sha256', message, random)),
          digest,
          `${what} streamed`,
        );
      }
    },
  });
  return [
    nist('SHA256ShortMsg.rsp'),
    nist('SHA256LongMsg.rsp'),
    {
      name: 'SHA-256 NIST CAVP Monte Carlo (SHA256Monte.rsp): 100 checkpoints of 1000 chained hashes',
      async run() {
        const text = await env.readVector('sha256/SHA256Monte.rsp');
        let seed = fromHex(/^Seed = ([0-9a-f]+)/im.exec(text)?.[1] ?? '');
        const checkpoints = [...text.matchAll(/^MD = ([0-9a-f]+)/gim)].map((match) => match[1]);
        checkEqual(checkpoints.length, 100, 'checkpoints in the file');
        const message = new Uint8Array(96);
        checkpoints.forEach((expected, j) => {
          // SHAVS: MD0 = MD1 = MD2 = Seed; MDi = SHA(MDi-3 || MDi-2 || MDi-1) for i = 3..1002.
          let [a, b, c] = [seed, seed, seed];
          for (let i = 3; i < 1003; i++) {
            message.set(a, 0);
            message.set(b, 32);
            message.set(c, 64);
            [a, b, c] = [b, c, crypto.sha256(message)];
          }
          seed = c;
          checkEqual(toHex(seed), expected, `Monte Carlo checkpoint ${j}`);
        });
      },
    },
    {
      name: 'SHA-256 of one million "a" (FIPS 180-2 example), one-shot and streamed',
      async run() {
        const [vector] = JSON.parse(await env.readVector('sha256/million-a.json')) as JsonVector[];
        const digestHex = vector?.digestHex;
        const data = messageOf(vector as JsonVector);
        checkEqual(data.length, 1_000_000, 'message length');
        checkEqual(toHex(crypto.sha256(data)), digestHex, 'one-shot');
        const hasher = crypto.createHasher('sha256');
        for (let i = 0; i < 1000; i++) hasher.update(data.subarray(0, 1000));
        checkEqual(toHex(hasher.digest()), digestHex, 'streamed in 1000-byte pieces');
      },
    },
    {
      name: 'SM3 GB/T 32905-2016 examples and published vectors',
      async run() {
        const vectors = JSON.parse(await env.readVector('sm3/sm3.json')) as JsonVector[];
        checkEqual(vectors.length >= 2, true, 'the two GB/T examples at least');
        for (const vector of vectors) {
          const message = messageOf(vector);
          checkEqual(toHex(crypto.sm3(message)), vector.digestHex, vector.name);
          checkEqual(
            toHex(crypto.hash('sm3', message)),
            vector.digestHex,
            `${vector.name} via hash()`,
          );
          checkEqual(
            toHex(hashInPieces(crypto, 'sm3', message, createRandom(env.seed))),
            vector.digestHex,
            `${vector.name} streamed`,
          );
        }
      },
    },
  ];
}

/** A known-answer vector of test/vectors/*.json: the message in hex, or ASCII repeated. */
type JsonVector = {
  name: string;
  messageHex?: string;
  messageAscii?: string;
  repeat?: number;
  digestHex: string;
};

function messageOf(vector: JsonVector): Uint8Array {
  if (vector.messageHex !== undefined) return fromHex(vector.messageHex);
  const unit = new TextEncoder().encode(vector.messageAscii ?? '');
  const repeat = vector.repeat ?? 1;
  const message = new Uint8Array(unit.length * repeat);
  for (let i = 0; i < repeat; i++) message.set(unit, i * unit.length);
  return message;
}

function differentialCases(env: HashSuiteEnvironment, alg: HashAlgorithm): TestCase[] {
  const { crypto } = env;
  return [
    {
      name: `${alg}: random lengths 0..10000, one-shot and streamed at random splits, equal OpenSSL (seed ${env.seed})`,
      async run() {
        const random = createRandom(env.seed);
        const messages = Array.from({ length: 1000 }, (_, i) =>
          random.bytes(i < 130 ? i : random.int(10_001)),
        );
        const expected = await env.referenceDigests(alg, messages);
        messages.forEach((message, i) => {
          const want = expected[i] as Uint8Array;
          checkBytes(crypto.hash(alg, message), want, `${alg} one-shot of ${message.length} bytes`);
          checkBytes(
            hashInPieces(crypto, alg, message, random),
            want,
            `${alg} streamed ${message.length} bytes`,
          );
        });
      },
    },
    {
      name: `${alg}: batches of 64-byte messages equal OpenSSL per message (seed ${env.seed})`,
      async run() {
        const random = createRandom(env.seed + 1);
        for (const count of [1, 3, 4, 5, 1024, 1025, 2049, 1 + random.int(3000)]) {
          const data = random.bytes(count * 64);
          const messages = Array.from({ length: count }, (_, i) =>
            data.subarray(i * 64, i * 64 + 64),
          );
          const expected = await env.referenceDigests(alg, messages);
          const batch = alg === 'sha256' ? crypto.sha256Batch64(data) : crypto.sm3Batch64(data);
          const into = crypto.hashBatch64(alg, data, new Uint8Array(count * 32));
          for (let i = 0; i < count; i++) {
            checkBytes(
              batch.subarray(i * 32, i * 32 + 32),
              expected[i] as Uint8Array,
              `${alg} batch ${count}, digest ${i}`,
            );
          }
          checkBytes(into, batch, `${alg} batch ${count} into a given buffer`);
        }
      },
    },
  ];
}

function hasherAndMisuseCases(env: HashSuiteEnvironment): TestCase[] {
  const { crypto } = env;
  return [
    {
      name: 'interleaved hashers of both algorithms keep their own state',
      async run() {
        const random = createRandom(env.seed + 2);
        const parts = Array.from({ length: 6 }, () => random.bytes(random.int(300)));
        const whole = concatBytes(parts);
        const hashers = [
          crypto.createHasher('sha256'),
          crypto.createHasher('sm3'),
          crypto.createHasher('sha256'),
        ];
        for (const part of parts) for (const hasher of hashers) hasher.update(part);
        checkBytes(hashers[0]?.digest() as Uint8Array, crypto.sha256(whole), 'first sha256 hasher');
        crypto.sm3(random.bytes(100)); // one-shot calls in between leave hashers alone
        checkBytes(hashers[1]?.digest() as Uint8Array, crypto.sm3(whole), 'sm3 hasher');
        checkBytes(
          hashers[2]?.digest() as Uint8Array,
          crypto.sha256(whole),
          'second sha256 hasher',
        );
      },
    },
    {
      name: 'bad input gets TypeError or RangeError with a clear message',
      async run() {
        const bad = crypto as unknown as Record<string, (...args: unknown[]) => unknown>;
        checkThrows(
          () => bad.sha256?.('abc'),
          TypeError,
          /data must be a Uint8Array, got string/,
          'string',
        );
        checkThrows(() => bad.sm3?.(null), TypeError, /got null/, 'null');
        checkThrows(
          () => bad.hash?.('md5', new Uint8Array(1)),
          RangeError,
          /unknown hash algorithm "md5"/,
          'md5',
        );
        checkThrows(
          () => crypto.sha256Batch64(new Uint8Array(65)),
          RangeError,
          /whole number of 64-byte messages, got 65/,
          'batch of 65 bytes',
        );
        checkThrows(
          () => crypto.hashBatch64('sm3', new Uint8Array(128), new Uint8Array(32)),
          RangeError,
          /out must hold 64 bytes/,
          'small out',
        );
        const hasher = crypto.createHasher('sm3');
        checkThrows(
          () => hasher.update([1, 2] as unknown as Uint8Array),
          TypeError,
          /got Array/,
          'array',
        );
        hasher.digest();
        checkThrows(
          () => hasher.update(new Uint8Array(1)),
          TypeError,
          /already digested/,
          'update after digest',
        );
        checkEqual(crypto.sha256Batch64(new Uint8Array(0)).length, 0, 'empty batch');
      },
    },
  ];
}

export function createHashSuite(env: HashSuiteEnvironment): TestCase[] {
  return [
    ...vectorCases(env),
    ...differentialCases(env, 'sha256'),
    ...differentialCases(env, 'sm3'),
    ...hasherAndMisuseCases(env),
  ];
}
