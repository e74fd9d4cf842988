// An account as the ledger works on it: plain JavaScript values (bigint amounts, maps), converted
// to and from the canonical `Account` message of the state trie.
import { toBigint } from '../../light-client/transactions/field-checks.ts';
import {
  bigintToLong,
  decodeCanonical,
  encodeCanonical,
  longToBigint,
  pvchain,
} from '../../proto/index.ts';
import { decodeSchedule, encodeSchedule, type ValidatorSchedule } from './validator-schedule.ts';

const { Account, AccountRole, SupplyStatus } = pvchain.v1;

export type AccountRole = pvchain.v1.AccountRole;

export type Permissions = {
  masterWeight: number;
  /** Signer address (hex) -> weight (32-bit, at least 1). */
  signers: Map<string, number>;
  txThreshold: bigint;
  /** Operation type -> threshold that overrides txThreshold upwards for that type. */
  typeThresholds: Map<number, bigint>;
};

export type AccountRecord = {
  address: Uint8Array;
  nonce: bigint;
  role: AccountRole;
  /** Asset key (see assetKey) -> amount. Zero balances are not kept. */
  balances: Map<string, bigint>;
  permissions: Permissions;
  metadata: Map<string, { value: Uint8Array; version: bigint }>;
  realName: string;
  creator: Uint8Array;
  supplyStatus: pvchain.v1.SupplyStatus;
  createdHeight: bigint;
  /** Contracts: the chain hash of their code, and the root of their storage trie. */
  codeHash: Uint8Array;
  storageRoot: Uint8Array;
  /** Households: their registered meters by id. */
  meters: Map<string, MeterRecord>;
  /** The genesis account: validator sets SET_VALIDATORS put in place (validator-schedule.ts). */
  validatorSchedule?: ValidatorSchedule | undefined;
};

export type MeterReadingValues = {
  sequence: bigint;
  timeMs: bigint;
  exportedWh: bigint;
  importedWh: bigint;
  /** PV generation register (0 for a meter without one). */
  generatedWh: bigint;
};

export type MeterRecord = {
  meterId: string;
  publicKey: Uint8Array;
  household: Uint8Array;
  registeredBy: Uint8Array;
  triggerWh: bigint;
  lastReading: MeterReadingValues | undefined;
  previousImportedWh: bigint;
};

const EMPTY = new Uint8Array(0);

/** Lowercase hex of `bytes`, read in place (no copy). */
export const toHex = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const fromHex = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));

/** An asset is (issuer, code): the key is the issuer's address in hex, a slash, the code. */
export function assetKey(issuer: Uint8Array, code: string): string {
  return `${toHex(issuer)}/${code}`;
}

export function parseAssetKey(key: string): { issuer: Uint8Array; code: string } {
  const slash = key.indexOf('/');
  return { issuer: fromHex(key.slice(0, slash)), code: key.slice(slash + 1) };
}

export function defaultPermissions(): Permissions {
  return { masterWeight: 1, signers: new Map(), txThreshold: 1n, typeThresholds: new Map() };
}

export function createAccountRecord(
  fields: Pick<AccountRecord, 'address' | 'role'> & Partial<AccountRecord>,
): AccountRecord {
  return {
    nonce: 0n,
    balances: new Map(),
    permissions: defaultPermissions(),
    metadata: new Map(),
    realName: '',
    creator: new Uint8Array(0),
    supplyStatus:
      fields.role === AccountRole.ACCOUNT_ROLE_HOUSEHOLD
        ? SupplyStatus.SUPPLY_STATUS_SUSPENDED
        : SupplyStatus.SUPPLY_STATUS_UNSPECIFIED,
    createdHeight: 0n,
    codeHash: EMPTY,
    storageRoot: EMPTY,
    meters: new Map(),
    ...fields,
  };
}

/** A deep copy, for the journal that rolls a failed transaction back. */
export function cloneAccount(a: AccountRecord): AccountRecord {
  return {
    ...a,
    balances: new Map(a.balances),
    permissions: {
      ...a.permissions,
      signers: new Map(a.permissions.signers),
      typeThresholds: new Map(a.permissions.typeThresholds),
    },
    metadata: new Map(a.metadata),
    meters: new Map([...a.meters].map(([id, meter]) => [id, { ...meter }])),
  };
}

