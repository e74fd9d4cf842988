// Seeded random and malformed inputs for the API fuzz test: paths, queries, JSON (valid, broken,
// deep, huge), protobuf (random bytes and mutated signed transactions) and WebSocket frames.
import { createSeededRandom } from '../../../../node/meters/seeded-random.ts';

export type Rng = ReturnType<typeof createFuzzRng>;

export function createFuzzRng(seed: number) {
  const r = createSeededRandom(seed, 'api-fuzz');
  const int = (n: number) => Math.floor(r.next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  return { int, pick, bytes, chance: (p: number) => r.next() < p };
}

const SEGMENTS = [
  'a001046fd2271b7bed4b6abe45aa58877ef47f9721b977',
  'a001046fd2271b7bed4b6abe45aa58877ef47f9721b978',
  '0'.repeat(64),
  'latest',
  '-1',
  '18446744073709551616',
  '%00',
  '..',
  '%2e%2e%2f',
  'ünïcødé',
  '<script>',
  '__proto__',
  'constructor',
  '9'.repeat(40),
];

/** A path: one of the document's, its parameters filled with random or hostile text. */
export function fuzzPath(rng: Rng, templates: string[], valid: Record<string, string>): string {
  const template = rng.chance(0.1)
    ? `/v1/${rng.pick(SEGMENTS)}/${rng.pick(SEGMENTS)}`
    : rng.pick(templates);
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (rng.chance(0.3) && valid[name]) return valid[name] as string;
    if (rng.chance(0.1)) return 'x'.repeat(rng.int(400));
    return encodeURIComponent(rng.pick(SEGMENTS)).replace(/%25/g, '%');
  });
  if (!rng.chance(0.5)) return path;
  const keys = ['limit', 'before', 'after', 'height', 'wait', 'timeoutMs', 'x', '__proto__'];
  const values = [
    '1',
    '0',
    '-5',
    '999999999',
    'committed',
    'pooled',
    '1.2',
    '',
    '%ff',
    '50',
    '1.0',
  ];
  const query = Array.from(
    { length: 1 + rng.int(3) },
    () => `${rng.pick(keys)}=${rng.pick(values)}`,
  );
  return `${path}?${query.join('&')}`;
}

function randomJson(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 3 ? 4 : 7)) {
    case 0:
      return rng.int(1e9) - 5e8;
    case 1:
      return rng.pick(['', 'a', 'zz', '00', 'AAAA', '0x0a', '\u0000', 'é'.repeat(10)]);
    case 2:
      return rng.pick([null, true, false, 1e308, -0]);
    case 3:
      return Buffer.from(rng.bytes(rng.int(64))).toString(rng.chance(0.5) ? 'hex' : 'base64');
    case 4:
      return Array.from({ length: rng.int(5) }, () => randomJson(rng, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rng.int(4) }, () => [
          rng.pick(['transactions', 'op', 'topic', 'id', 'hash', 'addresses', '__proto__', 'x']),
          randomJson(rng, depth + 1),
        ]),
      );
  }
}

/** A signed transaction with some bytes flipped, cut or appended. */
export function mutate(rng: Rng, valid: Uint8Array): Uint8Array {
  const out = Uint8Array.from(valid);
  switch (rng.int(3)) {
    case 0:
      for (let i = 0; i < 1 + rng.int(4); i++) out[rng.int(out.length)] = rng.int(256);
      return out;
    case 1:
      return out.subarray(0, rng.int(out.length));
    default:
      return Uint8Array.from([...out, ...rng.bytes(1 + rng.int(8))]);
  }
}

/** A request body and its content type. */
export function fuzzBody(
  rng: Rng,
  valid: Uint8Array[],
): { body: string | Uint8Array; type: string } {
  const tx = () => {
    const base = rng.pick(valid);
    const bytes = rng.chance(0.7) ? mutate(rng, base) : base;
    return Buffer.from(bytes).toString(rng.chance(0.5) ? 'hex' : 'base64');
  };
  switch (rng.int(8)) {
    case 0:
      return { body: JSON.stringify(randomJson(rng)), type: 'application/json' };
    case 1:
      return {
        body: JSON.stringify({ transactions: Array.from({ length: 1 + rng.int(5) }, tx) }),
        type: 'application/json',
      };
    case 2: {
      const text = JSON.stringify({ transactions: [tx()] });
      return { body: text.slice(0, rng.int(text.length)), type: 'application/json' };
    }
    case 3:
      return { body: rng.bytes(rng.int(300)), type: 'application/x-protobuf' };
    case 4:
      return { body: mutate(rng, rng.pick(valid)), type: 'application/x-protobuf' };
    case 5:
      return { body: '['.repeat(1 + rng.int(5000)), type: 'application/json' };
    case 6:
      return {
        body: JSON.stringify(randomJson(rng)),
        type: rng.pick([
          'text/html',
          'multipart/form-data',
          '',
          'application/json; charset=latin1',
          'application/xml',
        ]),
      };
    default:
      return {
        body: JSON.stringify({ transactions: Array.from({ length: 1100 }, () => '00') }),
        type: 'application/json',
      };
  }
}

/** A WebSocket frame: random JSON, a broken or valid-looking message, or binary. */
export function fuzzFrame(rng: Rng, valid: { hash: string; address: string }): string | Uint8Array {
  switch (rng.int(6)) {
    case 0:
      return JSON.stringify(randomJson(rng));
    case 1:
      return rng.bytes(rng.int(200));
    case 2:
      return JSON.stringify({
        op: 'subscribe',
        topic: rng.pick(['headers', 'transaction', 'accounts', 'x']),
        hash: rng.pick([valid.hash, 'zz', 5]),
        addresses: rng.pick([[valid.address], [], ['x'], 'a']),
      });
    case 3:
      return JSON.stringify({
        id: randomJson(rng),
        op: rng.pick(['ping', 'unsubscribe', 'subscribe']),
        subscription: rng.pick(['s1', 's2', '', 7]),
      });
    case 4: {
      const text = JSON.stringify({
        op: 'subscribe',
        topic: 'accounts',
        addresses: [valid.address],
      });
      return text.slice(0, rng.int(text.length));
    }
    default:
      return JSON.stringify({ op: 'subscribe', topic: 'headers', id: rng.int(100) });
  }
}
