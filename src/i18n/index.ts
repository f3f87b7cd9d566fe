export * from './language';
export * from './define';
