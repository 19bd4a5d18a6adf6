export * from './layouts';
export * from './recognise-form';
export { FormReadingService, type FormReadingSettings, type FormReadingStatus } from './form-reading-service';
export { PdfPool } from './pdf/pdf-pool';
export { OCR_DPI } from './ocr/page-images';
export * from './sample-forms';
