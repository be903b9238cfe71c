package org.giftportal.support;

import java.nio.file.Path;
import java.util.List;

/**
 * A case as the shopper filled in the form, unchecked.
 *
 * @param requestId the form's one-time id: the same form sent twice opens one case
 */
public record NewCase(String topic, String cardCode, String orderNumber, String description, List<Upload> uploads,
        String requestId) {

    /** One uploaded file as the HTTP layer left it on disk: the name the browser sent, its size, where it is. */
    public record Upload(String fileName, long size, Path file) {
        boolean isEmptyField() {
            return size == 0 && (fileName == null || fileName.isBlank());
        }
    }
}
