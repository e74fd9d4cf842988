// The energy contract in Chromium: the same results, gas and final state as in Node.
import { createEnergyContractSuite } from '../shared/energy-contract-suite.ts';

describe('energy contract in Chromium', () => {
  for (const testCase of createEnergyContractSuite()) it(testCase.name, () => testCase.run());
});
