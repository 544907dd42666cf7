# TutorPlatform: web app and the `tutor` CLI in one image.
# Built on Ubuntu 26.04, whose own archive ships the .NET 10 SDK and ASP.NET Core runtime, so the image needs
# nothing beyond the distribution's packages.
FROM ubuntu:26.04 AS build
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

FROM ubuntu:26.04 AS runtime
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends aspnetcore-runtime-10.0 ca-certificates curl \
        libhunspell-1.7-0 hunspell-en-us hunspell-en-gb mythes-en-us wordnet-base libstemmer0d \
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
