// Constants that hold the names of user properties and request parameters, not credentials.
public class AccountConstants {
	public static final String USER_PROPERTY_CHANGE_PASSWORD = "forcePassword";
	public static final String PARAM_NEW_SECRET = "newSecret";
	public static final String GP_PROPERTY_PASSWORD_MIN_LENGTH = "security.passwordMinimumLength";
}
class EncryptedSetting {
    void store(String password) {
        // A literal joined to a computed value is a fragment, not the password.
        password = "ENC(" + encryptor.encrypt(password) + ")";
    }
}
