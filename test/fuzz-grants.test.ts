// Generated inputs at Grant Access and Revoke Access (the user actions: fuzz-readers.test.ts).
// What is generated and what must hold: support/fuzz-inputs.ts and support/fuzz-actions.ts.
import { fuzzActions } from './support/fuzz-actions.ts';

fuzzActions(['grant_access', 'revoke_access']);
