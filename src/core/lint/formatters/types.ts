import type { DocumentError } from '../document/read-source.js';
import type { Finding } from '../types.js';

export const FORMATTER_NAMES = ['stylish', 'json', 'sarif', 'junit', 'github'] as const;
export type FormatterName = (typeof FORMATTER_NAMES)[number];

/** What a formatter turns into text. Formatters return strings; they never print. */
export interface FormatInput {
  findings: readonly Finding[];
  /** Documents that could not be linted at all. */
  failures: readonly DocumentError[];
  /** How many documents were asked for, the failed ones included (stylish's summary). */
  documents?: number;
  /** Files are shown relative to this folder. */
  cwd: string;
  /** Code frames under each finding (stylish). */
  verbose?: boolean;
  color?: boolean;
  /** Columns of the terminal: stylish lines are at most this long (none: no limit). */
  width?: number;
  /** The text of a file, for code frames; only called with `verbose`. */
  sourceText?: (source: string) => string | undefined;
  /** Descriptions of the rules that appear in findings (SARIF rule metadata). */
  ruleDescriptions?: ReadonlyMap<string, string>;
  toolVersion?: string;
}

export type Formatter = (input: FormatInput) => string;
