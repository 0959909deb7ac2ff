# Named builder, but it serves: a container runs from it as root.
# expect: DKR001
FROM node:20.11-bookworm AS builder
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile && yarn build
EXPOSE 3000
CMD ["node", "dist/server.js"]
