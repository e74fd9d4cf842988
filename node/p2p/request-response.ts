// Request-response protocols /pvchain/<chain>/<name>/1: the client opens a stream and writes one
// length-prefixed request; the server answers with one length-prefixed frame whose first byte is a
// status (OK, or why it refused) and closes. Both sides bound sizes and time.
import type { Connection, Libp2p, Stream } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { type LengthPrefixedStream, lpStream } from '@libp2p/utils';
import { ResponseStatus, statusFrame } from '../../light-client/client/response-frame.ts';
import { P2PError, type P2PErrorCode } from './p2p-error.ts';
import type { RequestOptions } from './types.ts';

// The status frame is the light client's too (the browser transport reads it).
export { ResponseStatus };

const REMOTE_CODES: Record<number, P2PErrorCode> = {
  [ResponseStatus.REQUEST_TOO_LARGE]: 'P2P_REQUEST_TOO_LARGE',
  [ResponseStatus.RESPONSE_TOO_LARGE]: 'P2P_RESPONSE_TOO_LARGE',
  [ResponseStatus.HANDLER_ERROR]: 'P2P_REMOTE_ERROR',
  [ResponseStatus.TIMEOUT]: 'P2P_TIMEOUT',
};

export type RequestHandler = (request: Uint8Array, from: string) => Promise<Uint8Array>;

export type RequestResponseOptions = { maxMessageBytes: number; requestTimeoutMs: number };

export type RequestResponseComponents = {
  libp2p: Pick<Libp2p, 'handle' | 'unhandle' | 'dialProtocol'>;
  penalise(peerId: string, reason: string, amount?: number): void;
  log(message: string, error?: unknown): void;
};

export type RequestResponse = {
  handle(protocol: string, handler: RequestHandler): Promise<void>;
  request(
    peerId: string,
    protocol: string,
    request: Uint8Array,
    options?: RequestOptions,
  ): Promise<Uint8Array>;
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const errorName = (error: unknown) => (error instanceof Error ? error.name : '');
function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  // A stream that closes under a pending operation rejects it with its close event.
  if (error instanceof Event) {
    const cause = (error as Event & { error?: unknown }).error;
    return cause instanceof Error ? cause : new Error(`the stream ended (${error.type})`);
  }
  return new Error(String(error));
}

