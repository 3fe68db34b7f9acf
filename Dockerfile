# Production image of the API (which also serves the built web client). It runs Node.js 20
# (the version the tests run on here; Node 20 is past its upstream end of life: moving to 22
# is a planned change, see README "Toolchain choices").
# Build: docker build -t atergang-api .   (docker-compose.yml does this for you)

# Build with every dependency (Nx, TypeScript, Vite, the test tools).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npx prisma generate && npx nx run-many -t build -p api web --outputStyle=static

# Run with the production dependencies only: no Nx, Vite, Playwright, embedded PostgreSQL
# or test servers in the image. The generated Prisma client comes from the build.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/node_modules/.prisma ./node_modules/.prisma
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/prisma.config.ts ./prisma.config.ts
# Run by the migration job after `prisma migrate deploy` (docker-compose.yml).
COPY --from=build /app/tools/app-database-role.mjs ./tools/app-database-role.mjs
COPY --from=build /app/tools/job-queue-schema.mjs ./tools/job-queue-schema.mjs
ENV WEB_DIST_DIR=/app/dist/web \
    MIGRATIONS_DIR=/app/prisma/migrations \
    STORAGE_DIR=/data/storage
RUN mkdir -p /data/storage /data/audit && chown node:node /data/storage /data/audit
USER node
EXPOSE 3000
CMD ["node", "dist/api/apps/api/src/main.js"]
