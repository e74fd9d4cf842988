// Submitting a batch of signed transactions: one result per item (hash, error_code, error_desc)
// and success_count, as BubiChain answered; with ?wait=committed the answer comes once every
// admitted transaction is in a committed block, or when the wait (bounded) runs out.
import { z } from 'zod';
import { MAX_TRANSACTION_BYTES, MAX_TRANSACTION_SIGNATURES_BYTES } from '../../../proto/index.ts';
import type { ApiContext, RouteSpec } from '../api-context.ts';
import { ApiError, ApiErrorCode } from '../api-error.ts';
import type { TransactionOutcome } from '../commit-watch.ts';
import { hex, resultName, u64 } from '../json-values.ts';
import { SubmitBody, type SubmitItem, SubmitResponse } from '../schemas.ts';

type Item = z.output<typeof SubmitItem>;

const MAX_ENVELOPE_BYTES = MAX_TRANSACTION_BYTES + MAX_TRANSACTION_SIGNATURES_BYTES;
/** Base64 of the largest envelope is the longest text an item may be (hex is checked after). */
const MAX_ITEM_CHARS = 2 * MAX_ENVELOPE_BYTES + 2;

/** The bytes of one item: hex (optionally 0x-prefixed) or base64 (standard or URL-safe). */
export function decodeItem(text: unknown): Uint8Array | string {
  if (typeof text !== 'string') return 'an item must be a string of hex or base64';
  if (text.length === 0) return 'an empty item';
  if (text.length > MAX_ITEM_CHARS) return `longer than ${MAX_ITEM_CHARS} characters`;
  const h = text.startsWith('0x') ? text.slice(2) : text;
  if (h.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(h)) return new Uint8Array(Buffer.from(h, 'hex'));
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) && text.length % 4 !== 1)
    return new Uint8Array(
      Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64'),
    );
  return 'neither hex nor base64';
}

const refused = (code: string, desc: string, hash: string | null = null): Item => ({
  hash,
  status: 'refused',
  error_code: code,
  error_desc: desc,
});

export function submitRoute(ctx: ApiContext): RouteSpec {
  const { components: node, limits } = ctx;
  return {
    method: 'POST',
    path: '/v1/transactions',
    operationId: 'submitTransactions',
    summary:
      'Submits signed transactions (JSON: hex or base64 of each canonical SignedTransaction; or one SignedTransaction as application/x-protobuf). One result per item. ?wait=committed answers once they are in a block (bounded by timeoutMs).',
    query: {
      wait: {
        description: "'pooled' (default) or 'committed'",
        schema: z.enum(['pooled', 'committed']),
      },
      timeoutMs: {
        description: `with wait=committed, the longest wait in ms (default ${limits.defaultWaitMs}, at most ${limits.maxWaitMs}); items not committed by then answer status 'timeout', error_code API_WAIT_TIMEOUT`,
        schema: z.string(),
      },
    },
    body: { schema: SubmitBody, protobuf: 'pvchain.v1.SignedTransaction' },
    response: SubmitResponse,
    errors: [ApiErrorCode.UNAVAILABLE],
    async handler({ query, body, raw, closed }) {
      const wait = parseWait(query.wait);
      const timeoutMs = parseTimeout(query.timeoutMs, limits.defaultWaitMs, limits.maxWaitMs);
      const texts = raw ? [raw] : parseBody(body, limits.maxBatch);
      if (node.fatalError())
        throw new ApiError(ApiErrorCode.UNAVAILABLE, 'this node stopped producing blocks');
      const results: Item[] = new Array(texts.length);
      const envelopes: { index: number; bytes: Uint8Array }[] = [];
      texts.forEach((text, index) => {
        const bytes = text instanceof Uint8Array ? text : decodeItem(text);
        if (typeof bytes === 'string') results[index] = refused('TX_MALFORMED', bytes);
        else if (bytes.length > MAX_ENVELOPE_BYTES)
          results[index] = refused(
            'TX_TOO_LARGE',
            `${bytes.length} bytes, at most ${MAX_ENVELOPE_BYTES}`,
          );
        else envelopes.push({ index, bytes });
      });
      const answers = envelopes.length > 0 ? await node.submit(envelopes.map((e) => e.bytes)) : [];
      const admitted: { index: number; hashHex: string }[] = [];
      answers.forEach((answer, i) => {
        const { index } = envelopes[i] as { index: number };
        if (!answer.ok) {
          results[index] = refused(answer.code, answer.message);
          return;
        }
        const hashHex = hex(answer.hash);
        results[index] = { hash: hashHex, status: 'pooled', error_code: null, error_desc: '' };
        admitted.push({ index, hashHex });
      });
      ctx.watch.admitted(admitted.map((a) => a.hashHex));
      if (wait === 'committed' && admitted.length > 0) {
        const outcomes = await waitForCommits(
          ctx,
          admitted.map((a) => a.hashHex),
          timeoutMs,
          closed,
        );
        for (const { index, hashHex } of admitted)
          results[index] = committedItem(hashHex, outcomes.get(hashHex), timeoutMs);
      }
      const success = results.filter((r) => r.error_code === null).length;
      return { results, success_count: success, wait };
    },
  };
}

