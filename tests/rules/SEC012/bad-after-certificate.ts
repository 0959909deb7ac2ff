// The certificate is public; the signing secret after its END line is not.
export const trust = {
  certificate:
    "-----BEGIN CERTIFICATE-----\n" +
    "MIIBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n" +
    "-----END CERTIFICATE-----\n",
  // expect: SEC012
  hmac: "rmfN4eUqlLP1wzqUIvG9LRo7jsCYUlYbHp6VHWVn",
};
