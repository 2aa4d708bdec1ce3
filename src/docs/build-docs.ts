import type { Command, Help } from 'commander';
import { buildCreateServiceProgram, buildMsctlProgram } from '../cli/program.js';
import { MAX_WORKSPACE_BYTES } from '../core/config/load.js';
import { workspaceJsonSchema } from '../core/config/schema.js';
import { buildRuleDocs } from './rule-docs.js';

/** Every derived documentation file, by path relative to the package root. */
export function buildDocs(): Map<string, string> {
  const schema = workspaceJsonSchema();
  return new Map([
    ['docs/commands.md', renderCommandReference()],
    ['docs/config.md', renderConfigReference(schema)],
    ['schema/msctl.schema.json', `${JSON.stringify(schema, null, 2)}\n`],
    ...buildRuleDocs(),
  ]);
}

function helpOf(command: Command): string {
  command.configureHelp({ helpWidth: 100 } as Partial<Help>);
  command.configureOutput({ getOutHelpWidth: () => 100, getErrHelpWidth: () => 100 });
  let text = '';
  command.configureOutput({ writeOut: (chunk) => (text += chunk), getOutHelpWidth: () => 100 });
  command.outputHelp();
  return text.trimEnd();
}

function renderCommandReference(): string {
  const sections = [
    '# Command reference',
    '',
    "Generated from the programs' own `--help` by `npm run docs`; do not edit by hand.",
    '',
  ];
  for (const program of [buildMsctlProgram(), buildCreateServiceProgram()]) {
    sections.push(`## ${program.name()}`, '', '```text', helpOf(program), '```', '');
    for (const command of program.commands) {
      if (command.name() === 'help') continue;
      sections.push(`### ${program.name()} ${command.name()}`, '', '```text', helpOf(command), '```', '');
    }
  }
  return `${sections.join('\n').trimEnd()}\n`;
}

type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  required?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
};

function typeOf(schema: JsonSchema): string {
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((value) => `\`${String(value)}\``).join(' \\| ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  if (schema.type === 'array') return `list of ${schema.items ? typeOf(schema.items) : 'values'}`;
  if (schema.type === 'object' && !schema.properties && typeof schema.additionalProperties === 'object') {
    return `map of ${typeOf(schema.additionalProperties)}`;
  }
  if (schema.type === 'string' && schema.maxLength !== undefined) return `string (≤ ${schema.maxLength})`;
  return Array.isArray(schema.type) ? schema.type.join(' \\| ') : (schema.type ?? 'any');
}

function renderConfigReference(schema: JsonSchema): string {
  const rows: string[] = [];
  const walk = (node: JsonSchema, prefix: string): void => {
    const objectVariant = node.anyOf?.find((variant) => variant.properties);
    const properties = node.properties ?? objectVariant?.properties;
    if (properties) {
      for (const [key, child] of Object.entries(properties)) {
        const name = `${prefix}${key}`;
        const required = (node.required ?? objectVariant?.required ?? []).includes(key) ? 'yes' : '';
        const fallback = child.default === undefined ? '' : `\`${JSON.stringify(child.default)}\``;
        const description = (child.description ?? '').replace(/\|/g, '\\|');
        rows.push(`| \`${name}\` | ${typeOf(child)} | ${required} | ${fallback} | ${description} |`);
        walk(child, `${name}.`);
      }
    }
    if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${prefix}<name>.`);
    if (node.items) walk(node.items, `${prefix}[].`);
  };
  walk(schema, '');
  return [
    '# msctl.yaml reference',
    '',
    'Generated from the zod schema (`src/core/config/schema.ts`) by `npm run docs`; do not edit by hand.',
    'The same schema is published as JSON Schema in `schema/msctl.schema.json` (`msctl schema` prints it).',
    '',
    `Strings have the maximum lengths shown (≤ N characters); the whole file may be at most ${MAX_WORKSPACE_BYTES / 1024 / 1024} MiB, and no msctl`,
    'command writes one that is larger or invalid. Service and infra names are DNS-1035 labels, as Kubernetes',
    'Service names are: lowercase letters, digits and "-", starting with a letter, at most 63 characters. The',
    'project name, a Kubernetes namespace, is a DNS-1123 label (it may start with a digit).',
    '',
    'Beyond the schema, loading checks: `dependsOn` names known services or infra;',
    'no dependency cycles (the cycle is printed); no two services on one port or publishing one host port;',
    'routes go to known services; `replicas.min` is at most `replicas.max`; paths stay inside the workspace.',
    '',
    'Every problem is printed at `msctl.yaml:LINE:COL` with a code frame, all at once. A tab in indentation is one',
    'problem that names the tab; a duplicate key names the key and where it first appears; a value of the wrong',
    'kind says what is expected, by example (`port: expected a number such as 3000, got the string "three',
    'thousand"`). Control characters in the file are shown escaped (`\\e[2J`), never sent to the terminal, and a',
    'file that is not UTF-8 text is refused as "not a text file".',
    '',
    '| key | type | required | default | description |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
