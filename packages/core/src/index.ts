export * from './access/permissions';
export * from './access/sign-in-lockout';
export * from './contact/disposable-email';
export * from './contact/normalize-email';
export * from './contact/normalize-phone';
export * from './crm/person-input';
export * from './crm/stage-change';
export * from './crm/vocabulary';
