/**
 * The host API's functions (module `env`, docs/contracts.md) for one call: each charges its gas
 * first, checks every pointer range against the contract's memory, then does its work through
 * the ContractLedger. A bad range or an oversized argument traps.
 */
import { bytesEqual, type TransferAuthority } from './authority.ts';
import {
  ADDRESS_BYTES,
  type AssetRef,
  type ContractEvent,
  type ContractLedger,
  HOST_GAS,
  HOST_LIMITS,
  METER_RECORD_BYTES,
  type MeterView,
  TransferStatus,
} from './host-types.ts';
import type { ContractHostContext, HostFunction } from './runner.ts';

export type CallFrame = {
  input: Uint8Array;
  caller: Uint8Array;
  self: Uint8Array;
  height: bigint;
  timeMs: bigint;
  ledger: ContractLedger;
  authority: TransferAuthority;
  /** Filled by the call. */
  output: Uint8Array;
  events: ContractEvent[];
};

export const HOST_API_IMPORTS = Object.freeze([
  'input_length',
  'input_read',
  'output_write',
  'revert',
  'abort',
  'caller',
  'self_address',
  'block_height',
  'block_time',
  'balance_of',
  'transfer',
  'storage_read',
  'storage_write',
  'storage_delete',
  'emit',
  'meter_read',
] as const);

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf16 = new TextDecoder('utf-16le');
const u64 = (value: bigint): bigint => BigInt.asUintN(64, value);
const i64 = (value: bigint): bigint => BigInt.asIntN(64, value);

/** Asset codes seen, by their bytes: a call names the same few codes again and again. */
const knownCodes = new Map<string, string | undefined>();

/** The asset code in `bytes` (1-12 ASCII letters and digits, a letter first), or undefined. */
function assetCode(bytes: Uint8Array): string | undefined {
  let key = '';
  for (let i = 0; i < bytes.length; i++) key += String.fromCharCode(bytes[i] as number);
  if (knownCodes.has(key)) return knownCodes.get(key);
  const code = /^[A-Za-z][A-Za-z0-9]{0,11}$/.test(key) ? key : undefined;
  if (knownCodes.size < 1024) knownCodes.set(key, code);
  return code;
}

