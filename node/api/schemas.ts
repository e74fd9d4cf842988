// The JSON shapes of the API's answers, as zod schemas: the OpenAPI document is generated from
// them (openapi.ts), and the tests validate every answer against that document.
import { z } from 'zod';

/** The named schemas: components.schemas of the OpenAPI document. */
export const apiSchemas = z.registry<{ id: string }>();

export const Hex = z.string().regex(/^([0-9a-f]{2})*$/);
export const Hash = z.string().regex(/^[0-9a-f]{64}$/);
export const Address = z.string().regex(/^a001[0-9a-f]{42}$/);
/** An address, or '' where there is none. */
export const OptionalAddress = z.union([Address, z.literal('')]);
export const U64 = z.string().regex(/^(0|[1-9][0-9]{0,19})$/);

export const ErrorBody = z
  .object({
    error: z.object({ code: z.string().regex(/^API_[A-Z_]+$/), message: z.string() }).strict(),
  })
  .strict()
  .register(apiSchemas, { id: 'Error' });

const Balance = z.object({ issuer: Address, code: z.string(), amount: U64 }).strict();

/** A meter's cumulative registers (Wh); generatedWh is 0 for a meter without PV. */
const MeterReading = z
  .object({ sequence: U64, timeMs: U64, exportedWh: U64, importedWh: U64, generatedWh: U64 })
  .strict();

const Meter = z
  .object({
    meterId: z.string(),
    publicKey: Hex,
    registeredBy: OptionalAddress,
    triggerWh: U64,
    lastReading: MeterReading.nullable(),
  })
  .strict();

export const AccountView = z
  .object({
    address: Address,
    nonce: U64,
    role: z.enum(['unspecified', 'genesis', 'grid', 'household', 'contract']),
    realName: z.string(),
    creator: OptionalAddress,
    createdHeight: U64,
    supplyStatus: z.enum(['unspecified', 'active', 'suspended']),
    balances: z.array(Balance),
    metadata: z.array(z.object({ key: z.string(), value: Hex, version: U64 }).strict()),
    permissions: z
      .object({
        masterWeight: z.number().int(),
        signers: z.array(z.object({ address: Address, weight: z.number().int() }).strict()),
        txThreshold: U64,
        typeThresholds: z.array(z.object({ type: z.string(), threshold: U64 }).strict()),
      })
      .strict(),
    codeHash: Hex,
    storageRoot: Hex,
    meters: z.array(Meter),
  })
  .strict();

export const AccountResponse = z
  .object({ height: U64, account: AccountView })
  .strict()
  .register(apiSchemas, { id: 'Account' });

export const AccountProofResponse = z
  .object({
    address: Address,
    height: U64,
    stateRoot: Hash,
    /** The trie key: the chain hash of the address. */
    key: Hash,
    /** The canonical Account stored under the key; null: the proof shows it is absent. */
    value: Hex.nullable(),
    account: AccountView.nullable(),
    proof: z.array(Hex),
  })
  .strict()
  .register(apiSchemas, { id: 'AccountProof' });

export const HouseholdsPage = z
  .object({
    grid: Address,
    height: U64,
    items: z.array(AccountView),
    next: z.string().nullable(),
  })
  .strict()
  .register(apiSchemas, { id: 'HouseholdsPage' });

const Certificate = z
  .object({
    height: U64,
    view: U64,
    blockHash: Hash,
    signatures: z.array(z.object({ validator: Address, signature: Hex }).strict()),
  })
  .strict();

export const Header = z
  .object({
    version: z.number().int(),
    chainId: z.string(),
    height: U64,
    timeMs: U64,
    previousHash: Hex,
    transactionsRoot: Hex,
    receiptsRoot: Hex,
    stateRoot: Hex,
    validatorsHash: Hex,
    nextValidatorsHash: Hex,
    proposer: OptionalAddress,
    lastCommitHash: Hex,
  })
  .strict();

