// Building a block from executed transactions, and reading a stored one back for replay.
import type { HashAlgorithm } from '../../assembly/bindings/crypto.ts';
import {
  type DecodedTransaction,
  decodeSignedTransaction,
} from '../../light-client/transactions/index.ts';
import { decodeCanonical, encodeCanonical, longToBigint, pvchain } from '../../proto/index.ts';
import type { AdmittedTransaction } from '../ledger/execute-transaction.ts';
import { blockHash, encodeHeader, type HeaderFields } from './block-header.ts';

const v1 = pvchain.v1;

export type SealedBlock = {
  height: bigint;
  hash: Uint8Array;
  /** The canonical CommittedBlock: what ledger.db stores and block sync serves. */
  bytes: Uint8Array;
  commit: pvchain.v1.CommitCertificate.$Properties | null;
};

/** Protobuf field `field` of wire type LEN holding `bytes`: tag, length varint, bytes. */
function lengthDelimited(field: number, bytes: Uint8Array): Uint8Array[] {
  const head = [(field << 3) | 2];
  for (let n = bytes.length; ; n >>>= 7) {
    if (n < 0x80) {
      head.push(n);
      break;
    }
    head.push((n & 0x7f) | 0x80);
  }
  return [Uint8Array.from(head), bytes];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export type AssembledBlock = { height: bigint; hash: Uint8Array; blockBytes: Uint8Array };

/**
 * The canonical Block. The encoding is written from parts that are canonical already (the
 * header, the admitted envelopes, the certificate), field by field in number order, so it is the
 * canonical encoding without re-encoding thousands of transactions (checked by decodeCanonical
 * on every replay).
 */
export function assembleBlock(
  alg: HashAlgorithm,
  header: HeaderFields,
  transactions: readonly { decoded: DecodedTransaction }[],
  lastCommit: pvchain.v1.CommitCertificate.$Properties | null,
): AssembledBlock {
  const headerBytes = encodeHeader(header);
  const blockBytes = concat([
    ...lengthDelimited(1, headerBytes),
    ...transactions.flatMap((tx) => lengthDelimited(2, tx.decoded.envelopeBytes)),
    ...(lastCommit ? lengthDelimited(3, encodeCanonical(v1.CommitCertificate, lastCommit)) : []),
  ]);
  return { height: header.height, hash: blockHash(alg, headerBytes), blockBytes };
}

/** The canonical CommittedBlock of an assembled block and its commit certificate. */
export function withCommit(
  block: AssembledBlock,
  commit: pvchain.v1.CommitCertificate.$Properties | null,
): SealedBlock {
  const bytes = concat([
    ...lengthDelimited(1, block.blockBytes),
    ...(commit ? lengthDelimited(2, encodeCanonical(v1.CommitCertificate, commit)) : []),
  ]);
  return { height: block.height, hash: block.hash, bytes, commit };
}

/** Assembles the block and its certificate; `certify` signs for the block hash. */
export async function sealBlock(
  alg: HashAlgorithm,
  header: HeaderFields,
  transactions: readonly { decoded: DecodedTransaction }[],
  lastCommit: pvchain.v1.CommitCertificate.$Properties | null,
  certify: (
    blockHash: Uint8Array,
  ) =>
    | Promise<pvchain.v1.CommitCertificate.$Properties | null>
    | pvchain.v1.CommitCertificate.$Properties
    | null,
): Promise<SealedBlock> {
  const block = assembleBlock(alg, header, transactions, lastCommit);
  return withCommit(block, await certify(block.hash));
}

export type StoredBlock = {
  header: pvchain.v1.BlockHeader;
  height: bigint;
  transactions: AdmittedTransaction[];
  commit: pvchain.v1.CommitCertificate | null;
};

/**
 * Reads a block from ledger.db for replay. Its transactions were verified when the block was
 * committed, so their signing keys are taken as they are.
 */
export function readStoredBlock(
  bytes: Uint8Array,
  options: {
    chainId: string;
    hash: HashAlgorithm;
    addressOf: (publicKey: Uint8Array) => Uint8Array;
  },
): StoredBlock {
  const committed = decodeCanonical(v1.CommittedBlock, bytes);
  const block = committed.block as pvchain.v1.Block;
  const header = block.header as pvchain.v1.BlockHeader;
  const transactions = block.transactions.map((signed) => {
    const decoded = decodeSignedTransaction(encodeCanonical(v1.SignedTransaction, signed), options);
    return {
      decoded,
      signerAddresses: decoded.signatures.map((s) => options.addressOf(s.publicKey)),
    };
  });
  return {
    header,
    height: longToBigint(header.height),
    transactions,
    commit: (committed.commit as pvchain.v1.CommitCertificate) ?? null,
  };
}
