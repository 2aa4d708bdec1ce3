/** Entry of the `create-service` binary, the same command as `msctl new` (bin/ has answered `--version`). */
export async function main(argv: string[]): Promise<void> {
  const [{ runCli }, { buildCreateServiceProgram }] = await Promise.all([
    import('./run-cli.js'),
    import('./program.js'),
  ]);
  await runCli(buildCreateServiceProgram, argv);
}
