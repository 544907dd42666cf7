# TutorPlatform: web app and the `tutor` CLI in one image.
# Built on Ubuntu 24.04 LTS, whose own archive ships the .NET 10 SDK and ASP.NET Core runtime (noble-updates) and
# pocketsphinx 0.8, the API the speech bindings speak (26.04 only has pocketsphinx 5, a different API): the image
# needs nothing beyond the distribution's packages. See docs/decisions/0003-container-images.md.
FROM ubuntu:24.04 AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dotnet-sdk-10.0 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY migrations/ migrations/
COPY wwwroot/ wwwroot/
RUN dotnet publish src/TutorPlatform.Web -c Release -o /app/web \
    && dotnet publish src/TutorPlatform.Cli -c Release -o /app/cli

FROM ubuntu:24.04 AS runtime
# Essays: hunspell, the thesaurus, WordNet, the Snowball stemmer. Speech: pocketsphinx 0.8 (libpocketsphinx.so.3 and
# libsphinxbase.so.3, which it pulls in), its en-us acoustic model, dictionary and language models under
# /usr/share/pocketsphinx/model/en-us (also the essay checker's n-gram model), and ffmpeg to decode uploads and the
# browser's recordings.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends aspnetcore-runtime-10.0 ca-certificates curl \
        libhunspell-1.7-0 hunspell-en-us hunspell-en-gb mythes-en-us wordnet-base libstemmer0d \
        libpocketsphinx3 pocketsphinx-en-us ffmpeg \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /home/tutor tutor
COPY --from=build /app /app
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    DOTNET_NOLOGO=1 \
    PATH="/app/cli:${PATH}"
USER tutor
WORKDIR /app/web
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1
ENTRYPOINT ["dotnet", "/app/web/TutorPlatform.Web.dll"]
