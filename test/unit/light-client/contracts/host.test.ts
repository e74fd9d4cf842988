import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AssetRef,
  createMemoryLedger,
  HOST_GAS,
  invokeContract,
  prepareContract,
  TransferStatus,
} from '../../../../light-client/contracts/index.ts';
import { wat } from '../../../support/wat.ts';

const addr = (n: number): Uint8Array => new Uint8Array(23).fill(n);
const SELF = addr(1);
const CALLER = addr(2);
const GRID = addr(3);
const OTHER = addr(4);
const KWH: AssetRef = { issuer: GRID, code: 'kWh' };

// Memory layout of the test module: 0..23 from, 32..55 issuer, 64 "kWh", 96..119 to,
// 128.. input, 512.. scratch. Every export reads its arguments from the input.
const MODULE = `(module
  (import "env" "input_length" (func $input_length (result i32)))
  (import "env" "input_read" (func $input_read (param i32)))
  (import "env" "output_write" (func $output_write (param i32 i32)))
  (import "env" "caller" (func $caller (param i32)))
  (import "env" "transfer" (func $transfer (param i32 i32 i32 i32 i32 i64) (result i32)))
  (import "env" "storage_read" (func $storage_read (param i32 i32 i32 i32) (result i32)))
  (import "env" "storage_write" (func $storage_write (param i32 i32 i32 i32)))
  (import "env" "storage_delete" (func $storage_delete (param i32 i32)))
  (import "env" "emit" (func $emit (param i32 i32 i32 i32)))
  (import "env" "meter_read" (func $meter_read (param i32 i32 i32) (result i32)))
  (import "env" "block_height" (func $block_height (result i64)))
  (memory (export "memory") 1 1)
  (data (i32.const 64) "kWh")
  (data (i32.const 80) "note")
  ;; input: from(23) issuer(23) to(23) amount(8) -> output: status (4 bytes)
  (func (export "pay")
    (call $input_read (i32.const 128))
    (i32.store (i32.const 512)
      (call $transfer (i32.const 128) (i32.const 151) (i32.const 64) (i32.const 3)
        (i32.const 174) (i64.load (i32.const 197))))
    (call $output_write (i32.const 512) (i32.const 4)))
  ;; input: the value to store under "note"; emits it; outputs the caller
  (func (export "note")
    (call $input_read (i32.const 128))
    (call $storage_write (i32.const 80) (i32.const 4) (i32.const 128) (call $input_length))
    (call $emit (i32.const 80) (i32.const 4) (i32.const 128) (call $input_length))
    (call $caller (i32.const 512))
    (call $output_write (i32.const 512) (i32.const 23)))
  (func (export "read_note")
    (i32.store (i32.const 514) (call $storage_read (i32.const 80) (i32.const 4) (i32.const 512) (i32.const 2)))
    (call $output_write (i32.const 512) (i32.const 6)))
  (func (export "drop_note") (call $storage_delete (i32.const 80) (i32.const 4)))
  ;; input: meter id; output: found flag then the 102-byte record
  (func (export "meter")
    (call $input_read (i32.const 128))
    (i32.store (i32.const 508) (call $meter_read (i32.const 128) (call $input_length) (i32.const 512)))
    (call $output_write (i32.const 508) (i32.const 106)))
  (func (export "height") (i64.store (i32.const 512) (call $block_height))
    (call $output_write (i32.const 512) (i32.const 8)))
  (func (export "wild") (call $output_write (i32.const 65530) (i32.const 100)))
  (func (export "note_then_fail")
    (call $storage_write (i32.const 80) (i32.const 4) (i32.const 64) (i32.const 3))
    (unreachable)))`;

const module = prepareContract(wat(MODULE));

function call(
  entry: string,
  input: Uint8Array,
  extra: Partial<Parameters<typeof invokeContract>[0]> = {},
) {
  const ledger = extra.ledger ?? createMemoryLedger();
  return invokeContract({
    module,
    entry,
    input,
    caller: CALLER,
    self: SELF,
    height: 42n,
    timeMs: 1_700_000_000_000n,
    gasLimit: 1_000_000n,
    ...extra,
    ledger,
  });
}

function payInput(from: Uint8Array, to: Uint8Array, amount: bigint): Uint8Array {
  const input = new Uint8Array(77);
  input.set(from, 0);
  input.set(GRID, 23);
  input.set(to, 46);
  new DataView(input.buffer).setBigUint64(69, amount, true);
  return input;
}
const statusOf = (output: Uint8Array) =>
  new DataView(output.buffer, output.byteOffset).getInt32(0, true);