function committedItem(
  hashHex: string,
  outcome: TransactionOutcome | undefined,
  timeoutMs: number,
): Item {
  if (!outcome)
    return {
      hash: hashHex,
      status: 'timeout',
      error_code: 'API_WAIT_TIMEOUT',
      error_desc: `pooled, not committed within ${timeoutMs} ms`,
    };
  return {
    hash: hashHex,
    status: outcome.status,
    error_code: outcome.status === 'committed' ? null : outcome.result,
    error_desc: outcome.message,
    height: u64(outcome.height),
    result: outcome.result,
  };
}

/** Waits until every hash is committed (or left out of a block), the time is up, or the client left. */
async function waitForCommits(
  ctx: ApiContext,
  hashes: string[],
  timeoutMs: number,
  closed: AbortSignal,
): Promise<Map<string, TransactionOutcome>> {
  const outcomes = new Map<string, TransactionOutcome>();
  const cancels: (() => void)[] = [];
  let done = (): void => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const settle = (hashHex: string, outcome: TransactionOutcome) => {
    outcomes.set(hashHex, outcome);
    if (outcomes.size === hashes.length) done();
  };
  for (const hashHex of hashes) cancels.push(ctx.watch.wait(hashHex, (o) => settle(hashHex, o)));
  // A block may have been committed between admission and the waits above: ask ledger.db too.
  for (const hashHex of hashes) {
    const found = await ctx.ledger.outcome(Buffer.from(hashHex, 'hex'));
    if (found && !outcomes.has(hashHex)) {
      const ok = found.receipt.result === 0;
      const result = resultName(found.receipt.result);
      settle(hashHex, {
        status: ok ? 'committed' : 'failed',
        height: found.height,
        result,
        message: '',
      });
    }
  }
  const timer = setTimeout(done, timeoutMs);
  closed.addEventListener('abort', done, { once: true });
  await finished;
  clearTimeout(timer);
  closed.removeEventListener('abort', done);
  for (const cancel of cancels) cancel();
  return outcomes;
}

function parseWait(text: string | undefined): 'pooled' | 'committed' {
  if (text === undefined || text === 'pooled' || text === 'committed') return text ?? 'pooled';
  throw new ApiError(ApiErrorCode.INVALID_PARAMETER, "wait: expected 'pooled' or 'committed'");
}

function parseTimeout(text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^[0-9]{1,9}$/.test(text) || Number(text) > max)
    throw new ApiError(ApiErrorCode.INVALID_PARAMETER, `timeoutMs: expected 0 to ${max}`);
  return Number(text);
}

function parseBody(body: unknown, maxBatch: number): unknown[] {
  const parsed = SubmitBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw new ApiError(
      ApiErrorCode.INVALID_PARAMETER,
      `${where}: ${issue?.message ?? 'invalid'} (expected { "transactions": ["<hex or base64>", ...] })`,
    );
  }
  if (parsed.data.transactions.length > maxBatch)
    throw new ApiError(
      ApiErrorCode.INVALID_PARAMETER,
      `transactions: at most ${maxBatch} per request`,
    );
  return parsed.data.transactions;
}
