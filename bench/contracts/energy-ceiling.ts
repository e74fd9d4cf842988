// The energy contract's hot paths written as plain TypeScript: the ceiling bench/contracts
// measures the Wasm host against. `system_meter_reading`, `buy_offer` and `post_offer` of
// assembly/contracts/energy/ (settlement.ts, order-book.ts), line for line: the same storage
// records under the same keys and byte layouts (energy-records.ts), the same transfers in the
// same order through the same ContractLedger, checked by the same transfer authority (allowances,
// the treasury) the host uses, the same events and outputs, the same revert reasons. What it
// leaves out is only what Wasm adds: instantiation, gas metering, copies across the boundary.
// test/unit/bench/energy-ceiling.test.ts checks it against the contract, call by call.
import { bytesEqual, createTransferAuthority } from '../../light-client/contracts/authority.ts';
import {
  type Allowance,
  type AssetRef,
  type ContractEvent,
  type ContractLedger,
  TransferStatus,
} from '../../light-client/contracts/host-types.ts';

/** What a call sees: the fields of a ContractInvocation the energy contract uses. */
export type CeilingCall = {
  input: Uint8Array;
  caller: Uint8Array;
  self: Uint8Array;
  treasury?: Uint8Array | undefined;
  allowances?: readonly Allowance[] | undefined;
  ledger: ContractLedger;
};

export type CeilingResult =
  | { kind: 'ok'; output: Uint8Array; events: ContractEvent[] }
  | { kind: 'reverted'; reason: string; output: Uint8Array; events: ContractEvent[] }
  | { kind: 'trap'; message: string; output: Uint8Array; events: ContractEvent[] };

const CONFIG_BYTES = 55;
const OFFER_BYTES = 39;
const SETTLEMENT_BYTES = 16;
const U64_MAX = (1n << 64n) - 1n;
const u64 = (value: bigint): bigint => BigInt.asUintN(64, value);
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const CONFIG_KEY = ascii('c');
const NEXT_OFFER_ID_KEY = ascii('n');
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** How a call ends early: a revert (with its reason) or a trap. */
class Stop {
  readonly kind: 'reverted' | 'trap';
  readonly message: string;
  constructor(kind: 'reverted' | 'trap', message: string) {
    this.kind = kind;
    this.message = message;
  }
}
const revert = (reason: string): never => {
  throw new Stop('reverted', reason);
};

const view = (bytes: Uint8Array): DataView =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** One call's context: transfers through the host's authority, events in order. */
class Frame {
  readonly call: CeilingCall;
  readonly ledger: ContractLedger;
  readonly events: ContractEvent[] = [];
  output: Uint8Array = new Uint8Array(0);
  private readonly authority;
  constructor(call: CeilingCall) {
    this.call = call;
    this.ledger = call.ledger;
    this.authority = createTransferAuthority(call);
  }

  /** The host's `transfer`: invalid, then authorised, then the ledger (refunded on refusal). */
  transfer(from: Uint8Array, asset: AssetRef, to: Uint8Array, amount: bigint): TransferStatus {
    if (amount === 0n || bytesEqual(from, to)) return TransferStatus.INVALID;
    const authorised = this.authority.authorise(from, asset, to, amount);
    if (authorised !== TransferStatus.OK) return authorised;
    const status = this.ledger.transfer(from, asset, to, amount);
    if (status !== TransferStatus.OK) this.authority.refund(from, asset, to, amount);
    return status;
  }

  /** The SDK's transferOrRevert, with its reasons. */
  transferOrRevert(from: Uint8Array, asset: AssetRef, to: Uint8Array, amount: bigint): void {
    const status = this.transfer(from, asset, to, amount);
    if (status !== TransferStatus.OK) revert(transferFailure(asset.code, status));
  }

  emit(topic: string, data: Uint8Array): void {
    this.events.push({ topic: ascii(topic), data });
  }

  /** The configuration record; reverts `not initialised` unless it is there. */
  config(): Config {
    const record = this.ledger.storageRead(CONFIG_KEY);
    if (record?.length !== CONFIG_BYTES) revert('not initialised');
    return parseConfig(record as Uint8Array);
  }
}

/** The SDK's transferFailure reasons, by status. */
const FAILURES: Record<number, (code: string) => string> = {
  [TransferStatus.INSUFFICIENT_BALANCE]: (code) => `insufficient ${code}`,
  [TransferStatus.NOT_AUTHORISED]: (code) => `${code} transfer not authorised`,
  [TransferStatus.NO_DESTINATION]: (code) => `${code} transfer to an unknown account`,
  [TransferStatus.OVERFLOW]: (code) => `${code} transfer would overflow the destination's balance`,
  [TransferStatus.INVALID]: (code) => `invalid ${code} transfer`,
};
const transferFailure = (code: string, status: TransferStatus): string =>
  FAILURES[status]?.(code) ?? `${code} transfer failed`;

