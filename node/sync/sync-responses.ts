// Reading what a peer answered, trusting nothing: the size and canonical encoding first, then the
// body the protocol allows, then the fields. Every failure is a SyncError whose code says whether
// the peer is to blame (MALFORMED, WRONG_CHAIN, WITHHELD) or only busy (BUSY).
import { longToBigint, ProtoError, pvchain } from '../../proto/index.ts';
import { SyncError } from './sync-error.ts';
import { decodeSyncResponse } from './sync-wire.ts';

const { SyncErrorCode } = pvchain.v1;

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

export type PeerStatus = {
  height: bigint;
  blockHash: Uint8Array;
  earliestHeight: bigint;
};

function decode(bytes: Uint8Array): pvchain.v1.SyncResponse {
  if (!(bytes instanceof Uint8Array)) throw new SyncError('SYNC_MALFORMED', 'not bytes');
  try {
    return decodeSyncResponse(bytes);
  } catch (error) {
    if (!(error instanceof ProtoError)) throw error;
    throw new SyncError('SYNC_MALFORMED', error.message, { cause: error });
  }
}

/** The peer's error answer as a SyncError: out-of-range heights it claimed to have are withheld. */
function peerError(
  error: pvchain.v1.ErrorResponse.$Properties | null | undefined,
  claimed: boolean,
): never {
  const code = error?.code ?? SyncErrorCode.SYNC_ERROR_CODE_UNSPECIFIED;
  const name = SyncErrorCode[code] ?? String(code);
  const text = `${name}: ${(error?.message ?? '').slice(0, 200)}`;
  const missing =
    code === SyncErrorCode.SYNC_ERROR_CODE_NOT_FOUND ||
    code === SyncErrorCode.SYNC_ERROR_CODE_PRUNED;
  if (missing && claimed)
    throw new SyncError('SYNC_WITHHELD', `refused blocks it claimed: ${text}`);
  throw new SyncError('SYNC_PEER_BUSY', text);
}

/** A status answer of a peer on chain `chainId` with genesis `genesisHash`. */
export function readStatus(
  bytes: Uint8Array,
  expected: { chainId: string; genesisHash: Uint8Array },
): PeerStatus {
  const response = decode(bytes);
  if (response.body === 'error') peerError(response.error, false);
  const status = response.body === 'status' ? (response.status as pvchain.v1.StatusResponse) : null;
  if (!status) throw new SyncError('SYNC_MALFORMED', `a ${response.body} body to a status request`);
  if (status.chainId !== expected.chainId || !equalBytes(status.genesisHash, expected.genesisHash))
    throw new SyncError('SYNC_WRONG_CHAIN', `peer on chain ${JSON.stringify(status.chainId)}`);
  const height = longToBigint(status.height);
  const earliestHeight = longToBigint(status.earliestHeight);
  if (status.blockHash.length !== 32 || earliestHeight > height + 1n)
    throw new SyncError('SYNC_MALFORMED', 'an implausible status');
  return { height, blockHash: status.blockHash, earliestHeight };
}

/**
 * The blocks of an answer to BlocksRequest { start, count } from a peer that claimed to have
 * them: at least one (none is withholding), never more than asked.
 */
export function readBlocks(bytes: Uint8Array, count: number): pvchain.v1.CommittedBlock[] {
  const response = decode(bytes);
  if (response.body === 'error') peerError(response.error, true);
  const blocks = response.body === 'blocks' ? (response.blocks as pvchain.v1.BlocksResponse) : null;
  if (!blocks) throw new SyncError('SYNC_MALFORMED', `a ${response.body} body to a blocks request`);
  if (blocks.blocks.length === 0) throw new SyncError('SYNC_WITHHELD', 'no blocks');
  if (blocks.blocks.length > count)
    throw new SyncError('SYNC_MALFORMED', `${blocks.blocks.length} blocks, ${count} asked`);
  return blocks.blocks as pvchain.v1.CommittedBlock[];
}
