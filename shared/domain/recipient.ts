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

/** The recipient as an address block: name, the address lines that are filled in, city and the rest. */
export function recipientAddress(r: Recipient): { name: string; lines: string[]; city: string; state: string | null; postalCode: string; countryCode: string; phone: string | null } {
  return {
    name: r.name,
    lines: [r.address1, r.address2, r.address3].filter((line): line is string => line !== null && line.trim() !== ''),
    city: r.city,
    state: r.state,
    postalCode: r.postalCode,
    countryCode: r.countryCode,
    phone: r.phone,
  };
}
