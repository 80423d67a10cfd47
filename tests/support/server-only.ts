// vitest runs server modules outside Next; "server-only" only matters to the client bundler.
export {};
