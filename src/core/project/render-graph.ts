import type { WorkspaceConfig } from '../config/schema.js';
import { ServiceGraph } from './graph.js';

export const GRAPH_FORMATS = ['text', 'mermaid', 'dot'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** The dependency graph of a workspace as a terminal tree, a Mermaid flowchart or Graphviz DOT. */
export function renderGraph(config: WorkspaceConfig, format: GraphFormat): string {
  const graph = ServiceGraph.fromWorkspace(config);
  const label = (name: string): string => {
    const infra = config.infra[name];
    if (!infra) return `${name} :${config.services[name]?.port}`;
    const kind = infra.kind ?? name;
    return infra.version ? `${name} (${kind} ${infra.version})` : `${name} (${kind})`;
  };
  switch (format) {
    case 'mermaid':
      return renderMermaid(graph, label);
    case 'dot':
      return renderDot(graph, label);
    default:
      return renderTree(graph, label);
  }
}

function roots(graph: ServiceGraph): string[] {
  const depended = new Set([...graph.nodes.values()].flatMap((node) => node.dependsOn));
  return [...graph.nodes.keys()].filter((name) => !depended.has(name)).sort();
}

function renderTree(graph: ServiceGraph, label: (name: string) => string): string {
  if (graph.nodes.size === 0) return '(no services yet)';
  const lines: string[] = [];
  const walk = (name: string, prefix: string, childPrefix: string, path: readonly string[]): void => {
    lines.push(`${prefix}${label(name)}`);
    const dependencies = [...(graph.nodes.get(name)?.dependsOn ?? [])].sort();
    dependencies.forEach((dependency, index) => {
      const last = index === dependencies.length - 1;
      if (path.includes(dependency)) return;
      walk(dependency, `${childPrefix}${last ? '└─ ' : '├─ '}`, `${childPrefix}${last ? '   ' : '│  '}`, [
        ...path,
        dependency,
      ]);
    });
  };
  for (const root of roots(graph)) walk(root, '', '', [root]);
  return lines.join('\n');
}

const identifier = (name: string): string => name.replace(/-/g, '_');

function renderMermaid(graph: ServiceGraph, label: (name: string) => string): string {
  const lines = ['flowchart TD'];
  for (const node of [...graph.nodes.values()].sort((left, right) => left.name.localeCompare(right.name))) {
    const text = JSON.stringify(label(node.name));
    lines.push(
      node.kind === 'infra' ? `  ${identifier(node.name)}[(${text})]` : `  ${identifier(node.name)}[${text}]`,
    );
  }
  for (const node of graph.nodes.values()) {
    for (const dependency of node.dependsOn)
      lines.push(`  ${identifier(node.name)} --> ${identifier(dependency)}`);
  }
  return lines.join('\n');
}

function renderDot(graph: ServiceGraph, label: (name: string) => string): string {
  const lines = ['digraph msctl {', '  rankdir=LR;'];
  for (const node of [...graph.nodes.values()].sort((left, right) => left.name.localeCompare(right.name))) {
    const shape = node.kind === 'infra' ? 'cylinder' : 'box';
    lines.push(`  ${JSON.stringify(node.name)} [label=${JSON.stringify(label(node.name))}, shape=${shape}];`);
  }
  for (const node of graph.nodes.values()) {
    for (const dependency of node.dependsOn)
      lines.push(`  ${JSON.stringify(node.name)} -> ${JSON.stringify(dependency)};`);
  }
  lines.push('}');
  return lines.join('\n');
}
