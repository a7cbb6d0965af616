# One image for the api and the worker processes; the command picks the role.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Workers load the workflow bundle built here instead of bundling at start.
RUN npx tsx scripts/build-workflow-bundle.ts
USER node
EXPOSE 8080 8443
# A larger young generation: the API allocates per request and most of it dies young (verify
# against the PK-SELECT baseline: 0.91x -> 1.00x with both at 32 MB semi-spaces; README, Benchmarks).
CMD ["npx", "tsx", "--max-semi-space-size=32", "api/main.ts"]
