import type { FormRegion, ReadField } from '@ccpor/domain';
import type { FormLayout } from '../layouts';

/** The form number itself, as a field of the reading: recognising it is how the layout was chosen. */
export const formNumberField = (layout: FormLayout, confidence: number, where?: FormRegion): ReadField => ({
  key: 'form',
  fills: 'form',
  label: 'Form number',
  value: layout.form,
  confidence,
  // The footer, where the number is printed on every page, when the reader cannot say more precisely.
  where: where ?? { page: 1, x: 0, y: 0.94, width: 1, height: 0.06 },
});
