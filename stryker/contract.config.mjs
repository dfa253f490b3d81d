// The contract engine.
import { mutationConfig } from './base.mjs';

export default mutationConfig('contract', ['scripts/lib/contract/{judge,session,api,proxy-violations}.ts']);
