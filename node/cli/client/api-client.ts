// The CLI's view of a node: its HTTP JSON API (docs/api.md) at --node (default: $PVCHAIN_NODE,
// else the devnet's first validator). Errors carry the API's code, or CLI_NODE_UNREACHABLE when
// no answer came.
export const DEFAULT_NODE_URL = 'http://127.0.0.1:27201';

export class NodeApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = 'NodeApiError';
    this.code = code;
    this.status = status;
  }
}

export type ApiClient = {
  readonly url: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
};

export function createApiClient(url: string, timeoutMs = 75_000): ApiClient {
  const base = url.replace(/\/+$/, '');
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${base}/v1${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause =
        (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new NodeApiError(
        'CLI_NODE_UNREACHABLE',
        0,
        `cannot reach the node at ${base} (${cause}); is it running? (--node or PVCHAIN_NODE)`,
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new NodeApiError(
        'CLI_BAD_ANSWER',
        response.status,
        `${base} answered ${response.status} with no JSON: is it a pvchain node?`,
      );
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string } }).error;
      throw new NodeApiError(
        error?.code ?? 'CLI_BAD_ANSWER',
        response.status,
        error?.message ?? `HTTP ${response.status}`,
      );
    }
    return json as T;
  };
  return {
    url: base,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
  };
}
