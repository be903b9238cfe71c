package org.giftportal.support;

import java.util.List;

/** A case as the shopper filled in the form, unchecked. */
public record NewCase(String topic, String cardCode, String orderNumber, String description, List<Upload> uploads) {

    /**
     * One uploaded file: the name the browser sent, its size, and its bytes (left unread, null, when it is larger
     * than an attachment may be).
     */
    public record Upload(String fileName, long size, byte[] content) {
        boolean isEmptyField() {
            return size == 0 && (fileName == null || fileName.isBlank());
        }
    }
}
