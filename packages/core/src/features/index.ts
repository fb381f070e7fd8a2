export * from './academic-calendar';
export * from './attribute-features';
export * from './lead-features';
