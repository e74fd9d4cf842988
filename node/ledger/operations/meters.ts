// REGISTER_METER and METER_READING. A grid registers a meter (its Ed25519 key) to one of its
// households; anyone may relay a meter's signed readings. Each reading must verify with the
// meter's key, rise in sequence and never let a register (exported, imported or generated Wh) or
// the clock go back; each accepted reading is settled by the energy contract
// (`system_meter_reading`), which may debit the household's energy credit up to the energy
// imported since the previous reading. Generation is recorded, never settled: export may come
// from a battery, so it is not bounded by generation.
import { verifyBatch } from '../../../assembly/bindings/crypto.ts';
import { toBigint } from '../../../light-client/transactions/field-checks.ts';
import { encodeCanonical, encodeSigningPayload, pvchain } from '../../../proto/index.ts';
import { type MeterReadingValues, type MeterRecord, toHex } from '../account-record.ts';
import { METER_SETTLEMENT_GAS } from '../chain-rules.ts';
import { runContract } from '../contracts/run-contract.ts';
import { fail, ResultCode } from '../operation-failure.ts';
import type { OperationContext } from './context.ts';

const { AccountRole, SigningDomain, MeterReading } = pvchain.v1;
const EMPTY = new Uint8Array(0);

export function registerMeter(
  ctx: OperationContext,
  body: pvchain.v1.RegisterMeter.$Properties,
): void {
  if (ctx.source.role !== AccountRole.ACCOUNT_ROLE_GRID)
    fail(ResultCode.RESULT_CODE_NOT_PERMITTED, 'only a grid account registers meters');
  const meterId = body.meterId ?? '';
  if (ctx.state.meterOwner(meterId))
    fail(ResultCode.RESULT_CODE_METER_EXISTS, `meter ${meterId} is already registered`);
  const household = ctx.state.modify(body.household as Uint8Array);
  if (!household) fail(ResultCode.RESULT_CODE_ACCOUNT_NOT_FOUND, 'no such household');
  if (household.role !== AccountRole.ACCOUNT_ROLE_HOUSEHOLD)
    fail(ResultCode.RESULT_CODE_INVALID_OPERATION, 'meters belong to household accounts');
  if (toHex(household.creator) !== toHex(ctx.source.address))
    fail(ResultCode.RESULT_CODE_NOT_PERMITTED, 'a grid registers meters of its own households');
  household.meters.set(meterId, {
    meterId,
    publicKey: body.publicKey as Uint8Array,
    household: household.address,
    registeredBy: ctx.source.address,
    triggerWh: toBigint(body.triggerWh),
    lastReading: undefined,
    previousImportedWh: 0n,
  });
  ctx.state.indexMeter(meterId, household.address);
}

type Reading = MeterReadingValues & { meterId: string };

/** The cumulative registers of a reading: none of them may go down from one reading to the next. */
const REGISTERS = ['exportedWh', 'importedWh', 'generatedWh'] as const;

export function submitMeterReadings(
  ctx: OperationContext,
  body: pvchain.v1.SubmitMeterReadings.$Properties,
): void {
  const signed = body.readings ?? [];
  const found = signed.map(({ reading }) => {
    const meterId = reading?.meterId ?? '';
    const meter = ctx.state.meterOwner(meterId)?.meters.get(meterId);
    if (!meter) fail(ResultCode.RESULT_CODE_METER_NOT_FOUND, `meter ${meterId} is not registered`);
    return meter;
  });
  const verdicts = verifyBatch(
    signed.map(({ reading, signature }, i) => ({
      signature: signature ?? EMPTY,
      message: encodeSigningPayload(
        SigningDomain.SIGNING_DOMAIN_METER_READING,
        ctx.rules.chainId,
        encodeCanonical(MeterReading, reading ?? {}),
      ),
      publicKey: (found[i] as MeterRecord).publicKey,
    })),
  );
  signed.forEach(({ reading }, i) => {
    if (!verdicts[i])
      fail(ResultCode.RESULT_CODE_METER_BAD_SIGNATURE, `reading ${i + 1}: bad meter signature`);
    accept(ctx, {
      meterId: reading?.meterId ?? '',
      sequence: toBigint(reading?.sequence),
      timeMs: toBigint(reading?.timeMs),
      exportedWh: toBigint(reading?.exportedWh),
      importedWh: toBigint(reading?.importedWh),
      generatedWh: toBigint(reading?.generatedWh),
    });
  });
}

function accept(ctx: OperationContext, reading: Reading): void {
  const household = ctx.state.meterOwner(reading.meterId);
  const holder = household && ctx.state.modify(household.address);
  const meter = holder?.meters.get(reading.meterId);
  if (!holder || !meter) fail(ResultCode.RESULT_CODE_METER_NOT_FOUND, 'meter vanished');
  const last = meter.lastReading;
  if (last) {
    if (reading.sequence <= last.sequence)
      fail(
        ResultCode.RESULT_CODE_METER_SEQUENCE_REPLAYED,
        `meter ${meter.meterId}: sequence ${reading.sequence}, last accepted ${last.sequence}`,
      );
    const fallen = REGISTERS.find((register) => reading[register] < last[register]);
    if (fallen)
      fail(
        ResultCode.RESULT_CODE_METER_REGISTER_DECREASED,
        `meter ${meter.meterId}: ${fallen} went down from ${last[fallen]} to ${reading[fallen]}`,
      );
    if (reading.timeMs < last.timeMs)
      fail(ResultCode.RESULT_CODE_METER_READING_REJECTED, `meter ${meter.meterId}: time went back`);
  }
  const previousImportedWh = last?.importedWh ?? 0n;
  meter.previousImportedWh = previousImportedWh;
  meter.lastReading = {
    sequence: reading.sequence,
    timeMs: reading.timeMs,
    exportedWh: reading.exportedWh,
    importedWh: reading.importedWh,
    generatedWh: reading.generatedWh,
  };
  settle(ctx, meter, reading.importedWh - previousImportedWh);
}

/** The energy contract settles the reading; without one, readings are only recorded. */
function settle(ctx: OperationContext, meter: MeterRecord, importedDeltaWh: bigint): void {
  const energy = ctx.rules.energyContract;
  const contract = energy && ctx.state.get(energy.address);
  if (!energy || !contract) return;
  runContract(ctx, {
    contract,
    entry: 'system_meter_reading',
    input: new TextEncoder().encode(meter.meterId),
    caller: ctx.source.address,
    allowances:
      importedDeltaWh > 0n
        ? [
            {
              owner: meter.household,
              asset: { issuer: meter.registeredBy, code: ctx.rules.energyCode },
              amount: importedDeltaWh,
              to: meter.registeredBy,
            },
          ]
        : [],
    gasLimit: METER_SETTLEMENT_GAS,
    paidByTransaction: false,
  });
}
