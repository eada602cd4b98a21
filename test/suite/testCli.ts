// Entry of the integration suite under @vscode/test-cli (.vscode-test.mjs): its mocha loads this file with describe/it installed.
import { declareSuite } from './declare';

declareSuite();
