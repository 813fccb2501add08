package dev.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunbookBaseUrlTest {

    @Test
    void aBaseWithItsFinalSlashIsKeptAsItIs() {
        assertThat(RunbookBaseUrl.parse("https://wiki.example.com/sre/runbooks/"))
                .isEqualTo("https://wiki.example.com/sre/runbooks/");
        assertThat(RunbookBaseUrl.parse(MonitoringContext.DEFAULT_RUNBOOK_BASE_URL))
                .isEqualTo(MonitoringContext.DEFAULT_RUNBOOK_BASE_URL);
    }

    @Test
    void aMissingFinalSlashIsAdded() {
        assertThat(RunbookBaseUrl.parse("http://wiki.internal:8080/runbooks"))
                .isEqualTo("http://wiki.internal:8080/runbooks/");
        assertThat(RunbookBaseUrl.parse("https://wiki.example.com"))
                .isEqualTo("https://wiki.example.com/");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "wiki.example.com/runbooks/ | must be an absolute http or https URL",
                "/runbooks/                 | must be an absolute http or https URL",
                "ftp://wiki.example.com/r/  | must be an absolute http or https URL",
                "https://                   | must be an absolute http or https URL",
                "https:///runbooks/         | must name a host",
                "https://bob:secret@wiki.example.com/r/ | must not hold user info",
                "https://wiki.example.com/r?space=SRE | must not have a query or a fragment",
                "https://wiki.example.com/r/#top | must not have a query or a fragment",
                "https://wiki example.com/r/ | must be an absolute http or https URL",
            })
    void anythingAFileNameCannotFollowIsRefusedWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> RunbookBaseUrl.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(reason);
    }
}
