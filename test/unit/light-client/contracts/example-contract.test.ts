import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleContractWasm } from '../../../../light-client/contracts/energy/index.ts';
import {
  CONTRACT_LIMITS,
  createMemoryLedger,
  type InvocationResult,
  invokeContract,
  type MemoryLedger,
  prepareContract,
  validateContractModule,
} from '../../../../light-client/contracts/index.ts';

const addr = (n: number): Uint8Array => new Uint8Array(23).fill(n);
const SELF = addr(1);
const OWNER = addr(2);
const OTHER = addr(3);

const module = new WebAssembly.Module(
  prepareContract(exampleContractWasm()) as Uint8Array<ArrayBuffer>,
);
const text = new TextEncoder();
const u64 = (value: bigint): Uint8Array => {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, value, true);
  return bytes;
};
const readU64 = (bytes: Uint8Array): bigint =>
  new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true);

function deployed(): { ledger: MemoryLedger; call: typeof call } {
  const ledger = createMemoryLedger();
  const call = (
    caller: Uint8Array,
    entry: string,
    input: Uint8Array = new Uint8Array(0),
  ): InvocationResult =>
    invokeContract({
      module,
      entry,
      input,
      caller,
      self: SELF,
      height: 1n,
      timeMs: 0n,
      gasLimit: 1_000_000n,
      ledger,
    });
  assert.equal(call(OWNER, 'init').kind, 'ok');
  return { ledger, call };
}

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const reason = (result: InvocationResult) =>
  result.kind === 'reverted' ? result.reason : result.kind;

describe('example contract', () => {
  it('passes the host validation', () => {
    const info = validateContractModule(exampleContractWasm(), CONTRACT_LIMITS);
    const methods = [...info.exports.keys()].filter((name) => name !== 'memory').sort();
    assert.deepEqual(methods, ['count', 'increment', 'init', 'post_note', 'read_note', 'reset']);
  });

  it('counts: increments with an event, outputs the count, refuses a zero step', () => {
    const { call } = deployed();
    assert.equal(readU64(call(OTHER, 'count').output), 0n);
    const first = call(OTHER, 'increment', u64(5n));
    assert.equal(first.kind, 'ok');
    assert.equal(readU64(first.output), 5n);
    assert.deepEqual(first.events, [
      {
        topic: text.encode('incremented'),
        data: Uint8Array.from([...OTHER, ...u64(5n)]),
      },
    ]);
    assert.equal(readU64(call(OWNER, 'increment', u64(7n)).output), 12n);
    assert.equal(readU64(call(OTHER, 'count').output), 12n);
    assert.equal(reason(call(OTHER, 'increment', u64(0n))), 'step must be positive');
    assert.equal(reason(call(OTHER, 'increment', new Uint8Array(7))), 'bad input: too short');
    assert.equal(reason(call(OTHER, 'increment', u64((1n << 64n) - 12n))), 'counter overflow');
  });

  it('only the owner resets; init runs once', () => {
    const { call } = deployed();
    call(OTHER, 'increment', u64(3n));
    assert.equal(reason(call(OTHER, 'reset')), 'only the owner may reset the counter');
    const reset = call(OWNER, 'reset');
    assert.equal(reset.kind, 'ok');
    assert.deepEqual(reset.events, [{ topic: text.encode('reset'), data: u64(3n) }]);
    assert.equal(readU64(call(OTHER, 'count').output), 0n);
    assert.equal(reason(call(OTHER, 'init')), 'already initialised');
  });

  it('keeps one note per account', () => {
    const { call, ledger } = deployed();
    assert.equal(reason(call(OTHER, 'read_note', OWNER)), 'no note');
    const posted = call(OWNER, 'post_note', text.encode('surplus at noon, 3 kWh'));
    assert.equal(posted.kind, 'ok');
    assert.deepEqual(posted.events, [{ topic: text.encode('note'), data: OWNER }]);
    assert.equal(
      new TextDecoder().decode(call(OTHER, 'read_note', OWNER).output),
      'surplus at noon, 3 kWh',
    );
    call(OWNER, 'post_note', text.encode('sold out'));
    assert.equal(new TextDecoder().decode(call(OTHER, 'read_note', OWNER).output), 'sold out');
    const long = 'x'.repeat(281);
    assert.equal(reason(call(OWNER, 'post_note', text.encode(long))), 'a note is 1-280 bytes');
    assert.equal(reason(call(OWNER, 'post_note')), 'a note is 1-280 bytes');
    assert.equal(call(OWNER, 'post_note', text.encode(long.slice(1))).kind, 'ok');
    assert.equal(reason(call(OTHER, 'read_note', new Uint8Array(22))), 'bad input: too short');
    // Storage: owner, count absent until incremented, one note per author.
    assert.deepEqual(
      [...ledger.storage.keys()].sort(),
      [`6e${hex(OWNER)}`, hex(text.encode('owner'))].sort(),
    );
  });
});
