public class SecurityConfig {
    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
            .requestMatchers("/fhir/metadata", "/fhir/.well-known/**").permitAll()
            .requestMatchers(HttpMethod.OPTIONS, "/api/patients/**").permitAll()
            .requestMatchers("/api/patients/**").hasRole("CLINICIAN")
            .requestMatchers("/login", "/actuator/health", "/patient-portal-assets.css.map.txt.nope").permitAll()
            .anyRequest().authenticated());
        // .requestMatchers("/fhir/**").permitAll()
        return http.build();
    }
}
