FROM golang:1.22 AS build
USER builder
RUN go build ./...
# expect: DKR001
FROM debian:12-slim
COPY --from=build /out/app /app
CMD ["/app"]
