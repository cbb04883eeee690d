import { App } from 'cdktf';
import { MODULE_VARIANTS } from './module-variants';
import { RedshiftQueryModuleStack } from './redshift-query-module-stack';
import { RedshiftQueryVariantStack } from './redshift-query-variant-stack';

/**
 * Adds the module to a cdktf app as `cdktf synth` lays stacks out (`cdktf.out/stacks/<id>/`): the root stack `id`
 * and one stack `<id>-<variant>` per variant, which the root reaches as `../<id>-<variant>`. The publishable folder
 * comes from `npm run build:module` instead (same configuration, `./modules/<variant>` layout, README).
 */
export function addModuleStacks(app: App, id = 'redshift-query-module'): RedshiftQueryModuleStack {
  for (const variant of MODULE_VARIANTS) new RedshiftQueryVariantStack(app, `${id}-${variant.id}`, variant);
  return new RedshiftQueryModuleStack(app, id, { variantSource: (variant) => `../${id}-${variant.id}` });
}
