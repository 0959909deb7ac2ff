import java.security.MessageDigest;
import org.apache.commons.codec.digest.DigestUtils;

public class Files {
    // MD5 for a file checksum or an ETag is not a credential
    String checksum(byte[] content) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        return hex(md.digest(content));
    }

    String etag(String body) {
        return DigestUtils.md5Hex(body);
    }

    // the hardened twin: a slow, salted password hash
    String hashPassword(String raw) throws Exception {
        return BCrypt.hashpw(raw, BCrypt.gensalt(12));
    }

    // SHA-256 for a token is fine
    String tokenDigest(String token) throws Exception {
        return hex(MessageDigest.getInstance("SHA-256").digest(token.getBytes()));
    }
    // "MD5" in a string, not a call: String note = "never use MessageDigest.getInstance(\"MD5\") for passwords";
}
