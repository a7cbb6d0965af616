# One image for the api and the worker processes; the command picks the role.
# Build stage: dev dependencies (TypeScript) compile everything to dist/ and prebuild the workflow bundle.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Run stage: production dependencies and the compiled code only; no transpiler at run time.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
USER node
EXPOSE 8080 8443
# A larger young generation: the API allocates per request and most of it dies young, so fewer
# objects are promoted and collected again (figures in the README's Benchmarks section).
CMD ["node", "--max-semi-space-size=32", "--enable-source-maps", "dist/api/main.js"]
