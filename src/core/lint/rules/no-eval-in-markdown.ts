import type { Rule } from '../types.js';

const MESSAGE = 'Markdown descriptions must not have "eval(".';

/** Spectral `no-eval-in-markdown`: descriptions are rendered as Markdown in browsers. */
export const noEvalInMarkdown: Rule = {
  id: 'no-eval-in-markdown',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: '$..[description,title]',
  documentation: {
    rationale:
      'Documentation portals render descriptions as HTML; `eval(` in one is either an injection attempt or text that a sanitiser will mangle.',
    good: 'info:\n  description: Orders API.',
    bad: 'info:\n  description: \'Try <img src=x onerror="eval(atob(...))">\'',
  },
  check(target, context) {
    if (typeof target.value === 'string' && target.value.includes('eval('))
      context.report({ message: MESSAGE });
  },
};
