// Every action of the app, by key.
import createUser from './create_user.ts';
import grantAccess from './grant_access.ts';
import revokeAccess from './revoke_access.ts';
import setUserMetadata from './set_user_metadata.ts';
import updateUser from './update_user.ts';

export default {
  [grantAccess.key]: grantAccess,
  [revokeAccess.key]: revokeAccess,
  [createUser.key]: createUser,
  [updateUser.key]: updateUser,
  [setUserMetadata.key]: setUserMetadata,
};
