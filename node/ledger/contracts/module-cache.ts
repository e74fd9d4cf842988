// Compiled contract modules by code hash. Instrumenting (validation and gas metering) is
// deterministic, so a node instruments a contract's stored code once and keeps the compiled
// module; the cache only saves time, never changes a result.
import { prepareContract } from '../../../light-client/contracts/index.ts';
import { toHex } from '../account-record.ts';

const MAX_MODULES = 64;
const modules = new Map<string, WebAssembly.Module>();

export function compiledContract(codeHash: Uint8Array, code: Uint8Array): WebAssembly.Module {
  const key = toHex(codeHash);
  const cached = modules.get(key);
  if (cached) {
    modules.delete(key); // refresh its place: the map's order is the eviction order
    modules.set(key, cached);
    return cached;
  }
  const module = new WebAssembly.Module(prepareContract(code));
  modules.set(key, module);
  if (modules.size > MAX_MODULES) modules.delete(modules.keys().next().value as string);
  return module;
}
