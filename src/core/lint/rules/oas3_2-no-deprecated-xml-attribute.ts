import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = '"xml.attribute" is deprecated in OAS 3.2; use "xml.nodeType: attribute" instead.';

/** Spectral `oas3_2-no-deprecated-xml-attribute`: OpenAPI 3.2 replaced `xml.attribute` with `xml.nodeType`. */
export const oas3_2NoDeprecatedXmlAttribute: Rule = {
  id: 'oas3_2-no-deprecated-xml-attribute',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  // The engine lints 3.2 as 3.1 (it adds little); the version itself is checked below.
  formats: ['oas3_1'],
  given: '$..xml',
  documentation: {
    rationale:
      'OpenAPI 3.2 describes how a property is written in XML with `nodeType`; tools built for 3.2 may ignore the deprecated `attribute` flag and write an element instead.',
    good: 'properties:\n  id:\n    type: string\n    xml:\n      nodeType: attribute',
    bad: 'properties:\n  id:\n    type: string\n    xml:\n      attribute: true',
  },
  check(target, context) {
    const data = context.document.data;
    if (!isObject(data) || typeof data.openapi !== 'string' || !data.openapi.startsWith('3.2')) return;
    if (isObject(target.value) && target.value.attribute === true) context.report({ message: MESSAGE });
  },
};
