import { buildCreateServiceProgram } from './program.js';
import { runCli } from './run-cli.js';

/** Entry of the `create-service` binary, the same command as `msctl new` (bin/ has answered `--version`). */
export async function main(argv: string[]): Promise<void> {
  await runCli(buildCreateServiceProgram, argv);
}
