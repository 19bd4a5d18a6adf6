import { type CodeTable } from '../dictionary/dictionary-codec';
import { NIEM_NCIC_2000, NIEM_NCIC_501 } from './sources';

// Values and meanings are copied verbatim from the NIEM NCIC schemas (sources.ts; docs/carpos-and-ncic.md).

export const sexTable: CodeTable = {
  name: 'Sex (SEX, PSX, SOV)',
  verified: true,
  source: NIEM_NCIC_501,
  values: [
    { code: 'F', meaning: 'FEMALE' },
    { code: 'M', meaning: 'MALE' },
    { code: 'U', meaning: 'UNKNOWN', note: `NCIC 2000 allowed U only for unidentified persons ("UNKNOWN - FOR UNIDENTIFIED ONLY", ${NIEM_NCIC_2000})` },
  ],
};

export const raceTable: CodeTable = {
  name: 'Race (RAC, PPR, PIR)',
  verified: true,
  source: NIEM_NCIC_501,
  note: 'Whether CARPOS takes NCIC race codes or the longer California list is open: to confirm with DOJ [U]',
  values: [
    { code: 'A', meaning: 'ASIAN' },
    { code: 'B', meaning: 'BLACK' },
    { code: 'H', meaning: 'HISPANIC OR LATINO', note: 'added in NIEM NCIC 5.0.1' },
    { code: 'I', meaning: 'AMERICAN INDIAN' },
    { code: 'P', meaning: 'NATIVE HAWAIIAN OR OTHER PACIFIC ISLANDER', note: 'added in NIEM NCIC 5.0.1' },
    { code: 'U', meaning: 'UNKNOWN' },
    { code: 'W', meaning: 'WHITE' },
  ],
};

export const ethnicityTable: CodeTable = {
  name: 'Ethnicity (ETN, PIE)',
  verified: true,
  source: NIEM_NCIC_501,
  values: [
    { code: 'H', meaning: 'HISPANIC OR LATINO' },
    { code: 'N', meaning: 'NON-HISPANIC OR NOT LATINO' },
  ],
};

export const eyeTable: CodeTable = {
  name: 'Eye colour (EYE, PEY)',
  verified: true,
  source: NIEM_NCIC_501,
  values: [
    { code: 'BLK', meaning: 'BLACK' },
    { code: 'BLU', meaning: 'BLUE' },
    { code: 'BRO', meaning: 'BROWN' },
    { code: 'GRN', meaning: 'GREEN' },
    { code: 'GRY', meaning: 'GRAY' },
    { code: 'HAZ', meaning: 'HAZEL' },
    { code: 'MAR', meaning: 'MAROON' },
    { code: 'MUL', meaning: 'MULTICOLORED' },
    { code: 'PNK', meaning: 'PINK' },
    { code: 'XXX', meaning: 'UNKNOWN' },
  ],
};

export const hairTable: CodeTable = {
  name: 'Hair colour (HAI, PHA)',
  verified: true,
  source: NIEM_NCIC_501,
  values: [
    { code: 'BLD', meaning: 'BALD', note: 'NCIC 5.0.1 only; NCIC 2000 coded baldness as XXX' },
    { code: 'BLK', meaning: 'BLACK' },
    { code: 'BLN', meaning: 'BLOND OR STRAWBERRY' },
    { code: 'BLU', meaning: 'BLUE' },
    { code: 'BRO', meaning: 'BROWN' },
    { code: 'GRN', meaning: 'GREEN' },
    { code: 'GRY', meaning: 'GRAY OR PARTIALLY GRAY' },
    { code: 'ONG', meaning: 'ORANGE' },
    { code: 'PLE', meaning: 'PURPLE' },
    { code: 'PNK', meaning: 'PINK' },
    { code: 'RED', meaning: 'RED OR AUBURN' },
    { code: 'SDY', meaning: 'SANDY' },
    { code: 'WHI', meaning: 'WHITE' },
    { code: 'XXX', meaning: 'UNKNOWN OR COMPLETELY BALD' },
  ],
};

export const skinTable: CodeTable = {
  name: 'Skin tone (SKN, PSK)',
  verified: true,
  source: NIEM_NCIC_501,
  values: [
    { code: 'ALB', meaning: 'ALBINO' },
    { code: 'BLK', meaning: 'BLACK' },
    { code: 'DBR', meaning: 'DARK BROWN' },
    { code: 'DRK', meaning: 'DARK' },
    { code: 'FAR', meaning: 'FAIR' },
    { code: 'LBR', meaning: 'LIGHT BROWN' },
    { code: 'LGT', meaning: 'LIGHT' },
    { code: 'MBR', meaning: 'MEDIUM BROWN' },
    { code: 'MED', meaning: 'MEDIUM' },
    { code: 'OLV', meaning: 'OLIVE' },
    { code: 'RUD', meaning: 'RUDDY' },
    { code: 'SAL', meaning: 'SALLOW' },
    { code: 'YEL', meaning: 'YELLOW' },
  ],
};
