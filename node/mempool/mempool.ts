// The transaction pool. Stage one, admission: the stateless checks, the signatures of everything
// admitted together batch-verified in one call (a transaction already pooled is not verified again),
// signing weight against the threshold, a nonce above the account's, no duplicate, bounded per
// account and in total. Stage two, proposal: per account the run of nonces that follows the
// account's nonce (gaps held back, stale nonces dropped, expired ones dropped), across accounts
// in order of arrival, within the block's count and byte limits.
import type { HashAlgorithm } from '../../assembly/bindings/crypto.ts';
import {
  decodeSignedTransaction,
  TransactionError,
  TransactionErrorCode,
} from '../../light-client/transactions/index.ts';
import type { AccountRecord } from '../ledger/account-record.ts';
import type { AdmittedTransaction } from '../ledger/execute-transaction.ts';
import { requiredThreshold, signatureWeight } from '../ledger/permissions.ts';
import { type AdmissionCode, PoolRefusalCode as Refusal } from './admission-error.ts';

export type SignatureItem = { signature: Uint8Array; message: Uint8Array; publicKey: Uint8Array };

export type MempoolOptions = {
  chainId: string;
  hash: HashAlgorithm;
  maxTransactions: number;
  maxPerAccount: number;
  /** How far above the account's nonce a pooled nonce may be. */
  maxNonceGap: number;
  /** Pooled transactions older than this are dropped by `expire`. */
  maxAgeMs: number;
};

export type MempoolComponents = {
  accounts: { get(address: Uint8Array): AccountRecord | undefined };
  verifyBatch(items: SignatureItem[]): boolean[] | Promise<boolean[]>;
  addressOf(publicKey: Uint8Array): Uint8Array;
  nowMs(): number;
};

export type PooledTransaction = AdmittedTransaction & {
  bytes: Uint8Array;
  hashHex: string;
  sourceHex: string;
  arrivedMs: number;
};

export type Admission =
  | { ok: true; hash: Uint8Array }
  | { ok: false; code: AdmissionCode; message: string };

export type Proposal = { height: bigint; maxCount: number; maxBytes: number };

export type Mempool = ReturnType<typeof createMempool>;

/** Lowercase hex of `bytes` (read in place, not copied). */
const toHex = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** Signers' addresses remembered by public key (a household signs many transactions). */
const MAX_CACHED_ADDRESSES = 65_536;