const sortedEntries = <V>(map: Map<string, V>): [string, V][] =>
  [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The canonical bytes stored in the trie: every list sorted, so one record has one encoding. */
export function encodeAccount(a: AccountRecord): Uint8Array {
  const p = a.permissions;
  return encodeCanonical(Account, {
    address: a.address,
    nonce: bigintToLong(a.nonce),
    role: a.role,
    balances: sortedEntries(a.balances).map(([key, amount]) => ({
      asset: parseAssetKey(key),
      amount: bigintToLong(amount),
    })),
    permissions: {
      masterWeight: p.masterWeight,
      signers: sortedEntries(p.signers).map(([hex, weight]) => ({ address: fromHex(hex), weight })),
      txThreshold: bigintToLong(p.txThreshold),
      typeThresholds: [...p.typeThresholds]
        .sort(([x], [y]) => x - y)
        .map(([type, threshold]) => ({ type, threshold: bigintToLong(threshold) })),
    },
    metadata: sortedEntries(a.metadata).map(([key, { value, version }]) => ({
      key,
      value,
      version: bigintToLong(version),
    })),
    realName: a.realName,
    creator: a.creator,
    supplyStatus: a.supplyStatus,
    createdHeight: bigintToLong(a.createdHeight),
    codeHash: a.codeHash,
    storageRoot: a.storageRoot,
    meters: sortedEntries(a.meters).map(([, meter]) => encodeMeter(meter)),
    validatorSchedule: a.validatorSchedule && encodeSchedule(a.validatorSchedule),
  });
}

export function decodeAccount(bytes: Uint8Array): AccountRecord {
  const m = decodeCanonical(Account, bytes);
  const p = m.permissions;
  return {
    address: m.address,
    nonce: longToBigint(m.nonce),
    role: m.role,
    balances: new Map(
      m.balances.map((b) => [
        assetKey(b.asset?.issuer ?? EMPTY, b.asset?.code ?? ''),
        toBigint(b.amount),
      ]),
    ),
    permissions: {
      masterWeight: p?.masterWeight ?? 0,
      signers: new Map((p?.signers ?? []).map((s) => [toHex(s.address ?? EMPTY), s.weight ?? 0])),
      txThreshold: toBigint(p?.txThreshold),
      typeThresholds: new Map(
        (p?.typeThresholds ?? []).map((t) => [t.type ?? 0, toBigint(t.threshold)]),
      ),
    },
    metadata: new Map(
      m.metadata.map((e) => [
        e.key ?? '',
        { value: e.value ?? EMPTY, version: toBigint(e.version) },
      ]),
    ),
    realName: m.realName,
    creator: m.creator,
    supplyStatus: m.supplyStatus,
    createdHeight: longToBigint(m.createdHeight),
    codeHash: m.codeHash,
    storageRoot: m.storageRoot,
    meters: new Map(m.meters.map((meter) => [meter.meterId ?? '', decodeMeter(meter)])),
    ...(m.validatorSchedule && { validatorSchedule: decodeSchedule(m.validatorSchedule) }),
  };
}

function encodeMeter(meter: MeterRecord): pvchain.v1.Meter.$Properties {
  const last = meter.lastReading;
  return {
    meterId: meter.meterId,
    publicKey: meter.publicKey,
    household: meter.household,
    registeredBy: meter.registeredBy,
    triggerWh: bigintToLong(meter.triggerWh),
    lastReading: last && {
      meterId: meter.meterId,
      sequence: bigintToLong(last.sequence),
      timeMs: bigintToLong(last.timeMs),
      exportedWh: bigintToLong(last.exportedWh),
      importedWh: bigintToLong(last.importedWh),
      generatedWh: bigintToLong(last.generatedWh),
    },
    previousImportedWh: bigintToLong(meter.previousImportedWh),
  };
}

function decodeMeter(m: pvchain.v1.Meter.$Properties): MeterRecord {
  const last = m.lastReading;
  return {
    meterId: m.meterId ?? '',
    publicKey: m.publicKey ?? EMPTY,
    household: m.household ?? EMPTY,
    registeredBy: m.registeredBy ?? EMPTY,
    triggerWh: toBigint(m.triggerWh),
    lastReading: last
      ? {
          sequence: toBigint(last.sequence),
          timeMs: toBigint(last.timeMs),
          exportedWh: toBigint(last.exportedWh),
          importedWh: toBigint(last.importedWh),
          generatedWh: toBigint(last.generatedWh),
        }
      : undefined,
    previousImportedWh: toBigint(m.previousImportedWh),
  };
}
