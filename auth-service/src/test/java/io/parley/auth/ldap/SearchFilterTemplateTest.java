package io.parley.auth.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchFilterTemplateTest {

    @Test
    void libreChatsDefaultFilterGetsItsParentheses() {
        assertThat(new SearchFilterTemplate(LdapProperties.DEFAULT_SEARCH_FILTER).forLogin("ada@example.org"))
                .hasToString("(mail=ada@example.org)");
    }

    @Test
    void filterMetacharactersInTheLoginAreEscapedAsRfc4515Says() {
        SearchFilterTemplate template = new SearchFilterTemplate("(uid={{username}})");

        assertThat(template.forLogin("*")).hasToString("(uid=\\2a)");
        assertThat(template.forLogin(")(uid=*")).hasToString("(uid=\\29\\28uid=\\2a)");
        assertThat(template.forLogin("back\\slash")).hasToString("(uid=back\\5cslash)");
        assertThat(template.forLogin("nul\u0000byte")).hasToString("(uid=nul\\00byte)");
        assertThat(template.forLogin("*)(|(objectClass=*")).hasToString("(uid=\\2a\\29\\28|\\28objectClass=\\2a)");
    }

    @Test
    void anEscapedLoginStaysOneEqualityAssertion() {
        var filter = new SearchFilterTemplate("(uid={{username}})").forLogin("a*)(uid=*");

        assertThat(filter.getFilterType()).isEqualTo(com.unboundid.ldap.sdk.Filter.FILTER_TYPE_EQUALITY);
        assertThat(filter.getAssertionValue()).isEqualTo("a*)(uid=*");
    }

    @Test
    void everyPlaceholderIsReplaced() {
        assertThat(new SearchFilterTemplate("(|(mail={{username}})(uid={{username}}))").forLogin("a*"))
                .hasToString("(|(mail=a\\2a)(uid=a\\2a))");
    }

    @Test
    void aTemplateWithoutThePlaceholderOrNotAFilterStopsStartUp() {
        assertThatThrownBy(() -> new SearchFilterTemplate("(uid=admin)")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{{username}}");
        assertThatThrownBy(() -> new SearchFilterTemplate("(&(uid={{username}})")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not an LDAP filter");
    }
}
