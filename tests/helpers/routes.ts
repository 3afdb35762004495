// The app's routes, read from the Express router itself, so suites that must cover
// every route (the access matrix, the hostile-input properties) follow new features
// without a list to keep up to date.
import type { Express } from 'express';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route as "METHOD /path/:param", in the order the router tries them. */
export function routesOf(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) out.push(`${method.toUpperCase()} ${layer.route.path}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  // Express keeps its router on app.router; its layers are not part of the typed API.
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

/** The names of a route path's parameters, in order (`/a/:planId/b/:year` → planId, year). */
export function paramsOf(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map(([, name]) => name!);
}

/**
 * The path with each `:param` replaced by what `valueOf(name, path)` gives (inserted
 * as is: the caller encodes); a parameter it gives undefined for is left in place.
 */
export function concrete(path: string, valueOf: (name: string, path: string) => string | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (whole, name: string) => valueOf(name, path) ?? whole);
}

/** A matcher for the concrete paths of a route path (`/a/:id` matches `/a/17`). */
export function routePattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z]+)/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}
