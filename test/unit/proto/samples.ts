/**
 * Realistic building blocks for sample messages: a household buying energy from its
 * neighbour, blocks, PBFT traffic. sample-list.ts assembles them into the round-trip list.
 */
import { bigintToLong, encodeCanonical, pvchain, U64_MAX } from '../../../proto/index.ts';

const v1 = pvchain.v1;
const Op = v1.OperationType;
const u64 = (value: bigint) => bigintToLong(value);

/** Deterministic pseudo-random bytes. */
export function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export function address(n: number): Uint8Array {
  const a = bytes(23, n);
  a[0] = 0xa0;
  a[1] = 0x01;
  return a;
}
export const hash = (n: number) => bytes(32, 1000 + n);
export const publicKey = (n: number) => bytes(32, 2000 + n);
export const signature = (n: number) => bytes(64, 3000 + n);

export const CHAIN_ID = 'pvchain-lianhua-1';
export const GENESIS = address(0);
export const GRID = address(1);
export const ALICE = address(2);
export const BOB = address(3);
export const CONTRACT = address(9);
export const ENERGY: pvchain.v1.Asset.$Properties = { issuer: GRID, code: 'WH' };
export const MONEY: pvchain.v1.Asset.$Properties = { issuer: GRID, code: 'FEN' };

export const permissions: pvchain.v1.Permissions.$Properties = {
  masterWeight: 1,
  signers: [{ address: address(20), weight: 0xffff_ffff }],
  txThreshold: u64(1n),
  typeThresholds: [{ type: Op.OPERATION_TYPE_SET_SIGNER_WEIGHT, threshold: u64(2n) }],
};

export const reading: pvchain.v1.MeterReading.$Properties = {
  meterId: 'DDSU666-0042',
  sequence: u64(1730n),
  timeMs: u64(1_732_400_000_000n),
  exportedWh: u64(12_345_678n),
  importedWh: u64(9_876n),
};

/** One operation of every type, in OperationType order. */
export const operations: pvchain.v1.Operation.$Properties[] = [
  {
    type: Op.OPERATION_TYPE_CREATE_ACCOUNT,
    createAccount: {
      publicKey: publicKey(2),
      role: v1.AccountRole.ACCOUNT_ROLE_HOUSEHOLD,
      permissions,
      realName: '张伟',
    },
  },
  { type: Op.OPERATION_TYPE_ISSUE_ASSET, issueAsset: { code: 'WH', amount: u64(10_000_000_000n) } },
  {
    type: Op.OPERATION_TYPE_PAYMENT,
    payment: { destination: BOB, asset: ENERGY, amount: u64(1n) },
  },
  {
    type: Op.OPERATION_TYPE_SET_METADATA,
    setMetadata: { key: 'tariff', value: bytes(8, 5), expectedVersion: u64(3n) },
  },
  { type: Op.OPERATION_TYPE_SET_METADATA, setMetadata: { key: 'old', remove: true } },
  {
    type: Op.OPERATION_TYPE_SET_SIGNER_WEIGHT,
    // master weight 0 is present (a message), so it is kept: "disable the master key".
    setSignerWeight: { masterWeight: { value: 0 }, signers: [{ address: address(21), weight: 0 }] },
  },
  {
    type: Op.OPERATION_TYPE_SET_THRESHOLD,
    setThreshold: {
      txThreshold: u64(2n),
      typeThresholds: [{ type: Op.OPERATION_TYPE_PAYMENT, threshold: u64(0n) }],
    },
  },
  {
    type: Op.OPERATION_TYPE_DEPLOY_CONTRACT,
    deployContract: { code: bytes(300, 7), initInput: bytes(16, 8) },
  },
  {
    type: Op.OPERATION_TYPE_CALL_CONTRACT,
    callContract: {
      contract: CONTRACT,
      method: 'buy',
      input: bytes(12, 9),
      allowances: [{ asset: MONEY, amount: u64(2_500n) }],
    },
  },
  {
    type: Op.OPERATION_TYPE_REGISTER_METER,
    registerMeter: { meterId: reading.meterId, publicKey: publicKey(30), household: ALICE },
  },
  {
    type: Op.OPERATION_TYPE_METER_READING,
    meterReading: { readings: [{ reading, signature: signature(30) }] },
  },
  {
    type: Op.OPERATION_TYPE_SET_VALIDATORS,
    setValidators: {
      validatorSet: {
        validators: [1, 2, 3, 4].map((i) => ({
          address: address(100 + i),
          publicKey: publicKey(100 + i),
          votingPower: u64(10n),
        })),
      },
      effectiveHeight: u64(1_000n),
    },
  },
  { type: Op.OPERATION_TYPE_SET_REAL_NAME, setRealName: { realName: '李娜 (Li Na)' } },
];

