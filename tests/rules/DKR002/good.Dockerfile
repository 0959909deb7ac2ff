ARG GO_VERSION=1.22
FROM golang:${GO_VERSION} AS build
RUN go build -o /out/app ./cmd/app

FROM build AS test
RUN go test ./...

FROM --platform=$BUILDPLATFORM ${UNKNOWN_BASE} AS other

FROM scratch
COPY --from=build /out/app /app
COPY --from=0 /etc/passwd /etc/passwd
COPY --from=gcr.io/distroless/static@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945 /etc/ssl /etc/ssl
USER 65532
