package org.giftportal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The API guide lists every event a receiver can get: a new event type without its row fails here. */
class EventCatalogueTest {

    @Test
    void theApiGuideHasARowForEveryEventType() throws Exception {
        String guide = Files.readString(Path.of("docs", "api.md"));
        String events = guide.substring(guide.indexOf("### Events"), guide.indexOf("### Delivery"));
        for (EventType type : EventType.values()) {
            assertThat(events).as(type.key()).containsPattern("\\| [^\\n]*`" + java.util.regex.Pattern.quote(
                    type.key()) + "`[^\\n]* \\|");
        }
    }
}
