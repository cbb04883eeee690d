import { App } from 'cdktf';
import { RedshiftQueryExampleStack } from './lib/construct';

const app = new App();
new RedshiftQueryExampleStack(app, 'redshift-query-example');
app.synth();
