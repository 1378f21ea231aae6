package org.scaleinvariant.sip.app.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.nn.Activation;
import org.scaleinvariant.sip.nn.DenseNetwork;
import org.scaleinvariant.sip.nn.Initialization;
import org.scaleinvariant.sip.nn.SolverStatistics;
import org.scaleinvariant.sip.nn.TrainingConfig;
import org.scaleinvariant.sip.nn.TrainingResult;

class ModelFileTests {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static TrainingResult trained() {
    DenseNetwork network = DenseNetwork.of(2, List.of(5, 3), 2, Activation.TANH);
    network.initialize(Initialization.XAVIER, new SplittableRandom(7));
    network.setInputStandardization(new double[] {0.1, -0.2}, new double[] {51 / 7.0, 0.3});
    return new TrainingResult("sip", "rotated-sine", Options.of(Map.of("xi", "32", "form", "book")), "sip", "newton",
        "adam", 1e-3, 1, 100, 0.05, 0.2, 0.3, 1, 2, Map.of(), false, null, List.of(), SolverStatistics.NONE,
        Double.NaN, network, TrainingConfig.defaults(), 0);
  }

  @Test
  void aSavedModelPredictsBitForBitAsTheTrainedNetwork(@TempDir Path dir) {
    TrainingResult result = trained();
    Path file = dir.resolve("model.json");
    ModelFile.write(file, result);
    ModelFile.SavedModel model = ModelFile.read(file);
    assertEquals("rotated-sine", model.problem());
    assertEquals(Options.of(Map.of("form", "book", "xi", "32")), model.problemParameters());
    assertArrayEquals(result.network().sizes(), model.network().sizes());
    assertEquals(Activation.TANH, model.network().activation());
    assertArrayEquals(result.network().parameters(), model.network().parameters(), 0);
    double[] input = new SplittableRandom(3).doubles(200, -5, 5).toArray();
    double[] expected = new double[200];
    double[] actual = new double[200];
    result.network().forward(input, expected, 100);
    model.network().forward(input, actual, 100);
    assertArrayEquals(expected, actual, 0);
    assertEquals(0.05, model.training().get("testXDistance").asDouble());
  }

  @Test
  void theChecksumMatchesZlibOnAHandMadeNetwork() {
    // python3: zlib.crc32(struct.pack('>ii', 1, 1) + struct.pack('>dd', 0.5, -2.0)) -> 0xb250524b; with mean 0.25
    // and std 4.0 appended as '>d' each -> 0xafea1d2c
    assertEquals("b250524b", ModelFile.crc(new int[] {1, 1}, new double[] {0.5, -2.0}, null, null));
    assertEquals("afea1d2c", ModelFile.crc(new int[] {1, 1}, new double[] {0.5, -2.0}, new double[] {0.25},
        new double[] {4.0}));
  }

  private static SipException rejected(ObjectNode json) {
    SipException e = assertThrows(SipException.class, () -> ModelFile.fromJson(json, "m.json"));
    assertEquals(ErrorCode.INVALID_FILE, e.code());
    return e;
  }

  @Test
  void changedNumbersAnotherVersionAndWrongSizesAreNamed() {
    ObjectNode changed = ModelFile.toJson(trained());
    ArrayNode theta = (ArrayNode) changed.get("network").get("parameters");
    theta.set(3, theta.get(3).doubleValue() + 1e-12);
    assertEquals("m.json is corrupted: checksum mismatch (CRC32 ",
        rejected(changed).getMessage().substring(0, "m.json is corrupted: checksum mismatch (CRC32 ".length()));

    ObjectNode newer = ModelFile.toJson(trained());
    newer.put("version", 2);
    assertEquals("m.json has model format version 2; this sip reads version 1 (written by a newer sip?)",
        rejected(newer).getMessage());

    ObjectNode shorter = ModelFile.toJson(trained());
    ((ArrayNode) shorter.get("network").get("parameters")).remove(0);
    assertEquals("m.json: network.parameters = \"an array of 40 values\" is not allowed; allowed: an array of 41"
        + " finite numbers", rejected(shorter).getMessage());

    ObjectNode text = ModelFile.toJson(trained());
    ((ArrayNode) text.get("network").get("parameters")).set(7, "x");
    assertEquals("m.json: network.parameters[7] = \"x\" is not allowed; allowed: a finite number",
        rejected(text).getMessage());

    assertEquals("m.json is not a sip model (its \"format\" is not \"sip-model\")",
        rejected(MAPPER.createObjectNode().put("format", "onnx")).getMessage());
  }
}
