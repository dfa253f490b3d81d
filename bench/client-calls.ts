/**
 * Child process of bench/client.ts: times one way of calling one API's bench operation (the
 * client, bare openapi-fetch or raw fetch) in a process that runs nothing else, so its code learns
 * only its own object shapes and no other part's heap is collected on its time; prints the timing
 * as JSON.
 */
import { readFileSync } from 'node:fs';
import type { OpenApiDocument } from '../scripts/lib/openapi.ts';
import { loadRegistry } from '../scripts/lib/registry.ts';
import { type CallWay, type ClientPlan, callWays, timeWay } from './client.ts';

const [name, documentFile, way, planJson] = process.argv.slice(2);
if (!name || !documentFile || !way || !planJson) throw new Error('usage: client-calls.ts <api> <openapi.json> <way> <plan json>');
if (!(callWays as readonly string[]).includes(way)) throw new Error(`${way}: expected one of ${callWays.join(', ')}`);
const api = loadRegistry().find((entry) => entry.name === name);
if (!api) throw new Error(`${name}: not an API of redocly.yaml`);
const document = JSON.parse(readFileSync(documentFile, 'utf8')) as OpenApiDocument;
const timing = await timeWay({ api, document }, way as CallWay, JSON.parse(planJson) as ClientPlan);
process.stdout.write(`${JSON.stringify(timing)}\n`);
