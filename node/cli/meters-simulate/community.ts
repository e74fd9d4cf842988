// The simulated community: its households and meters, derived from the seed, and their set-up on
// the dev chain by the grid (create the household with some kWh credit, register its meter).
// Set-up is idempotent: on a data dir that already holds them it only adds what is missing, and
// each meter continues from its last accepted reading.

import { signTransaction } from '../../../light-client/transactions/sign-transaction.ts';
import { bigintToLong, pvchain } from '../../../proto/index.ts';
import { assetKey } from '../../ledger/account-record.ts';
import { createSeededRandom } from '../../meters/seeded-random.ts';
import {
  type HouseholdKind,
  type MeterStart,
  meterStartAfter,
  type SimulatedMeter,
} from '../../meters/simulator/index.ts';
import type { PvchainNode } from '../../node.ts';
import type { BlockWatch } from './block-watch.ts';
import { type DevKey, devKey } from './dev-chain.ts';

const v1 = pvchain.v1;
const Op = v1.OperationType;

export type PlannedHousehold = {
  /** 1-based. */
  index: number;
  name: string;
  kind: HouseholdKind;
  panelKwp: number;
  key: DevKey;
  meterId: string;
  meterKey: DevKey;
};

/** Household i (from 1) has PV when i is odd: half of them, rounded up. Panels of 3 to 8 kWp. */
export function planCommunity(seed: number, households: number): PlannedHousehold[] {
  return Array.from({ length: households }, (_, k) => {
    const index = k + 1;
    const number = String(index).padStart(3, '0');
    const meterId = `MTR-${seed}-${number}`;
    const kind: HouseholdKind = index % 2 === 1 ? 'pv' : 'ordinary';
    const panelKwp =
      kind === 'pv'
        ? Math.round(createSeededRandom(seed, 'panel', meterId).between(3, 8) * 10) / 10
        : 0;
    return {
      index,
      name: `Household ${seed}-${number}${kind === 'pv' ? ' (PV)' : ''}`,
      kind,
      panelKwp,
      key: devKey(`${seed}/household/${index}`),
      meterId,
      meterKey: devKey(`${seed}/meter/${index}`),
    };
  });
}

export type SetUpOptions = { creditWh: bigint; triggerWh: bigint; timeoutMs: number };

/** Most operations one transaction may carry (light-client/transactions/limits.ts). */
const OPS_PER_TRANSACTION = 64;

/**
 * Creates the missing households and registers the missing meters, signed by the grid; resolves
 * once they are committed. Throws when a meter id is taken by another key or household.
 */
export async function setUpCommunity(
  node: PvchainNode,
  watch: BlockWatch,
  grid: DevKey,
  plan: readonly PlannedHousehold[],
  options: SetUpOptions,
): Promise<{ created: number; registered: number }> {
  const state = node.chain.state();
  const operations: pvchain.v1.Operation.$Properties[] = [];
  let created = 0;
  let registered = 0;
  for (const h of plan) {
    const owner = state.meterOwner(h.meterId);
    const meter = owner?.meters.get(h.meterId);
    if (meter) {
      const same = Buffer.from(meter.publicKey).equals(h.meterKey.publicKey);
      if (!same || !Buffer.from(meter.household).equals(h.key.address))
        throw new Error(
          `meter ${h.meterId} is registered to another key or household in this data dir`,
        );
      continue;
    }
    if (!state.get(h.key.address)) {
      created++;
      operations.push({
        type: Op.OPERATION_TYPE_CREATE_ACCOUNT,
        createAccount: {
          publicKey: h.key.publicKey,
          role: v1.AccountRole.ACCOUNT_ROLE_HOUSEHOLD,
          realName: h.name,
        },
      });
      if (options.creditWh > 0n)
        operations.push({
          type: Op.OPERATION_TYPE_PAYMENT,
          payment: {
            destination: h.key.address,
            asset: { issuer: grid.address, code: node.rules.energyCode },
            amount: bigintToLong(options.creditWh),
          },
        });
    }
    registered++;
    operations.push({
      type: Op.OPERATION_TYPE_REGISTER_METER,
      registerMeter: {
        meterId: h.meterId,
        publicKey: h.meterKey.publicKey,
        household: h.key.address,
        triggerWh: bigintToLong(options.triggerWh),
      },
    });
  }
  if (operations.length === 0) return { created, registered };
  let nonce = state.get(grid.address)?.nonce ?? 0n;
  const envelopes: Uint8Array[] = [];
  for (let i = 0; i < operations.length; i += OPS_PER_TRANSACTION)
    envelopes.push(
      signTransaction(
        node.rules.chainId,
        grid,
        ++nonce,
        operations.slice(i, i + OPS_PER_TRANSACTION),
      ),
    );
  const answers = await node.submit(envelopes);
  answers.forEach((a) => {
    if (!a.ok) throw new Error(`set-up transaction refused: ${a.code} ${a.message}`);
  });
  const committed = await watch.waitUntil(
    () => (node.chain.state().get(grid.address)?.nonce ?? 0n) >= nonce,
    options.timeoutMs,
  );
  if (!committed) throw new Error(`set-up not committed within ${options.timeoutMs} ms`);
  for (const a of answers) {
    const receipt = a.ok ? watch.receiptOf(a.hash) : undefined;
    if (receipt && receipt.result !== v1.ResultCode.RESULT_CODE_OK)
      throw new Error(
        `set-up failed: ${v1.ResultCode[receipt.result]} (operation ${receipt.failedOperation})`,
      );
  }
  return { created, registered };
}

/** Where each planned meter continues from: its last reading on the chain, if any. */
export function meterStartOf(node: PvchainNode, h: PlannedHousehold): MeterStart | undefined {
  return meterStartAfter(node.chain.state().get(h.key.address)?.meters.get(h.meterId)?.lastReading);
}

/** The planned households as the simulator's meters. */
export function simulatedMeters(
  node: PvchainNode,
  plan: readonly PlannedHousehold[],
  seed: number,
): SimulatedMeter[] {
  return plan.map((h) => {
    const start = meterStartOf(node, h);
    return {
      meterId: h.meterId,
      secretKey: h.meterKey.secretKey,
      household: h.key.address,
      kind: h.kind,
      panelKwp: h.panelKwp,
      seed,
      ...(start ? { start } : {}),
    };
  });
}

/** A household's kWh credit (energy issued by `grid`), in Wh. */
export function creditWhOf(node: PvchainNode, h: PlannedHousehold, grid: Uint8Array): bigint {
  return (
    node.chain.state().get(h.key.address)?.balances.get(assetKey(grid, node.rules.energyCode)) ?? 0n
  );
}
