package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;
import org.ablate.core.config.Validated;

/** The {@code training:} section: budget, batches, optimization, evaluation cadence, selection. */
public record TrainingConfig(
    @Doc("maximum optimizer steps") @Default("3000") @Range(min = 1) int steps,
    @Doc("wall-clock budget in minutes (null: none); training stops at the first budget reached")
        @Default("null")
        @Range(min = 0, max = 525600, exclusiveMin = true)
        Double maxMinutes,
    @Doc("budget in training target tokens, or images for image tasks (null: none)")
        @Default("null")
        @Range(min = 1)
        Long maxUnits,
    @Doc(
            "budget in training FLOPs, e.g. 2.0e14 (null: none): the matmul, einsum and convolution FLOPs of each step, counted from the graph for the batch fed (forward x 3, as ./ablate bench counts them), so a run stops after the same steps on any machine; sweeps that set it for every arm compare the arms at equal compute")
        @Default("null")
        @Range(min = 1e6, max = 1e18)
        Double budgetFlops,
    @Doc("batch size, in sentences/images or target tokens (see batch_unit)")
        @Default("64")
        @Range(min = 1, max = 1000000)
        int batchSize,
    @Doc("unit of batch_size: examples, or tokens (sequence tasks: padded target tokens per batch)")
        @Default("examples")
        BatchUnit batchUnit,
    @Doc("micro-batches whose gradients are summed before each optimizer step")
        @Default("1")
        @Range(min = 1, max = 4096)
        int accumulate,
    @Doc("optimizer: adam or adamw") @Default("{type: adam}") OptimizerConfig optimizer,
    @Doc("learning-rate schedule: constant, inverse_sqrt or cosine") @Default("{type: constant}")
        ScheduleConfig schedule,
    @Doc(
            "what the schedule follows: steps, or budget (the further along of steps and max_minutes, so the decay ends within the wall-clock budget on any machine; needs max_minutes)")
        @Default("steps")
        ScheduleClock scheduleClock,
    @Doc("clip gradients to this global norm (0: no clipping)") @Default("1.0") @Range(min = 0)
        double clipNorm,
    @Doc("label smoothing epsilon of the cross-entropy") @Default("0.1") @Range(min = 0, max = 0.99)
        double labelSmoothing,
    @Doc(
            "decay of an exponential moving average of the weights (Polyak averaging, e.g. 0.999), updated after every step; dev and test evaluation, the kept checkpoints, translate and export then use the averaged weights, and a resumed run continues from the trained ones (0: off)")
        @Default("0")
        @Range(min = 0)
        double emaDecay,
    @Doc("evaluate on the dev split (and checkpoint) every N steps") @Default("500") @Range(min = 1)
        int evalEvery,
    @Doc(
            "also write a checkpoint every N steps between evaluations, to bound the work a crash loses (0: only at evaluations)")
        @Default("0")
        @Range(min = 0)
        int checkpointEvery,
    @Doc("log training loss to TensorBoard and metrics every N steps")
        @Default("50")
        @Range(min = 1)
        int logEvery,
    @Doc(
            "dev metric that selects the best checkpoint and drives early stopping, e.g. dev_loss, dev_bleu,"
                + " dev_accuracy; or last: the newest checkpoint is the one tested and kept (as"
                + " Lightning's ckpt_path=\"last\"; dev metrics are still reported)")
        @Default("dev_loss")
        String selectBy,
    @Doc(
            "when a later checkpoint's select_by is worse than the best so far but within the noise of the dev examples (the paired bootstrap does not find the best significantly better at 5%), select the later one; the best value stays the yardstick (needs per-example dev values: loss, ppl, bleu, chrf or an accuracy; other metrics select the best)")
        @Default("true")
        boolean preferLaterWithinNoise,
    @Doc("evaluations without improvement of select_by before stopping early (0: never)")
        @Default("0")
        @Range(min = 0)
        int patience,
    @Doc(
            "matmul precision: float32; bfloat16 (mixed: float32 weights, optimizer state, norms, softmax and loss); or auto: bfloat16 where the hardware computes it (AVX512_BF16 or AMX, or a GPU of compute capability 8.0), else float32, decided when the run starts and written into the run's config.yaml")
        @Default("float32")
        PrecisionSetting precision,
    @Doc("TensorFlow intra-op threads (0: TensorFlow's default)")
        @Default("0")
        @Range(min = 0, max = 1024)
        int threads,
    @Doc(
            "before building the graph, refuse a model whose weights, gradients, optimizer state and"
                + " activations (a rough estimate) need more memory than the machine has (false: try"
                + " anyway)")
        @Default("true")
        boolean checkMemory)
    implements Validated {

  /** What {@code batch_size} counts. */
  public enum BatchUnit {
    EXAMPLES,
    TOKENS
  }

  @Override
  public void validate(Checks checks) {
    checks.require(
        selectBy.startsWith("dev_") || selectsLast(),
        "select_by",
        checks.path("select_by")
            + "='"
            + selectBy
            + "' must name a dev metric such as dev_loss, dev_accuracy or dev_bleu, or be last"
            + " (keep the newest checkpoint).");
    checks.require(
        !selectsLast() || patience == 0,
        "patience",
        checks.path("patience")
            + "="
            + patience
            + " stops early when a dev metric stops improving, but select_by is last; name a dev"
            + " metric in select_by or set patience to 0.");
    checks.require(
        scheduleClock != ScheduleClock.BUDGET || maxMinutes != null,
        "schedule_clock",
        checks.path("schedule_clock")
            + "=budget anneals the learning rate over the wall-clock budget, but max_minutes is not"
            + " set; set training.max_minutes or use schedule_clock: steps.");
    checks.require(
        emaDecay < 1,
        "ema_decay",
        checks.path("ema_decay")
            + "="
            + emaDecay
            + " would freeze the weight average at its start; use a decay below 1 such as 0.999"
            + " (the average then spans about 1/(1 - decay) steps), or 0 to train without one.");
  }

  /** True when {@code select_by: last}: the newest checkpoint is kept, with no selection on dev. */
  public boolean selectsLast() {
    return selectBy.equals("last");
  }

  /** True when a larger value of the selection metric is better. */
  public boolean higherIsBetter() {
    return !(selectBy.contains("loss") || selectBy.contains("ppl") || selectBy.contains("error"));
  }
}
