package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.run.Assembly;
import org.ablate.training.config.OptimizerConfig;
import org.ablate.training.graph.Optimizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.GraphOperation;
import org.tensorflow.proto.DataType;

/**
 * In {@code training.precision: bfloat16} only matmuls compute in bfloat16: in the whole training
 * graph of a shipped Transformer and ViT (forward, loss, backward, clipping, Adam), the only ops
 * with a bfloat16 output are the casts into the matmuls, the matmuls of the forward and backward
 * passes, and the casts of their gradients. So the weights and the optimizer state (variables), the
 * norms, the softmax and the loss all stay float32.
 */
class MixedPrecisionTest {
  private static final Set<String> BFLOAT16_OPS =
      Set.of("Cast", "MatMul", "BatchMatMulV2", "BatchMatMulV3");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"configs/mt-transformer.yaml", "configs/fashion-vit.yaml"})
  void onlyMatmulsAndTheirCastsComputeInBfloat16(String name) throws Exception {
    Path file = Repo.root().resolve(name);
    List<String> overrides = new ArrayList<>(Repo.testData(file));
    overrides.add("training.precision=bfloat16");
    ExperimentConfig config = Tests.loader().load(List.of(file), overrides);
    try (Assembly assembly = Assembly.build(config, Tests.injection(), null)) {
      assertEquals(DataType.DT_FLOAT, assembly.losses.get(0).loss().asOutput().dataType(), "loss");
      new Optimizer(
              assembly.context,
              assembly.context.parameters(),
              Tests.injection()
                  .registry()
                  .make(OptimizerConfig.SLOT, config.training().optimizer(), null),
              config.training().clipNorm(),
              false,
              0)
          .minimize(assembly.losses.get(0).loss());
      Set<String> offending = new TreeSet<>();
      Set<String> float32Kinds = new TreeSet<>();
      int bfloat16Matmuls = 0;
      int variables = 0;
      for (Iterator<GraphOperation> it = assembly.graph.operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        for (int i = 0; i < op.numOutputs(); i++) {
          DataType type = op.output(i).dataType();
          if (type == DataType.DT_BFLOAT16) {
            if (!BFLOAT16_OPS.contains(op.type()) && !batchMatmulGradientPlumbing(op)) {
              offending.add(op.type() + " " + op.name());
            } else if (op.type().contains("MatMul")) {
              bfloat16Matmuls++;
            }
          } else if (type == DataType.DT_FLOAT) {
            float32Kinds.add(op.type());
          }
        }
        if (op.type().equals("VarHandleOp") || op.type().equals("VariableV2")) {
          variables++;
          DataType dtype = op.attributes().getAttrType("dtype");
          assertTrue(dtype != DataType.DT_BFLOAT16, "variable " + op.name() + " is " + dtype);
        }
      }
      assertTrue(offending.isEmpty(), "ops computing in bfloat16 beyond matmuls: " + offending);
      assertTrue(bfloat16Matmuls > 10, "the graph really has bfloat16 matmuls: " + bfloat16Matmuls);
      assertTrue(variables > 10, "weights and optimizer state found: " + variables);
      for (String kind : List.of("Softmax", "Rsqrt", "Mean")) {
        assertTrue(float32Kinds.contains(kind), kind + " computes in float32: " + float32Kinds);
      }
    }
  }

  /**
   * The {@code Reshape(Sum(BatchMatMul(...)))} with which TensorFlow's batched-matmul gradient
   * undoes broadcasting.
   */
  private static boolean batchMatmulGradientPlumbing(GraphOperation op) {
    if (!op.name().startsWith("gradients")) {
      return false;
    }
    GraphOperation input = op.input(0).op() instanceof GraphOperation g ? g : null;
    if (op.type().equals("Reshape") && input != null && input.type().equals("Sum")) {
      input = input.input(0).op() instanceof GraphOperation g ? g : null;
    } else if (!op.type().equals("Sum")) {
      return false;
    }
    return input != null && input.type().startsWith("BatchMatMul");
  }
}
