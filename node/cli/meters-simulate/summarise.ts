// The summary of a simulate run: per household, its meter's registers, kWh credit and supply
// status as the chain holds them, and this run's triggered trades seen in the receipts.
import { pvchain } from '../../../proto/index.ts';
import type { MeterSimulationResult } from '../../meters/simulator/index.ts';
import type { PvchainNode } from '../../node.ts';
import type { BlockWatch } from './block-watch.ts';
import { creditWhOf, type PlannedHousehold } from './community.ts';
import type { HouseholdSummary, RunSummary } from './report.ts';

const { SupplyStatus } = pvchain.v1;

const supplyName = (
  status: pvchain.v1.SupplyStatus | undefined,
): HouseholdSummary['supplyStatus'] =>
  status === SupplyStatus.SUPPLY_STATUS_ACTIVE
    ? 'active'
    : status === SupplyStatus.SUPPLY_STATUS_SUSPENDED
      ? 'suspended'
      : 'unspecified';

export function summarise(
  node: PvchainNode,
  watch: BlockWatch,
  plan: readonly PlannedHousehold[],
  grid: Uint8Array,
  result: MeterSimulationResult,
  dataDir: string,
): RunSummary {
  const state = node.chain.state();
  const households = plan.map((h): HouseholdSummary => {
    const account = state.get(h.key.address);
    const last = account?.meters.get(h.meterId)?.lastReading;
    const address = Buffer.from(h.key.address).toString('hex');
    const tally = watch.tallyOf(address);
    return {
      name: h.name,
      address,
      meterId: h.meterId,
      kind: h.kind,
      panelKwp: h.panelKwp,
      exportedWh: Number(last?.exportedWh ?? 0n),
      importedWh: Number(last?.importedWh ?? 0n),
      generatedWh: Number(last?.generatedWh ?? 0n),
      creditWh: Number(creditWhOf(node, h, grid)),
      supplyStatus: supplyName(account?.supplyStatus),
      triggeredTrades: tally.triggers,
      triggeredWh: tally.triggeredWh,
      supplyCuts: tally.supplyCuts,
    };
  });
  return {
    chainId: node.rules.chainId,
    dataDir,
    height: Number(node.chain.height()),
    blocks: watch.blocks(),
    ticks: result.ticks,
    aborted: result.aborted,
    readingsSubmitted: result.readingsSubmitted,
    readingsRejected: result.readingsRejected,
    transactionsSubmitted: result.transactionsSubmitted,
    transactionsRejected: result.transactionsRejected,
    failedInBlocks: { ...watch.failed },
    households,
  };
}
