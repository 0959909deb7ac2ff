# The published stage is empty scratch holding built jars: nothing runs from it (no CMD,
# ENTRYPOINT or EXPOSE), other images copy the artifacts out with COPY --from.
FROM maven:3.9.6-eclipse-temurin-17 AS compile
WORKDIR /src
COPY . .
RUN mvn -q -DskipTests package

FROM scratch
COPY --from=compile /src/target/*.jar /artifacts/
