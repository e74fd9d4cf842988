import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeConfigSchema } from '../../../../node/config/config-schema.ts';
import { ENV_OVERRIDES, envNameOf } from '../../../../node/config/config-sources.ts';

describe('config environment overrides', () => {
  it('names variables PVCHAIN_<SECTION>_<FIELD> in upper snake case', () => {
    assert.equal(envNameOf('p2p.listen.tcp'), 'PVCHAIN_P2P_LISTEN_TCP');
    assert.equal(envNameOf('webserver.listen'), 'PVCHAIN_WEBSERVER_LISTEN');
    assert.equal(envNameOf('logger.level'), 'PVCHAIN_LOGGER_LEVEL');
    assert.equal(envNameOf('ledger.blockIntervalMs'), 'PVCHAIN_LEDGER_BLOCK_INTERVAL_MS');
  });

  it('lists only fields the schema has', () => {
    for (const { path } of ENV_OVERRIDES) {
      let shape: unknown = nodeConfigSchema;
      for (const part of path.split('.')) {
        // Unwrap optional/default/refine wrappers down to the object, then step into it.
        let schema = shape as { shape?: Record<string, unknown>; unwrap?: () => unknown };
        for (let i = 0; i < 4 && !schema.shape && schema.unwrap; i++)
          schema = schema.unwrap() as typeof schema;
        const def = (schema as { _zod?: { def?: { in?: unknown } } })._zod?.def;
        if (!schema.shape && def?.in) schema = def.in as typeof schema;
        assert.ok(schema.shape && part in schema.shape, `${path}: no ${part}`);
        shape = schema.shape[part];
      }
    }
  });
});
