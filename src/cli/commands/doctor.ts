import { ExitCode } from '../../core/errors.js';
import type { CommandContext } from '../context.js';

export interface DoctorOptions {
  json?: boolean;
}

export async function run(context: CommandContext, options: DoctorOptions) {
  const { diagnose } = await import('../../core/doctor/diagnose.js');
  const checks = await diagnose({ cwd: context.cwd, configFile: context.configFile });
  const failed = checks.some((check) => check.status === 'fail');
  if (options.json) {
    context.output.json({ ok: !failed, checks });
  } else {
    const { color } = context.output;
    const mark = { ok: color.green('✓'), warn: color.yellow('!'), fail: color.red('✗') };
    for (const check of checks) {
      context.output.print(`${mark[check.status]} ${check.name.padEnd(10)} ${check.detail}`);
      if (check.fix && check.status !== 'ok')
        context.output.print(`  ${' '.repeat(10)} ${color.dim(check.fix)}`);
    }
  }
  return failed ? ExitCode.problemsFound : ExitCode.ok;
}
