/** Test-only support shared by the test suites of every module (through the algebra test-jar). */
package io.zkinfer.algebra.testing;
