// Azurite's published development key and references are not findings.
public static class Storage
{
    public const string Local = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
    public static string Live => Environment.GetEnvironmentVariable("STORAGE_CONNECTION");
    public const string Doc = "AccountKey=<your-account-key>";
}