/** The configuration (grid (23) | retail | feed-in | grid fee | trigger, u64 LE each). */
type Config = {
  grid: Uint8Array;
  kwh: AssetRef;
  cny: AssetRef;
  feedInTariff: bigint;
  gridFee: bigint;
  triggerWh: bigint;
};

function parseConfig(record: Uint8Array): Config {
  const grid = record.slice(0, 23);
  const fields = view(record);
  return {
    grid,
    kwh: { issuer: grid, code: 'kWh' },
    cny: { issuer: grid, code: 'CNY' },
    feedInTariff: fields.getBigUint64(31, true),
    gridFee: fields.getBigUint64(39, true),
    triggerWh: fields.getBigUint64(47, true),
  };
}

/** The SDK's Writer: fields appended little-endian into a record of known size. */
class Writer {
  readonly bytes: Uint8Array;
  private readonly fields: DataView;
  private at = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.fields = view(this.bytes);
  }
  raw(bytes: Uint8Array): this {
    this.bytes.set(bytes, this.at);
    this.at += bytes.length;
    return this;
  }
  u64(value: bigint): this {
    this.fields.setBigUint64(this.at, value, true);
    this.at += 8;
    return this;
  }
}

/** Exactly `count` u64 fields of the input, with the SDK Reader's reasons. */
function inputU64s(input: Uint8Array, count: number): bigint[] {
  if (input.length < 8 * count) revert('bad input: too short');
  if (input.length > 8 * count) revert('bad input: too long');
  const fields = view(input);
  return Array.from({ length: count }, (_, i) => fields.getBigUint64(8 * i, true));
}

function fenCeil(wh: bigint, fenPerKwh: bigint): bigint {
  if (fenPerKwh !== 0n && wh > U64_MAX / fenPerKwh) revert('amount too large');
  const product = wh * fenPerKwh;
  const q = product / 1000n;
  return product - q * 1000n !== 0n ? q + 1n : q;
}

function offerKey(id: bigint): Uint8Array {
  const key = new Uint8Array(9);
  key[0] = 0x6f;
  view(key).setBigUint64(1, id, false);
  return key;
}

/** The host's `meter_read` takes only valid UTF-8: anything else is an unknown meter. */
function decodeMeterId(id: Uint8Array): string {
  try {
    return utf8Strict.decode(id);
  } catch {
    return revert('unknown meter');
  }
}

/** settlement.ts `system_meter_reading` (input: the meter id). */
function systemMeterReading(frame: Frame): void {
  const id = frame.call.input;
  if (id.length < 1 || id.length > 63) revert('meter id must be 1-63 bytes');
  const key = new Uint8Array(1 + id.length);
  key[0] = 0x6d;
  key.set(id, 1);
  const meter = frame.ledger.meter(decodeMeterId(id)) ?? revert('unknown meter');
  const config = frame.config();
  const grid = config.grid;
  const kwh = config.kwh;

  const stored = frame.ledger.storageRead(key);
  const record = new Uint8Array(SETTLEMENT_BYTES);
  if (stored) record.set(stored.subarray(0, SETTLEMENT_BYTES));
  let settledWh = stored ? view(record).getBigUint64(0, true) : 0n;
  const unpaidBefore = stored ? view(record).getBigUint64(8, true) : 0n;
  let unpaidWh = unpaidBefore;
  let changed = false;

  const before = frame.ledger.balanceOf(meter.household, kwh);
  let balance = before;
  const deltaWh =
    meter.importedWh > meter.previousImportedWh ? meter.importedWh - meter.previousImportedWh : 0n;
  if (deltaWh > 0n) {
    const debit = deltaWh < balance ? deltaWh : balance;
    if (debit > 0n) {
      frame.transferOrRevert(meter.household, kwh, meter.grid, debit);
      balance -= debit;
    }
    if (debit < deltaWh) {
      unpaidWh = u64(unpaidWh + deltaWh - debit);
      changed = true;
    }
  }

  const trigger = meter.triggerWh !== 0n ? meter.triggerWh : config.triggerWh;
  const exported = meter.exportedWh;
  if (exported > settledWh && exported - settledWh >= trigger) {
    if (trigger === 0n) throw new Stop('trap', 'integer divide by zero');
    const count = (exported - settledWh) / trigger;
    const wh = count * trigger;
    frame.transferOrRevert(grid, kwh, meter.household, wh);
    settledWh += wh;
    balance = u64(balance + wh);
    changed = true;
    frame.emit(
      'triggered_trade',
      new Writer(39 + id.length).raw(meter.household).u64(wh).u64(count).raw(id).bytes,
    );
  }

  if (changed) {
    const written = new Writer(SETTLEMENT_BYTES).u64(settledWh).u64(unpaidWh).bytes;
    frame.ledger.storageWrite(key, written);
  }
  if (deltaWh > 0n && balance === 0n && (before > 0n || unpaidBefore === 0n)) {
    frame.emit('supply_cut', new Writer(23 + id.length).raw(meter.household).raw(id).bytes);
  } else if (before === 0n && balance > 0n) {
    frame.emit('supply_restored', meter.household.slice());
  }
}

