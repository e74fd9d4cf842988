// The one buffer a batch travels in between the pool and a worker (transferred, not copied):
// u32 count, then per item u32 message length, then per item signature (64) || public key (32) ||
// message. Isomorphic, so the worker and the pool share it.
import type { SignedMessage } from './ed25519-verify.ts';

export function packBatch(items: readonly SignedMessage[]): ArrayBuffer {
  const size = items.reduce((n, item) => n + 4 + 96 + item.message.length, 4);
  const buffer = new ArrayBuffer(size);
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  view.setUint32(0, items.length, true);
  let offset = 4 + 4 * items.length;
  items.forEach((item, i) => {
    view.setUint32(4 + 4 * i, item.message.length, true);
    bytes.set(item.signature, offset);
    bytes.set(item.publicKey, offset + 64);
    bytes.set(item.message, offset + 96);
    offset += 96 + item.message.length;
  });
  return buffer;
}

export function unpackBatch(buffer: ArrayBuffer): SignedMessage[] {
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  const count = view.getUint32(0, true);
  const items: SignedMessage[] = [];
  let offset = 4 + 4 * count;
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(4 + 4 * i, true);
    items.push({
      signature: bytes.subarray(offset, offset + 64),
      publicKey: bytes.subarray(offset + 64, offset + 96),
      message: bytes.subarray(offset + 96, offset + 96 + length),
    });
    offset += 96 + length;
  }
  return items;
}
