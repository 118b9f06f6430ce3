# Runway container image: a drop-in for flyway/flyway.
#
#   docker build -t runway .
#   docker run --rm -v "$PWD/sql:/flyway/sql" \
#     -e FLYWAY_URL=jdbc:postgresql://db:5432/app -e FLYWAY_USER=app \
#     -e FLYWAY_PASSWORD=... runway migrate
#
# Same layout as flyway/flyway: working directory /flyway, so /flyway/sql is
# the default location and /flyway/conf/flyway.toml the default config file;
# FLYWAY_* variables work as they do there. The runtime stage is replayed
# without Docker by scripts/test-image.sh (see docs/deploy.md).

# ---- build: the packages scripts/lib/deps.sh installs for developers -------
FROM debian:bookworm AS build
COPY scripts/lib/deps.sh /tmp/deps.sh
RUN bash -c '. /tmp/deps.sh && ensure_packages $RUNWAY_BUILD_PACKAGES'
WORKDIR /src
COPY . .
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DRUNWAY_TESTS=OFF \
 && cmake --build build --target runway \
 && strip --strip-unneeded build/runway

# ---- runtime: slim Debian, only the shared libraries runway needs ----------
FROM debian:bookworm-slim
COPY deploy/image/runtime-setup.sh /tmp/runtime-setup.sh
RUN sh /tmp/runtime-setup.sh && rm /tmp/runtime-setup.sh
COPY --from=build /src/build/runway /flyway/runway
USER 10001:10001
WORKDIR /flyway
ENTRYPOINT ["runway"]
CMD ["--help"]
