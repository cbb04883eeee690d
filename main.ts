import { App } from 'cdktf';
import { RedshiftQueryExampleStack } from './lib/construct';
import { addModuleStacks } from './lib/module';

const app = new App();
new RedshiftQueryExampleStack(app, 'redshift-query-example');
addModuleStacks(app); // the Terraform module's stacks (publishable folder: npm run build:module)
app.synth();
