/** Where an order goes, as the marketplace gives it (the address lines are kept apart). */
export type Recipient = {
  name: string;
  address1: string;
  address2: string | null;
  address3: string | null;
  city: string;
  state: string | null;
  postalCode: string;
  countryCode: string;
  phone: string | null;
};
