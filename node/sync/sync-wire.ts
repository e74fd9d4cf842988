// The wire side of block sync (proto/sync.proto): protocol names, requests and responses encoded
// canonically and decoded size first, a BlocksResponse framed from the stored CommittedBlock bytes
// without re-encoding them, and the header bytes (hence the hash) of a stored block.
import { type HashAlgorithm, hash } from '../../assembly/bindings/crypto.ts';
import {
  bigintToLong,
  decodeCanonical,
  encodeCanonical,
  MAX_SYNC_RESPONSE_BYTES,
  pvchain,
} from '../../proto/index.ts';

const v1 = pvchain.v1;

/** Protocol names: the transport serves them as /pvchain/<chain id>/<name>/1. */
export const SyncProtocol = {
  STATUS: 'status',
  BLOCKS: 'blocks',
  /** The light client's (light-handlers.ts). */
  HEADERS: 'headers',
  VALIDATOR_SET: 'validator-set',
  ACCOUNT_PROOF: 'account-proof',
  STORAGE_PROOF: 'storage-proof',
  SUBMIT_TX: 'submit-tx',
} as const;
export type SyncProtocolName = (typeof SyncProtocol)[keyof typeof SyncProtocol];

/** A request other than submit-tx is a few bytes; anything longer is refused unread. */
export const MAX_SYNC_REQUEST_BYTES = 64;

export const encodeStatusRequest = (): Uint8Array =>
  encodeCanonical(v1.SyncRequest, { status: {} });

export const encodeBlocksRequest = (startHeight: bigint, count: number): Uint8Array =>
  encodeCanonical(v1.SyncRequest, { blocks: { startHeight: bigintToLong(startHeight), count } });

/** Decodes a request, its size checked first; ProtoError when it is not canonical. */
export const decodeSyncRequest = (
  bytes: Uint8Array,
  maxBytes = MAX_SYNC_REQUEST_BYTES,
): pvchain.v1.SyncRequest => decodeCanonical(v1.SyncRequest, bytes, { maxBytes });

/** Decodes a response, its size checked first; ProtoError when it is not canonical. */
export const decodeSyncResponse = (
  bytes: Uint8Array,
  maxBytes = MAX_SYNC_RESPONSE_BYTES,
): pvchain.v1.SyncResponse => decodeCanonical(v1.SyncResponse, bytes, { maxBytes });

export const encodeErrorResponse = (code: pvchain.v1.SyncErrorCode, message: string): Uint8Array =>
  encodeCanonical(v1.SyncResponse, { error: { code, message } });

export const encodeStatusResponse = (status: pvchain.v1.StatusResponse.$Properties): Uint8Array =>
  encodeCanonical(v1.SyncResponse, { status });

function varint(n: number): number[] {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 0x80)) out.push((n % 0x80) | 0x80);
  out.push(n);
  return out;
}

/** Size of a length-delimited field of `length` bytes with a one-byte tag. */
export const framedBytes = (length: number): number => 1 + varint(length).length + length;

/**
 * SyncResponse { blocks: BlocksResponse { blocks } } from stored canonical CommittedBlocks:
 * field by field in number order, so it is the canonical encoding without decoding them.
 */
export function encodeBlocksResponse(committedBlocks: readonly Uint8Array[]): Uint8Array {
  const innerLength = committedBlocks.reduce((n, b) => n + framedBytes(b.length), 0);
  const head = [0x12, ...varint(innerLength)];
  const out = new Uint8Array(head.length + innerLength);
  out.set(head, 0);
  let offset = head.length;
  for (const block of committedBlocks) {
    const tag = [0x0a, ...varint(block.length)];
    out.set(tag, offset);
    out.set(block, offset + tag.length);
    offset += tag.length + block.length;
  }
  return out;
}

/** The LEN field with tag byte `tag` at `offset` of `bytes`: its payload and where it ends. */
function lenField(bytes: Uint8Array, offset: number, tag: number, what: string) {
  if (bytes[offset] !== tag) throw new Error(`${what}: no field with tag ${tag} at ${offset}`);
  let length = 0;
  let at = offset + 1;
  for (let shift = 1; ; shift *= 0x80) {
    const byte = bytes[at++];
    if (byte === undefined || shift > 2 ** 35) throw new Error(`${what}: bad length`);
    length += (byte & 0x7f) * shift;
    if (byte < 0x80) break;
  }
  if (at + length > bytes.length) throw new Error(`${what}: truncated`);
  return { payload: bytes.subarray(at, at + length), end: at + length };
}

/** The payload of field 1 (wire type LEN) at the start of `bytes`. */
const firstField = (bytes: Uint8Array, what: string): Uint8Array =>
  lenField(bytes, 0, 0x0a, what).payload;

/** The payload of field 2 (wire type LEN) right after field 1 at the start of `bytes`. */
const secondField = (bytes: Uint8Array, what: string): Uint8Array =>
  lenField(bytes, lenField(bytes, 0, 0x0a, what).end, 0x12, what).payload;

/** A stored CommittedBlock's header and commit certificate, decoded only when asked for. */
export function storedBlockParts(committedBlock: Uint8Array) {
  return {
    header: (): pvchain.v1.BlockHeader =>
      decodeCanonical(v1.BlockHeader, storedHeaderBytes(committedBlock)),
    commit: (): pvchain.v1.CommitCertificate =>
      decodeCanonical(v1.CommitCertificate, secondField(committedBlock, 'committed block')),
  };
}

/** The canonical header bytes inside a stored CommittedBlock (its first field's first field). */
export const storedHeaderBytes = (committedBlock: Uint8Array): Uint8Array =>
  firstField(firstField(committedBlock, 'committed block'), 'block');

/** The hash of the block stored at `height`, or undefined when there is none. */
export async function storedBlockHash(
  ledger: { blockAt(height: bigint): Promise<Uint8Array | undefined> },
  alg: HashAlgorithm,
  height: bigint,
): Promise<Uint8Array | undefined> {
  const stored = await ledger.blockAt(height);
  return stored && hash(alg, storedHeaderBytes(stored));
}
