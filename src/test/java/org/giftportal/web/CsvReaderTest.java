package org.giftportal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading an uploaded spreadsheet export: quotes, line breaks inside a field, and files too broken to hold. */
class CsvReaderTest {
    @Test
    void aQuotedFieldKeepsItsCommasQuotesAndLineBreaksAndTheNextRecordKnowsItsLine() throws IOException {
        Csv.Reader reader = new Csv.Reader(new StringReader("\uFEFFname,message\r\nRosa,\"Hi, \"\"you\"\"\nbye\"\r\n"
                + "Ann,Thanks\n"));

        assertThat(reader.next().orElseThrow()).isEqualTo(new Csv.Reader.Line(1, List.of("name", "message")));
        assertThat(reader.next().orElseThrow()).isEqualTo(new Csv.Reader.Line(2, List.of("Rosa",
                "Hi, \"you\"\nbye")));
        assertThat(reader.next().orElseThrow()).isEqualTo(new Csv.Reader.Line(4, List.of("Ann", "Thanks")));
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void aQuoteLeftOpenOrAHugeFieldIsAnUnreadableFileNotAnOutOfMemoryError() {
        assertThatThrownBy(() -> new Csv.Reader(new StringReader("a,\"b\nc\n")).next())
                .isInstanceOf(IOException.class).hasMessage("A quote opened on line 1 is never closed");
        String huge = "a,\"" + "x".repeat(Csv.Reader.MAX_FIELD + 1) + "\"\n";
        assertThatThrownBy(() -> new Csv.Reader(new StringReader(huge)).next()).isInstanceOf(IOException.class)
                .hasMessageContaining("longer than 10000 characters");
        String wide = ",".repeat(Csv.Reader.MAX_FIELDS + 1) + "\n";
        assertThatThrownBy(() -> new Csv.Reader(new StringReader(wide)).next()).isInstanceOf(IOException.class)
                .hasMessageContaining("more than 1000 fields");
    }

    @Test
    void aWrittenTextNeverRunsAsAFormulaAndKeepsItsSeparatorsQuotesAndLineBreaks() {
        assertThat(Csv.field("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(Csv.field("+1 555")).isEqualTo("'+1 555");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field("Rosa, the second")).isEqualTo("\"Rosa, the second\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(Csv.field(null)).isEmpty();
    }

    @Test
    void aFileThatIsNotTextInItsEncodingIsSaidSoNotReadAsCsv() {
        java.io.Reader latin1AsUtf8 = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(
                "name\nJos\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                java.nio.charset.StandardCharsets.UTF_8.newDecoder());
        assertThatThrownBy(() -> {
            Csv.Reader reader = new Csv.Reader(latin1AsUtf8);
            while (reader.next().isPresent()) {
                // read it all
            }
        }).isInstanceOf(java.nio.charset.CharacterCodingException.class);
    }
}
