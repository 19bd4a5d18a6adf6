export { EXCHANGE_SCHEMA, NIEM_MEDIA_TYPE, NIEM_NAMESPACES, NIEM_SCHEMA_DIR } from './niem-namespaces';
export { XsdValidator, type SchemaViolation } from './xsd-validator';
export { exportProtectionOrder, NiemExportError, type ExportableOrder } from './niem-export';
export { importProtectionOrder, MAX_DOCUMENT_BYTES, type ImportedOrder, type ImportProblem } from './niem-import';
