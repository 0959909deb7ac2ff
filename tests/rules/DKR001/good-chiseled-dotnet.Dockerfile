# Synthetic. Chiseled .NET images run as the `app` user.
FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled
COPY publish/ /app
ENTRYPOINT ["dotnet", "/app/Records.Api.dll"]
