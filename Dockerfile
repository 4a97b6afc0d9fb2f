# fraudgen in a container: the binary alone on Debian 12, run as a non-root user.
#   docker build -t fraudgen:0.1.0 .
#   docker run --rm -v "$PWD/out:/data" fraudgen:0.1.0 generate --size 1GB --seed 42 --output /data/bank
# Built with the repository's own scripts: install-deps.sh --build-only, then build.sh dist. The
# context includes .git, so the binary carries the commit's build id like a local build (the id
# is written into every Parquet file and manifest: same commit, same bytes).

FROM debian:12 AS build
WORKDIR /src
COPY . /src
RUN scripts/install-deps.sh --build-only && scripts/build.sh dist fraudgen

FROM debian:12-slim
# The shared libraries the binary links (libc6, libstdc++6, libgcc-s1 and zlib1g are in the base).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libzstd1 libsnappy1v5 libssl3 libcurl4 librdkafka1 libpq5 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --create-home --shell /usr/sbin/nologin fraudgen
COPY --from=build /src/build-dist/fraudgen /usr/local/bin/fraudgen
USER 10001
WORKDIR /home/fraudgen
ENTRYPOINT ["fraudgen"]
CMD ["--help"]
