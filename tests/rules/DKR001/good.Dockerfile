FROM golang:1.22 AS build
RUN go build ./...
FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/app /app
USER 65532:65532
CMD ["/app"]
