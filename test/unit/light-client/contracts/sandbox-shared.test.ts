// The host-independent sandbox suite in Node (test/browser/contracts.test.ts runs it in Chromium).
import { describe, it } from 'node:test';
import { createSandboxSuite } from '../../../shared/contract-sandbox-suite.ts';
import { wat } from '../../../support/wat.ts';

const assemble = (text: string): Promise<Uint8Array> => Promise.resolve(wat(text));

describe('contract sandbox, host-independent suite', () => {
  for (const testCase of createSandboxSuite({ assemble })) it(testCase.name, () => testCase.run());
});
