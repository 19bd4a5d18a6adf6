/** Basic shape of an e-mail address (the mail server has the last word). */
export const isMailAddress = (s: string): boolean => s.length <= 254 && /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/.test(s);

/** What lists and the delivery log show of a staff address: "m•••@c•••.gov". */
export const staffAddressHint = (address: string): string => {
  const [local = '', domain = ''] = address.split('@');
  const dot = domain.lastIndexOf('.');
  return `${local.slice(0, 1)}•••@${domain.slice(0, 1)}•••${dot >= 0 ? domain.slice(dot) : ''}`;
};

/** A protected person's address is never shown, not even in part. */
export const PROTECTED_PERSON_HINT = 'protected person (address confidential)';
