package org.giftportal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The API guide lists every event a receiver can get, and shows its data by example: a new event type without its rows
 * fails here, and every example is JSON a receiver could parse.
 */
class EventCatalogueTest {

    @Test
    void theApiGuideHasARowForEveryEventType() throws Exception {
        String guide = Files.readString(Path.of("docs", "api.md"));
        String events = guide.substring(guide.indexOf("### Events"), guide.indexOf("### Delivery"));
        for (EventType type : EventType.values()) {
            java.util.regex.Matcher rows = java.util.regex.Pattern.compile("(?m)^\\| [^|\\n]*`" + java.util.regex
                    .Pattern.quote(type.key()) + "`[^|\\n]*\\|").matcher(events);
            assertThat(rows.results().count()).as("rows naming %s: when, and its data by example", type.key())
                    .isEqualTo(2);
        }
        java.util.regex.Matcher examples = java.util.regex.Pattern.compile("`(\\{\"[^`]*\\})`").matcher(events);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int parsed = 0;
        while (examples.find()) {
            assertThat(json.readTree(examples.group(1)).isObject()).isTrue();
            parsed++;
        }
        assertThat(parsed).isGreaterThanOrEqualTo(14);
    }
}
