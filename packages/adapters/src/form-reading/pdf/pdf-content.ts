/**
 * What the PDF worker sends back about a PDF: per page, its size in points, its text items and
 * its form fields, in page coordinates from the top-left corner. Plain data: it crosses threads.
 */
export interface PdfTextItem {
  readonly text: string;
  /** Left, top, right and bottom edges, in points from the page's top-left corner. */
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface PdfFormField {
  /** The field's fully qualified name, e.g. "DV-130[0].Page1[0].CaseNumber[0]". */
  readonly name: string;
  readonly kind: 'text' | 'checkbox' | 'other';
  /** Text for a text field; for a check box, whether it is checked. */
  readonly value: string | boolean;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface PdfPageContent {
  readonly width: number;
  readonly height: number;
  readonly items: readonly PdfTextItem[];
  readonly fields: readonly PdfFormField[];
}

export interface PdfContent {
  readonly pages: readonly PdfPageContent[];
}

export type PdfTaskResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };
