// The host-independent energy contract suite in Node (test/browser/energy-contract.test.ts runs
// it in Chromium): both must compute the pinned session.
import { describe, it } from 'node:test';
import { createEnergyContractSuite } from '../../../shared/energy-contract-suite.ts';

describe('energy contract, host-independent suite', () => {
  for (const testCase of createEnergyContractSuite()) it(testCase.name, () => testCase.run());
});
