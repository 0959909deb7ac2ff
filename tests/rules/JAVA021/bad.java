import java.security.MessageDigest;
import org.apache.commons.codec.digest.DigestUtils;
import com.google.common.hash.Hashing;

public class UserService {
    String hashPassword(String raw) throws Exception {
        // expect: JAVA021
        MessageDigest md = MessageDigest.getInstance("MD5");
        return new String(md.digest(raw.getBytes()));
    }

    void register(User user) {
        // expect: JAVA021
        user.setPasswordHash(DigestUtils.md5Hex(user.getPassword()));
    }

    String resetToken(String email) throws Exception {
        // expect: JAVA021
        byte[] token = MessageDigest.getInstance("SHA-1").digest(email.getBytes());
        return hex(token);
    }

    String otp(long counter, String sharedSecret) {
        // expect: JAVA021
        return Hashing.sha1().hashString(sharedSecret + counter, UTF_8).toString();
    }
}
