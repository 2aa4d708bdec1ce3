import type { Formatter } from './types.js';

/**
 * Spectral's `--format json`, field for field and in its order, so that tooling built for Spectral keeps working.
 * Our extra fields (fingerprint, documentation link, service) are in `msctl lint --json` instead.
 */
export const formatJson: Formatter = ({ findings }) =>
  JSON.stringify(
    findings.map(({ code, path, message, severity, range, source }) => ({
      code,
      path,
      message,
      severity,
      range,
      source,
    })),
    null,
    '\t',
  );
