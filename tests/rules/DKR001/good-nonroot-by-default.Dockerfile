# Synthetic. Chainguard's nginx and chiseled .NET run as an unprivileged user by default.
FROM cgr.dev/chainguard/wolfi-base:latest AS builder
RUN apk add nodejs npm
COPY . /app
RUN cd /app && npm ci && npm run build

FROM cgr.dev/chainguard/nginx AS server
COPY --from=builder /app/build /usr/share/nginx/html
EXPOSE 8080
