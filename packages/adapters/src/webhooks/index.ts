export { WEBHOOK_HEADERS, DEFAULT_TOLERANCE_SECONDS, signWebhook, verifyWebhook, type WebhookVerification } from './webhook-signature';
export { postWebhook, type WebhookRequest } from './webhook-sender';
export { integrationMigrations } from './integration-migrations';
export { IntegrationStore, WEBHOOK_TOPICS, type FeedEntry, type WebhookSubscription, type WebhookTopic } from './integration-store';
export { agenciesOf, integrationPlanner, topicOf, type WebhookPayload } from './integration-planner';
