// The network benchmark's printed report: every figure beside BubiChain's published one where
// there is one, with the ratio, and what limited the run (client or network, CPU per transaction).
import { printTable } from '../measure.ts';
import type { Latency, Saturation } from './phases.ts';
import type { ViewChanges } from './view-change.ts';

export const BUBICHAIN_MEASURED_TPS = 1_900;
export const BUBICHAIN_CLAIMED_TPS = 3_000;

export const seconds = (ms: number, digits = 2): string =>
  Number.isFinite(ms) ? `${(ms / 1000).toFixed(digits)} s` : 'not committed in time';
export const whole = (x: number): string =>
  Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : String(x);
const percent = (share: number): string => `${(100 * share).toFixed(0)}%`;

export type NetworkReport = {
  setup: string;
  signMs: number;
  signed: number;
  saturation: Saturation;
  saturationMs: number;
  latencies: Latency[];
  viewChanges: ViewChanges;
};

function latencyRow(l: Latency): string[] {
  const missing =
    (l.uncommitted > 0 ? `; ${whole(l.uncommitted)} not committed in time` : '') +
    (l.failed > 0 ? `; ${whole(l.failed)} publishes failed` : '');
  return [
    `finality at ${whole(l.ratePerSecond)} tx/s offered (${whole(l.offered)} payments)`,
    `p50 ${seconds(l.p50Ms)}, p99 ${seconds(l.p99Ms)}`,
    'not published',
    '',
    `${whole(l.committedPerSecond)} tx/s committed meanwhile, ${l.viewChanges} view changes${missing}`,
  ];
}

export function printNetworkReport(r: NetworkReport): void {
  const sat = r.saturation;
  console.log(`\n### Network: 4 validator processes, PBFT over libp2p on loopback\n`);
  console.log(r.setup);
  console.log(
    `${whole(r.signed)} payments signed beforehand in ${seconds(r.signMs, 1)} (OpenSSL Ed25519).\n`,
  );
  const windows = sat.windowTps.map(whole).join(', ');
  const tps = sat.medianTps;
  const limitedBy =
    sat.gatedShare > 0.2
      ? 'the network (the client waited on the backlog bound)'
      : 'possibly the client (it rarely waited on the backlog bound)';
  printTable(
    ['figure', 'pvchain', 'BubiChain (published, not run here)', 'ratio', 'notes'],
    [
      [
        `committed tx/s sustained, saturation (median of ${sat.windowTps.length} windows of ${seconds(sat.windowMs, 0)})`,
        `${whole(tps)}/s`,
        `${whole(BUBICHAIN_MEASURED_TPS)}/s measured; ${whole(BUBICHAIN_CLAIMED_TPS)}/s claimed`,
        `${(tps / BUBICHAIN_MEASURED_TPS).toFixed(2)}x; ${(tps / BUBICHAIN_CLAIMED_TPS).toFixed(2)}x`,
        `windows: ${windows}; all after the warm-up: ${whole(sat.steadyTps)}/s; ${sat.viewChanges} view changes; mean block ${whole(sat.meanBlockTransactions)} tx${sat.ranOut ? '; the signed payments ran out' : ''}${sat.drained ? '' : '; backlog not drained in 30 s'}${sat.failed > 0 ? `; ${whole(sat.failed)} publishes failed` : ''}`,
      ],
      [
        'offered by the gossip client during saturation',
        `${whole(sat.offeredPerSecond)}/s`,
        '',
        '',
        `${whole(sat.offered)} payments in ${seconds(r.saturationMs, 0)}; waited on the backlog bound ${percent(sat.gatedShare)} of the time; this process used ${percent(sat.clientCpuShare)} of one core; limited by ${limitedBy}`,
      ],
      [
        'validator CPU per committed transaction (four validators together)',
        `${sat.validatorCpuMsPerTx.toFixed(2)} ms`,
        '',
        '',
        `validators and client kept ${sat.coresBusy.toFixed(2)} cores busy`,
      ],
      ...r.latencies.map(latencyRow),
      [
        `view change after the primary is SIGKILLed (median of ${r.viewChanges.trials.length})`,
        seconds(r.viewChanges.medianMs),
        'not published',
        '',
        `kill to the first commit in a later view, under 50 tx/s; trials: ${r.viewChanges.trials
          .map((t) => `${seconds(t.ms)} (view ${t.fromView} -> ${t.toView})`)
          .join(', ')}`,
      ],
    ],
  );
  for (const note of r.viewChanges.notes) console.log(`\nView changes: ${note}.`);
}
