/** Where rule pages are published: `docs/rules/<rule-id>.md` of the msctl repository. */
export const RULE_DOCUMENTATION_BASE_URL = 'https://github.com/msctl/msctl/blob/main/docs/rules/';

/** The documentation page of a built-in rule, linked from every finding and from SARIF output. */
export function ruleDocumentationUrl(ruleId: string): string {
  return `${RULE_DOCUMENTATION_BASE_URL}${encodeURIComponent(ruleId)}.md`;
}
