package io.zkinfer.circuits.compile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VisibilityOptionsTest {

    @Test
    void parsesIgnoringCaseAndNamesTheChoicesOtherwise() {
        assertEquals(Visibility.HASHED, Visibility.parse("Hashed"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Visibility.parse("secret"));
        assertEquals("unknown visibility 'secret'; choose one of public, private, hashed, fixed", e.getMessage());
    }

    @Test
    void eachRoleTakesOnlyItsOwnVisibilities() {
        assertEquals("input public, output public, weights fixed", VisibilityOptions.DEFAULT.toString());
        new VisibilityOptions(Visibility.HASHED, Visibility.HASHED, Visibility.HASHED);
        String input = assertThrows(IllegalArgumentException.class,
                () -> new VisibilityOptions(Visibility.FIXED, Visibility.PUBLIC, Visibility.FIXED)).getMessage();
        assertEquals("the input cannot be 'fixed'; choose one of public, private, hashed", input);
        String output = assertThrows(IllegalArgumentException.class,
                () -> new VisibilityOptions(Visibility.PUBLIC, Visibility.PRIVATE, Visibility.FIXED)).getMessage();
        assertTrue(output.startsWith("the output cannot be 'private'"), output);
        String weights = assertThrows(IllegalArgumentException.class,
                () -> new VisibilityOptions(Visibility.PUBLIC, Visibility.PUBLIC, Visibility.PUBLIC)).getMessage();
        assertEquals("the weights cannot be 'public'; choose one of hashed, fixed", weights);
    }
}
