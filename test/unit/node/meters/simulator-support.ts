// Meters, a relay and a recording `submit` for the simulator's tests.
import {
  addressBytesFromPublicKey,
  getPublicKey,
  sha256,
} from '../../../../assembly/bindings/crypto.node.ts';
import { decodeSignedTransaction } from '../../../../light-client/transactions/index.ts';
import type { Admission, SimulatedMeter } from '../../../../node/meters/simulator/index.ts';
import { longToBigint, type pvchain } from '../../../../proto/index.ts';

export const CHAIN_ID = 'pvchain-sim-test';
export const DATE = '2025-06-21';

export const keyOf = (label: string): Uint8Array => sha256(new TextEncoder().encode(label));
export const RELAY_KEY = keyOf('relay');

/** `count` meters, every second one with PV, all under `seed`. */
export function testMeters(count: number, seed = 7): SimulatedMeter[] {
  return Array.from({ length: count }, (_, i) => {
    const secretKey = keyOf(`meter ${i}`);
    return {
      meterId: `M-${i}`,
      secretKey,
      household: addressBytesFromPublicKey(getPublicKey(keyOf(`household ${i}`))),
      kind: i % 2 === 0 ? 'pv' : 'ordinary',
      panelKwp: i % 2 === 0 ? 4 + i / 10 : 0,
      seed,
    };
  });
}

export type Submitted = {
  nonce: bigint;
  readings: pvchain.v1.ISignedMeterReading[];
  bytes: Uint8Array;
};

/** A `submit` that records what it is given and answers with `answer` (default: admitted). */
export function recordingSubmit(
  answer: (tx: Submitted, call: number) => Admission = () => ({ ok: true }),
) {
  const calls: Submitted[][] = [];
  const submit = async (envelopes: Uint8Array[]): Promise<Admission[]> => {
    const txs = envelopes.map((bytes) => {
      const decoded = decodeSignedTransaction(bytes, { chainId: CHAIN_ID, hash: 'sha256' });
      const op = decoded.transaction.operations[0];
      return { nonce: decoded.nonce, readings: op?.meterReading?.readings ?? [], bytes };
    });
    calls.push(txs);
    return txs.map((tx) => answer(tx, calls.length));
  };
  return { calls, submit, all: () => calls.flat() };
}

export const u64 = (value: unknown): bigint => longToBigint(value as number);
