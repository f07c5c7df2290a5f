package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/**
 * A parallel corpus: a folder with {@code train.tsv}, {@code dev.tsv} and {@code test.tsv}, one
 * {@code source<TAB>target} pair per line (UTF-8), and optionally {@code heldout.tsv}, an
 * out-of-domain test set.
 */
@Doc(
    "Translation from a parallel corpus folder holding train.tsv, dev.tsv and test.tsv (source<TAB>target).")
public record TranslationData(
    @Doc("corpus folder, relative to the working directory") @Default("data/gettext-en-fr")
        String corpus,
    @Doc("tokenizer learned on the training split") @Default("{type: bpe}")
        TokenizerConfig tokenizer,
    @Doc("one vocabulary for source and target (needed by model.share_embeddings)") @Default("true")
        boolean sharedVocabulary,
    @Doc(
            "training pairs longer than this many tokens on either side, end token included, are skipped")
        @Default("64")
        @Range(min = 2, max = 100000)
        int maxLength,
    @Doc("length buckets (tokens) that batches are padded to")
        @Default("[8, 12, 16, 20, 24, 32, 40, 48, 64]")
        java.util.List<Integer> buckets,
    @Doc(
            "also test on this many pairs of the corpus folder's heldout.tsv (pairs from packages kept out of training, dev and test; ./ablate data gettext writes it), spread evenly over the file, as test_heldout_<metric>; 0: none")
        @Default("0")
        @Range(min = 0, max = 1000000)
        int heldoutSize,
    @Doc(
            "train on this many pairs of train.tsv (0: all): those whose source has the smallest hash, so the subset does not depend on the seed or the model and each smaller subset lies inside every larger one (for data-size studies); the tokenizer is learned on the subset")
        @Default("0")
        @Range(min = 0, max = 100000000)
        int trainPairs)
    implements DataConfig {}
