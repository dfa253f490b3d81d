import { mutationVitestConfig } from './vitest.shared.ts';

export default mutationVitestConfig('auth');
