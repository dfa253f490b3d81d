/** The OpenAPI document model lives in ./openapi/; this name stays for the modules that import it. */
export * from './openapi/index.ts';
