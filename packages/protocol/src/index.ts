export * from './errors.js';
export * from './limits.js';
export * from './rest/account.js';
export * from './rest/health.js';
export * from './rest/password-reset.js';
export * from './rest/session.js';
