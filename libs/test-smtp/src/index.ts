export { TestSmtpServer } from './test-smtp-server';