/** order-book.ts `post_offer` (u64 Wh, u64 price): escrows the Wh, outputs the offer id. */
function postOffer(frame: Frame): void {
  const [wh, price] = inputU64s(frame.call.input, 2) as [bigint, bigint];
  if (wh === 0n) revert('amount must be positive');
  const config = frame.config();
  if (price < config.feedInTariff) revert('price below the feed-in tariff');
  const seller = frame.call.caller;
  const stored = frame.ledger.storageRead(NEXT_OFFER_ID_KEY);
  if (stored && stored.length !== 8) revert('storage value is not a u64');
  const id = stored ? view(stored).getBigUint64(0, true) : 1n;
  frame.transferOrRevert(seller, config.kwh, frame.call.self, wh);
  const record = new Writer(OFFER_BYTES).raw(seller).u64(wh).u64(price).bytes;
  frame.ledger.storageWrite(offerKey(id), record);
  frame.ledger.storageWrite(NEXT_OFFER_ID_KEY, new Writer(8).u64(u64(id + 1n)).bytes);
  frame.emit('offer_posted', new Writer(47).u64(id).raw(seller).u64(wh).u64(price).bytes);
  frame.output = new Writer(8).u64(id).bytes;
}

/** order-book.ts `buy_offer` (u64 id, u64 Wh): pays seller and fee, receives the escrowed Wh. */
function buyOffer(frame: Frame): void {
  const [id, wh] = inputU64s(frame.call.input, 2) as [bigint, bigint];
  if (wh === 0n) revert('amount must be positive');
  const config = frame.config();
  const key = offerKey(id);
  const stored = frame.ledger.storageRead(key);
  if (stored?.length !== OFFER_BYTES) revert('no such offer');
  const offer = (stored as Uint8Array).slice();
  const fields = view(offer);
  const seller = offer.subarray(0, 23);
  const remaining = fields.getBigUint64(23, true);
  if (wh > remaining) revert('amount exceeds what the offer has left');
  const buyer = frame.call.caller;
  if (bytesEqual(buyer, seller)) revert('the seller may not buy its own offer');
  const fen = fenCeil(wh, fields.getBigUint64(31, true));
  const fee = bytesEqual(buyer, config.grid) ? 0n : fenCeil(wh, config.gridFee);
  const before = frame.ledger.balanceOf(buyer, config.kwh);
  if (fen > 0n) frame.transferOrRevert(buyer, config.cny, seller, fen);
  if (fee > 0n) frame.transferOrRevert(buyer, config.cny, config.grid, fee);
  frame.transferOrRevert(frame.call.self, config.kwh, buyer, wh);
  fields.setBigUint64(23, remaining - wh, true);
  if (remaining === wh) frame.ledger.storageDelete(key);
  else frame.ledger.storageWrite(key, offer);
  const trade = new Writer(78).u64(id).raw(seller).raw(buyer).u64(wh).u64(fen).u64(fee).bytes;
  frame.emit('trade', trade);
  if (before === 0n) frame.emit('supply_restored', buyer.slice());
  frame.output = new Writer(16).u64(fen).u64(fee).bytes;
}

const METHODS = {
  system_meter_reading: systemMeterReading,
  post_offer: postOffer,
  buy_offer: buyOffer,
} as const;

export type CeilingMethod = keyof typeof METHODS;

/** Runs one method; like the host, a revert or trap is a result (and events are dropped). */
export function invokeCeiling(method: CeilingMethod, call: CeilingCall): CeilingResult {
  const frame = new Frame(call);
  const empty = new Uint8Array(0);
  try {
    METHODS[method](frame);
    return { kind: 'ok', output: frame.output, events: frame.events };
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return error.kind === 'reverted'
      ? { kind: 'reverted', reason: error.message, output: empty, events: [] }
      : { kind: 'trap', message: error.message, output: empty, events: [] };
  }
}
