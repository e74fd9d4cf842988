// Block sync (proto/sync.proto): the status and blocks protocols served from ledger.db, and
// syncToHead, which fetches, verifies (light-client/verify) and commits blocks from peers.
export {
  type DroppedPeer,
  type SyncChain,
  type SyncOutcome,
  type SyncProgress,
  type SyncRequester,
  type SyncToHeadOptions,
  type SyncVerifyOptions,
  syncToHead,
} from './sync-client.ts';
export { PENALISED_SYNC_CODES, SyncError, SyncErrorCode } from './sync-error.ts';
export { type PeerStatus, readBlocks, readStatus } from './sync-responses.ts';
export {
  createSyncServer,
  DEFAULT_MAX_BLOCKS_PER_RESPONSE,
  DEFAULT_MAX_RESPONSE_BYTES,
  EARLIEST_SERVED_HEIGHT,
  type SyncHandler,
  type SyncServer,
  type SyncServerComponents,
  type SyncServerOptions,
} from './sync-server.ts';
export {
  decodeSyncRequest,
  decodeSyncResponse,
  encodeBlocksRequest,
  encodeStatusRequest,
  MAX_SYNC_REQUEST_BYTES,
  SyncProtocol,
  type SyncProtocolName,
  storedBlockHash,
  storedHeaderBytes,
} from './sync-wire.ts';
