// What the API reads from ledger.db: committed blocks with their certificates, transactions with
// their receipts, and the transactions of an address, as JSON views. Decoded blocks are kept in a
// small cache: a block's transactions are usually asked for together.
import { type HashAlgorithm, hash } from '../../assembly/bindings/crypto.ts';
import { decodeCanonical, encodeCanonical, pvchain } from '../../proto/index.ts';
import type { LedgerStore, TransactionLocation } from '../chain/ledger-store.ts';
import { addressText, enumName, hex, protoToJson, resultName, u64 } from './json-values.ts';
import { certificateView, headerView, receiptView } from './views.ts';

const v1 = pvchain.v1;
const CACHED_BLOCKS = 16;

type DecodedBlock = {
  height: bigint;
  hash: Uint8Array;
  header: pvchain.v1.BlockHeader;
  transactions: pvchain.v1.SignedTransaction[];
  transactionHashes: Uint8Array[];
  lastCommit: pvchain.v1.CommitCertificate | null;
  commit: pvchain.v1.CommitCertificate | null;
};

export type LedgerReader = ReturnType<typeof createLedgerReader>;

export function createLedgerReader(
  opts: { hash: HashAlgorithm },
  components: { ledger: LedgerStore },
) {
  const { ledger } = components;
  const cache = new Map<bigint, DecodedBlock>();

  async function block(height: bigint): Promise<DecodedBlock | undefined> {
    const cached = cache.get(height);
    if (cached) return cached;
    const bytes = await ledger.blockAt(height);
    if (!bytes) return undefined;
    const committed = decodeCanonical(v1.CommittedBlock, bytes);
    const b = committed.block as pvchain.v1.Block;
    const header = b.header as pvchain.v1.BlockHeader;
    const decoded: DecodedBlock = {
      height,
      hash: hash(opts.hash, encodeCanonical(v1.BlockHeader, header)),
      header,
      transactions: b.transactions as pvchain.v1.SignedTransaction[],
      transactionHashes: b.transactions.map((t) => hash(opts.hash, t.transaction as Uint8Array)),
      lastCommit: (b.lastCommit as pvchain.v1.CommitCertificate) ?? null,
      commit: (committed.commit as pvchain.v1.CommitCertificate) ?? null,
    };
    cache.set(height, decoded);
    if (cache.size > CACHED_BLOCKS) cache.delete(cache.keys().next().value as bigint);
    return decoded;
  }

  const receiptAt = async (at: TransactionLocation): Promise<pvchain.v1.Receipt | undefined> => {
    const bytes = await ledger.receipt(at);
    return bytes && decodeCanonical(v1.Receipt, bytes);
  };

  return {
    block,

    async blockView(height: bigint) {
      const b = await block(height);
      if (!b) return undefined;
      return {
        height: u64(b.height),
        hash: hex(b.hash),
        header: headerView(b.header),
        transactions: b.transactions.map((t, i) => {
          const tx = v1.Transaction.decode(t.transaction);
          return {
            hash: hex(b.transactionHashes[i]),
            source: addressText(tx.source),
            nonce: u64(tx.nonce),
          };
        }),
        lastCommit: certificateView(b.lastCommit),
        commit: certificateView(b.commit),
      };
    },

    heightOf: (blockHash: Uint8Array) => ledger.heightOf(blockHash),

    async transactionView(transactionHash: Uint8Array) {
      const at = await ledger.locate(transactionHash);
      if (!at) return undefined;
      const b = await block(at.height);
      const signed = b?.transactions[at.index];
      const receipt = await receiptAt(at);
      if (!b || !signed || !receipt) return undefined;
      const tx = v1.Transaction.decode(signed.transaction);
      return {
        hash: hex(transactionHash),
        status: 'committed' as const,
        height: u64(at.height),
        index: at.index,
        blockHash: hex(b.hash),
        blockTimeMs: u64(b.header.timeMs),
        transaction: {
          chainId: tx.chainId,
          source: addressText(tx.source),
          nonce: u64(tx.nonce),
          operations: tx.operations.map((op) => ({
            ...(protoToJson(op) as Record<string, unknown>),
            type: enumName(v1.OperationType, op.type ?? 0, 'OPERATION_TYPE_'),
          })),
          metadata: hex(tx.metadata),
          gasLimit: u64(tx.gasLimit),
          expiryHeight: u64(tx.expiryHeight),
        },
        signatures: signed.signatures.map((s) => ({
          publicKey: hex(s.publicKey),
          signature: hex(s.signature),
        })),
        receipt: receiptView(receipt),
        envelope: Buffer.from(encodeCanonical(v1.SignedTransaction, signed)).toString('base64'),
      };
    },

    /** The receipt of a committed transaction, with its height. */
    async outcome(transactionHash: Uint8Array) {
      const at = await ledger.locate(transactionHash);
      if (!at) return undefined;
      const receipt = await receiptAt(at);
      return receipt && { height: at.height, receipt };
    },

    async addressTransactions(address: Uint8Array, limit: number, before?: TransactionLocation) {
      const found = await ledger.transactionsOf(address, { limit: limit + 1, before });
      const page = found.slice(0, limit);
      const items = [];
      for (const at of page) {
        const receipt = await receiptAt(at);
        items.push({
          hash: hex(receipt?.transactionHash),
          height: u64(at.height),
          index: at.index,
          result: resultName(receipt?.result ?? 0),
        });
      }
      const last = page.at(-1);
      return { items, next: found.length > limit && last ? `${last.height}.${last.index}` : null };
    },
  };
}
