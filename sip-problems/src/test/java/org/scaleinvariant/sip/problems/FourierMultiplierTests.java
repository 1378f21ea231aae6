package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scaleinvariant.sip.problems.Close.assertAllClose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/** The spectral multiplier against a direct (slow, FFT-free) evaluation, and its contract. */
class FourierMultiplierTests {
  /** A multiplier with structure at every frequency: cos(‖k‖²)·exp(−‖k‖²/50) + 0.1. */
  private static final DoubleUnaryOperator SYMBOL = k2 -> Math.cos(k2) * Math.exp(-k2 / 50) + 0.1;

  static LongStream seeds() {
    return LongStream.range(0, 40);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void applyEqualsTheDirectSumOfTheInverseDft(long seed) {
    // 1-D N ∈ {8, 16, 32} and 2-D N ∈ {8, 16}; x uniform in [−1, 1). The direct sum is O(n²) with
    // cosines; both agree to 1e-12 (values are O(1)).
    SplittableRandom random = new SplittableRandom(seed);
    int dimensions = random.nextBoolean() ? 1 : 2;
    int size = dimensions == 1 ? 8 << random.nextInt(3) : 8 << random.nextInt(2);
    FourierMultiplier multiplier = FourierMultiplier.radial(dimensions, size, SYMBOL);
    double[] x = new double[multiplier.points()];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble(-1, 1);
    }
    double[] y = new double[x.length];
    multiplier.apply(x, y, 1);
    assertAllClose(Grids.slowMultiply(dimensions, size, SYMBOL, x), y, 1e-12, 0, "d=" + dimensions + " N=" + size);
  }

  @Test
  void frequenciesAreInDftOrderWithTheNyquistFrequencyNegative() {
    FourierMultiplier oneD = FourierMultiplier.radial(1, 8, k2 -> k2);
    double[] expected = {0, 1, 4, 9, 16, 9, 4, 1};
    for (int j = 0; j < 8; j++) {
      assertEquals(expected[j], oneD.value(j));
      assertEquals(expected[j], oneD.squaredWavenumber(j));
    }
    FourierMultiplier twoD = FourierMultiplier.radial(2, 8, k2 -> k2);
    // index (j0, j1) = (3, 5) is k = (3, −3); (4, 4) is (−4, −4), the corner.
    assertEquals(18, twoD.value(3 * 8 + 5));
    assertEquals(32, twoD.value(4 * 8 + 4));
    assertEquals(32, twoD.maxAbs());
  }

  @ParameterizedTest(name = "dimensions={0}")
  @CsvSource({"1, 16", "2, 8"})
  void matrixIsSymmetricCirculantAndEqualsTheColumnsOfApply(int dimensions, int size) {
    FourierMultiplier multiplier = FourierMultiplier.radial(dimensions, size, SYMBOL);
    int n = multiplier.points();
    double[] matrix = new double[3 + n * n];
    multiplier.matrix(matrix, 3);
    double[] unit = new double[n];
    double[] column = new double[n];
    for (int j = 0; j < n; j++) {
      unit[j] = 1;
      multiplier.apply(unit, column, 1);
      unit[j] = 0;
      for (int i = 0; i < n; i++) {
        assertEquals(column[i], matrix[3 + i * n + j], 1e-15, "entry (" + i + ", " + j + ")");
        assertEquals(matrix[3 + i * n + j], matrix[3 + j * n + i], "symmetric at (" + i + ", " + j + ")");
      }
    }
    // Row 0 of a symmetric circulant matrix is its first column, the impulse response.
    assertArrayEquals(Arrays.copyOfRange(matrix, 3, 3 + n), multiplier.impulseResponse());
  }

  @Test
  void inPlaceOffsetsAndBatchesAgreeBitForBit() {
    FourierMultiplier multiplier = FourierMultiplier.radial(2, 16, SYMBOL);
    int n = multiplier.points();
    double[] x = Grids.whiteNoise(new SplittableRandom(3), 3 * n, 1);
    double[] batch = new double[3 * n];
    multiplier.apply(x, batch, 3);
    double[] inPlace = x.clone();
    multiplier.apply(inPlace, inPlace, 3);
    assertArrayEquals(batch, inPlace);
    double[] shifted = new double[5 + n];
    multiplier.apply(x, n, shifted, 5);
    assertArrayEquals(Arrays.copyOfRange(batch, n, 2 * n), Arrays.copyOfRange(shifted, 5, 5 + n));
  }

