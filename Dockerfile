# Production image of the API (which also serves the built web client).
# Build: docker build -t atergang-api .   (docker-compose.yml does this for you)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npx prisma generate && npx nx run-many -t build -p api web --outputStyle=static

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/prisma.config.ts ./prisma.config.ts
ENV WEB_DIST_DIR=/app/dist/web \
    MIGRATIONS_DIR=/app/prisma/migrations \
    STORAGE_DIR=/data/storage
RUN mkdir -p /data/storage && chown node:node /data/storage
USER node
EXPOSE 3000
CMD ["node", "dist/api/apps/api/src/main.js"]