export function createHostImports(
  ctx: ContractHostContext,
  frame: CallFrame,
): Record<string, HostFunction> {
  const memory = (): Uint8Array => ctx.memory() ?? ctx.trap('the contract exports no memory');
  const range = (ptr: number, len: number, max: number, what: string): Uint8Array => {
    const start = ptr >>> 0;
    const length = len >>> 0;
    if (length > max) ctx.trap(`${what} is ${length} bytes, more than ${max}`);
    const mem = memory();
    if (start + length > mem.length) ctx.trap(`${what} out of bounds`);
    return mem.subarray(start, start + length);
  };
  const read = (ptr: number, len: number, max: number, what: string): Uint8Array =>
    range(ptr, len, max, what).slice();
  const write = (ptr: number, bytes: Uint8Array, what: string): void => {
    range(ptr, bytes.length, bytes.length, what).set(bytes);
  };
  const charge = (base: bigint, bytes = 0): void =>
    ctx.chargeGas(HOST_GAS.call + base + HOST_GAS.perByte * BigInt(bytes));
  const address = (ptr: number, what: string) => read(ptr, ADDRESS_BYTES, ADDRESS_BYTES, what);
  const asset = (issuerPtr: number, codePtr: number, codeLen: number): AssetRef | undefined => {
    const issuer = address(issuerPtr, 'asset issuer');
    const code = assetCode(range(codePtr, codeLen, HOST_LIMITS.maxAssetCodeBytes, 'asset code'));
    return code === undefined ? undefined : { issuer, code };
  };
  const storageKey = (ptr: number, len: number): Uint8Array => {
    if (len >>> 0 === 0) ctx.trap('storage key is empty');
    return read(ptr, len, HOST_LIMITS.maxKeyBytes, 'storage key');
  };

  return {
    input_length() {
      charge(0n);
      return frame.input.length;
    },
    input_read(dst: number) {
      charge(0n, frame.input.length);
      write(dst, frame.input, 'input buffer');
    },
    output_write(src: number, len: number) {
      charge(0n, len >>> 0);
      frame.output = read(src, len, HOST_LIMITS.maxOutputBytes, 'output');
    },
    abort(msg: number, file: number, line: number, column: number) {
      ctx.revert(`${asString(msg)} (${asString(file)}:${line >>> 0}:${column >>> 0})`);
    },
    caller(dst: number) {
      charge(0n, ADDRESS_BYTES);
      write(dst, frame.caller, 'caller buffer');
    },
    self_address(dst: number) {
      charge(0n, ADDRESS_BYTES);
      write(dst, frame.self, 'address buffer');
    },
    block_height() {
      charge(0n);
      return i64(frame.height);
    },
    block_time() {
      charge(0n);
      return i64(frame.timeMs);
    },
    balance_of(account: number, issuer: number, code: number, codeLen: number) {
      charge(HOST_GAS.balanceOf, ADDRESS_BYTES * 2 + (codeLen >>> 0));
      const owner = address(account, 'account');
      const ref = asset(issuer, code, codeLen);
      return ref ? i64(frame.ledger.balanceOf(owner, ref)) : 0n;
    },
    transfer(
      from: number,
      issuer: number,
      code: number,
      codeLen: number,
      to: number,
      amount: bigint,
    ) {
      charge(HOST_GAS.transfer, ADDRESS_BYTES * 3 + (codeLen >>> 0));
      const source = address(from, 'from');
      const destination = address(to, 'to');
      const ref = asset(issuer, code, codeLen);
      const value = u64(amount);
      if (!ref || value === 0n || bytesEqual(source, destination)) return TransferStatus.INVALID;
      const authorised = frame.authority.authorise(source, ref, destination, value);
      if (authorised !== TransferStatus.OK) return authorised;
      const status = frame.ledger.transfer(source, ref, destination, value);
      if (status !== TransferStatus.OK) frame.authority.refund(source, ref, destination, value);
      return status;
    },
    storage_read(key: number, keyLen: number, dst: number, cap: number) {
      charge(HOST_GAS.storageRead, keyLen >>> 0);
      const value = frame.ledger.storageRead(storageKey(key, keyLen));
      if (!value) return -1;
      const copied = value.subarray(0, Math.min(value.length, cap >>> 0));
      charge(0n, copied.length);
      write(dst, copied, 'storage buffer');
      return value.length;
    },
    storage_write(key: number, keyLen: number, value: number, valueLen: number) {
      charge(HOST_GAS.storageWrite, (keyLen >>> 0) + (valueLen >>> 0));
      const k = storageKey(key, keyLen);
      if (valueLen >>> 0 === 0) ctx.trap('storage value is empty (use storage_delete)');
      frame.ledger.storageWrite(k, read(value, valueLen, HOST_LIMITS.maxValueBytes, 'value'));
    },
    storage_delete(key: number, keyLen: number) {
      charge(HOST_GAS.storageDelete, keyLen >>> 0);
      frame.ledger.storageDelete(storageKey(key, keyLen));
    },
    emit(topic: number, topicLen: number, data: number, dataLen: number) {
      charge(HOST_GAS.emit, (topicLen >>> 0) + (dataLen >>> 0));
      if (topicLen >>> 0 === 0) ctx.trap('event topic is empty');
      if (frame.events.length >= HOST_LIMITS.maxEventsPerCall)
        ctx.trap(`more than ${HOST_LIMITS.maxEventsPerCall} events`);
      frame.events.push({
        topic: read(topic, topicLen, HOST_LIMITS.maxTopicBytes, 'event topic'),
        data: read(data, dataLen, HOST_LIMITS.maxEventDataBytes, 'event data'),
      });
    },
    meter_read(id: number, idLen: number, dst: number) {
      charge(HOST_GAS.meterRead, (idLen >>> 0) + METER_RECORD_BYTES);
      const idBytes = read(id, idLen, HOST_LIMITS.maxMeterIdBytes, 'meter id');
      let meterId: string;
      try {
        meterId = utf8Strict.decode(idBytes);
      } catch {
        return 0;
      }
      const meter = frame.ledger.meter(meterId);
      if (!meter) return 0;
      write(dst, encodeMeterRecord(meter), 'meter buffer');
      return 1;
    },
  };

  /** An AssemblyScript string: UTF-16LE, its byte length in the u32 before it. */
  function asString(ptr: number): string {
    const start = ptr >>> 0;
    if (start === 0) return 'abort';
    const mem = memory();
    if (start < 4 || start > mem.length) return 'abort';
    const length = new DataView(mem.buffer, mem.byteOffset).getUint32(start - 4, true);
    const cut = Math.min(length, 2 * 512, mem.length - start) & ~1;
    return utf16.decode(mem.subarray(start, start + cut));
  }
}

export function encodeMeterRecord(meter: MeterView): Uint8Array {
  const record = new Uint8Array(METER_RECORD_BYTES);
  record.set(meter.household, 0);
  record.set(meter.grid, 23);
  const view = new DataView(record.buffer);
  const fields = [
    meter.triggerWh,
    meter.sequence,
    meter.timeMs,
    meter.exportedWh,
    meter.importedWh,
    meter.previousImportedWh,
  ];
  for (const [i, value] of fields.entries()) view.setBigUint64(46 + 8 * i, value, true);
  return record;
}
