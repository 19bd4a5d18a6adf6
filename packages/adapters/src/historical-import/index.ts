export * from './import-mapping';
export * from './map-row';
export * from './read-source-rows';
export * from './import-checkpoint';
export * from './import-history';