export const transaction: pvchain.v1.Transaction.$Properties = {
  chainId: CHAIN_ID,
  source: ALICE,
  nonce: u64(U64_MAX),
  operations,
  metadata: new TextEncoder().encode('invoice 2024-11-0042'),
  gasLimit: u64(5_000_000n),
  expiryHeight: u64(2n ** 53n + 1n),
};

export const txBytes = encodeCanonical(v1.Transaction, transaction);
export const signedTransaction: pvchain.v1.SignedTransaction.$Properties = {
  transaction: txBytes,
  signatures: [
    { publicKey: publicKey(2), signature: signature(2) },
    { publicKey: publicKey(20), signature: signature(20) },
  ],
};

export const validators = [1, 2, 3, 4].map((i) => address(100 + i));
export const certificate = (
  height: bigint,
  view: bigint,
): pvchain.v1.CommitCertificate.$Properties => ({
  height: u64(height),
  view: u64(view),
  blockHash: hash(Number(height)),
  signatures: validators
    .slice(0, 3)
    .map((validator, i) => ({ validator, signature: signature(i) })),
});

export const header: pvchain.v1.BlockHeader.$Properties = {
  version: 1,
  chainId: CHAIN_ID,
  height: u64(2n ** 53n + 1n),
  timeMs: u64(1_732_400_000_000n),
  previousHash: hash(1),
  transactionsRoot: hash(2),
  receiptsRoot: hash(3),
  stateRoot: hash(4),
  validatorsHash: hash(5),
  nextValidatorsHash: hash(5),
  proposer: validators[0] ?? GRID,
  lastCommitHash: hash(6),
};

export const block: pvchain.v1.Block.$Properties = {
  header,
  transactions: [signedTransaction, signedTransaction],
  lastCommit: certificate(41n, 0n),
};

export const prePrepare: pvchain.v1.PrePrepare.$Properties = {
  height: u64(42n),
  view: u64(3n),
  blockHash: hash(42),
  primary: validators[3] ?? GRID,
};
export const checkpointCertificate: pvchain.v1.CheckpointCertificate.$Properties = {
  height: u64(40n),
  blockHash: hash(40),
  stateRoot: hash(140),
  signatures: validators.slice(1).map((validator, i) => ({ validator, signature: signature(i) })),
};
export const viewChange: pvchain.v1.ViewChange.$Properties = {
  newView: u64(4n),
  stableCheckpoint: checkpointCertificate,
  prepared: [
    {
      prePrepare: { prePrepare, signature: signature(50) },
      prepares: validators
        .slice(0, 2)
        .map((validator, i) => ({ validator, signature: signature(i) })),
    },
  ],
  validator: validators[1] ?? GRID,
};

export const consensusBodies: pvchain.v1.ConsensusMessage.$Properties[] = [
  { prePrepare, signature: signature(70), block },
  {
    prepare: { height: u64(42n), view: u64(3n), blockHash: hash(42), validator: validators[0] },
    signature: signature(71),
  },
  {
    commit: { height: u64(42n), view: u64(3n), blockHash: hash(42), validator: validators[2] },
    signature: signature(72),
  },
  {
    checkpoint: { height: u64(40n), blockHash: hash(40), stateRoot: hash(140), validator: GRID },
    signature: signature(73),
  },
  { viewChange, signature: signature(74) },
  {
    newView: {
      view: u64(4n),
      viewChanges: [1, 2, 3].map((i) => ({ viewChange, signature: signature(80 + i) })),
      prePrepares: [{ prePrepare: { ...prePrepare, view: u64(4n) }, signature: signature(90) }],
      primary: validators[0],
    },
    signature: signature(75),
  },
];
