// The spec diff checker.
import { mutationConfig } from './base.mjs';

export default mutationConfig('diff', ['scripts/lib/diff/**/*.ts']);
