// bench/light-client: the household's light client in headless Chromium (Debian's, driven by
// playwright-core) against the four-validator network on loopback (`pvchain node` processes,
// test/support/network.ts): cold start to a verified balance (a new libp2p node, its
// WebRTC-direct connection, every header from the genesis, the account proof), warm start from
// IndexedDB, the time to verify one header and one account proof beside pure-JS peers verifying
// the same bytes in the same page, and the bundle a page ships (esbuild, minified, gzip, Wasm
// included: it is embedded). smoldot's cold start (about 0.8 s at best, as its authors publish)
// cannot run here against this chain, so it is quoted.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { peerIdFromValidatorKey } from '../node/p2p/index.ts';
import { CHROMIUM_FLAGS } from '../test/support/chromium.ts';
import { address, CHAIN_ID, hex, household, publicKey } from '../test/support/community.ts';
import { createTestNetwork, networkValidatorKey } from '../test/support/network.ts';
import type { PageConfig } from './light-client/page.ts';
import { median, printTable } from './measure.ts';

const TARGET_COLD_MS = 500;
const TARGET_WARM_MS = 150;
const TARGET_BUNDLE_KB = 250;
const SMOLDOT_COLD_MS = 800;
const HOUSEHOLD = household(1);
/** The chain a cold start verifies is at least this long. */
const COLD_HEIGHT = 64;

const bundle = (entry: string, minify: boolean) =>
  build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    bundle: true,
    minify,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    // Browsers the app serves run Wasm SIMD: the scalar builds stay out (ADR 0022).
    define: { 'globalThis.PVCHAIN_WASM_SIMD_ONLY': 'true' },
    write: false,
    logLevel: 'error',
  }).then((r) => r.outputFiles[0]?.contents ?? new Uint8Array());

/** What a page ships to verify balances itself: minified, then gzipped (Wasm is embedded). */
export async function lightClientBundleSize() {
  const js = await bundle('./light-client/bundle-entry.ts', true);
  return { minBytes: js.length, gzipBytes: gzipSync(js, { level: 9 }).length };
}

type Balance = {
  ms: number;
  from: string;
  height: string;
  fetched: number;
  energyWh: string;
  via: string;
  persistent: boolean;
};
type Verification = {
  headers: number;
  signaturesPerHeader: number;
  headerMs: number;
  nobleHeaderMs: number;
  proofNodes: number;
  proofMs: number;
  peerProofMs: number;
};

