export * from './image-limits';
export * from './media-sniffer';
export * from './inspect-image';
export * from './staged-file';
export * from './fs-durability';
export * from './filesystem-image-store';
export * from './image-store-migrations';
export * from './sql-image-store';
