// A printing agent is handed the site's certificate: a public PEM block, split into strings.
export function certificate(resolve: (pem: string) => void): void {
  resolve(
    "-----BEGIN CERTIFICATE-----\n" +
    "MIID/zCCAuegAwIBAgIUHLAudnma7zysXlSYT2CMFZS5kkYwDQYJKoZIhvcNAQEL\n" +
    "BQAwgY0xCzAJBgNVBAYTAklOMRQwEgYDVQQIDAtNQUhBUkFTSFRSQTEPMA0GA1UE\n" +
    "BwwGTVVNQkFJMRQwEgYDVQQKDAtURVNUQ09NUEFOWTELMAkGA1UECwwCSVQxDDAK\n" +
    "-----END CERTIFICATE-----\n"
  );
}
