import javax.net.ssl.*;
import org.apache.http.conn.ssl.NoopHostnameVerifier;

class Client {
    // Never use NoopHostnameVerifier here: we verify against the hospital CA.
    static final String NOTE = "TrustAllStrategy is forbidden";

    SSLContext context() throws Exception {
        return SSLContext.getDefault();
    }

    void build() {
        builder.setSSLHostnameVerifier((host, session) -> host.endsWith(".hospital.org"));
    }
}

class PinningTrustManager implements X509TrustManager {
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        pins.check(chain[0]);
    }
}