describe('contract host', () => {
  it('refuses a module importing a function outside the host API', () => {
    const bad = '(module (import "env" "clock" (func)) (memory (export "memory") 1 1))';
    assert.throws(() => prepareContract(wat(bad)), { code: 'CONTRACT_IMPORT' });
    assert.throws(() => prepareContract(wat('(module (memory 1 1))')), { code: 'CONTRACT_EXPORT' });
  });

  it('moves the contract’s own funds and the treasury’s, and nobody else’s', () => {
    const ledger = createMemoryLedger();
    for (const a of [SELF, CALLER, GRID, OTHER]) ledger.setBalance(a, KWH, 1_000n);
    const own = call('pay', payInput(SELF, OTHER, 300n), { ledger });
    assert.equal(own.kind, 'ok');
    assert.equal(statusOf(own.output), TransferStatus.OK);
    const stranger = call('pay', payInput(CALLER, OTHER, 1n), { ledger });
    assert.equal(statusOf(stranger.output), TransferStatus.NOT_AUTHORISED);
    const treasury = call('pay', payInput(GRID, CALLER, 5n), { ledger, treasury: GRID });
    assert.equal(statusOf(treasury.output), TransferStatus.OK);
    assert.deepEqual(
      [SELF, CALLER, GRID, OTHER].map((a) => ledger.balanceOf(a, KWH)),
      [700n, 1_005n, 995n, 1_300n],
    );
  });

  it('lets an allowance be used up, and only to its destination', () => {
    const ledger = createMemoryLedger();
    for (const a of [CALLER, OTHER, SELF]) ledger.setBalance(a, KWH, 1_000n);
    const attempts = [
      [payInput(CALLER, OTHER, 60n), TransferStatus.OK],
      [payInput(CALLER, SELF, 10n), TransferStatus.NOT_AUTHORISED],
      [payInput(CALLER, OTHER, 41n), TransferStatus.NOT_AUTHORISED],
      [payInput(CALLER, OTHER, 0n), TransferStatus.INVALID],
      [payInput(OTHER, OTHER, 1n), TransferStatus.INVALID],
    ] as const;
    // One call per attempt would renew the allowance: chain them in one ledger with a fresh call
    // each, passing what is left.
    let left = 100n;
    for (const [input, expected] of attempts) {
      const result = call('pay', input, {
        ledger,
        allowances: [{ owner: CALLER, asset: KWH, amount: left, to: OTHER }],
      });
      assert.equal(statusOf(result.output), expected);
      if (expected === TransferStatus.OK) left -= 60n;
    }
    assert.equal(ledger.balanceOf(CALLER, KWH), 940n);
    assert.equal(ledger.balanceOf(OTHER, KWH), 1_060n);
  });

  it('reports insufficient balance and unknown destinations, keeping the allowance', () => {
    const ledger = createMemoryLedger();
    ledger.setBalance(SELF, KWH, 10n);
    assert.equal(
      statusOf(call('pay', payInput(SELF, OTHER, 5n), { ledger }).output),
      TransferStatus.NO_DESTINATION,
    );
    ledger.createAccount(OTHER);
    assert.equal(
      statusOf(call('pay', payInput(SELF, OTHER, 11n), { ledger }).output),
      TransferStatus.INSUFFICIENT_BALANCE,
    );
  });

  it('stores, reads, deletes, emits and knows its caller, charging the schedule', () => {
    const ledger = createMemoryLedger();
    const noted = call('note', new TextEncoder().encode('hello'), { ledger });
    assert.equal(noted.kind, 'ok');
    assert.deepEqual(noted.output, CALLER);
    assert.deepEqual(noted.events, [
      { topic: new TextEncoder().encode('note'), data: new TextEncoder().encode('hello') },
    ]);
    const read = call('read_note', new Uint8Array(0), { ledger });
    assert.deepEqual([...read.output], [...new TextEncoder().encode('he'), 5, 0, 0, 0]);
    call('drop_note', new Uint8Array(0), { ledger });
    const gone = call('read_note', new Uint8Array(0), { ledger });
    assert.equal(new DataView(gone.output.buffer, gone.output.byteOffset).getInt32(2, true), -1);
    // Host gas is part of gasUsed: storage_delete of a 4-byte key costs 100 + 1,000 + 4.
    const dropped = call('drop_note', new Uint8Array(0), { ledger });
    assert.ok(dropped.gasUsed >= HOST_GAS.call + HOST_GAS.storageDelete + 4n);
    assert.ok(dropped.gasUsed < HOST_GAS.call + HOST_GAS.storageDelete + 4n + 100n);
  });

  it('shows a registered meter and reports an unknown one', () => {
    const ledger = createMemoryLedger();
    ledger.setMeter('M-1', {
      household: OTHER,
      grid: GRID,
      triggerWh: 100_000n,
      sequence: 7n,
      timeMs: 9n,
      exportedWh: 123_456n,
      importedWh: 789n,
      previousImportedWh: 700n,
    });
    const found = call('meter', new TextEncoder().encode('M-1'), { ledger }).output;
    const view = new DataView(found.buffer, found.byteOffset);
    assert.equal(view.getInt32(0, true), 1);
    assert.deepEqual(found.subarray(4, 27), OTHER);
    assert.deepEqual(found.subarray(27, 50), GRID);
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((i) => view.getBigUint64(50 + 8 * i, true)),
      [100_000n, 7n, 9n, 123_456n, 789n, 700n],
    );
    const missing = call('meter', new TextEncoder().encode('M-2'), { ledger }).output;
    assert.equal(new DataView(missing.buffer, missing.byteOffset).getInt32(0, true), 0);
  });

  it('passes the block height, traps on a pointer out of bounds, drops a failed call’s output', () => {
    const height = call('height', new Uint8Array(0));
    assert.equal(
      new DataView(height.output.buffer, height.output.byteOffset).getBigUint64(0, true),
      42n,
    );
    const wild = call('wild', new Uint8Array(0));
    assert.equal(wild.kind, 'trap');
    assert.match(wild.kind === 'trap' ? wild.message : '', /out of bounds/);
    const failed = call('note_then_fail', new Uint8Array(0));
    assert.equal(failed.kind, 'trap');
    assert.deepEqual(failed.events, []);
  });

  it('ends with out of gas when host calls exhaust it', () => {
    const result = call('note', new Uint8Array(100), { gasLimit: 2_000n });
    assert.equal(result.kind, 'out_of_gas');
    assert.equal(result.gasUsed, 2_000n);
  });
});
