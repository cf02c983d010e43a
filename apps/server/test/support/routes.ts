export interface RegisteredRoute {
  method: string;
  /** Fastify's path syntax, e.g. `/api/messages/:id`. */
  path: string;
}

/**
 * Reads `app.printRoutes({ commonPrefix: false })`: every tree line is `<indent><├──|└──> <segment> (<METHODS>)`,
 * where each indent level is four characters and a segment continues its parent's path.
 */
export function parseRouteTree(tree: string): RegisteredRoute[] {
  const stack: string[] = [];
  const routes: RegisteredRoute[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + match[2];
    stack.push(path);
    for (const method of match[3]?.split(',') ?? []) routes.push({ method: method.trim(), path });
  }
  return routes;
}

/** `/api/messages/:id` → `/api/messages/{id}`, as OpenAPI spells it. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
