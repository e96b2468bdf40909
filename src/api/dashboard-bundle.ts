import { join } from 'node:path';

/** The browser entry point of the dashboard, inside its directory (src/dashboard/). */
const ENTRY = 'main.ts';
/** The bundle's name beside the dashboard's static files in a build (dist/src/dashboard/). */
export const BUNDLE_FILE = 'app.js';

/**
 * The dashboard's browser code as one script: its modules bundled by esbuild (already Chime's
 * build tool), for browsers of the last few years. `bin/build.js` calls this once per build and
 * writes the result beside the dashboard's static files; a server running from the TypeScript
 * sources calls it at its first page view instead, so both serve the code in the checkout.
 */
export async function bundleDashboard(dashboardDir: string): Promise<string> {
  // Loaded here, not with the server: a build in dist/ serves the bundle it made and never
  // needs esbuild, which takes tens of ms to load.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(dashboardDir, ENTRY)],
    bundle: true,
    write: false,
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    legalComments: 'none',
    // The browser code's own settings: DOM types, no Node.
    tsconfig: join(dashboardDir, 'tsconfig.json'),
    outfile: BUNDLE_FILE,
    logLevel: 'silent',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no dashboard bundle');
  return out.text;
}
