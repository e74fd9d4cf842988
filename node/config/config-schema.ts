// The sections of the node config file (docs/configuration.md), after BubiChain's: db, p2p,
// webserver, wsserver, ledger, logger, validation, monitor, plus consensus and the demo-only
// devMeters. Every field is checked by zod; an error names the field and what was expected.
import { z } from 'zod';

export const NODE_CONFIG_VERSION = 1;

const multiaddr = z
  .string()
  .regex(
    /^\/(ip4|ip6|dns4|dns6|dns)\/[^/]+\/tcp\/\d+(\/ws)?(\/p2p\/\w+)?$/,
    'expected a multiaddr like /ip4/127.0.0.1/tcp/7001',
  );

const webrtcDirectMultiaddr = z
  .string()
  .regex(
    /^\/(ip4|ip6)\/[^/]+\/udp\/\d+\/webrtc-direct$/,
    'expected a multiaddr like /ip4/127.0.0.1/udp/0/webrtc-direct',
  );

/** host:port; port 0 picks a free one. */
export const hostPort = z
  .string()
  .regex(
    /^(\d{1,3}(\.\d{1,3}){3}|localhost|\[[0-9a-f:]+\]):\d{1,5}$/,
    'expected host:port like 127.0.0.1:27201',
  );

/**
 * The HTTP JSON API (node/api/, docs/api.md): one server on `listen`, the browser origins
 * allowed (CORS; default the node's own), the per-client request budget. Absent: no API.
 */
export const webserverSchema = z
  .object({
    listen: hostPort,
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

/** The API's WebSocket (`/v1/ws` on the webserver's listen address): its limits. */
export const wsserverSchema = z
  .object({
    maxConnectionsPerClient: z.number().int().min(1).max(10_000).default(32),
    maxSubscriptions: z.number().int().min(1).max(10_000).default(64),
    maxAddresses: z.number().int().min(1).max(1_000_000).default(5000),
    maxMessageBytes: z
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024)
      .default(256 * 1024),
    messagesPerSecond: z.number().int().min(1).max(10_000).default(20),
  })
  .strict();

const LEDGER_DEFAULTS = {
  maxBlockTransactions: 5_000,
  maxBlockBytes: 4 * 1024 * 1024 - 64 * 1024,
  blockIntervalMs: 300,
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const nodeConfigSchema = z
  .object({
    version: z.literal(NODE_CONFIG_VERSION).default(NODE_CONFIG_VERSION),
    /** The three stores: <path>/ledger.db, account.db, keyvalue.db. */
    db: z.object({ path: z.string().min(1) }).strict(),
    p2p: z
      .object({
        listen: z
          .object({
            tcp: multiaddr,
            ws: multiaddr.optional(),
            /** Browsers' WebRTC-direct listener (ADR 0012), e.g. /ip4/127.0.0.1/udp/0/webrtc-direct. */
            webrtcDirect: webrtcDirectMultiaddr.optional(),
          })
          .strict(),
        /** The other validators, each with its /p2p/<peer id>. */
        peers: z.array(multiaddr).default([]),
      })
      .strict(),
    webserver: webserverSchema.optional(),
    wsserver: wsserverSchema.optional(),
    ledger: z
      .object({
        genesisFile: z.string().min(1),
        maxBlockTransactions: z
          .number()
          .int()
          .min(1)
          .max(100_000)
          .default(LEDGER_DEFAULTS.maxBlockTransactions),
        maxBlockBytes: z
          .number()
          .int()
          .min(64 * 1024)
          .max(4 * 1024 * 1024 - 64 * 1024)
          .default(LEDGER_DEFAULTS.maxBlockBytes),
        /** Longest wait for transactions before the primary proposes an empty block. */
        blockIntervalMs: z
          .number()
          .int()
          .min(10)
          .max(60_000)
          .default(LEDGER_DEFAULTS.blockIntervalMs),
      })
      .strict(),
    logger: z
      .object({
        level: z.enum(LOG_LEVELS).default('info'),
        /** Where log records go: stderr (default), stdout, or `file`. */
        output: z.enum(['stderr', 'stdout', 'file']).default('stderr'),
        /** The log file when output is `file` (appended to). */
        file: z.string().min(1).optional(),
      })
      .strict()
      .refine((l) => l.output !== 'file' || l.file !== undefined, {
        message: 'expected a file when output is "file"',
        path: ['file'],
      })
      .default({ level: 'info', output: 'stderr' }),
    validation: z
      .object({
        /** The validator's Ed25519 secret key (64 hex characters), chmod 600. */
        keyFile: z.string().min(1),
        /** Signature verification threads (0: on the main thread). */
        verifyWorkers: z.number().int().min(0).max(64).default(1),
      })
      .strict(),
    /** Prometheus metrics at http://<listen>/metrics. Absent: none. */
    monitor: z.object({ listen: hostPort }).strict().optional(),
    consensus: z
      .object({
        baseTimeoutMs: z.number().int().min(50).max(60_000).default(1000),
        maxTimeoutMs: z.number().int().min(50).max(600_000).default(8000),
        checkpointInterval: z.number().int().min(1).max(10_000).default(16),
      })
      .strict()
      .default({ baseTimeoutMs: 1000, maxTimeoutMs: 8000, checkpointInterval: 16 }),
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

/** The host and port of a `listen` (host:port). */
export function listenAddress(listen: string): { host: string; port: number } {
  const colon = listen.lastIndexOf(':');
  return {
    host: listen.slice(0, colon).replace(/^\[|\]$/g, ''),
    port: Number(listen.slice(colon + 1)),
  };
}
