// Events: appended to the transaction's receipt when the call succeeds.
import * as env from './env';

/**
 * Emits an event: an ASCII topic of 1-32 characters (e.g. `trade`) and its data (at most
 * 4 KiB, 256 events per call). The topic is copied into a static buffer, so this allocates
 * nothing.
 */
export function emit(topic: string, data: Uint8Array): void {
  const buffer = memory.data(32);
  const n = topic.length;
  assert(n > 0 && n <= 32, 'an event topic is 1-32 characters');
  for (let i = 0; i < n; i++) store<u8>(buffer + <usize>i, <u8>topic.charCodeAt(i));
  env.emit(buffer, n, data.dataStart, data.length);
}
