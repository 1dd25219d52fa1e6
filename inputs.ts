// Input fields the publisher fills in on a trigger. Their keys are public contract:
// once published they can never be removed or renamed.
import { defineInputField } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { raise } from './policy';

export const vendorField = defineInputField({
  key: 'vendorId',
  label: 'Vendor',
  type: 'string',
  required: true,
  dynamic: 'vendor_list.id.name',
  helpText:
    'The Sesamy vendor (publication or brand) whose events start this Zap. Events of your other vendors never reach it.',
});

/** The chosen vendor; without one the trigger cannot tell which events are the publisher's. */
export const vendorIdOf = (z: ZObject, bundle: Bundle): string => {
  const vendorId: unknown = bundle.inputData?.vendorId;
  if (typeof vendorId !== 'string' || vendorId.trim() === '') {
    throw raise.halt(z, bundle, 'Choose a Sesamy vendor in the Vendor field of this trigger, then test it again.');
  }
  return vendorId.trim();
};
