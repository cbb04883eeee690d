import { App } from 'cdktf';
import { RedshiftQueryExampleStack } from './examples/example-stack';

// The example a cdktf user writes: a cluster target and one schedule. `cdktf synth` / `npm run synth` write it to
// cdktf.out/; the Terraform module is built by `npm run build:module`, not by this app.
const app = new App();
new RedshiftQueryExampleStack(app, 'redshift-query-example');
app.synth();
