// The answer frame of the request-response protocols /pvchain/<chain>/<name>/1 (ADR 0012), shared
// by the full node (node/p2p/request-response.ts) and the browser's transport: one
// length-prefixed frame whose first byte is a status, then the body (the response when OK, the
// reason otherwise).

export const ResponseStatus = {
  OK: 0,
  REQUEST_TOO_LARGE: 1,
  RESPONSE_TOO_LARGE: 2,
  HANDLER_ERROR: 3,
  TIMEOUT: 4,
} as const;
export type ResponseStatus = (typeof ResponseStatus)[keyof typeof ResponseStatus];

/** The frame's bytes: the status, then `body`. */
export function statusFrame(status: ResponseStatus, body: Uint8Array): Uint8Array {
  const frame = new Uint8Array(1 + body.length);
  frame[0] = status;
  frame.set(body, 1);
  return frame;
}

export type ParsedFrame =
  | { status: typeof ResponseStatus.OK; body: Uint8Array }
  | { status: Exclude<ResponseStatus, 0>; reason: string }
  | { status: 'unknown'; byte: number | undefined };

const decoder = new TextDecoder();

/** A frame's status and body; the reason text of a refusal is cut at 256 bytes. */
export function parseResponseFrame(frame: Uint8Array): ParsedFrame {
  const status = frame[0];
  if (status === ResponseStatus.OK) return { status, body: frame.subarray(1) };
  if (status !== undefined && status >= 1 && status <= 4)
    return {
      status: status as Exclude<ResponseStatus, 0>,
      reason: decoder.decode(frame.subarray(1, 257)),
    };
  return { status: 'unknown', byte: status };
}
