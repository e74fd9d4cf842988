// The node's log never carries the validator key: the startup record of `pvchain node` gets the
// whole loaded config (key included) at trace level, and neither the key's hex nor its bytes
// appear in the file; the records are JSON with levels.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createNodeLogger } from '../../../../node/log/logger.ts';
import { hex, secretKey, VALIDATOR } from '../../../support/community.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('node logger', () => {
  it('writes JSON records with levels to a file, and never a key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pvchain-log-'));
    dirs.push(dir);
    const file = join(dir, 'logs', 'node.log');
    const logger = createNodeLogger({ level: 'trace', output: 'file', file });
    const key = secretKey(VALIDATOR);
    const keyHex = hex(key);
    logger.info({ config: { validatorSecretKey: key, dataDir: dir } }, 'starting');
    logger.debug({ validatorSecretKey: keyHex }, 'top level');
    logger.trace({ signer: { secretKey: keyHex, address: 'a001' } }, 'nested');
    logger.warn({ deep: { er: { seed: keyHex } } }, 'two levels down');
    logger.debug('below info');
    logger.flush();
    const text = await readFile(file, 'utf8');
    assert.ok(!text.includes(keyHex), 'the key in hex');
    assert.ok(!text.includes(Buffer.from(key).toString('base64')), 'the key in base64');
    const records = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      records.map((r) => [r.level, r.msg]),
      [
        [30, 'starting'],
        [20, 'top level'],
        [10, 'nested'],
        [40, 'two levels down'],
        [20, 'below info'],
      ],
    );
    assert.equal(
      ((records[0] as Record<string, unknown>).config as Record<string, unknown>)
        .validatorSecretKey,
      '[secret]',
    );
    assert.equal(
      ((records[0] as Record<string, unknown>).config as Record<string, unknown>).dataDir,
      dir,
    );
    assert.equal(records[1]?.validatorSecretKey, '[secret]');
    assert.equal(
      ((records[2] as Record<string, unknown>).signer as Record<string, unknown>).secretKey,
      '[secret]',
    );
    assert.equal(records[0]?.name, 'pvchain');
  });

  it('leaves out records below its level', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pvchain-log-'));
    dirs.push(dir);
    const file = join(dir, 'node.log');
    const logger = createNodeLogger({ level: 'warn', output: 'file', file });
    logger.info('quiet');
    logger.error({ code: 'X' }, 'loud');
    logger.flush();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    assert.equal(lines.length, 1);
    assert.equal(JSON.parse(lines[0] as string).msg, 'loud');
  });
});
