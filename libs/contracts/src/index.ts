export * from './access-log';
export * from './auth';
export * from './common';
export * from './consents';
export * from './enums';
export * from './permissions';
export * from './plan';
export * from './workspaces';
