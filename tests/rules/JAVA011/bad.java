public class SecurityConfig {
    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
            // expect: JAVA011
            .requestMatchers("/api/patients/**", "/login").permitAll()
            // expect: JAVA011
            .requestMatchers(HttpMethod.GET, "/fhir/**").permitAll()
            .anyRequest().authenticated());
        http.authorizeRequests()
            // expect: JAVA011
            .antMatchers("/patient**").permitAll();
        return http.build();
    }
}
