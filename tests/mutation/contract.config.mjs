// The contract engine: the judge, the session and its lifecycle, the check registry and each
// check, the API facts the checks read and the Prism proxy's reports. The rest of
// scripts/lib/contract (request generation, HTTP transport, reports) is exercised by the runner's
// integration suites, too slow to mutate against.
import { mutationConfig } from './base.mjs';

export default mutationConfig('contract', [
  'scripts/lib/contract/{judge,session,api,proxy-violations}.ts',
  'scripts/lib/contract/checks/*.ts',
]);
