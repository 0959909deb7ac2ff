# Hard negative: a scratch image with an entrypoint runs its binary as uid 0.
FROM golang:1.22.2 AS compile
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

# expect: DKR001
FROM scratch
COPY --from=compile /out/server /server
ENTRYPOINT ["/server"]
