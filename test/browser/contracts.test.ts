// The contract sandbox in Chromium: the same verdicts, results and gas as in Node. Modules are
// assembled from WAT by the test server (web-test-runner.config.mjs), as binaryen does in Node.
import { createSandboxSuite } from '../shared/contract-sandbox-suite.ts';

async function assemble(wat: string): Promise<Uint8Array> {
  const response = await fetch('/__wat', { method: 'POST', body: wat });
  if (!response.ok) throw new Error(`assembling WAT: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

describe('contract sandbox in Chromium', () => {
  for (const testCase of createSandboxSuite({ assemble })) it(testCase.name, () => testCase.run());
});
