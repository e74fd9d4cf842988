// Argument checks shared by the trie's entry points: misuse throws TypeError or RangeError.
import type { HashAlgorithm } from '../hash-kernel.ts';

/** Longest key, in bytes (assembly/trie/decode.ts MAX_KEY_BYTES). */
export const MAX_KEY_BYTES = 1024;
/** Longest value, in bytes. */
export const MAX_VALUE_BYTES = 16 * 1024 * 1024;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}

export function assertBytes(value: unknown, name: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${name} must be a Uint8Array, got ${describe(value)}`);
  }
}

export function assertKey(key: unknown, name = 'key'): asserts key is Uint8Array {
  assertBytes(key, name);
  if (key.length > MAX_KEY_BYTES) {
    throw new RangeError(`${name} is ${key.length} bytes; keys are at most ${MAX_KEY_BYTES}`);
  }
}

export function assertValue(value: unknown): asserts value is Uint8Array {
  assertBytes(value, 'value');
  if (value.length > MAX_VALUE_BYTES) {
    throw new RangeError(`value is ${value.length} bytes; values are at most ${MAX_VALUE_BYTES}`);
  }
}

export function assertRoot(root: unknown, name = 'root'): asserts root is Uint8Array {
  assertBytes(root, name);
  if (root.length !== 32) throw new RangeError(`${name} must be 32 bytes, got ${root.length}`);
}

export function assertAlgorithm(alg: unknown): asserts alg is HashAlgorithm {
  if (alg !== 'sha256' && alg !== 'sm3') {
    throw new RangeError(
      `unknown hash algorithm ${JSON.stringify(alg)}: expected "sha256" or "sm3"`,
    );
  }
}

export function toHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}
