package example;

public final class Settings {
  // expect: SEC011
  public static final String ATTESTATION_PASSWORD = "bf9Dt3stQ2";
  // expect: SEC011
  public static final String API_KEY = "x9-Kq2Lm7Zp4Wd";
}
