import { printable } from '../../printable.js';
import { displayPath } from './shared.js';
import type { Formatter } from './types.js';

const COMMANDS = { 0: 'error', 1: 'warning', 2: 'notice', 3: 'notice' } as const;

/** GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff. */
export const formatGithub: Formatter = (input) => {
  const lines = input.findings.map((finding) => {
    const properties = [
      `file=${escapeProperty(displayPath(finding.source, input.cwd))}`,
      `line=${finding.range.start.line + 1}`,
      `col=${finding.range.start.character + 1}`,
      `endLine=${finding.range.end.line + 1}`,
      `endColumn=${finding.range.end.character + 1}`,
      `title=${escapeProperty(finding.code)}`,
    ];
    const link = finding.documentationUrl ? ` (${finding.documentationUrl})` : '';
    return `::${COMMANDS[finding.severity]} ${properties.join(',')}::${escapeData(`${finding.message}${link}`)}`;
  });
  for (const failure of input.failures) {
    lines.push(
      `::error file=${escapeProperty(displayPath(failure.source, input.cwd))},title=msctl lint::${escapeData(
        failure.hint ? `${failure.message} ${failure.hint}` : failure.message,
      )}`,
    );
  }
  return lines.join('\n');
};

/** Line breaks as the runner decodes them; any other control character escaped, as the log would obey it. */
function escapeData(text: string): string {
  return printable(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
