// What the parts of bench/trie share: the data set, the two SHA-256 functions given to the peer,
// and the formatting of times and rates.
import { hash as opensslHash, randomBytes } from 'node:crypto';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

export const KEYS = 100_000;
export const VALUE_BYTES = 40;
/** Rounds of the 100,000-insert figure (the peer needs over 10 s per round). */
export const INSERT_ROUNDS = 3;

export type Entry = { key: Uint8Array; value: Uint8Array };
export type Hash = (data: Uint8Array) => Uint8Array;

export const noble: Hash = nobleSha256;
export const openssl: Hash = (data) => opensslHash('sha256', data, 'buffer');

export function entries(count: number): Entry[] {
  return Array.from({ length: count }, () => ({
    key: new Uint8Array(randomBytes(32)),
    value: new Uint8Array(randomBytes(VALUE_BYTES)),
  }));
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const rate = (perSecond: number): string =>
  perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)} M/s` : `${(perSecond / 1e3).toFixed(1)} k/s`;
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

export async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}
