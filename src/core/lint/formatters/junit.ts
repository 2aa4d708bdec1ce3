import { displayPath, dottedPath, groupBySource, SEVERITY_LABELS } from './shared.js';
import type { Formatter } from './types.js';

/** JUnit XML, as CI systems display test reports: one suite per file, one failing case per finding. */
export const formatJunit: Formatter = (input) => {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = input.findings.length + input.failures.length;
  lines.push(
    `<testsuites name="msctl lint" tests="${total}" failures="${input.findings.length}" errors="${input.failures.length}">`,
  );
  for (const [source, findings] of groupBySource(input.findings)) {
    const file = displayPath(source, input.cwd);
    lines.push(
      `  <testsuite name="${escapeXml(file)}" tests="${findings.length}" failures="${findings.length}" errors="0">`,
    );
    for (const finding of findings) {
      const position = `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      const name = `${finding.code} ${dottedPath(finding.path)}`.trimEnd();
      lines.push(
        `    <testcase classname="${escapeXml(file)}" name="${escapeXml(name)}" file="${escapeXml(file)}">`,
      );
      lines.push(
        `      <failure type="${SEVERITY_LABELS[finding.severity]}" message="${escapeXml(finding.message)}">${escapeXml(
          `${file}:${position} ${SEVERITY_LABELS[finding.severity]} ${finding.code}: ${finding.message}${finding.documentationUrl ? `\n${finding.documentationUrl}` : ''}`,
        )}</failure>`,
      );
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  for (const failure of input.failures) {
    const file = displayPath(failure.source, input.cwd);
    lines.push(`  <testsuite name="${escapeXml(file)}" tests="1" failures="0" errors="1">`);
    lines.push(`    <testcase classname="${escapeXml(file)}" name="parse" file="${escapeXml(file)}">`);
    lines.push(
      `      <error message="${escapeXml(failure.message)}">${escapeXml(failure.hint ?? '')}</error>`,
    );
    lines.push('    </testcase>', '  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n');
};

function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Characters XML 1.0 cannot hold at all, even escaped.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what this removes
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}
