// bench/web: the web app as a household meets it, in headless Chromium (Debian's, through
// playwright-core) against the demo network of `npm start` (`pvchain devnet`, meters off) on
// loopback, the app served by validator 0's webserver. Time to a verified balance from opening
// the page, for a household whose key is already in the browser: cold (the light client starts
// from the genesis: its IndexedDB emptied) and warm (from its stored head). The page marks the
// moment its first verified balance is in the DOM (Performance API, from the navigation's start);
// the time Playwright takes to see it (its polling and round trips included) is shown beside it,
// with the page's load event and the same balance read unverified from the API. And the size of
// the built app (web/dist): every asset gzipped, Wasm included.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { addressFromPublicKey, getPublicKey } from '../assembly/bindings/crypto.node.ts';
import { assertAppBuilt, launchChromium, startDevnet } from '../test/support/web-devnet.ts';
import { openHousehold, verifiedEnergy } from '../test/support/web-pages.ts';
import { BALANCE_SHOWN } from '../web/src/shared/marks.ts';
import { median, printTable } from './measure.ts';

const TARGET_VERIFIED_MS = 1000;
const TARGET_APP_KB = 350;
const DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));
/** Household 1 of the devnet (its key is SHA-256 of a public label). */
const SECRET = createHash('sha256').update('pvchain-devnet/household/1').digest('hex');
const ADDRESS = addressFromPublicKey(getPublicKey(Buffer.from(SECRET, 'hex')));
const LIGHT_DB = 'pvchain-light-pvchain-devnet';

/** Every file of the built app, gzipped at level 9 (what a server compressing it sends). */
export async function appSize() {
  const entries = await readdir(DIST, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((e) => e.isFile())
      .map(async (e) => {
        const path = join(e.parentPath, e.name);
        const body = await readFile(path);
        return {
          name: relative(DIST, path),
          bytes: body.length,
          gzip: gzipSync(body, { level: 9 }).length,
        };
      }),
  );
  return {
    files: files.sort((a, b) => b.gzip - a.gzip),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    gzip: files.reduce((n, f) => n + f.gzip, 0),
  };
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

/**
 * One opening of the household view: ms from the navigation's start to the verified balance in
 * the DOM (the page's mark) and to `load`; ms until Playwright saw the balance; an API read.
 */
async function open(context: BrowserContext, app: string) {
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(`${app}#/household`, { waitUntil: 'commit' });
  const { energy } = await verifiedEnergy(page);
  const seenMs = performance.now() - started;
  await page.waitForLoadState('load');
  const timings = await page.evaluate(
    async ({ address, mark }) => {
      const shown = performance.getEntriesByName(mark)[0];
      const navigation = performance.getEntriesByType(
        'navigation',
      )[0] as PerformanceNavigationTiming;
      const t0 = performance.now();
      await (await fetch(`/v1/accounts/${address}`)).json();
      return {
        verifiedMs: shown ? shown.startTime : Number.NaN,
        loadMs: navigation.loadEventStart,
        apiMs: performance.now() - t0,
      };
    },
    { address: ADDRESS, mark: BALANCE_SHOWN },
  );
  await page.close();
  if (!Number.isFinite(timings.verifiedMs))
    throw new Error(`the page never marked ${BALANCE_SHOWN}`);
  return { ...timings, seenMs, energy };
}

type Opening = Awaited<ReturnType<typeof open>>;

export async function benchWeb(options: { rounds: number }): Promise<string[][]> {
  await assertAppBuilt();
  const size = await appSize();
  const [devnet, browser] = await Promise.all([startDevnet(), launchChromium()]);
  try {
    const context = await browser.newContext({ locale: 'en-US' });
    const setup = await context.newPage();
    await openHousehold(setup, devnet.app, SECRET); // the key now lives in IndexedDB
    await verifiedEnergy(setup);
    await setup.close();
    const dropLightClientState = async () => {
      const page = await context.newPage();
      await page.goto(`${devnet.app}chain.json`);
      await page.evaluate(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.deleteDatabase(name);
            request.onsuccess = () => resolve();
            request.onerror = () => reject(request.error);
            request.onblocked = () => reject(new Error('the light client store is still open'));
          }),
        LIGHT_DB,
      );
      await page.close();
    };
    const cold: Opening[] = [];
    const warm: Opening[] = [];
    for (let r = 0; r < options.rounds; r++) {
      await dropLightClientState();
      cold.push(await open(context, devnet.app));
      warm.push(await open(context, devnet.app));
    }
    for (const o of [...cold, ...warm])
      if (!o.energy.endsWith('kWh')) throw new Error(`no verified balance: ${JSON.stringify(o)}`);
    const figures = (runs: Opening[]) => ({
      verified: median(runs.map((o) => o.verifiedMs)),
      seen: median(runs.map((o) => o.seenMs)),
      load: median(runs.map((o) => o.loadMs)),
    });
    const starts = [
      { name: 'cold', how: 'light client from the genesis', ...figures(cold) },
      { name: 'warm', how: 'light client from IndexedDB', ...figures(warm) },
    ];
    const apiMs = median(warm.map((o) => o.apiMs));
    console.log(
      `\n### Web app in Chromium (${browser.version()}), served by a devnet validator on loopback\n`,
    );
    printTable(
      ['figure', 'pvchain', 'peer', 'ratio'],
      [
        ...starts.map((s) => [
          `page opened to a verified balance on screen, ${s.name}: ${s.how} (median of ${options.rounds}; seen by Playwright ${ms(s.seen)})`,
          ms(s.verified),
          `page load event ${ms(s.load)}`,
          `${(s.verified / s.load).toFixed(2)}x`,
        ]),
        ['the same balance read unverified from the API in the same page', ms(apiMs), '—', '—'],
        [
          `built app, all ${size.files.length} files gzipped (Wasm embedded)`,
          `${kb(size.gzip)} (${kb(size.bytes)} raw)`,
          '—',
          '—',
        ],
        ...size.files.map((f) => [`  ${f.name}`, `${kb(f.gzip)} (${kb(f.bytes)} raw)`, '—', '—']),
      ],
    );
    return [
      ...starts.map((s) => [
        `web: page to verified balance (${s.name})`,
        ms(s.verified),
        `load event ${ms(s.load)}`,
        '—',
        `≤ ${TARGET_VERIFIED_MS} ms: ${verdict(s.verified <= TARGET_VERIFIED_MS)}`,
      ]),
      [
        'web: built app (gzip, Wasm included)',
        kb(size.gzip),
        '—',
        '—',
        `≤ ${TARGET_APP_KB} KB: ${verdict(size.gzip <= TARGET_APP_KB * 1024)}`,
      ],
    ];
  } finally {
    await browser.close();
    await devnet.stop();
  }
}