export const BlockResponse = z
  .object({
    height: U64,
    hash: Hash,
    header: Header,
    transactions: z.array(z.object({ hash: Hash, source: Address, nonce: U64 }).strict()),
    lastCommit: Certificate.nullable(),
    commit: Certificate.nullable(),
  })
  .strict()
  .register(apiSchemas, { id: 'Block' });

export const Receipt = z
  .object({
    result: z.string(),
    resultCode: z.number().int(),
    failedOperation: z.number().int(),
    gasUsed: U64,
    events: z.array(z.object({ contract: Address, topic: z.string(), data: Hex }).strict()),
    output: Hex,
    contractAddress: OptionalAddress,
  })
  .strict();

export const TransactionResponse = z
  .union([
    z
      .object({
        hash: Hash,
        status: z.literal('committed'),
        height: U64,
        index: z.number().int(),
        blockHash: Hash,
        blockTimeMs: U64,
        transaction: z
          .object({
            chainId: z.string(),
            source: Address,
            nonce: U64,
            operations: z.array(z.record(z.string(), z.unknown())),
            metadata: Hex,
            gasLimit: U64,
            expiryHeight: U64,
          })
          .strict(),
        signatures: z.array(z.object({ publicKey: Hex, signature: Hex }).strict()),
        receipt: Receipt,
        /** The canonical SignedTransaction, base64. */
        envelope: z.string(),
      })
      .strict(),
    z.object({ hash: Hash, status: z.literal('pending') }).strict(),
  ])
  .register(apiSchemas, { id: 'Transaction' });

export const AddressTransactionsPage = z
  .object({
    address: Address,
    items: z.array(
      z
        .object({
          hash: Hash,
          height: U64,
          index: z.number().int(),
          result: z.string(),
        })
        .strict(),
    ),
    next: z.string().nullable(),
  })
  .strict()
  .register(apiSchemas, { id: 'AddressTransactions' });

export const SubmitItem = z
  .object({
    /** The transaction hash, when the item decoded far enough to have one. */
    hash: Hash.nullable(),
    status: z.enum(['pooled', 'committed', 'failed', 'refused', 'timeout']),
    /** null when the item reached what was asked (pooled, or committed with RESULT_CODE_OK). */
    error_code: z.string().nullable(),
    error_desc: z.string(),
    height: U64.optional(),
    result: z.string().optional(),
  })
  .strict();

export const SubmitResponse = z
  .object({
    results: z.array(SubmitItem),
    success_count: z.number().int(),
    wait: z.enum(['pooled', 'committed']),
  })
  .strict()
  .register(apiSchemas, { id: 'SubmitResult' });

export const SubmitBody = z
  .object({ transactions: z.array(z.string()).min(1) })
  .strict()
  .register(apiSchemas, { id: 'SubmitRequest' });

export const ValidatorsResponse = z
  .object({
    /** The height the set signs next (head + 1). */
    height: U64,
    /** The first height this set signed (or signs). */
    since: U64,
    validatorsHash: Hash,
    validators: z.array(z.object({ address: Address, publicKey: Hash, votingPower: U64 }).strict()),
  })
  .strict()
  .register(apiSchemas, { id: 'Validators' });

export const StatusResponse = z
  .object({
    chainId: z.string(),
    mode: z.enum(['solo', 'validator']),
    validator: Address,
    height: U64,
    lastBlockHash: Hash,
    lastBlockTimeMs: U64,
    stateHeight: U64,
    view: U64,
    phase: z.string(),
    peers: z.number().int(),
    mempoolSize: z.number().int(),
    /**
     * The node's libp2p addresses, each with /p2p/<peer id>: light clients in browsers dial the
     * WebRTC-direct one (its certhash changes whenever the node restarts) or the WebSocket one.
     */
    addresses: z.array(z.string()),
  })
  .strict()
  .register(apiSchemas, { id: 'Status' });
