// What `pvchain devnet` prints: the start (chain, data dir, genesis, meters), each validator's
// important lines with a `[node-<i>]` prefix, the addresses to open once all are ready, a compact
// progress line every few seconds, and the shutdown.
import { relative } from 'node:path';
import type { DevnetData } from './devnet-data.ts';
import { DEVNET_CHAIN_ID, devnetKeys, HOUSEHOLD_ENERGY_WH } from './devnet-plan.ts';
import type { NodeEvent } from './validator-process.ts';

export type ReadyValidator = {
  index: number;
  height: string;
  peerId: string;
  addresses: string[];
  /** The node's HTTP API (docs/api.md), when it serves one. */
  api?: string;
  /** The node's Prometheus metrics URL, when it has a monitor. */
  metrics?: string;
  /** The web app's URL, when the node serves it (a built web/dist). */
  app?: string;
};

export type Progress = {
  height: number;
  view: string;
  txPerSecond: number;
  transactions: number;
  up: number;
  validators: number;
  /** The meters' latest `running` event, if any. */
  meters?: NodeEvent;
};

const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const kwh = (wh: number): string => Math.round(wh / 1000).toLocaleString('en-US');

/** The command that runs one validator, its path relative to here unless that climbs out. */
function command(configFile: string): string {
  const path = relative(process.cwd(), configFile);
  return `npx pvchain node --config ${path && !path.startsWith('..') ? path : configFile}`;
}

export function createDevnetReport(write: (text: string) => void) {
  const line = (text: string): void => write(`${text}\n`);
  const node = (i: number, text: string): void => line(`[node-${i}] ${text}`);
  return {
    line,
    node,
    start(data: DevnetData, meterSpeed: number | undefined): void {
      const grid = data.genesis.grids[0] as { realName: string; energyWh: number };
      const households = data.households.length;
      const pv = data.households.filter((h) => h.pv).length;
      const credit = households * HOUSEHOLD_ENERGY_WH;
      line(
        `pvchain demo network: chain ${DEVNET_CHAIN_ID}, 4 validators on 127.0.0.1 ` +
          '(demo keys derived from public labels: never use them for anything real)',
      );
      line(
        `data: ${data.dataDir} ` +
          (data.created ? '(new; see DEVNET.txt there)' : '(continuing the chain there)'),
      );
      line(
        `genesis: ${grid.realName} with ${kwh(grid.energyWh)} kWh; ${households} households ` +
          `(${pv} with PV, ${households - pv} ordinary), each with a meter and ${kwh(HOUSEHOLD_ENERGY_WH)} kWh ` +
          `of credit; the grid keeps ${kwh(grid.energyWh - credit)} kWh`,
      );
      line(
        meterSpeed === undefined
          ? 'meters: off (--no-meters)'
          : `meters: the ${households} households' meters run in validator 0, ${meterSpeed}x ` +
              `(a simulated hour every ${+(3600 / meterSpeed).toFixed(1)} s), relayed by the grid`,
      );
    },
    ready(ready: ReadyValidator[], failed: number[]): void {
      line('');
      line(
        failed.length === 0
          ? `All ${ready.length} validators are ready. Open:`
          : `${ready.length} of ${ready.length + failed.length} validators are ready ` +
              `(node ${failed.join(', ')} did not start; see above). Open:`,
      );
      for (const v of ready) {
        const tcp = v.addresses.filter((a) => a.includes('/tcp/') && !a.includes('/ws'));
        const ws = v.addresses.filter((a) => a.includes('/ws'));
        line(`  validator ${v.index}  peers:        ${tcp.join('  ') || '-'}`);
        line(`               light client: ${ws.join('  ') || '-'}`);
        if (v.api)
          line(
            `               API:          ${v.api}/v1 (WebSocket ${v.api.replace(/^http/, 'ws')}/v1/ws)`,
          );
        if (v.metrics) line(`               metrics:      ${v.metrics}`);
      }
      const app = ready.find((v) => v.app)?.app;
      line(
        app
          ? `  web app:      ${app}  (the grid operator's view: ${app}#/operator)`
          : '  web app: not built (web/dist is missing): run `npm run build:web`, then restart.',
      );
      if (app)
        line(
          `  the grid's key, to import in the operator view (a demo key: SHA-256 of a public label): ${hexOf(devnetKeys().grid.secretKey)}`,
        );
      line('Ctrl-C stops all validators; run the same command again to continue from the data.');
      line('');
    },
    progress(p: Progress): void {
      const parts = [
        `height ${p.height}`,
        `view ${p.view}`,
        `${p.txPerSecond.toFixed(1)} tx/s`,
        `${p.transactions} tx this run`,
        `validators ${p.up}/${p.validators} up`,
      ];
      const m = p.meters;
      if (m) parts.push(`meters ${m.simulated}, ${m.readingsSubmitted} readings`);
      line(parts.join('  '));
    },
    event(i: number, e: NodeEvent): void {
      if (e.event === 'meters') {
        if (e.status === 'started')
          node(
            i,
            `meters started: ${e.meters} meters (${e.pv} with PV) from ${e.date}, ${e.speed}x`,
          );
        else if (e.status === 'refused')
          node(i, `meters: relay transaction ${e.nonce} refused: ${e.code} ${e.message}`);
        else if (e.status === 'failed') node(i, `meters failed: ${e.error}`);
        else if (e.status === 'stopped')
          node(i, `meters stopped after ${e.readingsSubmitted} readings`);
        return;
      }
      if (e.event === 'stopped') {
        node(i, e.error ? `stopped with an error: ${e.error}` : 'stopped');
        return;
      }
      const { event, timeMs: _, ...fields } = e;
      node(i, `${event} ${JSON.stringify(fields)}`);
    },
    exited(i: number, code: number | null, signal: string | null, configFile: string): void {
      node(
        i,
        `exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}); the other ` +
          `validators keep running. Restart it in another terminal: ${command(configFile)}`,
      );
    },
  };
}

export type DevnetReport = ReturnType<typeof createDevnetReport>;
