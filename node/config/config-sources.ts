// What goes into the config before validation: the file (in the current layout or the first
// one, which had `dataDir`, `genesisFile` and `verifyWorkers` at the top) and the environment.
//
// The environment rule (docs/configuration.md): a field at `section.field.sub` is overridden by
// PVCHAIN_SECTION_FIELD_SUB, each camelCase name in UPPER_SNAKE_CASE (ledger.blockIntervalMs:
// PVCHAIN_LEDGER_BLOCK_INTERVAL_MS). Numbers are parsed as numbers, lists are comma-separated.
// Only the fields listed below can be overridden; other PVCHAIN_* variables are not the config's.

type Kind = 'string' | 'number' | 'list';

const OVERRIDABLE: readonly [string, Kind][] = [
  ['db.path', 'string'],
  ['p2p.listen.tcp', 'string'],
  ['p2p.listen.ws', 'string'],
  ['p2p.listen.webrtcDirect', 'string'],
  ['p2p.peers', 'list'],
  ['webserver.listen', 'string'],
  ['webserver.corsOrigins', 'list'],
  ['webserver.rateLimitPerMinute', 'number'],
  ['webserver.bodyLimitBytes', 'number'],
  ['wsserver.maxConnectionsPerClient', 'number'],
  ['wsserver.messagesPerSecond', 'number'],
  ['ledger.genesisFile', 'string'],
  ['ledger.maxBlockTransactions', 'number'],
  ['ledger.maxBlockBytes', 'number'],
  ['ledger.blockIntervalMs', 'number'],
  ['logger.level', 'string'],
  ['logger.output', 'string'],
  ['logger.file', 'string'],
  ['validation.keyFile', 'string'],
  ['validation.verifyWorkers', 'number'],
  ['monitor.listen', 'string'],
  ['consensus.baseTimeoutMs', 'number'],
  ['consensus.maxTimeoutMs', 'number'],
  ['consensus.checkpointInterval', 'number'],
];

/** The environment variable of a field path: p2p.listen.tcp -> PVCHAIN_P2P_LISTEN_TCP. */
export function envNameOf(path: string): string {
  const snake = path.split('.').map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1_$2'));
  return `PVCHAIN_${snake.join('_').toUpperCase()}`;
}

export const ENV_OVERRIDES: readonly { path: string; env: string; kind: Kind }[] = OVERRIDABLE.map(
  ([path, kind]) => ({ path, env: envNameOf(path), kind }),
);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseValue(text: string, kind: Kind): unknown {
  if (kind === 'number') return text.trim() === '' ? Number.NaN : Number(text);
  if (kind === 'list')
    return text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return text;
}

/**
 * Applies the environment's overrides to the config object (a copy); returns it and, per
 * overridden field path, the variable that set it (for error messages).
 */
export function applyEnvOverrides(
  config: unknown,
  env: Record<string, string | undefined>,
): { config: unknown; fromEnv: Map<string, string> } {
  const fromEnv = new Map<string, string>();
  if (!isObject(config)) return { config, fromEnv };
  const out = structuredClone(config);
  for (const { path, env: name, kind } of ENV_OVERRIDES) {
    const text = env[name];
    if (text === undefined) continue;
    const parts = path.split('.');
    let at: Json = out;
    for (const part of parts.slice(0, -1)) {
      if (!isObject(at[part])) at[part] = {};
      at = at[part] as Json;
    }
    at[parts.at(-1) as string] = parseValue(text, kind);
    fromEnv.set(path, name);
  }
  return { config: out, fromEnv };
}

const LEGACY: readonly [old: string, section: string, field: string][] = [
  ['dataDir', 'db', 'path'],
  ['genesisFile', 'ledger', 'genesisFile'],
  ['verifyWorkers', 'validation', 'verifyWorkers'],
];

/**
 * The first layout's top-level fields moved into their sections; returns the issues of a
 * file that has a field in both places.
 */
export function upgradeLegacyLayout(config: unknown): {
  config: unknown;
  issues: { field: string; message: string }[];
} {
  if (!isObject(config)) return { config, issues: [] };
  const out: Json = { ...config };
  const issues: { field: string; message: string }[] = [];
  for (const [old, section, field] of LEGACY) {
    if (!(old in out)) continue;
    const target = isObject(out[section]) ? { ...(out[section] as Json) } : {};
    if (field in target)
      issues.push({
        field: old,
        message: `expected either ${old} or ${section}.${field}, not both`,
      });
    else target[field] = out[old];
    delete out[old];
    if (isObject(out[section]) || out[section] === undefined) out[section] = target;
  }
  return { config: out, issues };
}
