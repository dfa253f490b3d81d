/** Example values a description carries for a media type or a parameter. */
import type { MediaTypeObject, OpenApiDocument, ParameterObject } from './document.ts';
import { resolveRef } from './refs.ts';

/** The examples of a media type, as name → value (a lone `example` is named `default`). */
export function examplesOf(document: OpenApiDocument, media: MediaTypeObject | ParameterObject): Array<[string, unknown]> {
  if (media.examples) {
    return Object.entries(media.examples).map(([name, example]) => [name, resolveRef(document, example).value]);
  }
  return 'example' in media && media.example !== undefined ? [['default', media.example]] : [];
}
