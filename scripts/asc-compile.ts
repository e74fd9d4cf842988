// One AssemblyScript compilation: `entry` to `outFile` (and its .wat beside it) with `flags`;
// the compiler's output is kept and shown only when it fails.
import asc from 'assemblyscript/asc';

export async function ascCompile(
  entry: string,
  outFile: string,
  flags: readonly string[],
): Promise<void> {
  const textFile = outFile.replace(/\.wasm$/, '.wat');
  const args = [entry, '--outFile', outFile, '--textFile', textFile, ...flags];
  let log = '';
  const sink = {
    write(chunk: string | Uint8Array): boolean {
      log += String(chunk);
      return true;
    },
  };
  const { error } = await asc.main(args, { stdout: sink, stderr: sink });
  if (error) throw new Error(`asc failed for ${outFile}:\n${log || error.message}`);
}
