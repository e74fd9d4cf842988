// The node's HTTP API (docs/api.md) over fetch. Every failure is an ApiError with the API's code
// (API_*), or API_UNREACHABLE when no answer came, so the UI can always show a code.
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 0) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

export type SubmitResult = {
  hash: string | null;
  status: 'pooled' | 'committed' | 'failed' | 'refused' | 'timeout';
  error_code: string | null;
  error_desc: string;
  height?: string;
  result?: string;
};

export type ApiBalance = { issuer: string; code: string; amount: string };
export type ApiReading = {
  sequence: string;
  timeMs: string;
  exportedWh: string;
  importedWh: string;
};
export type ApiAccount = {
  address: string;
  nonce: string;
  role: string;
  creator: string;
  realName: string;
  supplyStatus: string;
  balances: ApiBalance[];
  meters: { meterId: string; triggerWh: string; lastReading: ApiReading | null }[];
};
export type ApiEvent = { contract: string; topic: string; data: string };
export type ApiTransaction = {
  hash: string;
  status: 'committed';
  height: string;
  blockTimeMs: string;
  transaction: { source: string; nonce: string; operations: Record<string, unknown>[] };
  receipt: { result: string; events: ApiEvent[]; output: string };
};
export type ApiStatus = { chainId: string; height: string; addresses: string[] };

export type ApiClient = ReturnType<typeof createApiClient>;

const TIMEOUT_MS = 20_000;

export function createApiClient(baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, '');

  async function request<T>(path: string, init: RequestInit = {}, timeoutMs = TIMEOUT_MS) {
    let answer: Response;
    try {
      answer = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new ApiError('API_UNREACHABLE', (error as Error).message);
    }
    const text = await answer.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      const code = answer.ok ? 'API_MALFORMED_ANSWER' : `HTTP_${answer.status}`;
      throw new ApiError(code, text.slice(0, 200), answer.status);
    }
    if (!answer.ok) {
      const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiError(
        error?.code ?? `HTTP_${answer.status}`,
        error?.message ?? '',
        answer.status,
      );
    }
    return body as T;
  }

  return {
    status: () => request<ApiStatus>('/v1/status'),
    block: (height: string) =>
      request<{ hash: string; header: { timeMs: string } }>(`/v1/blocks/${height}`),
    validators: () =>
      request<{
        since: string;
        validators: { address: string; publicKey: string; votingPower: string }[];
      }>('/v1/validators'),
    account: (address: string) =>
      request<{ height: string; account: ApiAccount }>(`/v1/accounts/${address}`),
    transactionsOf: (address: string, limit = 50) =>
      request<{ items: { hash: string; height: string; result: string }[] }>(
        `/v1/accounts/${address}/transactions?limit=${limit}`,
      ),
    transaction: (hash: string) => request<ApiTransaction>(`/v1/transactions/${hash}`),
    /** Submits one signed transaction and waits until it is in a block (or refused). */
    async submitCommitted(signedHex: string): Promise<SubmitResult> {
      const body = await request<{ results: SubmitResult[] }>(
        '/v1/transactions?wait=committed&timeoutMs=20000',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ transactions: [signedHex] }),
        },
        30_000,
      );
      const result = body.results[0];
      if (!result) throw new ApiError('API_MALFORMED_ANSWER', 'no result');
      return result;
    },
  };
}
