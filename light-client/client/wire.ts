// The light client's side of the wire (proto/sync.proto): one SyncRequest out, one SyncResponse
// back, size-checked and decoded canonically, its body the one the protocol answers with. A node
// that refuses (SyncResponse.error) throws NodeRefusal; bytes that do not decode, LIGHT_MALFORMED;
// a transport that fails or takes longer than `timeoutMs`, LIGHT_TIMEOUT or LIGHT_UNREACHABLE.
import {
  decodeCanonical,
  encodeCanonical,
  MAX_SYNC_RESPONSE_BYTES,
  ProtoError,
  pvchain,
} from '../../proto/index.ts';
import {
  LightClientErrorCode as Code,
  LightClientError,
  type LightProtocol,
  type LightTransport,
} from './types.ts';

const v1 = pvchain.v1;

/** The SyncResponse body each protocol answers with (besides `error`). */
const ANSWER_OF = {
  status: 'status',
  headers: 'headers',
  'validator-set': 'validatorSet',
  'account-proof': 'accountProof',
  'storage-proof': 'storageProof',
  'submit-tx': 'submitTransaction',
} as const satisfies Record<LightProtocol, string>;

/** Largest answer read per protocol: headers come in batches, the rest are small. */
const MAX_RESPONSE_BYTES: Record<LightProtocol, number> = {
  status: 4 * 1024,
  headers: MAX_SYNC_RESPONSE_BYTES,
  'validator-set': 1024 * 1024,
  'account-proof': 1024 * 1024,
  /** Two proofs and a value of up to 16 KiB (docs/contracts.md). */
  'storage-proof': 1024 * 1024,
  'submit-tx': 4 * 1024,
};

/** A node answered with SyncResponse.error: it did not lie, it refused (or is behind). */
export class NodeRefusal extends Error {
  readonly peer: string;
  readonly protocol: LightProtocol;
  readonly syncCode: pvchain.v1.SyncErrorCode;
  readonly result: pvchain.v1.ResultCode;
  constructor(peer: string, protocol: LightProtocol, error: pvchain.v1.ErrorResponse.$Properties) {
    const syncCode = error.code ?? v1.SyncErrorCode.SYNC_ERROR_CODE_UNSPECIFIED;
    super(`${peer} refused ${protocol}: ${v1.SyncErrorCode[syncCode]} ${error.message ?? ''}`);
    this.name = 'NodeRefusal';
    this.peer = peer;
    this.protocol = protocol;
    this.syncCode = syncCode;
    this.result = error.result ?? v1.ResultCode.RESULT_CODE_OK;
  }
}

export const isNotFound = (error: unknown): error is NodeRefusal =>
  error instanceof NodeRefusal && error.syncCode === v1.SyncErrorCode.SYNC_ERROR_CODE_NOT_FOUND;

export const isPruned = (error: unknown): error is NodeRefusal =>
  error instanceof NodeRefusal && error.syncCode === v1.SyncErrorCode.SYNC_ERROR_CODE_PRUNED;

export type AskOptions = { timeoutMs: number; signal: AbortSignal };

export type Ask = (
  peer: string,
  protocol: LightProtocol,
  request: pvchain.v1.SyncRequest.$Properties,
) => Promise<pvchain.v1.SyncResponse>;

/** Rejects once `signal` aborts: a transport that overstays its timeout cannot hang the client. */
function whenAborted(signal: AbortSignal, peer: string, protocol: LightProtocol, ms: number) {
  return new Promise<never>((_, reject) => {
    const fail = () =>
      reject(
        signal.reason instanceof LightClientError
          ? signal.reason
          : new LightClientError(Code.TIMEOUT, `${peer} did not answer ${protocol} in ${ms} ms`, {
              peer,
              protocol,
            }),
      );
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

async function exchange(
  transport: LightTransport,
  peer: string,
  protocol: LightProtocol,
  body: Uint8Array,
  options: AskOptions,
): Promise<Uint8Array> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  const signal = AbortSignal.any([timeout.signal, options.signal]);
  try {
    const answer = transport.request(peer, protocol, body, {
      timeoutMs: options.timeoutMs,
      maxResponseBytes: MAX_RESPONSE_BYTES[protocol],
      signal,
    });
    answer.catch(() => {});
    return await Promise.race([answer, whenAborted(signal, peer, protocol, options.timeoutMs)]);
  } catch (error) {
    if (error instanceof LightClientError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new LightClientError(Code.UNREACHABLE, `${peer}: ${protocol}: ${message}`, {
      peer,
      protocol,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** The asking function of one client: every request bounded by `timeoutMs` and `signal`. */
export function createAsk(transport: LightTransport, options: AskOptions): Ask {
  return async (peer, protocol, request) => {
    const body = encodeCanonical(v1.SyncRequest, request);
    const bytes = await exchange(transport, peer, protocol, body, options);
    let response: pvchain.v1.SyncResponse;
    try {
      response = decodeCanonical(v1.SyncResponse, bytes, {
        maxBytes: MAX_RESPONSE_BYTES[protocol],
      });
    } catch (error) {
      if (!(error instanceof ProtoError)) throw error;
      throw new LightClientError(Code.MALFORMED, `${peer}: ${protocol}: ${error.message}`, {
        peer,
        protocol,
        protoCode: error.code,
      });
    }
    if (response.body === 'error') throw new NodeRefusal(peer, protocol, response.error ?? {});
    if (response.body !== ANSWER_OF[protocol])
      throw new LightClientError(
        Code.MALFORMED,
        `${peer} answered ${protocol} with ${response.body ?? 'nothing'}`,
        { peer, protocol },
      );
    return response;
  };
}
