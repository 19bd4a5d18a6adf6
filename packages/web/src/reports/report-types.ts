import type { paths } from '../api/schema.gen';

/** A report as the registry answers it (every report has the same shape; the statistical one names it). */
export type ReportDocument = paths['/api/v1/reports/statistical']['get']['responses'][200]['content']['application/json'];
export type ReportTable = ReportDocument['tables'][number];
