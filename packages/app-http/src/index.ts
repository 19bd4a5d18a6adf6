export { decodeConfig, loadConfig, ENV_DOCS, type Config } from './config/config';
export { buildContainer, resolveServices, closeServices } from './composition/container';
export { createApp } from './http/app';
export { startServer, type RunningServer } from './server/start-server';
export { verifyChains } from './audit/verify-chains';
export { replayOrder } from './audit/replay-order';
export { buildProgram, runCli } from './cli/program';
