/**
 * Samples of every top-level message kind of pvchain (and every body of every envelope),
 * with realistic values, for the round-trip tests.
 */
import {
  bigintToLong,
  decodeCanonical,
  encodeCanonical,
  type MessageClass,
  pvchain,
  typeNameOf,
  U64_MAX,
} from '../../../proto/index.ts';
import {
  ALICE,
  block,
  bytes,
  CHAIN_ID,
  CONTRACT,
  certificate,
  consensusBodies,
  ENERGY,
  GENESIS,
  GRID,
  hash,
  header,
  MONEY,
  operations,
  permissions,
  publicKey,
  reading,
  signature,
  signedTransaction,
  transaction,
  txBytes,
  validators,
} from './samples.ts';

const v1 = pvchain.v1;
const u64 = (value: bigint) => bigintToLong(value);

const account: pvchain.v1.Account.$Properties = {
  address: ALICE,
  nonce: u64(17n),
  role: v1.AccountRole.ACCOUNT_ROLE_HOUSEHOLD,
  balances: [
    { asset: MONEY, amount: u64(123_456n) },
    { asset: ENERGY, amount: u64(U64_MAX) },
  ],
  permissions,
  metadata: [{ key: 'tariff', value: bytes(4, 1), version: u64(4n) }],
  realName: '张伟',
  creator: GRID,
  supplyStatus: v1.SupplyStatus.SUPPLY_STATUS_ACTIVE,
  createdHeight: u64(12n),
};
const contractAccount: pvchain.v1.Account.$Properties = {
  address: CONTRACT,
  role: v1.AccountRole.ACCOUNT_ROLE_CONTRACT,
  creator: GRID,
  codeHash: hash(9),
  storageRoot: hash(10),
};

const signedHeader = { header, commit: certificate(2n ** 53n + 1n, 1n) };
const syncRequests: pvchain.v1.SyncRequest.$Properties[] = [
  { status: {} },
  { blocks: { startHeight: u64(1n), count: 64 } },
  { headers: { startHeight: u64(2n ** 53n + 1n), count: 1 } },
  { validatorSet: {} },
  { accountProof: { address: ALICE, height: u64(42n) } },
  { storageProof: { contract: CONTRACT, key: bytes(32, 4) } },
  { submitTransaction: { transaction: signedTransaction } },
];
const syncResponses: pvchain.v1.SyncResponse.$Properties[] = [
  {
    status: {
      chainId: CHAIN_ID,
      genesisHash: hash(0),
      height: u64(42n),
      blockHash: hash(42),
      earliestHeight: u64(1n),
    },
  },
  { blocks: { blocks: [{ block, commit: certificate(42n, 3n) }] } },
  { headers: { headers: [signedHeader] } },
  {
    validatorSet: {
      height: u64(42n),
      validatorSet: {
        validators: validators.map((a, i) => ({
          address: a,
          publicKey: publicKey(i),
          votingPower: u64(1n),
        })),
      },
    },
  },
  {
    accountProof: { height: u64(42n), account: bytes(90, 2), proof: [bytes(532, 1), bytes(83, 2)] },
  },
  // An absence proof: no account, the proof nodes show the path ends.
  { accountProof: { height: u64(42n), proof: [bytes(532, 3)] } },
  {
    storageProof: {
      height: u64(42n),
      account: bytes(120, 3),
      accountProof: [bytes(532, 4)],
      value: bytes(8, 5),
      storageProof: [bytes(200, 6), new Uint8Array(0)],
    },
  },
  { submitTransaction: { transactionHash: hash(77) } },
  {
    error: {
      code: v1.SyncErrorCode.SYNC_ERROR_CODE_REJECTED,
      message: 'nonce 16 is not 18',
      result: v1.ResultCode.RESULT_CODE_BAD_NONCE,
    },
  },
];

export interface Sample {
  name: string;
  typeName: string;
  value: unknown;
  encode(): Uint8Array;
  decode(bytes: Uint8Array): unknown;
  /** Encodes another value of the same type (e.g. the decoded one). */
  encodeOther(value: unknown): Uint8Array;
}

