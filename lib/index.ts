export * from './clock';
export * from './runtime';
export * from './definition';
