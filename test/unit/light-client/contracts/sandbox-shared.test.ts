// The host-independent sandbox suite in Node (test/browser/contracts.test.ts runs it in Chromium).
import { describe, it } from 'node:test';
import binaryen from 'binaryen';
import { createSandboxSuite } from '../../../shared/contract-sandbox-suite.ts';

function assemble(text: string): Promise<Uint8Array> {
  const module = binaryen.parseText(text);
  try {
    module.setFeatures(binaryen.Features.All);
    return Promise.resolve(module.emitBinary());
  } finally {
    module.dispose();
  }
}

describe('contract sandbox, host-independent suite', () => {
  for (const testCase of createSandboxSuite({ assemble })) it(testCase.name, () => testCase.run());
});