function sample<Props, M>(name: string, type: MessageClass<Props, M>, value: Props): Sample {
  return {
    name,
    typeName: typeNameOf(type),
    value,
    encode: () => encodeCanonical(type, value),
    decode: (b) => decodeCanonical(type, b),
    encodeOther: (other) => encodeCanonical(type, other as Props),
  };
}

const validatorSchedule = {
  current: operations[11]?.setValidators?.validatorSet ?? {},
  currentSince: u64(7n),
  next: operations[11]?.setValidators?.validatorSet ?? {},
  nextHeight: u64(42n),
};

/** Samples of every top-level message kind (and every body of every envelope). */

export const samples: Sample[] = [
  sample('transaction with every operation', v1.Transaction, transaction),
  ...operations.map((op, i) => sample(`operation ${i} (type ${op.type})`, v1.Operation, op)),
  sample('signed transaction', v1.SignedTransaction, signedTransaction),
  sample('transaction batch', v1.TransactionBatch, {
    transactions: [
      encodeCanonical(v1.SignedTransaction, signedTransaction),
      encodeCanonical(v1.SignedTransaction, { ...signedTransaction, signatures: [] }),
    ],
  }),
  sample('signing payload', v1.SigningPayload, {
    domain: v1.SigningDomain.SIGNING_DOMAIN_TRANSACTION,
    chainId: CHAIN_ID,
    body: txBytes,
  }),
  sample('block header', v1.BlockHeader, header),
  sample('block', v1.Block, block),
  sample('committed block', v1.CommittedBlock, { block, commit: certificate(42n, 3n) }),
  sample('signed header', v1.SignedHeader, signedHeader),
  sample('commit certificate', v1.CommitCertificate, certificate(42n, 3n)),
  sample('commit vote', v1.CommitVote, { height: u64(42n), blockHash: hash(42), validator: GRID }),
  ...consensusBodies.map((m, i) => sample(`consensus message ${i}`, v1.ConsensusMessage, m)),
  sample('validator set', v1.ValidatorSet, operations[11]?.setValidators?.validatorSet ?? {}),
  sample('household account', v1.Account, account),
  sample('contract account', v1.Account, contractAccount),
  sample('genesis account', v1.Account, {
    address: GENESIS,
    role: v1.AccountRole.ACCOUNT_ROLE_GENESIS,
  }),
  sample('genesis account with a validator schedule', v1.Account, {
    address: GENESIS,
    role: v1.AccountRole.ACCOUNT_ROLE_GENESIS,
    validatorSchedule: validatorSchedule,
  }),
  sample('validator schedule', v1.ValidatorSchedule, validatorSchedule),
  sample('meter', v1.Meter, {
    meterId: reading.meterId,
    publicKey: publicKey(30),
    household: ALICE,
    registeredBy: GRID,
    triggerWh: u64(100_000n),
    lastReading: reading,
    previousImportedWh: u64(12_300_000n),
  }),
  sample('signed meter reading', v1.SignedMeterReading, { reading, signature: signature(30) }),
  sample('receipt (success)', v1.Receipt, {
    transactionHash: hash(77),
    gasUsed: u64(31_337n),
    events: [{ contract: CONTRACT, topic: new TextEncoder().encode('trade'), data: bytes(40, 1) }],
  }),
  sample('receipt (failure)', v1.Receipt, {
    transactionHash: hash(78),
    result: v1.ResultCode.RESULT_CODE_INSUFFICIENT_BALANCE,
    failedOperation: 2,
  }),
  ...syncRequests.map((m, i) => sample(`sync request ${i}`, v1.SyncRequest, m)),
  ...syncResponses.map((m, i) => sample(`sync response ${i}`, v1.SyncResponse, m)),
  sample('light-client checkpoint', v1.SignedLightClientCheckpoint, {
    checkpoint: {
      height: u64(40n),
      blockHash: hash(40),
      nextValidatorsHash: hash(5),
      timeMs: u64(1n),
    },
    signatures: [{ publicKey: publicKey(1), signature: signature(1) }],
  }),
];
