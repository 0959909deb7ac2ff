import javax.net.ssl.*;
import java.security.cert.X509Certificate;

public class TrustAll implements X509TrustManager {
    public void checkClientTrusted(X509Certificate[] c, String a) {}
    // expect: JAVA001
    public void checkServerTrusted(X509Certificate[] c, String a) {}
    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}

class Client {
    void build() {
        // expect: JAVA001
        HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
        // expect: JAVA001
        builder.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
        TrustManager[] all = { new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {}
            // expect: JAVA001
            public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {
            }
            public X509Certificate[] getAcceptedIssuers() { return null; }
        } };
        HostnameVerifier any = new HostnameVerifier() {
            // expect: JAVA001
            public boolean verify(String h, SSLSession s) { return true; }
        };
        // expect: JAVA001
        SSLContexts.custom().loadTrustMaterial(null, (chain, authType) -> true);
    }
}
