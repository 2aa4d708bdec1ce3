import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { FormatInput, Formatter, FormatterName } from './types.js';

export { FORMATTER_NAMES, type FormatInput, type FormatterName } from './types.js';

const FORMATTERS: Readonly<Record<FormatterName, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
};

/** Renders findings in one of the output formats of `msctl lint --format`. */
export function formatFindings(name: FormatterName, input: FormatInput): string {
  return FORMATTERS[name](input);
}
