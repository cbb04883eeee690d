import { runCli } from './program';

// `process.exitCode`, not `process.exit()`: stdout must flush fully when it is a pipe.
runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
