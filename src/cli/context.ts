import type { Command } from 'commander';
import { createOutput, type Output } from './output.js';

/** What every command gets besides its own flags. */
export interface CommandContext {
  cwd: string;
  /** `--config`, when given. */
  configFile: string | undefined;
  output: Output;
}

export function contextFor(command: Command): CommandContext {
  const globals = command.optsWithGlobals<{ config?: string }>();
  return {
    cwd: process.cwd(),
    configFile: globals.config ?? process.env.MSCTL_CONFIG,
    output: createOutput(),
  };
}
