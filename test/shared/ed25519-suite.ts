// The Ed25519 and address test suite, shared by Node (test/unit/assembly/bindings/ed25519.test.ts)
// and Chromium (test/browser/ed25519.test.ts): RFC 8032 and Wycheproof vectors, the ZIP 215
// small-order grid, a differential run against @noble/ed25519 (ZIP 215, its default) over random
// and adversarial signatures, batches checked item by item against single verification, misuse.
import { ed25519 as curves } from '@noble/curves/ed25519.js';
import * as noble from '@noble/ed25519';
import type * as CryptoApi from '../../assembly/bindings/crypto.ts';
import { CheckError, checkBytes, checkEqual, checkThrows, fromHex, toHex } from './check.ts';
import type { TestCase } from './hash-suite.ts';
import { createRandom, type Random } from './random.ts';

type Crypto = Pick<
  typeof CryptoApi,
  | 'verify'
  | 'verifyBatch'
  | 'sign'
  | 'getPublicKey'
  | 'generateKeyPair'
  | 'sha512'
  | 'addressFromPublicKey'
  | 'parseAddress'
  | 'isAddress'
  | 'formatAddress'
  | 'AddressError'
>;
type Signed = CryptoApi.SignedMessage & { kind: string };

export type Ed25519SuiteEnvironment = {
  crypto: Crypto;
  seed: number;
  /** Reads a file of test/vectors/ as text. */
  readVector(path: string): Promise<string>;
  /** SHA-512 by an independent implementation (OpenSSL in Node, @noble/hashes in browsers). */
  referenceSha512(data: Uint8Array): Uint8Array;
  /** Random signatures compared with @noble/ed25519 (10,000+ in Node, fewer in browsers). */
  differentialCases: number;
  /** Random batches (sizes 1 to 256) compared item by item with single verification. */
  batchRounds: number;
};

const { n: L, p: P } = noble.Point.CURVE();
const Point = noble.Point;
type NoblePoint = InstanceType<typeof Point>;

const toBigint = (bytes: Uint8Array): bigint =>
  bytes.reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
