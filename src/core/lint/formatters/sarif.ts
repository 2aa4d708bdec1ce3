import { ruleDocumentationUrl } from '../documentation.js';
import type { Severity } from '../types.js';
import { displayPath } from './shared.js';
import type { Formatter } from './types.js';

const LEVELS: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  0: 'error',
  1: 'warning',
  2: 'note',
  3: 'note',
};

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, the rules that fired with their help links, results located by
 * file (relative to the repository root, `%SRCROOT%`) and 1-based line and column, fingerprints for de-duplication.
 */
export const formatSarif: Formatter = (input) => {
  const ruleIds = [...new Set(input.findings.map((finding) => finding.code))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const helpUris = new Map(input.findings.map((finding) => [finding.code, finding.documentationUrl]));
  const rules = ruleIds.map((id) => {
    const description = input.ruleDescriptions?.get(id) ?? id;
    const helpUri = helpUris.get(id) ?? ruleDocumentationUrl(id);
    return {
      id,
      name: id,
      shortDescription: { text: description },
      fullDescription: { text: description },
      helpUri,
      help: { text: `${description} See ${helpUri}`, markdown: `${description} [Documentation](${helpUri})` },
    };
  });
  const results = input.findings.map((finding) => ({
    ruleId: finding.code,
    ruleIndex: ruleIndex.get(finding.code),
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: /^https?:/i.test(finding.source)
            ? { uri: finding.source }
            : { uri: displayPath(finding.source, input.cwd), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: finding.range.start.line + 1,
            startColumn: finding.range.start.character + 1,
            endLine: finding.range.end.line + 1,
            endColumn: finding.range.end.character + 1,
          },
        },
        logicalLocations: [{ fullyQualifiedName: finding.path.join('.'), kind: 'member' }],
      },
    ],
    partialFingerprints: { 'msctlFinding/v1': finding.fingerprint },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'msctl lint',
            informationUri: 'https://github.com/msctl/msctl',
            ...(input.toolVersion ? { semanticVersion: input.toolVersion, version: input.toolVersion } : {}),
            rules,
          },
        },
        results,
        invocations: [
          {
            executionSuccessful: input.failures.length === 0,
            toolExecutionNotifications: input.failures.map((failure) => ({
              level: 'error',
              message: { text: failure.hint ? `${failure.message} ${failure.hint}` : failure.message },
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2);
};