/** Resolves as `promise` does, or rejects when `signal` aborts first. */
function race<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function createRequestResponse(
  options: RequestResponseOptions,
  components: RequestResponseComponents,
): RequestResponse {
  const { maxMessageBytes, requestTimeoutMs } = options;
  const { libp2p, penalise, log } = components;

  async function reply(
    stream: Stream,
    lp: LengthPrefixedStream<Stream>,
    status: ResponseStatus,
    body: Uint8Array,
  ): Promise<void> {
    try {
      const signal = AbortSignal.timeout(requestTimeoutMs);
      await lp.write(statusFrame(status, body), { signal });
      await stream.close({ signal });
    } catch (error) {
      stream.abort(asError(error));
    }
  }

  async function serve(handler: RequestHandler, stream: Stream, connection: Connection) {
    const from = connection.remotePeer.toString();
    const lp = lpStream(stream, { maxDataLength: maxMessageBytes });
    const signal = AbortSignal.timeout(requestTimeoutMs);
    let request: Uint8Array;
    try {
      request = (await lp.read({ signal })).slice();
    } catch (error) {
      if (errorName(error) !== 'InvalidDataLengthError') return stream.abort(asError(error));
      penalise(from, 'oversized request', 10);
      const message = `the request exceeds ${maxMessageBytes} bytes`;
      return reply(stream, lp, ResponseStatus.REQUEST_TOO_LARGE, encoder.encode(message));
    }
    let response: Uint8Array;
    try {
      response = await race(handler(request, from), signal);
    } catch (error) {
      if (signal.aborted)
        return reply(stream, lp, ResponseStatus.TIMEOUT, encoder.encode('timed out'));
      log(`request handler for ${stream.protocol} failed`, error);
      const code = (error as { code?: unknown } | null)?.code;
      const body = typeof code === 'string' ? code.slice(0, 100) : '';
      return reply(stream, lp, ResponseStatus.HANDLER_ERROR, encoder.encode(body));
    }
    if (!(response instanceof Uint8Array)) {
      return reply(stream, lp, ResponseStatus.HANDLER_ERROR, encoder.encode(''));
    }
    if (response.length > maxMessageBytes) {
      log(`response of ${response.length} bytes to ${stream.protocol} refused`);
      const message = `the response exceeds ${maxMessageBytes} bytes`;
      return reply(stream, lp, ResponseStatus.RESPONSE_TOO_LARGE, encoder.encode(message));
    }
    return reply(stream, lp, ResponseStatus.OK, response);
  }

  function parse(protocol: string, frame: Uint8Array): Uint8Array {
    const status = frame[0];
    if (status === ResponseStatus.OK) return frame.subarray(1);
    const code = status === undefined ? undefined : REMOTE_CODES[status];
    if (!code) throw new P2PError('P2P_PROTOCOL_VIOLATION', `unknown response status ${status}`);
    const text = decoder.decode(frame.subarray(1, 257));
    const meta = {
      remote: true,
      protocol,
      ...(code === 'P2P_REMOTE_ERROR' ? { remoteCode: text } : {}),
    };
    throw new P2PError(code, `${protocol}: the remote answered ${text || code}`, meta);
  }

  async function request(
    peerId: string,
    protocol: string,
    bytes: Uint8Array,
    opts: RequestOptions = {},
  ): Promise<Uint8Array> {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('a request must be bytes');
    if (bytes.length > maxMessageBytes) {
      throw new P2PError('P2P_REQUEST_TOO_LARGE', `${bytes.length} > ${maxMessageBytes} bytes`, {
        sizeBytes: bytes.length,
        maxMessageBytes,
      });
    }
    const timeoutMs = opts.timeoutMs ?? requestTimeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
    let stream: Stream | undefined;
    let done = false;
    try {
      stream = await libp2p.dialProtocol(peerIdFromString(peerId), protocol, { signal });
      const lp = lpStream(stream, { maxDataLength: maxMessageBytes + 1 });
      // Read while writing: a server that refuses an oversized request answers before it is sent.
      const response = lp.read({ signal });
      response.catch(() => {});
      const sent = lp.write(bytes, { signal }).then(() => stream?.close({ signal }));
      sent.catch(() => {});
      const frame = (await response).slice();
      done = true;
      return parse(protocol, frame);
    } catch (error) {
      if (error instanceof P2PError) throw error;
      const meta = { peerId, protocol };
      if (opts.signal?.aborted) throw new P2PError('P2P_ABORTED', `${protocol}: aborted`, meta);
      if (timeout.aborted) {
        throw new P2PError('P2P_TIMEOUT', `${protocol}: no response in ${timeoutMs} ms`, meta);
      }
      if (errorName(error) === 'UnsupportedProtocolError') {
        throw new P2PError(
          'P2P_UNSUPPORTED_PROTOCOL',
          `${peerId} does not serve ${protocol}`,
          meta,
        );
      }
      if (errorName(error) === 'InvalidDataLengthError') {
        penalise(peerId, 'oversized response', 10);
        const message = `${protocol}: the response exceeds ${maxMessageBytes} bytes`;
        throw new P2PError('P2P_RESPONSE_TOO_LARGE', message, meta);
      }
      throw new P2PError('P2P_STREAM_FAILED', `${protocol}: ${asError(error).message}`, {
        ...meta,
        cause: error,
      });
    } finally {
      if (!done) stream?.abort(new Error('request failed'));
    }
  }

  return {
    async handle(protocol, handler) {
      await libp2p.handle(protocol, (stream, connection) => serve(handler, stream, connection), {
        force: true,
      });
    },
    request,
  };
}
