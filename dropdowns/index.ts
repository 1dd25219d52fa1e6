// Every hidden trigger behind a dropdown, by key. An input field names one in `dynamic`
// ("vendor_list.id.name"); Zapier runs it when the publisher opens that dropdown.
import accessListList from './access_list_list.ts';
import grantList from './grant_list.ts';
import productList from './product_list.ts';
import purchaseOptionList from './purchase_option_list.ts';
import userList from './user_list.ts';
import vendorList from './vendor_list.ts';

export default {
  [vendorList.key]: vendorList,
  [productList.key]: productList,
  [accessListList.key]: accessListList,
  [purchaseOptionList.key]: purchaseOptionList,
  [userList.key]: userList,
  [grantList.key]: grantList,
};