export function createMempool(opts: MempoolOptions, components: MempoolComponents) {
  const byHash = new Map<string, PooledTransaction>();
  /** Cumulative time spent in admission, for metrics and bench/ledger. */
  const timings = { decodeMs: 0, verifyMs: 0, placeMs: 0 };
  const byAccount = new Map<string, Map<bigint, PooledTransaction>>();

  const addresses = new Map<string, Uint8Array>();
  function addressOf(publicKey: Uint8Array): Uint8Array {
    const key = toHex(publicKey);
    let address = addresses.get(key);
    if (!address) {
      if (addresses.size >= MAX_CACHED_ADDRESSES) addresses.clear();
      address = components.addressOf(publicKey);
      addresses.set(key, address);
    }
    return address;
  }

  const refuse = (code: AdmissionCode, message: string): Admission => ({
    ok: false,
    code,
    message,
  });

  function remove(tx: PooledTransaction): void {
    byHash.delete(tx.hashHex);
    const pooled = byAccount.get(tx.sourceHex);
    pooled?.delete(tx.decoded.nonce);
    if (pooled?.size === 0) byAccount.delete(tx.sourceHex);
  }

  /** The checks that need the state and the pool, after the signatures verified. */
  function place(tx: PooledTransaction): Admission {
    const { transaction, nonce } = tx.decoded;
    const account = components.accounts.get(transaction.source);
    if (!account) return refuse(Refusal.SOURCE_NOT_FOUND, 'the source account does not exist');
    const weight = signatureWeight(account, tx.signerAddresses);
    const threshold = requiredThreshold(
      account.permissions,
      transaction.operations.map((op) => op.type ?? 0),
    );
    if (weight < threshold)
      return refuse(Refusal.INSUFFICIENT_WEIGHT, `signed weight ${weight}, threshold ${threshold}`);
    if (nonce <= account.nonce)
      return refuse(Refusal.NONCE_TOO_SMALL, `nonce ${nonce}, account is at ${account.nonce}`);
    if (nonce > account.nonce + BigInt(opts.maxNonceGap)) {
      return refuse(
        Refusal.NONCE_TOO_LARGE,
        `nonce ${nonce} is more than ${opts.maxNonceGap} above ${account.nonce}`,
      );
    }
    const pooled = byAccount.get(tx.sourceHex) ?? new Map<bigint, PooledTransaction>();
    if (byHash.has(tx.hashHex) || pooled.has(nonce))
      return refuse(Refusal.DUPLICATE, `nonce ${nonce} of this account is pooled`);
    if (pooled.size >= opts.maxPerAccount)
      return refuse(Refusal.ACCOUNT_POOL_FULL, `${opts.maxPerAccount} pooled for this account`);
    if (byHash.size >= opts.maxTransactions)
      return refuse(Refusal.POOL_FULL, `${opts.maxTransactions} pooled`);
    pooled.set(nonce, tx);
    byAccount.set(tx.sourceHex, pooled);
    byHash.set(tx.hashHex, tx);
    return { ok: true, hash: tx.decoded.hash };
  }

  return {
    /** Admits signed transactions; one answer per input, in order. */
    async admit(envelopes: Uint8Array[]): Promise<Admission[]> {
      const started = performance.now();
      const answers: Admission[] = new Array(envelopes.length);
      const candidates: { index: number; tx: PooledTransaction }[] = [];
      envelopes.forEach((bytes, index) => {
        try {
          const decoded = decodeSignedTransaction(bytes, opts);
          const hashHex = toHex(decoded.hash);
          const pooled = byHash.get(hashHex);
          if (pooled && Buffer.compare(pooled.bytes, bytes) === 0) {
            answers[index] = refuse(Refusal.DUPLICATE, 'this transaction is pooled');
            return; // its signatures were verified when it was admitted
          }
          const signerAddresses = decoded.signatures.map((s) => addressOf(s.publicKey));
          const tx = {
            decoded,
            signerAddresses,
            bytes,
            hashHex,
            sourceHex: toHex(decoded.transaction.source),
            arrivedMs: components.nowMs(),
          };
          candidates.push({ index, tx });
        } catch (error) {
          if (!(error instanceof TransactionError)) throw error;
          answers[index] = refuse(error.code, error.description);
        }
      });
      const items = candidates.flatMap(({ tx }) =>
        tx.decoded.signatures.map((s) => ({ ...s, message: tx.decoded.signingPayload })),
      );
      const decodedAt = performance.now();
      const valid = items.length > 0 ? await components.verifyBatch(items) : [];
      const verifiedAt = performance.now();
      let next = 0;
      for (const { index, tx } of candidates) {
        const count = tx.decoded.signatures.length;
        const allValid = valid.slice(next, next + count).every(Boolean);
        next += count;
        answers[index] = allValid
          ? place(tx)
          : refuse(TransactionErrorCode.BAD_SIGNATURE, 'a signature does not verify');
      }
      timings.decodeMs += decodedAt - started;
      timings.verifyMs += verifiedAt - decodedAt;
      timings.placeMs += performance.now() - verifiedAt;
      return answers;
    },

    /** Stage two: what the next block at `height` may carry, in order. */
    propose({ height, maxCount, maxBytes }: Proposal): PooledTransaction[] {
      const ready: { tx: PooledTransaction; after: number }[] = [];
      for (const pooled of [...byAccount.values()]) {
        const first = pooled.values().next().value as PooledTransaction;
        const account = components.accounts.get(first.decoded.transaction.source);
        let expected = (account?.nonce ?? 0n) + 1n;
        let after = 0;
        for (const nonce of [...pooled.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
          const tx = pooled.get(nonce) as PooledTransaction;
          const expiry = tx.decoded.expiryHeight;
          if (!account || nonce < expected || (expiry !== 0n && expiry < height)) {
            remove(tx);
            continue;
          }
          if (nonce !== expected) break;
          after = Math.max(after, tx.arrivedMs);
          ready.push({ tx, after });
          expected += 1n;
        }
      }
      ready.sort((a, b) => a.after - b.after);
      const chosen: PooledTransaction[] = [];
      const blocked = new Set<string>();
      let bytes = 0;
      for (const { tx } of ready) {
        if (chosen.length >= maxCount) break;
        if (blocked.has(tx.sourceHex) || bytes + tx.bytes.length > maxBytes) {
          blocked.add(tx.sourceHex);
          continue;
        }
        chosen.push(tx);
        bytes += tx.bytes.length;
      }
      return chosen;
    },

    /** Forgets transactions that are in a block now (or were excluded from one). */
    removeHashes(hashes: Iterable<Uint8Array>): void {
      for (const hash of hashes) {
        const tx = byHash.get(toHex(hash));
        if (tx) remove(tx);
      }
    },

    /** Drops transactions pooled longer than maxAgeMs; returns how many. */
    expire(): number {
      const cutoff = components.nowMs() - opts.maxAgeMs;
      let dropped = 0;
      for (const tx of [...byHash.values()]) {
        if (tx.arrivedMs < cutoff) {
          remove(tx);
          dropped++;
        }
      }
      return dropped;
    },

    timings: (): Readonly<typeof timings> => ({ ...timings }),
    size: (): number => byHash.size,
    has: (hash: Uint8Array): boolean => byHash.has(toHex(hash)),
    /** The pooled transaction with this hash (decoded, its signatures verified), if any. */
    lookup: (hash: Uint8Array): PooledTransaction | undefined => byHash.get(toHex(hash)),
  };
}
