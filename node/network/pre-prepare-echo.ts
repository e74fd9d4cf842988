// Backups echo the primary's pre-prepare (without its block) to the other validators, so that a
// primary that signs two different pre-prepares for one height and view is caught: somebody
// receives both, and the PBFT engine keeps them as evidence (ADR 0013). The canonical encoding
// writes ConsensusMessage fields in number order, so the message without its block is a prefix
// of the bytes: pre_prepare (field 1), signature (field 10), then block (field 11).
const PRE_PREPARE_TAG = (1 << 3) | 2;
const SIGNATURE_TAG = (10 << 3) | 2;
const BLOCK_TAG = (11 << 3) | 2;

/** [value, next offset] of the varint at `at`, or null past the end or beyond 32 bits. */
function varint(bytes: Uint8Array, at: number): [number, number] | null {
  let value = 0;
  for (let shift = 0; shift < 32; shift += 7) {
    if (at >= bytes.length) return null;
    const byte = bytes[at++] as number;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
  }
  return null;
}

/** The fields' end after a length-delimited field with `tag` at `at`, or null. */
function skip(bytes: Uint8Array, at: number, tag: number): number | null {
  if (bytes[at] !== tag) return null;
  const length = varint(bytes, at + 1);
  if (!length || length[1] + length[0] > bytes.length) return null;
  return length[1] + length[0];
}

/** The pre-prepare of a primary's message without its block; null for anything else. */
export function prePrepareEcho(message: Uint8Array): Uint8Array | null {
  const afterBody = skip(message, 0, PRE_PREPARE_TAG);
  if (afterBody === null) return null;
  const afterSignature = skip(message, afterBody, SIGNATURE_TAG);
  if (afterSignature === null || message[afterSignature] !== BLOCK_TAG) return null;
  return message.slice(0, afterSignature);
}

/** A pre-prepare without its block: an echo by a backup, blamed on its signer, not its relay. */
export function isEchoedPrePrepare(message: Uint8Array): boolean {
  const afterBody = skip(message, 0, PRE_PREPARE_TAG);
  if (afterBody === null) return false;
  return skip(message, afterBody, SIGNATURE_TAG) === message.length;
}
