/**
 * One API's reference page: the page `redocly build-docs --inlineBundle` writes — the same Redoc
 * bundle and options, the description embedded — assembled as a string instead of in a CLI
 * process. Redoc renders it in the browser (its `hydrate` renders from scratch when the page holds
 * no server-rendered markup), so the page needs no network and the build needs no renderer.
 */
import type { OpenApiDocument } from '../openapi.ts';
import { escapeHtml, pageStart, scriptJson } from './html.ts';
import type { RedocScript } from './redoc-script.ts';

/** Redoc options, as `openapi:` in redocly.yaml holds them. */
export type RedocOptions = Record<string, unknown>;

export function renderApiPage(document: OpenApiDocument, redoc: RedocScript, options: RedocOptions = {}): string {
  // As the CLI does: the description is bundled already; telemetry is off for good (the pages
  // must not call home, whatever the config says).
  const redocOptions = { ...options, skipBundle: true, disableTelemetry: true };
  const title = `${document.info.title} ${document.info.version}`;
  const generator = `  <meta name="generator" content="checkout-apis docs, Redoc ${escapeHtml(redoc.version)}" />\n`;
  // The script's exact text is hashed into the page's CSP: nothing else inline may run.
  const script = `
${redoc.source}

const __redoc_definition = ${scriptJson(document)};
const __redoc_options = ${scriptJson(redocOptions)};

hydrate(__redoc_definition, __redoc_options, document.getElementById('redoc'));
  `;
  return `${pageStart({ title, inlineScripts: [script], meta: generator })}
    body { padding: 0; margin: 0; }
  </style>
</head>
<body>
  <noscript><p>This reference is drawn by Redoc, which needs JavaScript.</p></noscript>
  <div id="redoc"></div>
  <script type="module">${script}</script>
</body>
</html>
`;
}
