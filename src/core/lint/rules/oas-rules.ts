import type { AnyRule } from '../types.js';
import { arrayItems } from './array-items.js';
import { contactProperties } from './contact-properties.js';
import { duplicatedEntryInEnum } from './duplicated-entry-in-enum.js';
import { infoDescription } from './info-description.js';
import { infoLicense } from './info-license.js';
import { licenseUrl } from './license-url.js';
import { noRefSiblings } from './no-$ref-siblings.js';
import { noEvalInMarkdown } from './no-eval-in-markdown.js';
import { noScriptTagsInMarkdown } from './no-script-tags-in-markdown.js';
import { oas2AnyOf } from './oas2-anyOf.js';
import { oas2ApiHost } from './oas2-api-host.js';
import { oas2ApiSchemes } from './oas2-api-schemes.js';
import { oas2Discriminator } from './oas2-discriminator.js';
import { oas2HostNotExample } from './oas2-host-not-example.js';
import { oas2HostTrailingSlash } from './oas2-host-trailing-slash.js';
import { oas2OneOf } from './oas2-oneOf.js';
import { oas2OperationFormDataConsumeCheck } from './oas2-operation-formData-consume-check.js';
import { oas2OperationSecurityDefined } from './oas2-operation-security-defined.js';
import { oas2ParameterDescription } from './oas2-parameter-description.js';
import { oas2Schema } from './oas2-schema.js';
import { oas2UnusedDefinition } from './oas2-unused-definition.js';
import { oas2ValidMediaExample } from './oas2-valid-media-example.js';
import { oas2ValidSchemaExample } from './oas2-valid-schema-example.js';
import { oas3_1CallbacksInWebhook } from './oas3_1-callbacks-in-webhook.js';
import { oas3_1ServersInWebhook } from './oas3_1-servers-in-webhook.js';
import { oas3_2NoDeprecatedXmlAttribute } from './oas3_2-no-deprecated-xml-attribute.js';
import { oas3ApiServers } from './oas3-api-servers.js';
import { oas3CallbacksInCallbacks } from './oas3-callbacks-in-callbacks.js';
import { oas3ExamplesValueOrExternalValue } from './oas3-examples-value-or-externalValue.js';
import { oas3OperationSecurityDefined } from './oas3-operation-security-defined.js';
import { oas3ParameterDescription } from './oas3-parameter-description.js';
import { oas3Schema } from './oas3-schema.js';
import { oas3ServerNotExampleCom } from './oas3-server-not-example.com.js';
import { oas3ServerTrailingSlash } from './oas3-server-trailing-slash.js';
import { oas3ServerVariables } from './oas3-server-variables.js';
import { oas3UnusedComponent } from './oas3-unused-component.js';
import { oas3ValidMediaExample } from './oas3-valid-media-example.js';
import { oas3ValidSchemaExample } from './oas3-valid-schema-example.js';
import { openapiTags } from './openapi-tags.js';
import { openapiTagsAlphabetical } from './openapi-tags-alphabetical.js';
import { openapiTagsUniqueness } from './openapi-tags-uniqueness.js';
import { operationDescription } from './operation-description.js';
import { operationOperationId } from './operation-operationId.js';
import { operationOperationIdValidInUrl } from './operation-operationId-valid-in-url.js';
import { operationParameters } from './operation-parameters.js';
import { operationSingularTag } from './operation-singular-tag.js';
import { operationSuccessResponse } from './operation-success-response.js';
import { operationTagDefined } from './operation-tag-defined.js';
import { operationTags } from './operation-tags.js';
import { pathDeclarationsMustExist } from './path-declarations-must-exist.js';
import { pathNotIncludeQuery } from './path-not-include-query.js';
import { pathParams } from './path-params.js';
import { tagDescription } from './tag-description.js';
import { typedEnum } from './typed-enum.js';

/**
 * The rules of Spectral's `spectral:oas` ruleset (family `oas`) written in this folder, besides the three that
 * `index.ts` lists itself. `index.ts` registers them all.
 */
export const oasRules: readonly AnyRule[] = [
  arrayItems,
  contactProperties,
  duplicatedEntryInEnum,
  infoDescription,
  infoLicense,
  licenseUrl,
  noRefSiblings,
  noEvalInMarkdown,
  noScriptTagsInMarkdown,
  oas2AnyOf,
  oas2ApiHost,
  oas2ApiSchemes,
  oas2Discriminator,
  oas2HostNotExample,
  oas2HostTrailingSlash,
  oas2OneOf,
  oas2OperationFormDataConsumeCheck,
  oas2OperationSecurityDefined,
  oas2ParameterDescription,
  oas2Schema,
  oas2UnusedDefinition,
  oas3ApiServers,
  oas3CallbacksInCallbacks,
  oas3ExamplesValueOrExternalValue,
  oas3OperationSecurityDefined,
  oas3ParameterDescription,
  oas3Schema,
  oas3ServerNotExampleCom,
  oas3ServerTrailingSlash,
  oas3ServerVariables,
  oas3UnusedComponent,
  oas3_1CallbacksInWebhook,
  oas3_1ServersInWebhook,
  oas3_2NoDeprecatedXmlAttribute,
  openapiTags,
  openapiTagsAlphabetical,
  openapiTagsUniqueness,
  operationDescription,
  operationOperationId,
  operationOperationIdValidInUrl,
  operationParameters,
  operationSingularTag,
  operationSuccessResponse,
  operationTagDefined,
  operationTags,
  pathDeclarationsMustExist,
  pathNotIncludeQuery,
  pathParams,
  tagDescription,
  typedEnum,
  oas2ValidMediaExample,
  oas2ValidSchemaExample,
  oas3ValidMediaExample,
  oas3ValidSchemaExample,
];
