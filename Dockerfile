# syntax=docker/dockerfile:1
# The one image of the platform (deploy/kubernetes): every subgraph and the gateway, which serves the
# web console built here. Each Deployment chooses its process by its command, e.g.
#   node tools/run-ts.cjs apps/clients/src/main.ts
# The services run their TypeScript through SWC at start (tools/run-ts.cjs), as `npm start` does, so
# the image keeps the development dependencies that do it. It runs as an unprivileged user on a root
# filesystem it cannot write (the Deployments mount it read-only): nothing in /app belongs to that user.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# The dependencies first, in their own layer: rebuilt only when the lock file changes.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
# The web console's production build (what `nx run web:build` runs) into dist/apps/web.
RUN npx vite build --config apps/web/vite.config.mts \
  && rm -rf .nx data tmp infra/tls

FROM node:24-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
# Numeric, so that Kubernetes can check runAsNonRoot against it.
USER 10001:10001
ENV GATEWAY_WEB_DIR=/app/dist/apps/web
EXPOSE 4000 4001 4002 4003 4004 4005 4006
CMD ["node", "tools/run-ts.cjs", "apps/gateway/src/main.ts"]
