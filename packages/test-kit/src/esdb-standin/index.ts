export { startEsdbStandIn, type EsdbStandIn, type EsdbStandInOptions } from './start-esdb-stand-in';
