package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.ProviderRegistry;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverRegistry;
import org.scaleinvariant.sip.nn.Trainer;

class RunsTests {
  /** A problem provider whose {@code create} returns the given problem or throws. */
  private static ProblemProvider provider(String id, RuntimeException failure) {
    return new ProblemProvider() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String description() {
        return "a broken plugin";
      }

      @Override
      public List<ParameterSpec> parameters() {
        return List.of();
      }

      @Override
      public Problem create(Options options) {
        if (failure != null) {
          throw failure;
        }
        return null;
      }
    };
  }

  private static Runs runs(ProblemProvider... providers) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    return new Runs(new ProviderRegistry<>("problem", List.of(providers)), new SolverRegistry(List.of()),
        new Trainer(metrics), new org.scaleinvariant.sip.nn.RolloutTrainer(metrics), metrics);
  }

  @Test
  void aProviderThatThrowsOrReturnsNothingIsAOneLineContractError() {
    Runs runs = runs(provider("throws", new IllegalStateException("no license")), provider("empty", null),
        provider("refuses", new SipException(ErrorCode.INVALID_ARGUMENT, "xi = -1 is not allowed")));
    SipException thrown = assertThrows(SipException.class, () -> runs.problem("throws", Options.empty()));
    assertEquals(ErrorCode.PROVIDER_CONTRACT, thrown.code());
    assertTrue(thrown.getMessage().startsWith("problem provider 'throws' ("), thrown.getMessage());
    assertTrue(thrown.getMessage().endsWith(") failed: IllegalStateException: no license"), thrown.getMessage());
    SipException empty = assertThrows(SipException.class, () -> runs.problem("EMPTY", Options.empty()));
    assertTrue(empty.getMessage().endsWith(") returned no problem; allowed: a problem or a SipException"),
        empty.getMessage());
    assertEquals(ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> runs.problem("refuses", Options.empty())).code(),
        "a provider's own one-line error passes through");
  }
}
