// The node's configuration file (`pvchain node --config node.json`, docs/configuration.md): the
// sections of config-schema.ts, the environment's overrides (config-sources.ts), validated field
// by field; an error names the field and what was expected. Relative paths are relative to the
// file. The validator key sits in a file of its own, refused when other users may read it.
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type Genesis, GenesisError, parseGenesis } from '../ledger/genesis.ts';
import { type NodeConfigFile, nodeConfigSchema } from './config-schema.ts';
import { applyEnvOverrides, upgradeLegacyLayout } from './config-sources.ts';

export {
  listenAddress,
  NODE_CONFIG_VERSION,
  type NodeConfigFile,
  nodeConfigSchema,
  webserverSchema,
} from './config-schema.ts';

export type ConfigIssue = { field: string; message: string };

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID' as const;
  readonly issues: ConfigIssue[];
  constructor(file: string, issues: ConfigIssue[]) {
    super(`invalid config ${file}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export type LoadedNodeConfig = NodeConfigFile & {
  /** The config file, absolute. */
  file: string;
  /** db.path, absolute. */
  dataDir: string;
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

/** Validates a config object (the file's JSON with the environment applied). */
export function parseNodeConfig(
  json: unknown,
  file: string,
  env: Record<string, string | undefined> = {},
): NodeConfigFile {
  const upgraded = upgradeLegacyLayout(json);
  if (upgraded.issues.length > 0) throw new ConfigError(file, upgraded.issues);
  const { config, fromEnv } = applyEnvOverrides(upgraded.config, env);
  const parsed = nodeConfigSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    file,
    parsed.error.issues.map((issue) => {
      const field = issue.path.join('.') || '(root)';
      const variable = fromEnv.get(field);
      return { field: variable ? `${field} (from ${variable})` : field, message: issue.message };
    }),
  );
}

/** Reads the config at `path` and the environment, then the genesis and key file it names. */
export async function loadNodeConfig(
  path: string,
  env: Record<string, string | undefined> = process.env,
): Promise<LoadedNodeConfig> {
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
  const config = parseNodeConfig(json, file, env);
  const base = dirname(file);
  const genesisPath = resolve(base, config.ledger.genesisFile);
  let genesis: Genesis;
  try {
    genesis = parseGenesis(await readText(genesisPath, file, 'ledger.genesisFile'));
  } catch (error) {
    if (!(error instanceof GenesisError)) throw error;
    throw new ConfigError(
      file,
      error.issues.map((i) => ({ field: `ledger.genesisFile: ${i.field}`, message: i.message })),
    );
  }
  const keyPath = resolve(base, config.validation.keyFile);
  const validatorSecretKey = await readValidatorKey(keyPath, file);
  const dataDir = resolve(base, config.db.path);
  const logFile = config.logger.file && resolve(base, config.logger.file);
  return {
    ...config,
    file,
    dataDir,
    db: { path: dataDir },
    ledger: { ...config.ledger, genesisFile: genesisPath },
    validation: { ...config.validation, keyFile: keyPath },
    logger: { ...config.logger, ...(logFile && { file: logFile }) },
    genesis,
    validatorSecretKey,
  };
}

/** The key file's secret key; refused when group or others may read or write it. */
async function readValidatorKey(keyPath: string, file: string): Promise<Uint8Array> {
  const field = 'validation.keyFile';
  const keyText = (await readText(keyPath, file, field)).trim();
  if ((await stat(keyPath)).mode & 0o077)
    throw new ConfigError(file, [
      { field, message: `${keyPath} may be read by other users: chmod 600 it` },
    ]);
  if (!/^[0-9a-f]{64}$/.test(keyText))
    throw new ConfigError(file, [
      { field, message: 'expected a 32-byte Ed25519 secret key as 64 hex characters' },
    ]);
  return new Uint8Array(Buffer.from(keyText, 'hex'));
}
