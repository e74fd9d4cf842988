// What `pvchain meters simulate` prints: a start line, progress every simulated hour, refusals,
// and a summary per household; as text, or with --json as one JSON object per line.
import type { Refusal, SimulationProgress } from '../../meters/simulator/index.ts';

export type HouseholdSummary = {
  name: string;
  address: string;
  meterId: string;
  kind: 'pv' | 'ordinary';
  panelKwp: number;
  /** The meter's registers on the chain (cumulative since it was registered). */
  exportedWh: number;
  importedWh: number;
  /** PV generation (0 for an ordinary household). */
  generatedWh: number;
  /** The household's kWh credit. */
  creditWh: number;
  supplyStatus: 'active' | 'suspended' | 'unspecified';
  /** This run's triggered trades: trigger amounts reached, and the kWh credited for them. */
  triggeredTrades: number;
  triggeredWh: number;
  supplyCuts: number;
};

export type RunSummary = {
  chainId: string;
  dataDir: string;
  height: number;
  blocks: number;
  ticks: number;
  aborted: boolean;
  readingsSubmitted: number;
  readingsRejected: number;
  transactionsSubmitted: number;
  transactionsRejected: number;
  /** Relay transactions that failed in a block, by result code. */
  failedInBlocks: Record<string, number>;
  households: HouseholdSummary[];
};

export type StartInfo = {
  chainId: string;
  dataDir: string;
  date: string;
  days: number;
  intervalMinutes: number;
  speed: number;
  seed: number;
  households: number;
  pvHouseholds: number;
  created: number;
  registered: number;
};

const kwh = (wh: number): string => (wh / 1000).toFixed(3);
const clock = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const shortAddress = (hex: string): string => `${hex.slice(0, 8)}…${hex.slice(-4)}`;

export function createReport(write: (text: string) => void, json: boolean) {
  const line = (text: string): void => write(`${text}\n`);
  const object = (type: string, fields: object): void => line(JSON.stringify({ type, ...fields }));
  return {
    start(info: StartInfo): void {
      if (json) {
        object('start', info);
        return;
      }
      const pace =
        info.speed === Number.POSITIVE_INFINITY ? 'as fast as possible' : `${info.speed}x`;
      line(`dev chain ${info.chainId} in ${info.dataDir} (dev keys: never use for anything real)`);
      line(
        `community: ${info.households} households, ${info.pvHouseholds} with PV (seed ${info.seed}); ` +
          `created ${info.created}, registered ${info.registered} meters`,
      );
      line(
        `simulating ${info.days} day(s) from ${info.date}, a reading every ${info.intervalMinutes} min, ${pace}`,
      );
    },
    progress(p: SimulationProgress, height: number): void {
      if (json) {
        object('progress', { ...p, height });
        return;
      }
      const day = p.endMinute === 1440 ? `${p.date} 24:00` : `${p.date} ${clock(p.endMinute)}`;
      const width = String(p.ticks).length;
      line(
        `${day}  tick ${String(p.tick).padStart(width)}/${p.ticks}  readings ${p.readingsSubmitted} sent, ` +
          `${p.readingsRejected} refused  export ${kwh(p.exportedWh)} kWh  import ${kwh(p.importedWh)} kWh  height ${height}`,
      );
    },
    refusal(r: Refusal): void {
      if (json) {
        object('refusal', { ...r, nonce: Number(r.nonce) });
        return;
      }
      line(`refused: transaction ${r.nonce} (${r.readings} readings): ${r.code} ${r.message}`);
    },
    message(text: string): void {
      if (json) {
        object('message', { text });
        return;
      }
      line(text);
    },
    summary(s: RunSummary): void {
      if (json) {
        object('summary', s);
        return;
      }
      const failed = Object.entries(s.failedInBlocks)
        .map(([code, n]) => `${n} ${code}`)
        .join(', ');
      line('');
      line(
        `${s.aborted ? 'Stopped' : 'Done'} after ${s.ticks} ticks: ${s.readingsSubmitted} readings in ` +
          `${s.transactionsSubmitted} transactions, ${s.transactionsRejected} refused, ` +
          `${failed || 'none'} failed in blocks; height ${s.height}`,
      );
      const header = [
        'household'.padEnd(24),
        'meter'.padEnd(11),
        'address'.padEnd(13),
        'kWp'.padStart(4),
        'generated kWh'.padStart(14),
        'exported kWh'.padStart(13),
        'imported kWh'.padStart(13),
        'credit kWh'.padStart(11),
        '  supply   ',
        'triggered trades (this run)',
      ];
      line(header.join(' '));
      for (const h of s.households) {
        const trades =
          h.triggeredTrades === 0 ? '0' : `${h.triggeredTrades} (${kwh(h.triggeredWh)} kWh)`;
        line(
          [
            h.name.padEnd(24),
            h.meterId.padEnd(11),
            shortAddress(h.address).padEnd(13),
            (h.panelKwp ? h.panelKwp.toFixed(1) : '-').padStart(4),
            kwh(h.generatedWh).padStart(14),
            kwh(h.exportedWh).padStart(13),
            kwh(h.importedWh).padStart(13),
            kwh(h.creditWh).padStart(11),
            `  ${h.supplyStatus.padEnd(9)}`,
            trades,
          ].join(' '),
        );
      }
    },
  };
}

export type Report = ReturnType<typeof createReport>;
