#!/usr/bin/env node
// The `pvchain` command (node/cli/). Needs Node >= 22.18 (TypeScript type stripping); in this
// repository `npx pvchain` and `npm run` use the pinned Node 24.
import { processIo } from '../node/cli/cli-io.ts';
import { runCli } from '../node/cli/program.ts';

const io = processIo();
process.exitCode = await runCli(process.argv, io);
io.dispose();
