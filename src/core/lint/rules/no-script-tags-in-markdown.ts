import type { Rule } from '../types.js';

const MESSAGE = 'Markdown descriptions must not have "<script>" tags.';

/** Spectral `no-script-tags-in-markdown`: descriptions are rendered as Markdown in browsers. */
export const noScriptTagsInMarkdown: Rule = {
  id: 'no-script-tags-in-markdown',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: '$..[description,title]',
  documentation: {
    rationale:
      "Documentation portals render descriptions as HTML; a `<script>` tag in one runs in every reader's browser unless a sanitiser removes it.",
    good: 'info:\n  description: Orders API.',
    bad: "info:\n  description: 'Orders API.<script>alert(1)</script>'",
  },
  check(target, context) {
    if (typeof target.value === 'string' && target.value.includes('<script'))
      context.report({ message: MESSAGE });
  },
};
