// Generated inputs at Create User, Update User and Set User Metadata (the grant actions:
// fuzz-grants.test.ts). What is generated and what must hold: test/support/fuzz-inputs.ts and
// test/support/fuzz-actions.ts.
import { fuzzActions } from '../support/fuzz-actions.ts';

fuzzActions(['create_user', 'update_user', 'set_user_metadata']);
