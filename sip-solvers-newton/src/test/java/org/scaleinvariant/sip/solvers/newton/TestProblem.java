package org.scaleinvariant.sip.solvers.newton;

import org.scaleinvariant.sip.testkit.SampleWiseProblem;

/**
 * Base of the test problems: the kit's {@link SampleWiseProblem} (subclasses write one sample's
 * value, Jacobian and weighted output Hessian at given offsets), under the name these tests use.
 */
abstract class TestProblem extends SampleWiseProblem {
  TestProblem(String id, int n, int m) {
    super(id, n, m);
  }
}
