// Compiles the contracts of assembly/contracts/ for the contract sandbox (ADR 0009) and embeds
// the bytes in a generated TypeScript module, as scripts/build-wasm.ts does for the hot paths.
//
//   node scripts/build-contracts.ts       build every contract
//
// Output: build/wasm/contracts/<name>.wasm (+ .wat) and
// assembly/bindings/generated/contracts-wasm.ts (`<name>ContractWasmBase64`).
//
// The sandbox refuses a start function, and AssemblyScript's stub runtime initialises its heap
// pointer in one (from `__heap_base`). So the contract is compiled with `--exportStart`, and the
// exported start function is then folded away with binaryen: every `global.set` of a constant
// in it becomes that global's initial value. A start function doing anything else (top-level
// code of the contract: calls, stores, allocations) fails the build with the reason.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import binaryen from 'binaryen';
import { CONTRACT_LIMITS, prepareContract } from '../light-client/contracts/host.ts';
import { validateContractModule } from '../light-client/contracts/validate.ts';
import { ascCompile } from './asc-compile.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'build', 'wasm', 'contracts');
const generatedFile = join(root, 'assembly', 'bindings', 'generated', 'contracts-wasm.ts');

type Contract = { name: string; entry: string };

export const CONTRACTS: readonly Contract[] = [
  { name: 'example', entry: 'assembly/contracts/example/index.ts' },
  { name: 'energy', entry: 'assembly/contracts/energy/index.ts' },
];

const START_EXPORT = '__contract_start';

/** The flags every contract is compiled with (docs/contracts.md, "The SDK"). */
export const CONTRACT_FLAGS: readonly string[] = [
  '--runtime',
  'stub',
  '-O3',
  '--converge',
  // memory.copy/fill are refused by the sandbox; AssemblyScript then uses its own loops.
  '--disable',
  'bulk-memory,nontrapping-f2i',
  '--initialMemory',
  '1',
  '--maximumMemory',
  '16',
  '--exportStart',
  START_EXPORT,
];

const compile = (entry: string, outFile: string) => ascCompile(entry, outFile, CONTRACT_FLAGS);

/** Removes the exported start function, moving its constant global stores into initialisers. */
export function foldStart(bytes: Uint8Array, what: string): Uint8Array {
  const mod = binaryen.readBinary(bytes);
  try {
    mod.setFeatures(binaryen.Features.MutableGlobals | binaryen.Features.SignExt);
    const start = binaryen.getExportInfo(mod.getExport(START_EXPORT));
    const body = binaryen.getFunctionInfo(mod.getFunction(start.value)).body;
    const values = new Map<string, number>();
    const statements = (expr: number): number[] => {
      const info = binaryen.getExpressionInfo(expr);
      return info.id === binaryen.BlockId ? (info as binaryen.BlockInfo).children : [expr];
    };
    for (const expr of statements(body)) {
      const info = binaryen.getExpressionInfo(expr);
      if (info.id === binaryen.IfId) continue; // the `~started` guard of --exportStart
      if (info.id === binaryen.GlobalSetId) {
        const set = info as binaryen.GlobalSetInfo;
        const value = binaryen.getExpressionInfo(set.value);
        if (value.id === binaryen.ConstId && value.type === binaryen.i32) {
          values.set(set.name, (value as binaryen.ConstInfo).value as number);
          continue;
        }
      }
      throw new Error(
        `${what}: top-level code needs a start function, which contracts may not have ` +
          `(move it into the methods): ${binaryen.emitText(expr).trim().split('\n')[0]}`,
      );
    }
    for (const [name, value] of values) {
      const global = binaryen.getGlobalInfo(mod.getGlobal(name));
      mod.removeGlobal(name);
      mod.addGlobal(name, global.type, global.mutable, mod.i32.const(value));
    }
    mod.removeExport(START_EXPORT);
    mod.runPasses(['remove-unused-module-elements']);
    if (!mod.validate()) throw new Error(`${what}: binaryen refused the folded module`);
    return mod.emitBinary();
  } finally {
    mod.dispose();
  }
}

/** Compiles one contract and checks it against the host's limits; returns the release bytes. */
export async function buildContract(contract: Contract): Promise<Uint8Array> {
  const base = join(outDir, contract.name);
  await compile(contract.entry, `${base}.compiled.wasm`);
  const bytes = foldStart(await readFile(`${base}.compiled.wasm`), contract.name);
  const mod = binaryen.readBinary(bytes);
  const text = mod.emitText();
  mod.dispose();
  if (/\bf(32|64)\b/.test(text)) throw new Error(`${contract.name}: floats in the output`);
  validateContractModule(bytes, CONTRACT_LIMITS);
  prepareContract(bytes);
  await writeFile(`${base}.wasm`, bytes);
  await writeFile(`${base}.wat`, text);
  return bytes;
}

function camel(name: string): string {
  return name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

/** Builds every contract and writes assembly/bindings/generated/contracts-wasm.ts. */
export async function buildContracts(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await mkdir(dirname(generatedFile), { recursive: true });
  const lines = [
    '// Generated by scripts/build-contracts.ts from assembly/contracts/. Do not edit.\n',
  ];
  for (const contract of CONTRACTS) {
    const started = performance.now();
    const bytes = await buildContract(contract);
    const ms = Math.round(performance.now() - started);
    console.log(`contract: ${contract.name} ${bytes.length} bytes (${ms} ms)`);
    const base64 = Buffer.from(bytes).toString('base64');
    lines.push(`export const ${camel(contract.name)}ContractWasmBase64 =\n  '${base64}';\n`);
  }
  await writeFile(generatedFile, lines.join('\n'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildContracts();
