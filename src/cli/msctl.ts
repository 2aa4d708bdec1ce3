/** Entry of the `msctl` binary (bin/msctl.js has answered `--version` already). */
export async function main(argv: string[]): Promise<void> {
  const [{ runCli }, { buildMsctlProgram }] = await Promise.all([
    import('./run-cli.js'),
    import('./program.js'),
  ]);
  await runCli(buildMsctlProgram, argv);
}
