// Errors a peer or the network can cause, each with a stable code (DESIGN.md conventions).
export type P2PErrorCode =
  /** A request (here, or as the remote counted it) exceeds maxMessageBytes. */
  | 'P2P_REQUEST_TOO_LARGE'
  /** A response (here, or as the remote counted it) exceeds maxMessageBytes. */
  | 'P2P_RESPONSE_TOO_LARGE'
  /** A consensus message or transaction exceeds maxMessageBytes. */
  | 'P2P_MESSAGE_TOO_LARGE'
  /** The request did not complete in time (here, or the remote's handler did not). */
  | 'P2P_TIMEOUT'
  /** The caller's signal aborted the request. */
  | 'P2P_ABORTED'
  /** The remote does not serve this protocol. */
  | 'P2P_UNSUPPORTED_PROTOCOL'
  /** The remote's handler failed; meta.remoteCode carries its error code when it had one. */
  | 'P2P_REMOTE_ERROR'
  /** The peer could not be reached, or the stream broke. */
  | 'P2P_STREAM_FAILED'
  /** The remote's answer does not follow the protocol. */
  | 'P2P_PROTOCOL_VIOLATION'
  /** No connected peer subscribes to the topic: nothing was sent (retry later). */
  | 'P2P_NO_PEERS'
  /** The node is not started. */
  | 'P2P_NOT_STARTED';

export class P2PError extends Error {
  readonly code: P2PErrorCode;
  readonly meta: Record<string, unknown>;
  constructor(code: P2PErrorCode, message: string, meta: Record<string, unknown> = {}) {
    super(`${code}: ${message}`);
    this.name = 'P2PError';
    this.code = code;
    this.meta = meta;
  }
}
