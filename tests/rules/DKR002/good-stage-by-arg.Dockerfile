# The build stage is picked by a build argument among stages of this file: no registry image.
ARG PLUGIN_VISIBILITY=public
FROM golang:1.22.5-alpine AS init
RUN go mod download

FROM init AS init-public
RUN make plugins-public

FROM init AS init-private
RUN make plugins-private

FROM init-${PLUGIN_VISIBILITY} AS build
RUN make build

FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/app /app
USER 65532
