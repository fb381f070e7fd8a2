export * from './contact-consent';
export * from './current-consent';
export * from './vocabulary';
