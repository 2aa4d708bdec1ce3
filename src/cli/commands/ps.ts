import type { CommandContext } from '../context.js';

export interface PsCommandOptions {
  json?: boolean;
  project?: string;
}

export async function run(context: CommandContext, options: PsCommandOptions) {
  const [{ connectEngine }, { projectStatus }, { resolveProjectName }] = await Promise.all([
    import('../../core/runtime/connect.js'),
    import('../../core/runtime/status.js'),
    import('../../core/runtime/project-name.js'),
  ]);
  const project = await resolveProjectName({ ...options, cwd: context.cwd, configFile: context.configFile });
  const { docker } = await connectEngine();
  const rows = await projectStatus(docker, project);
  if (options.json) {
    context.output.json(rows);
    return;
  }
  if (rows.length === 0) {
    context.output.print(`Nothing of project ${project} exists. Start it with \`msctl up\`.`);
    return;
  }
  const { color } = context.output;
  const table = [
    ['SERVICE', 'STATE', 'HEALTH', 'PORTS', 'IMAGE', 'UPTIME'],
    ...rows.map((row) => [
      row.service,
      row.state,
      row.health ?? '-',
      row.ports.join(', ') || '-',
      row.image,
      row.uptimeSeconds === undefined ? '-' : formatDuration(row.uptimeSeconds),
    ]),
  ];
  const widths =
    table[0]?.map((_, column) => Math.max(...table.map((cells) => (cells[column] ?? '').length))) ?? [];
  for (const [index, cells] of table.entries()) {
    const line = cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
    context.output.print(index === 0 ? color.bold(line) : line);
  }
  // Why a service is not healthy is the first thing one asks next: its check's last answer, under the table.
  for (const row of rows) {
    if (row.healthDetail) context.output.print(color.dim(`${row.service}: ${row.healthDetail}`));
  }
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  if (seconds < 86_400)
    return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(seconds / 86_400)}d${Math.floor((seconds % 86_400) / 3600)}h`;
}
