import type { TriggerKey } from '../../events.ts';
import { serveAccount } from '../../scripts/fake-sesamy/account.ts';
import { appTester, bundleWith, hookOperation } from '../support/harness.ts';

beforeEach(() => {
  serveAccount(); // interceptors a test registers first answer before it
});

describe('Test trigger lists the newest records first', () => {
  it('"… or Updated" and "Ended" list the most recently changed first; "New …" the most recently created', async () => {
    const listed = async (trigger: TriggerKey) =>
      (await appTester(hookOperation(trigger).performList, bundleWith())).map((row) => row.contractId);

    // contract_101 was created last; contract_102 and contract_103 changed after it.
    expect(await listed('subscription_created')).toEqual(['contract_101', 'contract_102', 'contract_103']);
    expect(await listed('subscription_created_or_updated')).toEqual(['contract_102', 'contract_103', 'contract_101']);
    expect(await listed('contract_purchased')).toEqual(['contract_101', 'contract_102', 'contract_103']);
  });
});
