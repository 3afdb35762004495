# Production image: the same build as `npm start`, without the dev tooling.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# At most two glibc malloc arenas: memory a thread frees (the migration thread, Prisma's
# schema engine, src/db/migrate.ts; zlib and file work on libuv's threads) goes back to
# the process instead of staying in the thread's own arena. RSS at ready -28 MB (docs/PERFORMANCE.md).
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/views ./views
COPY --from=build /app/public ./public
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/src/i18n/locales ./src/i18n/locales
USER node
EXPOSE 3000
CMD ["node", "dist/src/server.js"]
