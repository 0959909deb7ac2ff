public class LegacySecurity extends WebSecurityConfigurerAdapter {
    @Override
    protected void configure(HttpSecurity http) throws Exception {
        // expect: JAVA010
        http.csrf().disable()
            .authorizeRequests().anyRequest().authenticated()
            .and().formLogin().loginPage("/login")
            .and().rememberMe();
        // expect: JAVA010
        http.csrf(AbstractHttpConfigurer::disable);
    }
}
