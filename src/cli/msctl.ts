import { buildMsctlProgram } from './program.js';
import { runCli } from './run-cli.js';

/** Entry of the `msctl` binary (bin/msctl.js has answered `--version` before importing this module). */
export async function main(argv: string[]): Promise<void> {
  await runCli(buildMsctlProgram, argv);
}
