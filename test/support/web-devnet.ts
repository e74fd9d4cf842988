// The web app against the demo network of `npm start`, for the end-to-end test, the screenshots
// and bench/web: `pvchain devnet` on a temp data dir and free ports (its printed app URL and grid
// key read from its output), Debian's Chromium through playwright-core, and a meter of the test's
// own that signs a reading the grid relays (as the devnet's meters do).
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { addressBytesFromPublicKey, getPublicKey } from '../../assembly/bindings/crypto.node.ts';
import { signTransaction } from '../../light-client/transactions/sign-transaction.ts';
import { signMeterReading } from '../../node/meters/simulator/sign-readings.ts';
import { pvchain } from '../../proto/index.ts';
import { CHROMIUM_FLAGS } from './chromium.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'pvchain.ts');

/** Throws unless `npm run build:web` has made web/dist. */
export async function assertAppBuilt(): Promise<void> {
  const index = await stat(join(ROOT, 'web', 'dist', 'index.html')).catch(() => null);
  if (!index) throw new Error('web/dist is missing: run `npm run build:web` (npm test builds it)');
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
    headless: true,
  });

const tcpFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
const udpFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });

/** A base port whose devnet ports (TCP +0, +100, +200, +300; UDP +400; four each) are free. */
async function freeBasePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 30_000 + Math.floor(Math.random() * 30_000);
    const offsets = [0, 1, 2, 3];
    const free = await Promise.all([
      ...offsets.flatMap((i) => [0, 100, 200, 300].map((o) => tcpFree(base + o + i))),
      ...offsets.map((i) => udpFree(base + 400 + i)),
    ]);
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free block of ports found');
}

export type Devnet = {
  /** The app's URL as devnet prints it (validator 0's webserver). */
  app: string;
  /** The grid's secret key (hex) as devnet prints it. */
  gridSecret: string;
  chainId: string;
  lines: string[];
  stop(): Promise<void>;
};

/** `pvchain devnet` on a temp data dir until its banner names the app; meters off by default. */
export async function startDevnet(options: { meters?: boolean; speed?: number } = {}) {
  const data = await mkdtemp(join(tmpdir(), 'pvchain-web-'));
  const args = [BIN, 'devnet', '--data', data, '--base-port', String(await freeBasePort())];
  if (options.meters) args.push('--speed', String(options.speed ?? 60));
  else args.push('--no-meters');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const banner = new Promise<{ app: string; gridSecret: string }>((resolve, reject) => {
    let pending = '';
    let app = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        app ||= /^ {2}web app: +(http:\/\/\S+\/)/.exec(line)?.[1] ?? '';
        const key = /the grid's key.*: ([0-9a-f]{64})$/.exec(line)?.[1];
        if (app && key) resolve({ app, gridSecret: key });
      }
    });
    child.once('close', (code) =>
      reject(
        new Error(`devnet exited (${code}) before it was ready\n${lines.join('\n')}\n${stderr}`),
      ),
    );
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGINT');
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 20_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await rm(data, { recursive: true, force: true });
  };
  const timeout = setTimeout(() => child.kill('SIGKILL'), 90_000);
  try {
    const ready = await banner;
    return { ...ready, chainId: 'pvchain-devnet', lines, stop } satisfies Devnet;
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timeout);
  }
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** A key of the test's own (a household's or a meter's): 32 random bytes. */
export function freshKey() {
  const secretKey = crypto.getRandomValues(new Uint8Array(32));
  const publicKey = getPublicKey(secretKey);
  return { secretKey, publicKey, secretHex: hex(secretKey), publicHex: hex(publicKey) };
}

/**
 * A meter's signed reading, relayed in a transaction of the grid's (as devnet's meter relay
 * does), waited for until committed; throws unless it is committed with RESULT_CODE_OK.
 */
export async function relayMeterReading(
  devnet: Devnet,
  meter: { id: string; secretKey: Uint8Array },
  reading: { sequence: number; exportedWh: number; importedWh: number; generatedWh?: number },
): Promise<string> {
  const api = devnet.app.replace(/\/$/, '');
  const grid = Buffer.from(devnet.gridSecret, 'hex');
  const signed = signMeterReading(
    devnet.chainId,
    { meterId: meter.id, timeMs: Date.now(), ...reading },
    meter.secretKey,
  );
  const gridAddress = hex(addressBytesFromPublicKey(getPublicKey(grid)));
  const account = (await (await fetch(`${api}/v1/accounts/${gridAddress}`)).json()) as {
    account: { nonce: string };
  };
  const transaction = signTransaction(
    devnet.chainId,
    { secretKey: new Uint8Array(grid) },
    BigInt(account.account.nonce) + 1n,
    [
      {
        type: pvchain.v1.OperationType.OPERATION_TYPE_METER_READING,
        meterReading: { readings: [signed] },
      },
    ],
  );
  const answer = (await (
    await fetch(`${api}/v1/transactions?wait=committed&timeoutMs=20000`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ transactions: [hex(transaction)] }),
    })
  ).json()) as { results: { status: string; error_code: string | null; height?: string }[] };
  const result = answer.results[0];
  if (result?.status !== 'committed' || result.error_code)
    throw new Error(`the meter reading was not committed: ${JSON.stringify(result)}`);
  return result.height ?? '';
}
