package io.parley.auth.ldap;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when {@code LDAP_URL} and {@code LDAP_USER_SEARCH_BASE} are both set: then LDAP signs people in. */
class LdapConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        return LdapProperties.set(environment.getProperty("parley.auth.sign-in.ldap.url"))
                && LdapProperties.set(environment.getProperty("parley.auth.sign-in.ldap.user-search-base"));
    }
}
