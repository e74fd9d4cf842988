// The node's configuration file (`pvchain node --config node.json`): where its data lives, the
// genesis, the validator key file, its network (listen addresses and the other validators),
// consensus timeouts and block limits. Validated field by field; an error names the field and
// what was expected. Relative paths are relative to the file. The validator key sits in a file
// of its own, refused when other users may read it.
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { type Genesis, GenesisError, parseGenesis } from '../ledger/genesis.ts';

export const NODE_CONFIG_VERSION = 1;

const multiaddr = z
  .string()
  .regex(
    /^\/(ip4|ip6|dns4|dns6|dns)\/[^/]+\/tcp\/\d+(\/ws)?(\/p2p\/\w+)?$/,
    'expected a multiaddr like /ip4/127.0.0.1/tcp/7001',
  );

/**
 * The HTTP JSON API and its WebSocket (node/api/, docs/api.md): one server on `listen`
 * (host:port; port 0 picks a free one), the browser origins allowed (CORS; default the node's
 * own), and the per-client request budget. Absent: no API.
 */
export const webserverSchema = z
  .object({
    listen: z
      .string()
      .regex(
        /^(\d{1,3}(\.\d{1,3}){3}|localhost|\[[0-9a-f:]+\]):\d{1,5}$/,
        'expected host:port like 127.0.0.1:27201',
      ),
    corsOrigins: z.array(z.string().url()).optional(),
    /** Requests per client per minute. */
    rateLimitPerMinute: z.number().int().min(1).max(1_000_000).default(3600),
    /** Largest request body. */
    bodyLimitBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(4 * 1024 * 1024),
  })
  .strict();

/** The host and port of a webserver's `listen`. */
export function listenAddress(listen: string): { host: string; port: number } {
  const colon = listen.lastIndexOf(':');
  return {
    host: listen.slice(0, colon).replace(/^\[|\]$/g, ''),
    port: Number(listen.slice(colon + 1)),
  };
}

export const nodeConfigSchema = z
  .object({
    version: z.literal(NODE_CONFIG_VERSION).default(NODE_CONFIG_VERSION),
    dataDir: z.string().min(1),
    genesisFile: z.string().min(1),
    validation: z.object({ keyFile: z.string().min(1) }).strict(),
    p2p: z
      .object({
        listen: z.object({ tcp: multiaddr, ws: multiaddr.optional() }).strict(),
        /** The other validators, each with its /p2p/<peer id>. */
        peers: z.array(multiaddr).default([]),
      })
      .strict(),
    consensus: z
      .object({
        baseTimeoutMs: z.number().int().min(50).max(60_000).default(1000),
        maxTimeoutMs: z.number().int().min(50).max(600_000).default(8000),
        checkpointInterval: z.number().int().min(1).max(10_000).default(16),
      })
      .strict()
      .default({ baseTimeoutMs: 1000, maxTimeoutMs: 8000, checkpointInterval: 16 }),
    ledger: z
      .object({
        maxBlockTransactions: z.number().int().min(1).max(100_000).default(5_000),
        maxBlockBytes: z
          .number()
          .int()
          .min(64 * 1024)
          .max(4 * 1024 * 1024 - 64 * 1024)
          .default(4 * 1024 * 1024 - 64 * 1024),
        /** Longest wait for transactions before the primary proposes an empty block. */
        blockIntervalMs: z.number().int().min(10).max(60_000).default(300),
      })
      .strict()
      .default({
        maxBlockTransactions: 5_000,
        maxBlockBytes: 4 * 1024 * 1024 - 64 * 1024,
        blockIntervalMs: 300,
      }),
    /** Signature verification threads (0: on the main thread). */
    verifyWorkers: z.number().int().min(0).max(64).default(1),
    webserver: webserverSchema.optional(),
    /**
     * DEMO ONLY (`pvchain devnet`): run the demo community's meter simulators in this node,
     * relayed with the grid's publicly derived devnet key. Refused on any chain but the devnet.
     */
    devMeters: z
      .object({
        /** Simulated seconds per real second (60: a simulated hour per minute). */
        speed: z.number().positive().max(1_000_000).default(60),
      })
      .strict()
      .optional(),
  })
  .strict();

export type NodeConfigFile = z.output<typeof nodeConfigSchema>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID' as const;
  readonly issues: { field: string; message: string }[];
  constructor(file: string, issues: { field: string; message: string }[]) {
    super(`invalid config ${file}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export type LoadedNodeConfig = NodeConfigFile & {
  genesis: Genesis;
  validatorSecretKey: Uint8Array;
};

async function readText(path: string, file: string, field: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [
      { field, message: `cannot read ${path}: ${(error as Error).message}` },
    ]);
  }
}

/** Reads the config at `path`, then the genesis and the validator key it names. */
export async function loadNodeConfig(path: string): Promise<LoadedNodeConfig> {
  const file = resolve(path);
  let json: unknown;
  try {
    json = JSON.parse(await readText(file, file, '(file)'));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(file, [
      { field: '(file)', message: `not JSON: ${(error as Error).message}` },
    ]);
  }
  const parsed = nodeConfigSchema.safeParse(json);
  if (!parsed.success)
    throw new ConfigError(
      file,
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message })),
    );
  const base = dirname(file);
  const config = parsed.data;
  const dataDir = resolve(base, config.dataDir);
  const genesisPath = resolve(base, config.genesisFile);
  let genesis: Genesis;
  try {
    genesis = parseGenesis(await readText(genesisPath, file, 'genesisFile'));
  } catch (error) {
    if (!(error instanceof GenesisError)) throw error;
    throw new ConfigError(
      file,
      error.issues.map((i) => ({ field: `genesisFile: ${i.field}`, message: i.message })),
    );
  }
  const keyPath = resolve(base, config.validation.keyFile);
  const keyText = (await readText(keyPath, file, 'validation.keyFile')).trim();
  if ((await stat(keyPath)).mode & 0o077)
    throw new ConfigError(file, [
      {
        field: 'validation.keyFile',
        message: `${keyPath} may be read by other users: chmod 600 it`,
      },
    ]);
  if (!/^[0-9a-f]{64}$/.test(keyText))
    throw new ConfigError(file, [
      {
        field: 'validation.keyFile',
        message: 'expected a 32-byte Ed25519 secret key as 64 hex characters',
      },
    ]);
  return {
    ...config,
    dataDir,
    genesisFile: genesisPath,
    validation: { keyFile: keyPath },
    genesis,
    validatorSecretKey: new Uint8Array(Buffer.from(keyText, 'hex')),
  };
}
