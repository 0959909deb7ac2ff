package example;

public final class DatabaseTestUtils {
  /** The password of the Testcontainers database the tests start. */
  public static final String TEST_CONTAINER_DATABASE_PASSWORD = "bf9Dt3stQ2";

  /** The header that carries the partner's key (the key comes from the credential service). */
  public static final String API_KEY = "x-api-key";
}
