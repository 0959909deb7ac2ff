// Synthetic ADO.NET connection string for hms-policy's fixtures.
public static class Db
{
    // expect: SEC101
    public const string Ehr = "Server=tcp:ehr-sql.database.windows.net,1433;Initial Catalog=ehr;User ID=ehr_app;Password=Mj6pT9wQ3zXc;Encrypt=True;";
}
