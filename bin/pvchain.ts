#!/usr/bin/env node
// The `pvchain` command (node/cli/). Needs Node >= 22.18 (TypeScript type stripping); in this
// repository `npx pvchain` and `npm run` use the pinned Node 24.
import { processIo } from '../node/cli/cli-io.ts';
import { runCli } from '../node/cli/program.ts';

const io = processIo();
const code = await runCli(process.argv, io);
io.dispose();
// Everything the command started has stopped; what may linger (an HTTP client's keep-alive
// socket, stores a failed start left open) must not hold the process. Standard output and error
// are synchronous for files and pipes on Linux, so nothing written is lost.
process.exit(code);