const ms = (v: number) =>
  v < 1 ? `${(v * 1000).toFixed(0)} µs` : `${v.toFixed(v < 10 ? 2 : 0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

export async function benchLightClient(options: {
  rounds: number;
  roundMs: number;
}): Promise<string[][]> {
  const size = await lightClientBundleSize();
  const page = await bundle('./light-client/page.ts', false);
  const html =
    '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>';
  const server = createServer((req, res) => {
    const js = req.url === '/page.js';
    res.writeHead(js || req.url === '/' ? 200 : 404, {
      'content-type': js ? 'text/javascript' : 'text/html',
    });
    res.end(js ? page : req.url === '/' ? html : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  // The test network's 200 ms blocks: a cold start verifies every header since the genesis (at
  // least COLD_HEIGHT), a warm start the few committed since the previous start.
  const net = await createTestNetwork({ households: { keys: [HOUSEHOLD], energyWh: 20_000 } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
    headless: true,
  });
  try {
    for (let i = 0; i < 4; i++) net.start(i);
    await net.waitFor(
      `the network at height ${COLD_HEIGHT}`,
      () =>
        [0, 1, 2, 3].every(
          (i) => net.height(i) >= COLD_HEIGHT && net.browserAddresses(i).length > 0,
        ),
      120_000,
    );
    const genesis = (await (await fetch(`${net.validators[0]?.apiUrl}/v1/blocks/0`)).json()) as {
      hash: string;
    };
    const config: PageConfig = {
      chainId: CHAIN_ID,
      genesisHash: genesis.hash,
      genesisTimeMs: '1732400000000',
      validators: [0, 1, 2, 3].map((i) => ({
        address: hex(address(networkValidatorKey(i))),
        publicKey: hex(publicKey(networkValidatorKey(i))),
      })),
      peer: {
        id: peerIdFromValidatorKey(publicKey(networkValidatorKey(0))),
        addresses: net.browserAddresses(0),
      },
      household: hex(address(HOUSEHOLD)),
    };
    const tab = await browser.newPage();
    await tab.goto(url);
    await tab.waitForFunction(() => 'pvchainBench' in globalThis, undefined, { timeout: 30_000 });
    type Bench = {
      toBalance(c: PageConfig, db: string): Promise<Balance>;
      connect(c: PageConfig): Promise<number>;
      verification(
        c: PageConfig,
        n: number,
        rounds: number,
        roundMs: number,
      ): Promise<Verification>;
    };
    const toBalance = (db: string) =>
      tab.evaluate(
        ([c, d]) => (globalThis as unknown as { pvchainBench: Bench }).pvchainBench.toBalance(c, d),
        [config, db] as const,
      );
    await toBalance('warm-up');
    const connects: number[] = [];
    const cold: Balance[] = [];
    const warm: Balance[] = [];
    for (let r = 0; r < options.rounds; r++) {
      const db = `round-${r}-${Date.now()}`;
      connects.push(
        await tab.evaluate(
          (c) => (globalThis as unknown as { pvchainBench: Bench }).pvchainBench.connect(c),
          config,
        ),
      );
      cold.push(await toBalance(db));
      warm.push(await toBalance(db));
    }
    for (const b of [...cold, ...warm])
      if (b.energyWh !== '20000' || !b.via.includes('/webrtc-direct/') || !b.persistent)
        throw new Error(`a start went wrong: ${JSON.stringify(b)}`);
    const head = Number(cold.at(-1)?.height ?? 3);
    const verified = await tab.evaluate(
      ([c, n, rounds, roundMs]) =>
        (globalThis as unknown as { pvchainBench: Bench }).pvchainBench.verification(
          c,
          n,
          rounds,
          roundMs,
        ),
      [config, Math.min(head, COLD_HEIGHT), options.rounds, options.roundMs] as const,
    );
    const coldMs = median(cold.map((b) => b.ms));
    const warmMs = median(warm.map((b) => b.ms));
    console.log(
      `\n### Light client in Chromium (${await browser.version()}), WebRTC-direct to a validator on loopback\n`,
    );
    printTable(
      ['figure', 'pvchain', 'peer', 'ratio'],
      [
        [
          `cold start to a verified balance (headers 1..${cold.at(-1)?.height}, median of ${cold.length})`,
          ms(coldMs),
          `smoldot ~${SMOLDOT_COLD_MS} ms (published, quoted)`,
          `${(SMOLDOT_COLD_MS / coldMs).toFixed(2)}x`,
        ],
        [
          `warm start from IndexedDB (${median(warm.map((b) => b.fetched))} new headers)`,
          ms(warmMs),
          '—',
          '—',
        ],
        [
          'in each start: a new libp2p node, its WebRTC-direct connection, one status request',
          ms(median(connects)),
          '—',
          '—',
        ],
        [
          `verify one header (${verified.signaturesPerHeader} commit signatures, ${verified.headers} headers)`,
          ms(verified.headerMs),
          `@noble/ed25519 + @noble/hashes ${ms(verified.nobleHeaderMs)}`,
          `${(verified.nobleHeaderMs / verified.headerMs).toFixed(2)}x`,
        ],
        [
          `verify one account proof (${verified.proofNodes} nodes)`,
          ms(verified.proofMs),
          `@ethereumjs/mpt ${ms(verified.peerProofMs)}`,
          `${(verified.peerProofMs / verified.proofMs).toFixed(2)}x`,
        ],
        [
          'bundle: light client + libp2p transport + IndexedDB store',
          `${kb(size.gzipBytes)} gzip (${kb(size.minBytes)} min)`,
          '—',
          '—',
        ],
      ],
    );
    return [
      [
        'light client cold start',
        ms(coldMs),
        `smoldot ~${SMOLDOT_COLD_MS} ms (quoted)`,
        `${(SMOLDOT_COLD_MS / coldMs).toFixed(2)}x`,
        `≤ ${TARGET_COLD_MS} ms: ${verdict(coldMs <= TARGET_COLD_MS)}`,
      ],
      [
        'light client warm start',
        ms(warmMs),
        '—',
        '—',
        `≤ ${TARGET_WARM_MS} ms: ${verdict(warmMs <= TARGET_WARM_MS)}`,
      ],
      [
        'light client bundle (gzip, Wasm included)',
        kb(size.gzipBytes),
        '—',
        '—',
        `≤ ${TARGET_BUNDLE_KB} KB: ${verdict(size.gzipBytes <= TARGET_BUNDLE_KB * 1024)}`,
      ],
    ];
  } finally {
    await browser.close();
    await net.close();
    server.close();
  }
}
