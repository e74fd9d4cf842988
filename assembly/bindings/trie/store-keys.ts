// Where the trie keeps things in its KVStore (account.db). One-byte bucket prefixes from the
// project's registry (node/chain/buckets.ts gives account.db the bytes from 0x20 up; these three
// belong there too, this module cannot import node/):
//   0x20 || hash          -> encoded node (every hashed node, and the root whatever its size)
//   0x21 || u64be height  -> root hash persisted at that height (the last `retainRoots` kept)
//   0x22                  -> u64be height || root hash of the last persist (the head)

export const NODE_BUCKET = 0x20;
export const ROOT_BUCKET = 0x21;
export const HEAD_KEY = new Uint8Array([0x22]);

export function nodeKey(hash: Uint8Array): Uint8Array {
  const key = new Uint8Array(33);
  key[0] = NODE_BUCKET;
  key.set(hash, 1);
  return key;
}

export function rootKey(height: number): Uint8Array {
  const key = new Uint8Array(9);
  key[0] = ROOT_BUCKET;
  new DataView(key.buffer).setBigUint64(1, BigInt(height));
  return key;
}

export function heightOfRootKey(key: Uint8Array): number {
  return Number(new DataView(key.buffer, key.byteOffset, key.byteLength).getBigUint64(1));
}

export function encodeHead(height: number, root: Uint8Array): Uint8Array {
  const value = new Uint8Array(40);
  new DataView(value.buffer).setBigUint64(0, BigInt(height));
  value.set(root, 8);
  return value;
}

export function decodeHead(value: Uint8Array): { height: number; root: Uint8Array } {
  if (value.length !== 40)
    throw new RangeError(`head record must be 40 bytes, got ${value.length}`);
  const height = Number(new DataView(value.buffer, value.byteOffset, 8).getBigUint64(0));
  return { height, root: value.slice(8) };
}

export const NODE_RANGE = {
  gte: new Uint8Array([NODE_BUCKET]),
  lt: new Uint8Array([NODE_BUCKET + 1]),
};
export const ROOT_RANGE = {
  gte: new Uint8Array([ROOT_BUCKET]),
  lt: new Uint8Array([ROOT_BUCKET + 1]),
};
