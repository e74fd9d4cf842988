// Length-prefixed frames: an unsigned LEB128 varint length, then the bytes (the framing of
// it-length-prefixed and @libp2p/utils' lpStream, so either end may use those).

/** The frame of `bytes`: varint(length) || bytes, in one allocation. */
export function encodeFrame(bytes: Uint8Array): Uint8Array {
  let length = bytes.length;
  let prefix = 1;
  for (let rest = length >>> 7; rest > 0; rest >>>= 7) prefix++;
  const frame = new Uint8Array(prefix + length);
  let i = 0;
  while (length >= 0x80) {
    frame[i++] = (length & 0x7f) | 0x80;
    length >>>= 7;
  }
  frame[i] = length;
  frame.set(bytes, prefix);
  return frame;
}
