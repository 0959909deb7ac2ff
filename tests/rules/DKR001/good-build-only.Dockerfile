# A build image: its only stage is named for building and runs nothing (no CMD, ENTRYPOINT or
# EXPOSE); a pipeline copies the compiled bundle out of it.
FROM node:20.11-bookworm AS builder
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build
