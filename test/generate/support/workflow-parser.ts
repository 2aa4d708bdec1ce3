import { registerHooks } from 'node:module';

/*
 * @actions/workflow-parser imports its JSON schema without `with { type: 'json' }`, which Node 22+ refuses
 * (actions/languageservices issue 387). This hook adds the attribute for that package's JSON files only.
 */
registerHooks({
  load(url, context, nextLoad) {
    if (url.includes('/@actions/workflow-parser/') && url.endsWith('.json')) {
      return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
    }
    return nextLoad(url, context);
  },
});

export const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import(
  '@actions/workflow-parser'
);
