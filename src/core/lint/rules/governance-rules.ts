import type { AnyRule } from '../types.js';
import { apiVersioning } from './api-versioning.js';
import { arrayMaxItems } from './array-max-items.js';
import { errorResponseProblemJson } from './error-response-problem-json.js';
import { identifierString } from './identifier-string.js';
import { listPagination } from './list-pagination.js';
import { operation4xxResponse } from './operation-4xx-response.js';
import { operation5xxResponse } from './operation-5xx-response.js';
import { operationOperationIdCamelCase } from './operation-operationId-camel-case.js';
import { operationRef } from './operation-ref.js';
import { operationSecurity } from './operation-security.js';
import { operationSummary } from './operation-summary.js';
import { pathsKebabCase } from './paths-kebab-case.js';
import { pathsNoVerbs } from './paths-no-verbs.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import { requestBodyAdditionalProperties } from './request-body-additional-properties.js';
import { requestBodyExample } from './request-body-example.js';
import { responseExample } from './response-example.js';
import { schemaPropertyDescription } from './schema-property-description.js';
import { serversHttps } from './servers-https.js';
import { stringMaxLength } from './string-max-length.js';

/** msctl's governance rules (family `governance`): what `msctl:recommended` and `msctl:strict` add to `msctl:oas`. */
export const governanceRules: readonly AnyRule[] = [
  apiVersioning,
  arrayMaxItems,
  errorResponseProblemJson,
  identifierString,
  listPagination,
  operation4xxResponse,
  operation5xxResponse,
  operationOperationIdCamelCase,
  operationRef,
  operationSecurity,
  operationSummary,
  pathsKebabCase,
  pathsNoVerbs,
  rateLimitHeaders,
  requestBodyAdditionalProperties,
  requestBodyExample,
  responseExample,
  schemaPropertyDescription,
  serversHttps,
  stringMaxLength,
];
