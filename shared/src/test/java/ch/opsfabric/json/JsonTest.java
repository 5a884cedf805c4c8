package ch.opsfabric.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void trailingTokensAndDuplicateKeysAreNotJson() {
        for (String text : new String[] {"{\"from\":\"+41795551234\"}xyz", "{\"a\":1} {\"a\":2}", "[1,2] 3",
                "{\"from\":\"+41795551234\",\"from\":\"+41795559999\"}", "{\"x\":{\"a\":1,\"a\":1}}"}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(text), text);
        }
    }

    @Test
    void wellFormedDocumentsStillParseWithTrailingWhitespace() {
        assertEquals(1, Json.parse("{\"a\":1}\n  \r\n").get("a").asInt());
        assertEquals(2, Json.parse(" [1, 2] ").size());
    }
}
