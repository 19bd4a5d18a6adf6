export { SmtpMail, withoutAddresses, type SmtpMailOptions } from './smtp-mail';
