export {
  bundleTerminalApp,
  applicationAbiOf,
  type BundleOptions,
  type ApplicationBundle,
} from './bundle-terminal.js';
