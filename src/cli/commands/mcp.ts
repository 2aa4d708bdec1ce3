import type { CommandContext } from '../context.js';
import { packageVersion } from '../version.js';

/** Serves the workspace to an AI agent over stdio until the client closes the connection. */
export async function run(context: CommandContext) {
  const [{ createMcpServer }, { StdioServerTransport }] = await Promise.all([
    import('../../mcp/server.js'),
    import('@modelcontextprotocol/sdk/server/stdio.js'),
  ]);
  const server = await createMcpServer({
    cwd: context.cwd,
    configFile: context.configFile,
    version: packageVersion(),
  });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once('end', resolve);
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
