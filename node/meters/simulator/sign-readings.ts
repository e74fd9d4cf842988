// A meter signs its reading over SigningPayload { SIGNING_DOMAIN_METER_READING, chain id,
// canonical(MeterReading) } (proto/meter.proto); the ledger verifies it with the registered key.
import { sign } from '../../../assembly/bindings/crypto.node.ts';
import {
  bigintToLong,
  encodeCanonical,
  encodeSigningPayload,
  pvchain,
} from '../../../proto/index.ts';
import type { PlainReading } from './reading-ticks.ts';

const { MeterReading, SigningDomain } = pvchain.v1;

export type SignedReading = pvchain.v1.SignedMeterReading.$Properties;

/** A reading to sign; without `generatedWh`, that of a meter with no generation register (0). */
export type ReadingToSign = Omit<PlainReading, 'generatedWh'> & { generatedWh?: number };

/** The proto MeterReading of `reading`. */
export function toMeterReading(reading: ReadingToSign): pvchain.v1.MeterReading.$Properties {
  return {
    meterId: reading.meterId,
    sequence: bigintToLong(BigInt(reading.sequence)),
    timeMs: bigintToLong(BigInt(reading.timeMs)),
    exportedWh: bigintToLong(BigInt(reading.exportedWh)),
    importedWh: bigintToLong(BigInt(reading.importedWh)),
    generatedWh: bigintToLong(BigInt(reading.generatedWh ?? 0)),
  };
}

/** The bytes a meter signs for `reading` on chain `chainId`. */
export function meterReadingPayload(
  chainId: string,
  reading: pvchain.v1.MeterReading.$Properties,
): Uint8Array {
  return encodeSigningPayload(
    SigningDomain.SIGNING_DOMAIN_METER_READING,
    chainId,
    encodeCanonical(MeterReading, reading),
  );
}

/** `reading` signed with the meter's secret key (Ed25519 is deterministic: same bytes each time). */
export function signMeterReading(
  chainId: string,
  reading: ReadingToSign,
  secretKey: Uint8Array,
): SignedReading {
  const message = toMeterReading(reading);
  return { reading: message, signature: sign(meterReadingPayload(chainId, message), secretKey) };
}
