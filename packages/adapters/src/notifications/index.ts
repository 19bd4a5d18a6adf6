export { notificationMigrations } from './notification-migrations';
export { AGENCY_KINDS, NOTIFICATION_KINDS, PROTECTED_PERSON_KINDS, scopeOfKind, type ContactScope, type MailPayload, type NotificationKind } from './notification-kinds';
export { dueNotifications, milestonesOf, NotificationStore, notificationPlanner, type NewContact, type NotificationContact } from './notification-store';