const to32 = (value: bigint): Uint8Array<ArrayBuffer> =>
  Uint8Array.from({ length: 32 }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

/** The eight points of the torsion subgroup: multiples of [L]Q for a Q of full order. */
function torsion(): NoblePoint[] {
  for (let y = 2; ; y++) {
    let q: NoblePoint;
    try {
      q = Point.fromBytes(to32(BigInt(y)), true);
    } catch {
      continue;
    }
    const t = q.multiply(L - 1n, false).add(q);
    if (t.double().double().is0()) continue;
    return [Point.ZERO, ...[1n, 2n, 3n, 4n, 5n, 6n, 7n].map((k) => t.multiply(k, false))];
  }
}

/** ZIP 215's 14 encodings of small-order points: 8 canonical, 6 with y >= p or x = 0 signed. */
function smallOrderEncodings(points: NoblePoint[]): Uint8Array[] {
  const list = points.map((t) => t.toBytes());
  for (let y = 0n; y < 19n; y++) {
    for (const sign of [0, 0x80]) {
      const encoding = to32(y + P);
      encoding[31] = (encoding[31] as number) | sign;
      try {
        if (Point.fromBytes(encoding, true).isSmallOrder()) list.push(encoding);
      } catch {}
    }
  }
  for (const y of [1n, P - 1n]) list.push(to32(y | (1n << 255n)));
  return list;
}

/** Non-canonical encodings (y + p for y < 19) of points that are not of small order. */
function otherNonCanonical(): Uint8Array[] {
  const list: Uint8Array[] = [];
  for (let y = 2n; y < 19n; y++) {
    for (const sign of [0n, 1n << 255n]) {
      const encoding = to32(y + P + sign);
      try {
        if (!Point.fromBytes(encoding, true).isSmallOrder()) list.push(encoding);
      } catch {}
    }
  }
  return list;
}

type CaseFactory = (r: Random) => Signed;

function caseFactories(env: Ed25519SuiteEnvironment): Map<string, CaseFactory> {
  const { crypto } = env;
  const torsionPoints = torsion();
  const small = smallOrderEncodings(torsionPoints);
  const nonCanonical = otherNonCanonical();
  const pick = <T>(r: Random, list: T[]): T => list[r.int(list.length)] as T;
  const scalar = (r: Random): bigint => (toBigint(r.bytes(64)) % (L - 1n)) + 1n;
  const message = (r: Random): Uint8Array => r.bytes(r.int(4) === 0 ? r.int(300) : r.int(48));
  const k = (R: Uint8Array, A: Uint8Array, m: Uint8Array): bigint =>
    toBigint(env.referenceSha512(concat(R, A, m))) % L;
  /** A signature made from scalars: A = aB + tA, R = rB + tR, S = r + k a (valid under ZIP 215). */
  const custom = (r: Random, kind: string, tA: NoblePoint, tR: NoblePoint): Signed => {
    const a = scalar(r);
    const nonce = scalar(r);
    const publicKey = Point.BASE.multiply(a).add(tA).toBytes();
    const R = Point.BASE.multiply(nonce).add(tR).toBytes();
    const msg = message(r);
    const S = (nonce + k(R, publicKey, msg) * a) % L;
    return { kind, signature: concat(R, to32(S)), message: msg, publicKey };
  };
  const valid = (r: Random, kind = 'valid'): Signed => {
    const secretKey = r.bytes(32);
    const msg = message(r);
    const publicKey = crypto.getPublicKey(secretKey);
    return { kind, signature: crypto.sign(msg, secretKey), message: msg, publicKey };
  };
  const withSignature = (c: Signed, kind: string, edit: (sig: Uint8Array) => void): Signed => {
    const signature = c.signature.slice();
    edit(signature);
    return { ...c, kind, signature };
  };
  const factories: [string, CaseFactory][] = [
    ['valid', (r) => valid(r)],
    [
      'message mutated',
      (r) => {
        const c = valid(r);
        const msg = c.message.length ? c.message.slice() : new Uint8Array(1);
        const i = r.int(msg.length);
        msg[i] = (msg[i] as number) ^ (1 << r.int(8));
        return { ...c, kind: 'message mutated', message: msg };
      },
    ],
    [
      'signature bit flipped',
      (r) =>
        withSignature(valid(r), 'signature bit flipped', (s) => {
          const i = r.int(64);
          s[i] = (s[i] as number) ^ (1 << r.int(8));
        }),
    ],
    ['wrong key', (r) => ({ ...valid(r), kind: 'wrong key', publicKey: valid(r).publicKey })],
    [
      'S + nL',
      (r) =>
        withSignature(valid(r), 'S + nL', (s) => {
          const S = toBigint(s.subarray(32)) + BigInt(1 + r.int(8)) * L;
          if (S < 1n << 256n) s.set(to32(S), 32);
        }),
    ],
    [
      'S >= 2^253',
      (r) => withSignature(valid(r), 'S >= 2^253', (s) => s.set([0x20 | r.int(256)], 63)),
    ],
    ['torsion in A', (r) => custom(r, 'torsion in A', pick(r, torsionPoints), Point.ZERO)],
    ['torsion in R', (r) => custom(r, 'torsion in R', Point.ZERO, pick(r, torsionPoints))],
    [
      'torsion in A and R',
      (r) => custom(r, 'torsion in A and R', pick(r, torsionPoints), pick(r, torsionPoints)),
    ],
    [
      'small-order A and R, S = 0',
      (r) => ({
        kind: 'small-order A and R, S = 0',
        signature: concat(pick(r, small), new Uint8Array(32)),
        message: message(r),
        publicKey: pick(r, small),
      }),
    ],
    [
      'small-order R (any encoding), S = ka',
      (r) => {
        const a = scalar(r);
        const publicKey = Point.BASE.multiply(a).add(pick(r, torsionPoints)).toBytes();
        const R = pick(r, small);
        const msg = message(r);
        const S = (k(R, publicKey, msg) * a) % L;
        return {
          kind: 'small-order R, S = ka',
          signature: concat(R, to32(S)),
          message: msg,
          publicKey,
        };
      },
    ],
    [
      'small-order A (any encoding), S = r',
      (r) => {
        const nonce = scalar(r);
        const R = Point.BASE.multiply(nonce).add(pick(r, torsionPoints)).toBytes();
        return {
          kind: 'small-order A, S = r',
          signature: concat(R, to32(nonce)),
          message: message(r),
          publicKey: pick(r, small),
        };
      },
    ],
    [
      'non-canonical A or R',
      (r) => {
        const c = r.int(2) ? valid(r) : custom(r, '', pick(r, torsionPoints), Point.ZERO);
        const which = r.int(3);
        const signature = c.signature.slice();
        if (which !== 1) signature.set(pick(r, nonCanonical), 0);
        return {
          ...c,
          kind: 'non-canonical A or R',
          signature,
          publicKey: which === 0 ? c.publicKey : pick(r, nonCanonical),
        };
      },
    ],
    [
      'sign bit of A or R flipped',
      (r) => {
        const c = valid(r);
        const signature = c.signature.slice();
        const publicKey = c.publicKey.slice();
        const target = r.int(2) ? signature : publicKey;
        target[31] = (target[31] as number) ^ 0x80;
        return { ...c, kind: 'sign bit flipped', signature, publicKey };
      },
    ],
    [
      'random bytes',
      (r) => ({
        kind: 'random bytes',
        signature: r.bytes(64),
        message: message(r),
        publicKey: r.bytes(32),
      }),
    ],
  ];
  return new Map(factories);
}

function generateCases(env: Ed25519SuiteEnvironment, count: number, salt: number): Signed[] {
  const random = createRandom(env.seed ^ salt);
  const factories = [...caseFactories(env).values()];
  return Array.from({ length: count }, (_, i) =>
    (factories[i % factories.length] as CaseFactory)(random),
  );
}

function describeCase(c: Signed): string {
  return `${c.kind}: sig ${toHex(c.signature)} msg ${toHex(c.message)} key ${toHex(c.publicKey)}`;
}

/** Verifies a list as one batch (or random sub-batches) and demands each verdict equal `expected`. */
function checkBatch(crypto: Crypto, list: Signed[], expected: boolean[], what: string): void {
  const verdicts = crypto.verifyBatch(list);
  checkEqual(verdicts.length, list.length, `${what}: number of verdicts`);
  verdicts.forEach((verdict, i) => {
    if (verdict !== expected[i]) {
      throw new CheckError(
        `${what}: item ${i} of ${list.length}: batch says ${verdict}, single ${expected[i]} (${describeCase(list[i] as Signed)})`,
      );
    }
  });
}

type Rfc8032Vector = {
  name: string;
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  message: Uint8Array;
  signature: Uint8Array;
};

/** Parses the RFC 8032 section 7.1 text: "-----TEST name" blocks of labelled hex fields. */
export function parseRfc8032(text: string): Rfc8032Vector[] {
  return text
    .split('-----')
    .slice(1)
    .map((block) => {
      const lines = block.split('\n').map((line) => line.trim());
      // A field is the hex lines after its label, up to the first blank line.
      const field = (label: string): Uint8Array => {
        const start = lines.findIndex((line) => line.startsWith(label)) + 1;
        const end = lines.indexOf('', start);
        return fromHex(lines.slice(start, end < 0 ? undefined : end).join(''));
      };
      return {
        name: lines[0] as string,
        secretKey: field('SECRET KEY:'),
        publicKey: field('PUBLIC KEY:'),
        message: field('MESSAGE'),
        signature: field('SIGNATURE:'),
      };
    });
}

type WycheproofTest = { tcId: number; comment: string; msg: string; sig: string; result: string };
type WycheproofFile = { testGroups: { publicKey: { pk: string }; tests: WycheproofTest[] }[] };

/**
 * Wycheproof cases where ZIP 215 decides otherwise (ADR 0004): tcId 151 encodes R as y = 1 with
 * the sign bit set, which ZIP 215 (and @noble/ed25519's default) decodes as x = 0.
 */
export const WYCHEPROOF_ZIP215_VALID = new Set([151]);

function vectorCases(env: Ed25519SuiteEnvironment): TestCase[] {
  const { crypto } = env;
  return [
    {
      name: 'RFC 8032 section 7.1: public keys, signatures byte for byte, verify and batch; SHA-512("abc")',
      async run() {
        const vectors = parseRfc8032(await env.readVector('ed25519/rfc8032-7.1.txt'));
        checkEqual(vectors.length, 5, 'RFC 8032 section 7.1 vectors');
        for (const v of vectors) {
          checkBytes(crypto.getPublicKey(v.secretKey), v.publicKey, `${v.name} public key`);
          checkBytes(crypto.sign(v.message, v.secretKey), v.signature, `${v.name} signature`);
          checkEqual(crypto.verify(v.signature, v.message, v.publicKey), true, `${v.name} verify`);
          const bad = v.signature.slice();
          bad[63] = (bad[63] as number) ^ 1;
          checkEqual(crypto.verify(bad, v.message, v.publicKey), false, `${v.name} altered S`);
        }
        // RFC 8032's TEST SHA(abc) signs SHA-512("abc"): a published SHA-512 value.
        const abc = vectors.find((v) => v.name === 'TEST SHA(abc)') as Rfc8032Vector;
        checkBytes(crypto.sha512(new TextEncoder().encode('abc')), abc.message, 'SHA-512("abc")');
        const list = vectors.map((v) => ({ ...v, kind: v.name }));
        checkBatch(
          crypto,
          list,
          list.map(() => true),
          'RFC 8032 batch',
        );
        checkEqual(
          crypto.addressFromPublicKey((vectors[0] as Rfc8032Vector).publicKey),
          'a001046fd2271b7bed4b6abe45aa58877ef47f9721b977',
          'address of TEST 1',
        );
      },
    },
    {
      name: 'Wycheproof EdDSA (151 cases): verify and batch give the vector result (ZIP 215 for tcId 151)',
      async run() {
        const file = JSON.parse(
          await env.readVector('ed25519/wycheproof_ed25519_test.json'),
        ) as WycheproofFile;
        const batch: Signed[] = [];
        const expected: boolean[] = [];
        let count = 0;
        for (const group of file.testGroups) {
          const publicKey = fromHex(group.publicKey.pk);
          for (const t of group.tests) {
            count++;
            const valid = t.result === 'valid' || WYCHEPROOF_ZIP215_VALID.has(t.tcId);
            const signature = fromHex(t.sig);
            const message = fromHex(t.msg);
            const what = `Wycheproof tcId ${t.tcId} (${t.comment})`;
            if (signature.length !== 64) {
              checkEqual(valid, false, `${what}: expected result`);
              checkThrows(
                () => crypto.verify(signature, message, publicKey),
                RangeError,
                /64 bytes/,
                what,
              );
              continue;
            }
            checkEqual(crypto.verify(signature, message, publicKey), valid, what);
            checkEqual(
              noble.verify(signature, message, publicKey),
              valid,
              `${what} (@noble/ed25519)`,
            );
            batch.push({ kind: what, signature, message, publicKey });
            expected.push(valid);
          }
        }
        checkEqual(count, 151, 'Wycheproof cases');
        checkBatch(crypto, batch, expected, 'Wycheproof batch');
      },
    },
    {
      name: 'ZIP 215: all 196 pairs of small-order A and R (14 encodings each) with S = 0 are valid',
      async run() {
        const small = smallOrderEncodings(torsion());
        checkEqual(new Set(small.map(toHex)).size, 14, 'distinct small-order encodings');
        const list: Signed[] = [];
        for (const A of small) {
          for (const R of small) {
            const c = {
              kind: 'ZIP 215 grid',
              signature: concat(R, new Uint8Array(32)),
              message: new Uint8Array([1, 2, 3]),
              publicKey: A,
            };
            checkEqual(crypto.verify(c.signature, c.message, c.publicKey), true, describeCase(c));
            list.push(c);
          }
        }
        checkBatch(
          crypto,
          list,
          list.map(() => true),
          'ZIP 215 grid batch',
        );
      },
    },
  ];
}

function differentialCases(env: Ed25519SuiteEnvironment): TestCase[] {
  const { crypto } = env;
  const kinds = [...caseFactories(env).keys()];
  return [
    {
      name: `${env.differentialCases} random and adversarial signatures equal @noble/ed25519 (seed ${env.seed}; kinds: ${kinds.join(', ')})`,
      async run() {
        const cases = generateCases(env, env.differentialCases, 0x5eed);
        const tally = new Map<string, [number, number]>();
        cases.forEach((c, i) => {
          const expected = noble.verify(c.signature, c.message, c.publicKey);
          checkEqual(crypto.verify(c.signature, c.message, c.publicKey), expected, describeCase(c));
          // @noble/curves hashes with its own SHA-512: a second, independent reference.
          if (i % 8 === 0) {
            checkEqual(
              curves.verify(c.signature, c.message, c.publicKey),
              expected,
              `@noble/curves: ${describeCase(c)}`,
            );
          }
          const [valid, all] = tally.get(c.kind) ?? [0, 0];
          tally.set(c.kind, [valid + (expected ? 1 : 0), all + 1]);
        });
        // Each kind that must produce both outcomes did (so the generators are not vacuous).
        for (const [kind, [valid, all]] of tally) {
          const alwaysValid =
            kind === 'valid' ||
            kind.startsWith('torsion') ||
            kind.startsWith('small-order A and R') ||
            kind.includes(', S = ');
          if (alwaysValid) checkEqual(valid, all, `every "${kind}" case is valid`);
          else if (kind !== 'S >= 2^253' && kind !== 'S + nL')
            checkEqual(valid < all, true, `some "${kind}" cases are invalid`);
          else checkEqual(valid, 0, `no "${kind}" case is valid`);
        }
      },
    },
    {
      name: `${env.batchRounds} batches of 1 to 256 with none, one or many invalid items: each verdict equals verify (seed ${env.seed})`,
      async run() {
        const random = createRandom(env.seed ^ 0xba7c);
        const pool = generateCases(env, Math.min(600, env.differentialCases), 0xb00c);
        const verdicts = pool.map((c) => crypto.verify(c.signature, c.message, c.publicKey));
        const good = pool.filter((_, i) => verdicts[i]);
        const bad = pool.filter((_, i) => !verdicts[i]);
        for (let round = 0; round < env.batchRounds; round++) {
          const size = round < 3 ? ([1, 2, 256][round] as number) : 1 + random.int(256);
          const mode = round % 3;
          const list = Array.from({ length: size }, () => good[random.int(good.length)] as Signed);
          const invalid = mode === 0 ? 0 : mode === 1 ? 1 : 1 + random.int(size);
          for (let j = 0; j < invalid; j++)
            list[random.int(size)] = bad[random.int(bad.length)] as Signed;
          const expected = list.map((c) => crypto.verify(c.signature, c.message, c.publicKey));
          checkBatch(
            crypto,
            list,
            expected,
            `round ${round} (size ${size}, ${invalid} invalid placed)`,
          );
        }
      },
    },
  ];
}

function otherCases(env: Ed25519SuiteEnvironment): TestCase[] {
  const { crypto } = env;
  const random = createRandom(env.seed ^ 0x0dd);
  return [
    {
      name: `SHA-512 equals an independent implementation at lengths 0..1000 and 300 KB (seed ${env.seed})`,
      async run() {
        for (let length = 0; length <= 1000; length += 1 + random.int(7)) {
          const data = random.bytes(length);
          checkBytes(crypto.sha512(data), env.referenceSha512(data), `SHA-512 of ${length} bytes`);
        }
        const big = random.bytes(300_000);
        checkBytes(crypto.sha512(big), env.referenceSha512(big), 'SHA-512 of 300 KB');
      },
    },
    {
      name: 'long messages (past the Wasm buffer) and batches past one Wasm call (600 items, 700 KB)',
      async run() {
        const { secretKey, publicKey } = crypto.generateKeyPair();
        const long = random.bytes(270_000);
        const signature = crypto.sign(long, secretKey);
        checkEqual(crypto.verify(signature, long, publicKey), true, 'long message');
        checkEqual(noble.verify(signature, long, publicKey), true, 'long message (@noble/ed25519)');
        long[100_000] = (long[100_000] as number) ^ 1;
        checkEqual(crypto.verify(signature, long, publicKey), false, 'long message altered');
        const list: Signed[] = Array.from({ length: 600 }, (_, i) => {
          const message = random.bytes(i % 100 === 7 ? 1200 : 1000);
          return {
            kind: `item ${i}`,
            signature: crypto.sign(message, secretKey),
            message,
            publicKey,
          };
        });
        list[599] = { ...list[599], kind: 'long', signature, message: long } as Signed;
        list[301] = { ...list[301], kind: 'bad', message: new Uint8Array(3) } as Signed;
        checkBatch(
          crypto,
          list,
          list.map((_, i) => i !== 301 && i !== 599),
          'large batch',
        );
        checkEqual(crypto.verifyBatch([]).length, 0, 'empty batch');
      },
    },
    {
      name: 'misuse: wrong types and lengths throw TypeError or RangeError; bad signatures never throw',
      async run() {
        const { secretKey, publicKey } = crypto.generateKeyPair();
        checkEqual(publicKey.length, 32, 'public key length');
        const signature = crypto.sign(new Uint8Array(0), secretKey);
        const m = new Uint8Array(0);
        const verify = crypto.verify as (...args: unknown[]) => boolean;
        checkThrows(
          () => verify('sig', m, publicKey),
          TypeError,
          /signature must be a Uint8Array/,
          'string signature',
        );
        checkThrows(
          () => verify(signature, null, publicKey),
          TypeError,
          /message must be a Uint8Array/,
          'null message',
        );
        checkThrows(
          () => verify(signature.subarray(1), m, publicKey),
          RangeError,
          /64 bytes/,
          '63-byte signature',
        );
        checkThrows(
          () => verify(signature, m, new Uint8Array(33)),
          RangeError,
          /32 bytes/,
          '33-byte key',
        );
        const batch = crypto.verifyBatch as (items: unknown) => boolean[];
        checkThrows(() => batch('x'), TypeError, /array/, 'batch of a string');
        checkThrows(() => batch([null]), TypeError, /items\[0\]/, 'null item');
        checkThrows(
          () => batch([{ signature, message: m, publicKey: m }]),
          RangeError,
          /items\[0\]\.publicKey must be 32 bytes/,
          'short key in batch',
        );
        checkThrows(
          () => crypto.sign(m, new Uint8Array(64)),
          RangeError,
          /secretKey must be 32 bytes/,
          '64-byte secret',
        );
        checkEqual(
          crypto.verify(new Uint8Array(64).fill(0xff), m, new Uint8Array(32).fill(0xff)),
          false,
          'all ones',
        );
      },
    },
    {
      name: 'addresses: BubiChain V3 form, parse and format, typed errors with codes',
      async run() {
        const { AddressError } = crypto;
        const text = 'a001046fd2271b7bed4b6abe45aa58877ef47f9721b977';
        const bytes = crypto.parseAddress(text);
        checkEqual(bytes.length, 23, 'address bytes');
        checkEqual(crypto.formatAddress(bytes), text, 'format(parse(text))');
        checkEqual(crypto.isAddress(text), true, 'isAddress');
        for (let i = 0; i < 50; i++) {
          const address = crypto.addressFromPublicKey(random.bytes(32));
          checkEqual(
            /^a001[0-9a-f]{42}$/.test(address) && crypto.isAddress(address),
            true,
            address,
          );
        }
        const code = (input: string, expected: string) => {
          try {
            crypto.parseAddress(input);
          } catch (error) {
            if (!(error instanceof AddressError)) throw error;
            checkEqual(error.code, expected, `code for ${JSON.stringify(input)}`);
            checkEqual(crypto.isAddress(input), false, `isAddress(${JSON.stringify(input)})`);
            return;
          }
          throw new CheckError(`${JSON.stringify(input)} was accepted`);
        };
        code(text.slice(0, 44), 'ADDRESS_LENGTH');
        code(`${text}00`, 'ADDRESS_LENGTH');
        code(text.toUpperCase(), 'ADDRESS_HEX');
        code(`${text.slice(0, 45)}g`, 'ADDRESS_HEX');
        code(`a002${text.slice(4)}`, 'ADDRESS_PREFIX');
        code(`${text.slice(0, 44)}78`, 'ADDRESS_CHECKSUM');
        code(`${text.slice(0, 10)}0${text.slice(11)}`, 'ADDRESS_CHECKSUM');
        checkThrows(
          () => crypto.formatAddress(bytes.subarray(1)),
          AddressError,
          /ADDRESS_LENGTH/,
          'format 22 bytes',
        );
        checkThrows(
          () => crypto.parseAddress(42 as unknown as string),
          TypeError,
          /string/,
          'parse a number',
        );
        checkEqual(crypto.isAddress(42), false, 'isAddress(42)');
        checkThrows(
          () => crypto.addressFromPublicKey(new Uint8Array(31)),
          RangeError,
          /32 bytes/,
          'short key',
        );
      },
    },
  ];
}

/** Every case of the suite, in the order they run. */
export function createEd25519Suite(env: Ed25519SuiteEnvironment): TestCase[] {
  return [...vectorCases(env), ...differentialCases(env), ...otherCases(env)];
}
