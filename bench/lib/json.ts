import { readFileSync } from 'node:fs';

/** Reads a JSON file the bench itself wrote (or had a tool write); its shape is trusted. */
export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
