// The relay: one account that carries the meters' signed readings to the chain. It signs each
// SubmitMeterReadings transaction with its own key and the nonce it is given. (Anyone may relay
// readings: the meters' signatures, not the relay's, make them credible.)
import { addressBytesFromPublicKey, getPublicKey } from '../../../assembly/bindings/crypto.node.ts';
import { signTransaction } from '../../../light-client/transactions/sign-transaction.ts';
import { pvchain } from '../../../proto/index.ts';
import type { SignedReading } from './sign-readings.ts';

export type Relay = {
  address: Uint8Array;
  /** A signed SubmitMeterReadings transaction carrying `readings`, with `nonce`. */
  transaction(nonce: bigint, readings: SignedReading[]): Uint8Array;
};

export function createRelay(chainId: string, secretKey: Uint8Array): Relay {
  const publicKey = getPublicKey(secretKey);
  return {
    address: addressBytesFromPublicKey(publicKey),
    transaction: (nonce, readings) =>
      signTransaction(chainId, { secretKey, publicKey }, nonce, [
        {
          type: pvchain.v1.OperationType.OPERATION_TYPE_METER_READING,
          meterReading: { readings },
        },
      ]),
  };
}

/** `items` cut into consecutive batches of at most `size`. */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be >= 1, got ${size}`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
