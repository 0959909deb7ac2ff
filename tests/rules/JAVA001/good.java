import javax.net.ssl.*;

class Client {
    // Never use NoopHostnameVerifier here: we verify against the hospital CA.
    SSLContext context() throws Exception {
        return SSLContext.getDefault();
    }
}
