export * from './report-filter';
export * from './statistical-report';
export * from './timeliness-report';
export * from './service-report';
export * from './expiring-report';
export * from './rejects-report';
export * from './data-quality-report';
export * from './access-report';
