// @web/test-runner: the browser half of `npm test`, in Debian's Chromium (CHROME_PATH overrides).
// The test server also answers the browser's requests for reference digests from OpenSSL
// (node:crypto), so the browser runs the same differential tests as Node.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import binaryen from 'binaryen';
import { build } from 'esbuild';
import {
  lightNetworkMiddleware,
  stopLightNetwork,
} from './test/browser/support/light-network-server.ts';
import { webApiProxy } from './test/browser/support/web-api-proxy.ts';
import { CHROMIUM_FLAGS } from './test/support/chromium.ts';

const require = createRequire(import.meta.url);

const REFERENCE_PATH = '/__reference/hash/';
const MAX_REFERENCE_BODY_BYTES = 64 * 1024 * 1024;

async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_REFERENCE_BODY_BYTES) throw new RangeError('reference request too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** POST /__reference/hash/<alg> with messages as [u32 little-endian length][bytes]...; answers digests. */
async function referenceDigests(ctx, next) {
  if (ctx.method !== 'POST' || !ctx.path.startsWith(REFERENCE_PATH)) return next();
  const alg = ctx.path.slice(REFERENCE_PATH.length);
  if (alg !== 'sha256' && alg !== 'sm3') ctx.throw(400, `unknown algorithm ${alg}`);
  const body = await readBody(ctx.req);
  const digests = [];
  for (let offset = 0; offset < body.length; ) {
    const length = body.readUInt32LE(offset);
    offset += 4;
    digests.push(
      createHash(alg)
        .update(body.subarray(offset, offset + length))
        .digest(),
    );
    offset += length;
  }
  ctx.type = 'application/octet-stream';
  ctx.body = Buffer.concat(digests);
}

/**
 * Serves CommonJS packages (protobufjs, netmask for libp2p) to the browser as ES modules, bundled by esbuild the way
 * Vite pre-bundles them for the web app.
 */
function commonJsAsEsm(specifiers) {
  const bundles = new Map();
  // The CommonJS entry (`require` condition): eventemitter3's index.mjs imports its index.js.
  const files = new Map(specifiers.map((s) => [require.resolve(s), s]));
  return {
    name: 'commonjs-as-esm',
    async serve(context) {
      const file = [...files.keys()].find((f) => f.endsWith(context.path));
      if (!file) return undefined;
      if (!bundles.has(file)) {
        // Named exports too (`import { Netmask } from 'netmask'`), read from the module in Node.
        const names = Object.keys(require(file)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
        const entry = `import * as ns from ${JSON.stringify(file)};\nexport default ns.default ?? ns;\n${names
          .map((n) => `export const ${n} = ns.${n};`)
          .join('\n')}`;
        const result = await build({
          stdin: { contents: entry, resolveDir: process.cwd() },
          bundle: true,
          format: 'esm',
          write: false,
        });
        bundles.set(file, result.outputFiles[0].text);
      }
      return { body: bundles.get(file), type: 'js' };
    },
  };
}

/**
 * POST /__wat with WAT text: the module assembled by binaryen in Node, so browser tests of the
 * contract sandbox get the same bytes as the Node tests without shipping an assembler.
 */
async function assembleWat(ctx, next) {
  if (ctx.method !== 'POST' || ctx.path !== '/__wat') return next();
  const module = binaryen.parseText((await readBody(ctx.req)).toString('utf8'));
  try {
    module.setFeatures(binaryen.Features.All);
    ctx.type = 'application/wasm';
    ctx.body = Buffer.from(module.emitBinary());
  } finally {
    module.dispose();
  }
}

/** Stops the light client tests' network of full nodes with the test server. */
const lightNetwork = { name: 'light-network', serverStop: stopLightNetwork };

export default {
  files: ['test/browser/**/*.test.ts'],
  // `browser: true` follows package.json "browser" fields (@libp2p/webrtc's browser build).
  nodeResolve: { exportConditions: ['browser', 'default'], browser: true },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022' }),
    commonJsAsEsm(['protobufjs/minimal.js', 'netmask', 'hashlru', 'eventemitter3']),
    lightNetwork,
  ],
  // /__network: the light client tests' full nodes (test/browser/support/light-network-server.ts).
  // /__api: the web app tests' same-origin API (test/browser/support/web-api-proxy.ts).
  middleware: [referenceDigests, assembleWat, lightNetworkMiddleware, webApiProxy],
  concurrency: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 120_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_FLAGS,
      },
    }),
  ],
};
