import { packageVersion } from './version.js';

/** Entry of the `msctl` binary. `--version` answers before anything else is loaded. */
export async function main(argv: string[]): Promise<void> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  const [{ runCli }, { buildMsctlProgram }] = await Promise.all([
    import('./run-cli.js'),
    import('./program.js'),
  ]);
  await runCli(buildMsctlProgram, argv);
}
