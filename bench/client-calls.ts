/**
 * Child process of bench/client.ts: times one API's calls (client, bare openapi-fetch, raw fetch)
 * in a process that holds nothing else, so no other part's heap is collected on their time; prints
 * the timings as JSON.
 */
import { readFileSync } from 'node:fs';
import type { OpenApiDocument } from '../scripts/lib/openapi.ts';
import { loadRegistry } from '../scripts/lib/registry.ts';
import { type ClientPlan, timeCalls } from './client.ts';

const [name, documentFile, planJson] = process.argv.slice(2);
if (!name || !documentFile || !planJson) throw new Error('usage: client-calls.ts <api> <openapi.json> <plan json>');
const api = loadRegistry().find((entry) => entry.name === name);
if (!api) throw new Error(`${name}: not an API of redocly.yaml`);
const document = JSON.parse(readFileSync(documentFile, 'utf8')) as OpenApiDocument;
const timings = await timeCalls({ api, document }, JSON.parse(planJson) as ClientPlan);
process.stdout.write(`${JSON.stringify(timings)}\n`);
