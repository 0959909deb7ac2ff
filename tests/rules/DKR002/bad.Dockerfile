ARG BASE=node:latest
# expect: DKR002
FROM golang AS build
RUN go build -o /out/app ./cmd/app

# expect: DKR002
FROM ${BASE} AS assets
RUN npm ci

# expect: DKR002
FROM registry.local:5000/hms/runtime
COPY --from=build /out/app /app
# expect: DKR002
COPY --from=alpine:latest /etc/ssl/certs /etc/ssl/certs
