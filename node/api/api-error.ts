// The API's errors: one stable code per cause, each with its HTTP status. Every error answer is
// `{ "error": { "code", "message" } }`; the codes are the table of docs/api.md and never change
// meaning (new ones are added).
export const ApiErrorCode = {
  /** No route for this method and path. */
  NOT_FOUND: 'API_NOT_FOUND',
  /** A path parameter, query parameter or body field is not what the route expects. */
  INVALID_PARAMETER: 'API_INVALID_PARAMETER',
  /** The body is not JSON (or not the protobuf the content type names). */
  MALFORMED_BODY: 'API_MALFORMED_BODY',
  /** The body is larger than the server's limit. */
  BODY_TOO_LARGE: 'API_BODY_TOO_LARGE',
  /** The body's content type is neither JSON nor protobuf. */
  UNSUPPORTED_MEDIA_TYPE: 'API_UNSUPPORTED_MEDIA_TYPE',
  /** Too many requests (or WebSocket messages) from this client; retry after a while. */
  RATE_LIMITED: 'API_RATE_LIMITED',
  /** A request of some other kind the server refuses (headers, method, URL). */
  BAD_REQUEST: 'API_BAD_REQUEST',
  /** The browser origin is not allowed (WebSocket upgrade). */
  ORIGIN_FORBIDDEN: 'API_ORIGIN_FORBIDDEN',
  ACCOUNT_NOT_FOUND: 'API_ACCOUNT_NOT_FOUND',
  BLOCK_NOT_FOUND: 'API_BLOCK_NOT_FOUND',
  TRANSACTION_NOT_FOUND: 'API_TRANSACTION_NOT_FOUND',
  /** The address is not a grid account. */
  GRID_NOT_FOUND: 'API_GRID_NOT_FOUND',
  /** The state of that height is no longer (or not yet) kept. */
  HEIGHT_UNAVAILABLE: 'API_HEIGHT_UNAVAILABLE',
  /** The node stopped producing blocks, or is stopping. */
  UNAVAILABLE: 'API_UNAVAILABLE',
  /** A bug: the server's fault, logged. */
  INTERNAL: 'API_INTERNAL',
} as const;

export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

export const STATUS_OF: Readonly<Record<ApiErrorCode, number>> = {
  API_NOT_FOUND: 404,
  API_INVALID_PARAMETER: 400,
  API_MALFORMED_BODY: 400,
  API_BODY_TOO_LARGE: 413,
  API_UNSUPPORTED_MEDIA_TYPE: 415,
  API_RATE_LIMITED: 429,
  API_BAD_REQUEST: 400,
  API_ORIGIN_FORBIDDEN: 403,
  API_ACCOUNT_NOT_FOUND: 404,
  API_BLOCK_NOT_FOUND: 404,
  API_TRANSACTION_NOT_FOUND: 404,
  API_GRID_NOT_FOUND: 404,
  API_HEIGHT_UNAVAILABLE: 404,
  API_UNAVAILABLE: 503,
  API_INTERNAL: 500,
};

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly statusCode: number;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.statusCode = STATUS_OF[code];
  }

  toJSON(): { error: { code: ApiErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Fastify's own error codes, mapped to ours (any other 4xx is API_BAD_REQUEST). */
const FASTIFY_CODES: Readonly<Record<string, ApiErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ApiErrorCode.BODY_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ApiErrorCode.BAD_REQUEST,
  FST_ERR_CTP_EMPTY_JSON_BODY: ApiErrorCode.MALFORMED_BODY,
  FST_ERR_CTP_INVALID_JSON_BODY: ApiErrorCode.MALFORMED_BODY,
  FST_ERR_CTP_EMPTY_TYPE: ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_TYPE: ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_BAD_URL: ApiErrorCode.BAD_REQUEST,
  FST_ERR_MAX_PARAM_LENGTH: ApiErrorCode.NOT_FOUND,
};

/** Any error thrown while serving a request, as the ApiError to answer with. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const e = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  const message = typeof e?.message === 'string' ? e.message : 'unexpected error';
  const mapped = typeof e?.code === 'string' ? FASTIFY_CODES[e.code] : undefined;
  if (mapped) return new ApiError(mapped, message);
  // JSON.parse's SyntaxError from the body parser carries 400.
  if (error instanceof SyntaxError) return new ApiError(ApiErrorCode.MALFORMED_BODY, message);
  if (status === 429) return new ApiError(ApiErrorCode.RATE_LIMITED, message);
  if (status === 413) return new ApiError(ApiErrorCode.BODY_TOO_LARGE, message);
  if (status === 415) return new ApiError(ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, message);
  if (status >= 400 && status < 500) return new ApiError(ApiErrorCode.BAD_REQUEST, message);
  return new ApiError(ApiErrorCode.INTERNAL, 'internal error');
}
