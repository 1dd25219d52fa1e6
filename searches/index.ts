// Every search of the app, by key, and the Find or Create pair.
import findEntitlement from './find_entitlement.ts';
import findGrant from './find_grant.ts';
import findPayments from './find_payments.ts';
import findSubscription from './find_subscription.ts';
import findUser from './find_user.ts';

export default {
  [findUser.key]: findUser,
  [findSubscription.key]: findSubscription,
  [findEntitlement.key]: findEntitlement,
  [findGrant.key]: findGrant,
  [findPayments.key]: findPayments,
};

/** Find or Create User: Find User, then Create User when nothing is found. The key is the search's (Zapier's rule). */
export const searchOrCreates = {
  find_user: {
    key: 'find_user',
    display: {
      label: 'Find or Create User',
      description: 'Finds a reader by email, and creates them when there is none.',
    },
    search: 'find_user',
    create: 'create_user',
  },
};
