// The client auth runtime. The tests reach it through the generated clients, whose copy
// (generated/auth.ts) tests/mutation/vitest.shared.ts swaps for this source file.
import { mutationConfig } from './base.mjs';

export default mutationConfig('auth', ['scripts/codegen/auth-runtime.ts']);
