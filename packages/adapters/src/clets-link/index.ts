export { cletsLinkConfig, cletsLinkConfigFromEnv, defaultCletsLinkConfig, type CletsLinkConfig, type CletsLinkSettings, type CletsTlsConfig } from './clets-link-config';
export { CletsLinkDownError, HEARTBEAT_ID_PREFIX, TcpCletsLink, type CletsLinkStats, type ObservableCletsLink } from './tcp-clets-link';
export { backoffDelay, type BackoffPolicy } from './exponential-backoff';
