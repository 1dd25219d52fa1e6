// Generated Sesamy answers at New Payment, New Refund and Find Payments. What is generated
// and what must hold: test/support/fuzz-payments.ts.
import { fuzzPayments } from '../support/fuzz-payments.ts';

fuzzPayments(['payment_received', 'refund_issued', 'find_payments']);
