import javax.net.ssl.*;

// expect: JAVA001
public class TrustAll implements X509TrustManager {
    public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}
}

class Client {
    void build() {
        // expect: JAVA001
        HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
        // expect: JAVA001
        builder.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
    }
}
