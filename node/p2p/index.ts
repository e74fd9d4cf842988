export { peerIdFromValidatorKey } from './identity.ts';
export { P2PError, type P2PErrorCode } from './p2p-error.ts';
export {
  createP2PNode,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_PENALTY,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './p2p-node.ts';
export type {
  ConsensusSender,
  P2PNode,
  P2POptions,
  PeerEvent,
  RequestOptions,
  TransactionVerdict,
} from './types.ts';
