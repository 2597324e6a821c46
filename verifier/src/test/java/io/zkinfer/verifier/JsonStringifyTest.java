package io.zkinfer.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** {@link JsonStringify} against output captured from Node.js 20's {@code JSON.stringify(v, null, 1)}. */
class JsonStringifyTest {

    @Test
    void matchesJavaScriptOnContainersNumbersAndEscapes() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.putArray("a");
        o.putObject("b");
        o.putArray("c").add(m.createArrayNode().add("1").add("2")).add(m.createArrayNode());
        o.put("d", "q\"\\\n\t\u0001\ud800x");
        o.put("e", 5);
        o.putArray("f").addObject();
        // node -e 'console.log(JSON.stringify({a:[], b:{}, c:[["1","2"],[]], d:"q\"\\\n\t\u0001\ud800x",
        //                                      e:5, f:[{}]}, null, 1))'
        String js = "{\n \"a\": [],\n \"b\": {},\n \"c\": [\n  [\n   \"1\",\n   \"2\"\n  ],\n  []\n ],\n"
                + " \"d\": \"q\\\"\\\\\\n\\t\\u0001\\ud800x\",\n \"e\": 5,\n \"f\": [\n  {}\n ]\n}";
        assertEquals(js, JsonStringify.stringify(o));
    }

    @Test
    void topLevelArrayOfStrings() {
        ObjectMapper m = new ObjectMapper();
        assertEquals("[\n \"33\",\n \"3\"\n]", JsonStringify.stringify(m.createArrayNode().add("33").add("3")));
        assertEquals("[]", JsonStringify.stringify(m.createArrayNode()));
    }
}
