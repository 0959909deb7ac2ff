// Synthetic Azure storage keys for hms-policy's fixtures.
public static class Storage
{
    public const string Connection = "DefaultEndpointsProtocol=https;AccountName=ehrimages;" +
        // expect: SEC002
        "AccountKey=HHUQoc2JIWyhbP/K6kmHR36G28y5cEb8Lhg4TlHYIMXD74AFOoiuOZbeUOgBhls2mGVOv1IApfoJObmdeh17KA==;";
}