  @Test
  void mapComposesInFourierSpace() {
    // M·(1/M)·x = x for a multiplier without zeros: the values are inverted exactly per frequency.
    FourierMultiplier multiplier = FourierMultiplier.radial(2, 16, k2 -> Math.exp(-k2 / 40));
    FourierMultiplier inverse = multiplier.map(m -> 1 / m);
    double[] x = Grids.whiteNoise(new SplittableRandom(5), multiplier.points(), 1);
    double[] y = new double[x.length];
    multiplier.apply(x, y, 1);
    inverse.apply(y, y, 1);
    assertAllClose(x, y, 1e-11, 0, "1/M after M");
    assertEquals(Math.exp(128 / 40.0), inverse.maxAbs(), 1e-12);
  }

  @Test
  void theSpectralNormBoundsTheOutput() {
    FourierMultiplier multiplier = FourierMultiplier.radial(2, 32, SYMBOL);
    SplittableRandom random = new SplittableRandom(9);
    for (int trial = 0; trial < 20; trial++) {
      double[] x = Grids.whiteNoise(random, multiplier.points(), 1);
      double[] y = new double[x.length];
      multiplier.apply(x, y, 1);
      double ratio = Grids.norm(y, 0, y.length) / Grids.norm(x, 0, x.length);
      assertTrue(ratio <= multiplier.maxAbs() * (1 + 1e-12), "‖Mx‖/‖x‖ = " + ratio);
    }
  }

  @Test
  void twoThreadsSharingOneOperatorGetTheSameResults() throws Exception {
    FourierMultiplier multiplier = FourierMultiplier.radial(2, 32, SYMBOL);
    int n = multiplier.points();
    double[] x = Grids.whiteNoise(new SplittableRandom(11), 4 * n, 1);
    double[] expected = new double[4 * n];
    multiplier.apply(x, expected, 4);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        results.add(
            pool.submit(
                () -> {
                  double[] y = new double[4 * n];
                  boolean same = true;
                  for (int i = 0; i < 100; i++) {
                    multiplier.apply(x, y, 4);
                    same &= Arrays.equals(expected, y);
                  }
                  return same;
                }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get(), "a thread saw a different result");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void applyAllocatesNothingAfterWarmUp() throws Exception {
    FourierMultiplier multiplier = FourierMultiplier.radial(2, 32, SYMBOL);
    int n = multiplier.points();
    double[] x = Grids.whiteNoise(new SplittableRandom(13), 8 * n, 1);
    double[] y = new double[8 * n];
    for (int i = 0; i < 50; i++) {
      multiplier.apply(x, y, 8);
    }
    long bytes =
        Grids.allocatedBytes(
            () -> {
              for (int i = 0; i < 50; i++) {
                multiplier.apply(x, y, 8);
              }
            });
    assertTrue(bytes < 1024, "allocated " + bytes + " bytes in 50 batches of 8 samples");
  }

  @Test
  void invalidGridsAndValuesAreRejectedAsInvalidArgument() {
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> FourierMultiplier.radial(3, 8, SYMBOL));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> FourierMultiplier.radial(0, 8, SYMBOL));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> FourierMultiplier.radial(1, 12, SYMBOL));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> FourierMultiplier.radial(1, 1, SYMBOL));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> FourierMultiplier.radial(2, 256, SYMBOL));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> FourierMultiplier.radial(1, 1 << 15, SYMBOL));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> FourierMultiplier.radial(1, 8, k2 -> 1 / k2));
    FourierMultiplier ok = FourierMultiplier.radial(1, 8, SYMBOL);
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> ok.map(m -> Double.NaN));
    // The largest grids are allowed.
    assertEquals(128 * 128, FourierMultiplier.radial(2, 128, SYMBOL).points());
    assertEquals(1 << 14, FourierMultiplier.radial(1, 1 << 14, SYMBOL).points());
  }

  @Test
  void shortArraysAreRejectedAsShapeMismatch() {
    FourierMultiplier multiplier = FourierMultiplier.radial(2, 8, SYMBOL);
    assertCode(ErrorCode.SHAPE_MISMATCH, () -> multiplier.apply(new double[64], new double[127], 2));
    assertCode(ErrorCode.SHAPE_MISMATCH, () -> multiplier.apply(new double[127], new double[128], 2));
    assertCode(ErrorCode.SHAPE_MISMATCH, () -> multiplier.apply(new double[64], 1, new double[64], 0));
    assertCode(ErrorCode.SHAPE_MISMATCH, () -> multiplier.apply(new double[64], -1, new double[64], 0));
    assertCode(ErrorCode.SHAPE_MISMATCH, () -> multiplier.matrix(new double[64 * 64], 1));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> multiplier.apply(new double[64], new double[64], 0));
  }

  private static void assertCode(ErrorCode code, org.junit.jupiter.api.function.Executable call) {
    SipException e = assertThrows(SipException.class, call);
    assertEquals(code, e.code(), e.getMessage());
  }
}
