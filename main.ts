import { App } from 'cdktf';
import { RedshiftQueryExampleStack } from './lib/construct';
import { addModuleStacks } from './lib/module';

const app = new App();
// The example a cdktf user writes: a cluster target and one schedule (see lib/construct/example-stack.ts).
new RedshiftQueryExampleStack(app, 'redshift-query-example');
// The Terraform module (root stack + one inner stack per target/auth variant), as `npm run build:module` packages it.
addModuleStacks(app);
app.synth();
