import { loadWorkspace } from '../../core/config/load.js';
import { ExitCode, UserError } from '../../core/errors.js';
import type { CiProvider } from '../../core/generate/ci/index.js';
import { explainKubernetes } from '../../core/generate/k8s/explain.js';
import type { FileAction } from '../../core/generate/merge/decide.js';
import { ALL_KINDS, type GenerateKind, needsAttention, writesFile } from '../../core/generate/plan.js';
import { regenerateWorkspace } from '../../core/generate/regenerate.js';
import { plural } from '../../core/plural.js';
import type { CommandContext } from '../context.js';

export interface GenerateOptions {
  out?: string;
  ci?: CiProvider;
  dryRun?: boolean;
  check?: boolean;
  force?: boolean;
  explain?: boolean;
  json?: boolean;
}

export async function run(context: CommandContext, what: GenerateKind | 'all', options: GenerateOptions) {
  if (options.explain) return explain(context, what, options);
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
  const attention = plan.files.filter(needsAttention);

  if (options.json) {
    context.output.json({
      root,
      drift: plan.drift,
      written,
      files: plan.files.map(({ path: file, action, reason, conflicts }) => ({
        path: file,
        action,
        reason,
        ...(conflicts.length > 0 && { conflicts }),
      })),
    });
  } else {
    const { color } = context.output;
    const label: Record<FileAction, string> = {
      create: color.green('create'),
      update: color.yellow('update'),
      merge: color.yellow('merge'),
      unchanged: color.dim('ok'),
      owned: color.dim('owned'),
      edited: color.yellow('edited'),
      conflict: color.red('conflict'),
      delete: color.yellow('delete'),
      extra: color.red('extra'),
    };
    for (const file of plan.files) {
      if ((file.action === 'unchanged' || file.action === 'owned') && !options.dryRun) continue;
      context.output.print(`${label[file.action].padEnd(8)} ${file.path} ${color.dim(`(${file.reason})`)}`);
    }
    const changes = plan.files.filter((file) => writesFile(file) || file.action === 'delete').length;
    const files = (count: number) => plural(count, 'file');
    if (options.check) {
      const differ = plan.files.filter((file) => file.action !== 'unchanged' && file.action !== 'owned');
      context.output.print(
        plan.drift
          ? `${files(differ.length)} differ from what msctl.yaml gives.`
          : 'Everything is up to date.',
      );
    } else if (options.dryRun) {
      context.output.print(`Would write or delete ${files(changes)}; nothing written (--dry-run).`);
    } else {
      context.output.print(
        changes === 0 ? 'Nothing to write.' : `Wrote or deleted ${files(written.length)}.`,
      );
    }
    if (attention.length > 0) {
      context.output.print(
        `Needs you: ${attention.map((file) => file.path).join(', ')}. Conflicts have git-style markers in the file; resolve them and run msctl generate again.`,
      );
    }
  }
  if (options.check && plan.drift) return ExitCode.problemsFound;
  return attention.length > 0 ? ExitCode.problemsFound : ExitCode.ok;
}

/** `generate k8s --explain`: the parity report of what `up` runs and what the cluster gets. Writes nothing. */
async function explain(context: CommandContext, what: GenerateKind | 'all', options: GenerateOptions) {
  if (what !== 'k8s')
    throw new UserError(
      `--explain reports on Kubernetes manifests only, not ${what}.`,
      'Run msctl generate k8s --explain.',
    );
  const workspace = await loadWorkspace({ configFile: context.configFile, cwd: context.cwd });
  const services = explainKubernetes(workspace.config);
  if (options.json) {
    context.output.json({ services });
    return ExitCode.ok;
  }
  const { color } = context.output;
  for (const service of services) {
    context.output.print(color.bold(service.name));
    for (const setting of service.settings) {
      context.output.print(`  ${setting.setting} ${color.dim(`(${setting.local})`)}`);
      for (const line of setting.cluster) context.output.print(`    → ${line}`);
    }
    if (service.noEquivalent.length > 0) context.output.print('  no equivalent in the cluster:');
    for (const setting of service.noEquivalent)
      context.output.print(`    ${setting.setting} ${color.dim(`(${setting.local})`)}: ${setting.why}`);
  }
  return ExitCode.ok;
}
