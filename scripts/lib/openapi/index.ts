/**
 * One model of an OpenAPI document: its types, JSON pointers, `$ref` resolution, what a schema
 * allows, operations and examples. Every tool reads descriptions through these helpers.
 */
export * from './document.ts';
export * from './examples.ts';
export * from './operations.ts';
export * from './pointer.ts';
export * from './refs.ts';
export * from './schema-pointers.ts';
export * from './schema.ts';
/** The name the node-at-pointer helper had before this folder existed; other branches still use it. */
export { nodeAt as nodeAtPointer } from './pointer.ts';
