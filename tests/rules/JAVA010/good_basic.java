public class ServiceSecurity {
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
        http.csrf().disable().httpBasic();
        return http.build();
    }
}
