// Submits the relay's transactions and keeps its nonces in order. Each new transaction takes the
// lowest free nonce. What the node answers decides what happens next:
// - admitted (or a duplicate of a pooled one): in flight;
// - the pool is full, or the nonce too far ahead: the same envelope is submitted again first
//   thing at the next tick (it keeps its nonce, so the readings stay in order), a few times;
// - the nonce was used by someone else: counted, and the next nonce is taken from the chain again;
// - anything else: counted as rejected, its readings dropped (the registers are cumulative, so the
//   next accepted reading still carries that energy) and its nonce reused.
// A submit that throws counts like a full pool. Nothing here throws at a refusal.
import type { Relay } from './relay-transactions.ts';
import type { SignedReading } from './sign-readings.ts';

export type Admission =
  | { ok: true; hash?: Uint8Array }
  | { ok: false; code: string; message: string };

export type SubmitTransactions = (envelopes: Uint8Array[]) => Promise<readonly Admission[]>;

export type SubmissionStats = {
  transactionsSubmitted: number;
  transactionsRejected: number;
  readingsSubmitted: number;
  readingsRejected: number;
  /** Refusal code -> transactions, retried ones included. */
  refusals: Record<string, number>;
};

export type Refusal = { nonce: bigint; code: string; message: string; readings: number };

const RETRY_CODES = new Set(['TX_POOL_FULL', 'TX_ACCOUNT_POOL_FULL', 'TX_NONCE_TOO_LARGE']);
const SUBMIT_FAILED = 'SUBMIT_FAILED';
const MAX_ATTEMPTS = 4;

type Outgoing = {
  nonce: bigint;
  readings: SignedReading[];
  envelope: Uint8Array;
  attempts: number;
};

export function createRelaySubmitter(
  relay: Relay,
  submit: SubmitTransactions,
  firstNonce: bigint,
  onRefusal: (refusal: Refusal) => void = () => {},
) {
  let next = firstNonce;
  const free: bigint[] = [];
  const done = new Set<bigint>();
  let contiguous = firstNonce - 1n;
  let retries: Outgoing[] = [];
  let resync = false;
  const stats: SubmissionStats = {
    transactionsSubmitted: 0,
    transactionsRejected: 0,
    readingsSubmitted: 0,
    readingsRejected: 0,
    refusals: {},
  };

  const take = (): bigint => {
    free.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const reused = free.shift();
    if (reused !== undefined) return reused;
    return next++;
  };
  const settle = (nonce: bigint): void => {
    done.add(nonce);
    while (done.has(contiguous + 1n)) done.delete(++contiguous);
  };

  function answer(item: Outgoing, admission: Admission | undefined): void {
    const result = admission ?? { ok: false, code: SUBMIT_FAILED, message: 'no answer' };
    if (result.ok || result.code === 'TX_DUPLICATE') {
      stats.transactionsSubmitted++;
      stats.readingsSubmitted += item.readings.length;
      settle(item.nonce);
      return;
    }
    stats.refusals[result.code] = (stats.refusals[result.code] ?? 0) + 1;
    const retry = RETRY_CODES.has(result.code) || result.code === SUBMIT_FAILED;
    if (retry && item.attempts < MAX_ATTEMPTS) {
      retries.push(item);
      return;
    }
    stats.transactionsRejected++;
    stats.readingsRejected += item.readings.length;
    onRefusal({
      nonce: item.nonce,
      code: result.code,
      message: result.message,
      readings: item.readings.length,
    });
    if (result.code === 'TX_NONCE_TOO_SMALL') {
      settle(item.nonce);
      resync = true;
    } else free.push(item.nonce);
  }

  return {
    stats,
    /** True once a nonce turned out to be used: call `resyncFrom` with the chain's nonce. */
    needsResync: (): boolean => resync,
    /** Continues above `chainNonce` (the relay's nonce on the chain) if it is ahead. */
    resyncFrom(chainNonce: bigint): void {
      resync = false;
      while (contiguous < chainNonce) settle(contiguous + 1n);
      if (next <= chainNonce) next = chainNonce + 1n;
      for (let i = free.length - 1; i >= 0; i--)
        if ((free[i] as bigint) <= chainNonce) free.splice(i, 1);
    },
    /** Transactions waiting to be submitted again. */
    retrying: (): number => retries.length,
    /** Nonces handed out so far: the highest. */
    lastNonce: (): bigint => next - 1n,
    /** The highest nonce up to which every transaction was admitted (or executed elsewhere). */
    lastContiguousNonce: (): bigint => contiguous,
    /** Submits the waiting retries, then one new transaction per batch of readings. */
    async send(batches: SignedReading[][]): Promise<void> {
      const outgoing: Outgoing[] = retries.map((r) => ({ ...r, attempts: r.attempts + 1 }));
      retries = [];
      for (const readings of batches) {
        const nonce = take();
        outgoing.push({
          nonce,
          readings,
          envelope: relay.transaction(nonce, readings),
          attempts: 1,
        });
      }
      if (outgoing.length === 0) return;
      let answers: readonly Admission[];
      try {
        answers = await submit(outgoing.map((o) => o.envelope));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        answers = outgoing.map(() => ({ ok: false, code: SUBMIT_FAILED, message }));
      }
      outgoing.forEach((item, i) => {
        answer(item, answers[i]);
      });
    },
  };
}

export type RelaySubmitter = ReturnType<typeof createRelaySubmitter>;
