import { ExitCode } from '../../core/errors.js';
import type { CiProvider } from '../../core/generate/ci/index.js';
import { ALL_KINDS, type GenerateKind } from '../../core/generate/plan.js';
import { regenerateWorkspace } from '../../core/generate/regenerate.js';
import { plural } from '../../core/plural.js';
import type { CommandContext } from '../context.js';

export interface GenerateOptions {
  out?: string;
  ci?: CiProvider;
  dryRun?: boolean;
  check?: boolean;
  force?: boolean;
  json?: boolean;
}

export async function run(context: CommandContext, what: GenerateKind | 'all', options: GenerateOptions) {
  const kinds: readonly GenerateKind[] = what === 'all' ? ALL_KINDS : [what];
  const { root, plan, written } = await regenerateWorkspace({
    cwd: context.cwd,
    configFile: context.configFile,
    out: options.out,
    kinds,
    all: what === 'all',
    ci: options.ci,
    force: options.force,
    write: !options.dryRun && !options.check,
  });
  const kept = plan.files.filter((file) => file.action === 'kept');

  if (options.json) {
    context.output.json({
      root,
      drift: plan.drift,
      written,
      files: plan.files.map(({ path: file, action, reason }) => ({ path: file, action, reason })),
    });
  } else {
    const { color } = context.output;
    const label = {
      create: color.green('create'),
      update: color.yellow('update'),
      unchanged: color.dim('ok'),
      kept: color.red('kept'),
    };
    for (const file of plan.files) {
      if (file.action === 'unchanged' && !options.dryRun) continue;
      context.output.print(`${label[file.action].padEnd(6)} ${file.path} ${color.dim(`(${file.reason})`)}`);
    }
    const changes = plan.files.filter((file) => file.action === 'create' || file.action === 'update').length;
    const files = (count: number) => plural(count, 'file');
    if (options.check) {
      context.output.print(
        plan.drift
          ? `${files(changes + kept.length)} differ from what msctl.yaml gives.`
          : 'Everything is up to date.',
      );
    } else if (options.dryRun) {
      context.output.print(`Would write ${files(changes)}; nothing written (--dry-run).`);
    } else {
      context.output.print(changes === 0 ? 'Nothing to write.' : `Wrote ${files(written.length)}.`);
    }
    if (kept.length > 0) context.output.print('Files edited by hand were kept; --force overwrites them.');
  }
  if (options.check && plan.drift) return ExitCode.problemsFound;
  return kept.length > 0 ? ExitCode.problemsFound : ExitCode.ok;
}
