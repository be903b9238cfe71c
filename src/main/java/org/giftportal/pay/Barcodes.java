package org.giftportal.pay;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.quarkus.qute.RawString;
import java.util.Map;

/**
 * A pay code drawn as inline SVG on the server: a QR code (phones' cameras and most scanners) and a Code 128 barcode
 * (the laser scanners of older tills), black on white with their quiet zones, crisp at any size and without any
 * script or outside service. ZXing draws both, and the tests read them back with the same library.
 */
final class Barcodes {
    private Barcodes() {
    }

    static RawString qr(String digits, String label) {
        BitMatrix matrix = encode(() -> new QRCodeWriter().encode(digits, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M)));
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return svg(matrix.getWidth(), matrix.getHeight(), "qr", label, path);
    }

    static RawString code128(String digits, String label) {
        BitMatrix row = encode(() -> new Code128Writer().encode(digits, BarcodeFormat.CODE_128, 0, 0,
                Map.of(EncodeHintType.MARGIN, 10)));
        int height = Math.max(40, row.getWidth() / 4);
        StringBuilder path = new StringBuilder();
        int x = 0;
        while (x < row.getWidth()) {
            if (row.get(x, 0)) {
                int start = x;
                while (x < row.getWidth() && row.get(x, 0)) {
                    x++;
                }
                path.append('M').append(start).append(" 0h").append(x - start).append('v').append(height)
                        .append('h').append(start - x).append('z');
            } else {
                x++;
            }
        }
        return svg(row.getWidth(), height, "code128", label, path);
    }

    private static RawString svg(int width, int height, String kind, String label, StringBuilder path) {
        return new RawString("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"barcode barcode-" + kind
                + "\" viewBox=\"0 0 " + width + " " + height + "\" preserveAspectRatio=\"none\" role=\"img\""
                + " aria-label=\"" + label + "\" shape-rendering=\"crispEdges\"><rect width=\"" + width
                + "\" height=\"" + height + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>");
    }

    private interface Encoding {
        BitMatrix run() throws WriterException;
    }

    private static BitMatrix encode(Encoding encoding) {
        try {
            return encoding.run();
        } catch (WriterException e) {
            throw new IllegalStateException("A pay code could not be drawn", e);
        }
    }
}
