# Điển Hình in a container, in the Vapor template's style: a build stage with the Swift toolchain and a slim run
# stage with the binary, Resources/ and Public/. Build: docker build -t dienhinh .
# Run:   docker run -p 8080:8080 -v dienhinh-data:/data dienhinh            (SQLite in the volume)
#        docker run -p 8080:8080 -e DATABASE_URL=postgres://… dienhinh      (PostgreSQL)
#        add -e DIENHINH_DEMO=1 for the Kon Rẫy demo district.

# ================================
# Build image
# ================================
FROM swift:6.2-noble AS build
RUN export DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true \
    && apt-get -q update && apt-get -q dist-upgrade -y \
    && apt-get install -y zlib1g-dev libjpeg-turbo8-dev libpng-dev libjemalloc-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
# Resolve dependencies first, so this layer is cached until Package.swift changes (or the patched LeafKit and SQLKit it
# names by path: Vendor/*/PATCHES.md).
COPY ./Package.* ./
COPY ./Vendor ./Vendor
RUN swift package resolve
COPY . .
RUN mkdir /staging
RUN swift build -c release --product dienhinh --static-swift-stdlib -Xlinker -ljemalloc \
    && cp "$(swift build -c release --show-bin-path)/dienhinh" /staging/ \
    && cp -R ./Resources ./Public /staging/ \
    && find -L "$(swift build -c release --show-bin-path)/" -regex '.*\.resources$' -exec cp -Ra {} /staging/ \;

# ================================
# Run image
# ================================
FROM ubuntu:noble
RUN export DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true \
    && apt-get -q update && apt-get -q dist-upgrade -y \
    && apt-get -q install -y libjemalloc2 ca-certificates tzdata zlib1g libjpeg-turbo8 libpng16-16t64 libxml2 \
    && rm -r /var/lib/apt/lists/*
RUN useradd --user-group --create-home --system --skel /dev/null --home-dir /app dienhinh \
    && mkdir /data && chown dienhinh:dienhinh /data
WORKDIR /app
COPY --from=build --chown=dienhinh:dienhinh /staging /app
# The binary finds Resources/ and Public/ beside itself; the data lives in the volume.
ENV DATABASE_PATH=/data/dienhinh.sqlite TZ=Asia/Ho_Chi_Minh
VOLUME /data
USER dienhinh:dienhinh
EXPOSE 8080
ENTRYPOINT ["./dienhinh"]
CMD ["serve", "--env", "production", "--hostname", "0.0.0.0", "--port", "8080"]
