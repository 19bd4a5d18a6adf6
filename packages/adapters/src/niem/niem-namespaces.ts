import path from 'node:path';

/** The namespaces of the protection-order exchange (NIEM 5.2 and the registry's extension). */
export const NIEM_NAMESPACES = {
  ccpor: 'urn:ccpor:niem:protection-order-exchange:1.0',
  j: 'http://release.niem.gov/niem/domains/jxdm/7.2/',
  nc: 'http://release.niem.gov/niem/niem-core/5.0/',
  ncic: 'http://release.niem.gov/niem/codes/ncic/5.2/',
  'niem-xs': 'http://release.niem.gov/niem/proxy/niem-xs/5.0/',
  structures: 'http://release.niem.gov/niem/structures/5.0/',
  unece: 'http://release.niem.gov/niem/codes/unece_rec20/5.0/',
} as const;

/** The schema set kept in the package (`niem/xsd`, see its README for origin and license). */
export const NIEM_SCHEMA_DIR = path.resolve(__dirname, '../../niem/xsd');

/** The exchange's own schema; it imports every NIEM subset schema it needs. */
export const EXCHANGE_SCHEMA = path.join(NIEM_SCHEMA_DIR, 'extension/ccpor-protection-order.xsd');

export const NIEM_MEDIA_TYPE = 'application/xml';
