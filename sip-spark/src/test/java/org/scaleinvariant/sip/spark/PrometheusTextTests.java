package org.scaleinvariant.sip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Merging the timers of many registries gives the text of one registry holding them all. */
class PrometheusTextTests {
  private static PrometheusMeterRegistry registry(MockClock clock) {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
  }

  private static void record(PrometheusMeterRegistry registry, String run, long millis) {
    for (String phase : List.of("nn.forward", "inverse.solve")) {
      Timer.builder("sip.phase").description("time of one phase").tag("phase", phase).tag("run", run)
          .register(registry).record(Duration.ofMillis(millis));
    }
    Timer.builder("sip.iteration").description("time of one iteration").tag("run", run).register(registry)
        .record(Duration.ofMillis(2 * millis));
  }

  @Test
  void mergedScrapesEqualTheScrapeOfOneRegistry() {
    MockClock clock = new MockClock();
    PrometheusMeterRegistry all = registry(clock);
    PrometheusMeterRegistry a = registry(clock);
    PrometheusMeterRegistry b = registry(clock);
    PrometheusMeterRegistry c = registry(clock);
    for (PrometheusMeterRegistry r : List.of(all, b)) {
      record(r, "xi-32-sip-seed1", 3);
    }
    for (PrometheusMeterRegistry r : List.of(all, a)) {
      record(r, "xi-1-adam-seed0", 5);
    }
    for (PrometheusMeterRegistry r : List.of(all, c)) {
      record(r, "xi-1-adam-seed0-x", 7);
    }
    assertEquals(all.scrape(), PrometheusText.merge(List.of(b.scrape(), c.scrape(), a.scrape())));
    assertEquals("", PrometheusText.merge(List.of()));
  }
}
