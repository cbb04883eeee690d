import { App } from 'cdktf';
import { RedshiftQueryModuleStack } from './redshift-query-module-stack';

/**
 * Adds the module to a cdktf app as one stack (`cdktf.out/stacks/<id>/`). The publishable folder comes from
 * `npm run build:module` instead (same configuration, split into main/variables/outputs/versions files, README).
 */
export function addModuleStacks(app: App, id = 'redshift-query-module'): RedshiftQueryModuleStack {
  return new RedshiftQueryModuleStack(app, id);
}
