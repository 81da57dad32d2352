export { runCli, EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERNAL } from './program.js';
export { type CliIo, processIo } from './cli-io.js';
export { CliError, CLI_ERROR_CODES, type CliErrorCode } from './cli-error.js';
