// OCPP 1.6J: messages (zod), enumerations, complex types, the action map, frames and error codes.
export * from './enums';
export * from './types';
export * from './primitives';
export * from './messages';
export * from './actions';
export * from './frames';
export * from './redact';
